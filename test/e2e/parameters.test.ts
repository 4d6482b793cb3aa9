import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';
import { readXml, xmlReadingOf } from '../support/xml';

/**
 * Every parameter of GET /v1.1/points/isredeemable changes the answer the way the README
 * says, over HTTP against the local service on the demo seed. One org is added next to the demo
 * orgs (unchanged) for what the demo data cannot show: point values of 0.1 and 10 decimals, and
 * codes by missed call without a resend cooldown.
 */
const DEMO_KEY = 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk';
const EDGE_KEY = 'edges-key-2-H82jW4luw-XPQBsgTRv1bSSQ78Pkiqdf3p_eqeo2Q';
const plenty = { registered: true, currentPoints: 1_000_000, lifetimePoints: 1_000_000, lifetimePurchases: 1_000_000 };
const EDGE_ORG = {
  id: 'edges',
  name: 'Edge Cases',
  apiKeys: [{ key: EDGE_KEY, label: 'edges' }],
  defaultProgramId: 1,
  programs: [
    { id: 1, name: 'Dimes', rules: { pointValue: '0.1' } },
    { id: 2, name: 'Specks', rules: { pointValue: '0.0000000001' } },
    { id: 3, name: 'Fine Points', rules: { pointValue: '0.1234567891' } },
    { id: 4, name: 'Halves', rules: { pointValue: '0.5' } },
    { id: 5, name: 'Called Codes', rules: { otp: { required: true, allowSkipValidation: false, missedCallEnabled: true, resendCooldownSeconds: 0, maxPerDay: 50 } } },
  ],
  customers: [{ id: 1, mobile: '919800000001', programs: { '1': plenty, '2': plenty, '3': plenty, '4': plenty, '5': plenty } }],
};

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: any;
  readonly item: any;
}

describe('every isredeemable parameter, over HTTP on the demo seed', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    const seed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8'));
    seed.orgs.push(EDGE_ORG);
    const seedFile = join(mkdtempSync(join(tmpdir(), 'parameters-')), 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    stack = await startLocalStack({ port: 0, seedFile, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  }, 60_000);
  afterAll(() => stack?.stop());

  const get = async (query: Record<string, string>, apiKey = DEMO_KEY): Promise<Answer> => {
    const response = await fetch(`${stack.url}/v1.1/points/isredeemable?${new URLSearchParams(query)}`, { headers: { 'x-api-key': apiKey } });
    const text = await response.text();
    const body = JSON.parse(text);
    return { status: response.status, text, body, item: body.response.points.redeemable };
  };
  /** The HTTP status and the item status code, the two things a partner branches on. */
  const outcome = async (query: Record<string, string>, apiKey = DEMO_KEY): Promise<[number, number]> => {
    const { status, item } = await get(query, apiKey);
    return [status, item.item_status.code];
  };
  const outbox = async (): Promise<{ channel: string; destination: string; text?: string; callerNumber?: string }[]> =>
    (await fetch(`${stack.url}/local/outbox`)).json() as never;

  const asha = { mobile: '919900000001', program_id: '1' };

  describe('the customer: mobile, email, external_id, id, card_number, card_external_id', () => {
    it('mobile: found in any written form; unknown 816; malformed 802', async () => {
      // Act
      const found = await get({ ...asha, points: '100' });
      const written = await outcome({ mobile: '+91 99000-00001', program_id: '1', points: '100' });
      const unknown = await outcome({ mobile: '919911111111', program_id: '1', points: '100' });
      const malformed = await get({ mobile: '12ab', program_id: '1', points: '100' });

      // Assess
      expect(found.status).toBe(200);
      expect(found.item).toMatchObject({
        mobile: '919900000001',
        email: 'asha@example.com',
        external_id: 'EXT-1001',
        is_redeemable: 'true',
        item_status: { success: 'true', code: 800 },
        identified_by: 'mobile',
      });
      expect(written).toEqual([200, 800]);
      expect(unknown).toEqual([200, 816]);
      expect(malformed.status).toBe(400);
      expect(malformed.body.response.status.code).toBe(400);
      expect(malformed.item).toMatchObject({ item_status: { code: 802 }, invalid_parameter: 'mobile' });
    });

    it('email: case does not matter; the customer found decides (809 for a blocked one)', async () => {
      // Act
      const found = await get({ email: 'ASHA@Example.COM', program_id: '1', points: '100' });
      const blocked = await outcome({ email: 'meera@example.com', program_id: '1', points: '100' });
      const malformed = await outcome({ email: 'not-an-email', program_id: '1', points: '100' });

      // Assess
      expect(found.item).toMatchObject({ identified_by: 'email', mobile: '919900000001', item_status: { code: 800 } });
      expect(blocked).toEqual([200, 809]);
      expect(malformed).toEqual([400, 802]);
    });

    it("external_id: another customer, another tier (Ravi's GOLD point value)", async () => {
      // Act
      const ravi = await get({ external_id: 'EXT-1002', program_id: '1', points: '100' });
      const notRegistered = await outcome({ external_id: 'EXT-1004', program_id: '1', points: '100' });

      // Assess
      expect(ravi.item).toMatchObject({ identified_by: 'external_id', points_currency_ratio: '0.75', points_redeem_value: 75, item_status: { code: 800 } });
      expect(notRegistered).toEqual([200, 881]);
    });

    it('id: found by customer id; unknown 816; malformed 802', async () => {
      // Act
      const found = await get({ id: '1001', program_id: '1', points: '100' });
      const unknown = await outcome({ id: '4242', program_id: '1', points: '100' });
      const malformed = await outcome({ id: '-3', program_id: '1', points: '100' });

      // Assess
      expect(found.item).toMatchObject({ identified_by: 'id', mobile: '919900000001', item_status: { code: 800 } });
      expect(unknown).toEqual([200, 816]);
      expect(malformed).toEqual([400, 802]);
    });

    it('card_number and card_external_id: found by card; unknown cards 816', async () => {
      // Act
      const byCard = await get({ card_number: '4000123412341234', program_id: '1', points: '100' });
      const byCardExternalId = await get({ card_external_id: 'CARD-1001', program_id: '1', points: '100' });
      const unknownCard = await outcome({ card_number: '4000000000000000', program_id: '1', points: '100' });
      const unknownCardExternalId = await outcome({ card_external_id: 'CARD-9999', program_id: '1', points: '100' });

      // Assess
      expect(byCard.item).toMatchObject({ identified_by: 'card_number', mobile: '919900000001', item_status: { code: 800 } });
      expect(byCardExternalId.item).toMatchObject({ identified_by: 'card_external_id', email: 'asha@example.com', item_status: { code: 800 } });
      expect([unknownCard, unknownCardExternalId]).toEqual([
        [200, 816],
        [200, 816],
      ]);
    });

    it('several identifiers: the first in precedence order decides (mobile over email)', async () => {
      // Act
      const answer = await get({ mobile: '919900000001', email: 'meera@example.com', program_id: '1', points: '100' });

      // Assess
      expect(answer.item).toMatchObject({ identified_by: 'mobile', email: 'asha@example.com', item_status: { code: 800 } });
    });
  });

  it('program_id: the program whose balance and rules apply; absent: the default program', async () => {
    // Act
    const absent = await get({ mobile: '919900000001', points: '100' });
    const paused = await outcome({ ...asha, program_id: '2', points: '100' });
    const secure = await outcome({ ...asha, program_id: '3', points: '100' });
    const unknown = await outcome({ ...asha, program_id: '99', points: '100' });
    const malformed = await get({ ...asha, program_id: 'x', points: '100' });

    // Assess
    expect(absent.item).toMatchObject({ program_id: 1, item_status: { code: 800 } });
    expect(paused).toEqual([200, 827]);
    expect(secure).toEqual([200, 808]);
    expect(unknown).toEqual([200, 1101]);
    expect([malformed.status, malformed.body.response.status.code, malformed.item.item_status.code]).toEqual([400, 400, 1101]);
  });

  it("points: checked against every rule of the program and the customer's balance", async () => {
    // Act
    const [passing, notAMultiple, belowMinimum, aboveMaximum, zero, missing] = await Promise.all([
      get({ ...asha, points: '100' }),
      get({ ...asha, points: '105' }),
      outcome({ ...asha, points: '10' }),
      get({ ...asha, points: '210' }),
      outcome({ ...asha, points: '0' }),
      outcome({ ...asha }),
    ]);
    const aboveBalance = await outcome({ mobile: '919900000008', program_id: '1', points: '200' });

    // Assess
    expect(passing.item).toMatchObject({ points: 100, points_redeem_value: 50, input_type: 'points', item_status: { code: 800 } });
    expect(notAMultiple.item.item_status).toEqual({ success: 'false', code: 807, message: 'Points must be a multiple of 10' });
    expect(belowMinimum).toEqual([200, 821]);
    expect(aboveMaximum.item).toMatchObject({ item_status: { code: 819 }, explanation: { nearest_redeemable_points: { below: 200 } } });
    expect(zero).toEqual([400, 801]);
    expect(missing).toEqual([400, 801]);
    expect(aboveBalance).toEqual([200, 818]);
  });

  describe('currency_input and currency_value', () => {
    it('a money amount is converted at the point value, rounded down; the answer has both values', async () => {
      // Act
      const fifty = await get({ ...asha, currency_input: 'true', currency_value: '50' });
      const notAMultiple = await get({ ...asha, currency_input: 'true', currency_value: '52.4' });
      const gold = await get({ external_id: 'EXT-1002', program_id: '1', currency_input: 'true', currency_value: '75.6' });

      // Assess
      expect(fifty.status).toBe(200);
      expect(fifty.item).toMatchObject({ input_type: 'currency', currency_value: '50', points: 100, points_redeem_value: 50, item_status: { code: 800 } });
      expect(notAMultiple.item).toMatchObject({ input_type: 'currency', currency_value: '52.4', points: 104, item_status: { code: 807 } });
      expect(gold.item).toMatchObject({ input_type: 'currency', currency_value: '75.6', points: 100, points_currency_ratio: '0.75', item_status: { code: 800 } });
    });

    it('currency_value needs currency_input=true and the reverse; points and currency_value do not mix', async () => {
      // Act
      const valueAlone = await get({ ...asha, currency_value: '50' });
      const inputAlone = await get({ ...asha, currency_input: 'true' });
      const both = await get({ ...asha, currency_input: 'true', currency_value: '50', points: '100' });
      const inputFalse = await get({ ...asha, currency_input: 'false', points: '100' });

      // Assess
      expect(valueAlone.item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'currency_value' });
      expect(inputAlone.item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'currency_value' });
      expect(both.item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'points' });
      expect(inputFalse.item).toMatchObject({ input_type: 'points', item_status: { code: 800 } });
    });

    it.each<[string, string, string, number, number]>([
      ['0.3 at 0.1 per point (0.3 / 0.1 is 2.9999999999999996 in binary floating point)', '1', '0.3', 3, 0.3],
      ['0.0000000007 at 10 decimals (6.999999999999999 in floating point)', '2', '0.0000000007', 7, 0],
      ['1 at 0.1234567891: 8.1 points, rounded down', '3', '1', 8, 0.99],
      ['75.3 at 0.5, not a multiple of the point value: 150.6 points, rounded down', '4', '75.3', 150, 75],
    ])('%s', async (_case, programId, currencyValue, points, value) => {
      // Act
      const answer = await get({ mobile: '919800000001', program_id: programId, currency_input: 'true', currency_value: currencyValue }, EDGE_KEY);

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.item).toMatchObject({ input_type: 'currency', currency_value: currencyValue, points, points_redeem_value: value, item_status: { code: 800 } });
    });

    it('an amount worth less than one point is 0 points: 821', async () => {
      // Act
      const answer = await get({ mobile: '919800000001', program_id: '1', currency_input: 'true', currency_value: '0.05' }, EDGE_KEY);

      // Assess
      expect(answer.item).toMatchObject({ input_type: 'currency', currency_value: '0.05', points: 0, item_status: { code: 821 } });
    });
  });

  describe('issue_otp, validation_code, skip_validation, validation_type', () => {
    const secure = { ...asha, program_id: '3', points: '100' };
    let code = '';

    it('issue_otp: a passing check sends a code by SMS, never in the answer', async () => {
      // Act
      const withoutCode = await outcome(secure);
      const issued = await get({ ...secure, issue_otp: 'true' });
      const [sms] = await outbox();

      // Assess
      expect(withoutCode).toEqual([200, 808]);
      expect(issued.status).toBe(200);
      expect(issued.item).toMatchObject({ item_status: { code: 800 }, validation_code_sent: { channel: 'SMS' } });
      expect(sms).toMatchObject({ channel: 'SMS', destination: '+919900000001' });
      code = /\b(\d{6})\b/.exec(sms?.text ?? '')?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      expect(issued.text).not.toContain(code);
    });

    it('validation_code: the code passes for the amount it was issued for, a wrong one 808', async () => {
      // Act
      const wrong = await outcome({ ...secure, validation_code: code === '000000' ? '111111' : '000000' });
      const right = await outcome({ ...secure, validation_code: code });
      const otherAmount = await outcome({ ...secure, points: '110', validation_code: code });
      const malformed = await get({ ...secure, validation_code: 'x!' });

      // Assess
      expect(wrong).toEqual([200, 808]);
      expect(right).toEqual([200, 800]);
      expect(otherAmount).toEqual([200, 808]);
      expect(malformed.item).toMatchObject({ item_status: { code: 808 }, invalid_parameter: 'validation_code' });
    });

    it('skip_validation: the code is not verified where the program allows skipping, refused where it does not', async () => {
      // Act
      const verified = await outcome({ ...asha, points: '100', validation_code: '000000' });
      const skipped = await outcome({ ...asha, points: '100', validation_code: '000000', skip_validation: 'true' });
      const notAllowed = await outcome({ ...secure, skip_validation: 'true', validation_type: 'INVALID' });
      const malformed = await outcome({ ...asha, points: '100', skip_validation: 'yes' });

      // Assess
      expect(verified).toEqual([200, 808]);
      expect(skipped).toEqual([200, 800]);
      expect(notAllowed).toEqual([200, 808]);
      expect(malformed).toEqual([400, 400]);
    });

    it('validation_type: SMS sends an SMS; MISSED_CALL where the program does not allow it 876; INVALID with issue_otp 400', async () => {
      // Act
      const bySms = await get({ ...asha, points: '100', issue_otp: 'true', validation_type: 'SMS' });
      const [sms] = await outbox();
      const byMissedCall = await get({ ...asha, points: '100', issue_otp: 'true', validation_type: 'MISSED_CALL' });
      const invalid = await get({ ...asha, points: '100', issue_otp: 'true', validation_type: 'INVALID' });
      const unknown = await outcome({ ...asha, points: '100', validation_type: 'PIGEON' });

      // Assess
      expect(bySms.item).toMatchObject({ item_status: { code: 800 }, validation_code_sent: { channel: 'SMS' } });
      expect(sms).toMatchObject({ channel: 'SMS', destination: '+919900000001' });
      expect(byMissedCall.status).toBe(200);
      expect(byMissedCall.item).toMatchObject({ is_redeemable: 'true', item_status: { success: 'false', code: 876 }, validation_code_failure: 'channel-disabled' });
      expect(invalid.item).toMatchObject({ item_status: { code: 400 }, invalid_parameter: 'validation_type' });
      expect(unknown).toEqual([400, 400]);
    });

    it('validation_type=MISSED_CALL: the code is the last digits of the calling number, and verifies', async () => {
      // Prepare
      const called = { mobile: '919800000001', program_id: '5', points: '100' };

      // Act
      const issued = await get({ ...called, issue_otp: 'true', validation_type: 'MISSED_CALL' }, EDGE_KEY);
      const [call] = await outbox();
      const calledCode = (call?.callerNumber ?? '').slice(-6);
      const verified = await outcome({ ...called, validation_code: calledCode }, EDGE_KEY);

      // Assess
      expect(issued.item).toMatchObject({ item_status: { code: 800 }, validation_code_sent: { channel: 'MISSED_CALL' } });
      expect(call).toMatchObject({ channel: 'MISSED_CALL', destination: '+919800000001' });
      expect(verified).toEqual([200, 800]);
    });
  });

  describe('group_redemption', () => {
    it("points earned in the linked program (4, at 0.25) are redeemed in program 1 under program 1's rules", async () => {
      // Act
      const linked = await get({ ...asha, points: '100', group_redemption: 'true' });
      const plain = await get({ ...asha, points: '100', group_redemption: 'false' });

      // Assess
      expect(linked.status).toBe(200);
      expect(linked.item).toMatchObject({
        points: 100,
        points_currency_ratio: '0.5',
        points_redeem_value: 50,
        item_status: { code: 800 },
        group_redemption: { earn_program_id: 4, earn_points: 200, earn_points_currency_ratio: '0.25' },
      });
      expect(plain.item.group_redemption).toBeUndefined();
    });

    it("the earn program's balance decides, converted in the org's favour", async () => {
      // Act: Ravi (GOLD, 0.75 per point) holds 1001 points of program 4, worth 333 points of program 1
      const fromOwn = await outcome({ external_id: 'EXT-1002', program_id: '1', points: '340' });
      const fromLinked = await get({ external_id: 'EXT-1002', program_id: '1', points: '340', group_redemption: 'true' });
      const fitting = await get({ external_id: 'EXT-1002', program_id: '1', points: '330', group_redemption: 'true' });

      // Assess
      expect(fromOwn).toEqual([200, 800]);
      expect(fromLinked.item).toMatchObject({ item_status: { code: 818 }, group_redemption: { earn_points: 1020 } });
      expect(fitting.item).toMatchObject({ item_status: { code: 800 }, group_redemption: { earn_points: 990 } });
    });

    it('898 where no program is linked; 881 where the customer is not in the earn program; 400 when malformed', async () => {
      // Act
      const notLinked = await outcome({ ...asha, program_id: '3', points: '100', group_redemption: 'true' });
      const notRegistered = await outcome({ mobile: '919900000005', program_id: '1', points: '20', group_redemption: 'true' });
      const malformed = await outcome({ ...asha, points: '100', group_redemption: '1' });

      // Assess
      expect(notLinked).toEqual([200, 898]);
      expect(notRegistered).toEqual([200, 881]);
      expect(malformed).toEqual([400, 400]);
    });

    it('with a group: the group points earned in program 4, under the group rules of program 1', async () => {
      // Act
      const answer = await get({ ...asha, points: '1000', user_group2_id: '501', group_redemption: 'true' });

      // Assess
      expect(answer.item).toMatchObject({
        item_status: { code: 800 },
        user_group2: { id: 501 },
        group_redemption: { earn_program_id: 4, earn_points: 2000 },
      });
    });
  });

  describe('group wallets: user_group2_*', () => {
    const family = { id: 501, external_id: 'FAM-501', primary_user_id: 1001 };

    it("user_group2_id: the group's balance under the group rules (maximum 1000, not 200)", async () => {
      // Act
      const fromGroup = await get({ ...asha, points: '500', user_group2_id: '501' });
      const own = await outcome({ ...asha, points: '500' });
      const unknown = await outcome({ ...asha, points: '500', user_group2_id: '999' });
      const notAllowed = await get({ mobile: '919900000005', program_id: '1', points: '100', user_group2_id: '501' });
      const noGroupRules = await outcome({ ...asha, program_id: '3', points: '100', user_group2_id: '501' });
      const malformed = await get({ ...asha, points: '100', user_group2_id: 'x' });

      // Assess
      expect(fromGroup.status).toBe(200);
      expect(fromGroup.item).toMatchObject({ points: 500, points_redeem_value: 250, item_status: { code: 800 }, user_group2: family });
      expect(own).toEqual([200, 819]);
      expect(unknown).toEqual([200, 1632]);
      expect(notAllowed.item).toMatchObject({ item_status: { code: 897, message: 'Customer is not allowed to redeem points of this group' } });
      expect(notAllowed.item.user_group2).toBeUndefined();
      expect(noGroupRules).toEqual([200, 828]);
      expect([malformed.body.response.status.code, malformed.item.item_status.code]).toEqual([400, 1632]);
    });

    it('user_group2_external_id: the group by its external id', async () => {
      // Act
      const found = await get({ ...asha, points: '500', user_group2_external_id: 'FAM-501' });
      const unknown = await outcome({ ...asha, points: '500', user_group2_external_id: 'FAM-999' });

      // Assess
      expect(found.item).toMatchObject({ item_status: { code: 800 }, user_group2: family });
      expect(unknown).toEqual([200, 1632]);
    });

    it("user_group2_primary_user_id: the group by its primary member's id", async () => {
      // Act
      const found = await get({ ...asha, points: '500', user_group2_primary_user_id: '1001' });
      const notPrimary = await outcome({ ...asha, points: '500', user_group2_primary_user_id: '1005' });

      // Assess
      expect(found.item).toMatchObject({ item_status: { code: 800 }, user_group2: family });
      expect(notPrimary).toEqual([200, 1632]);
    });

    it.each([
      ['mobile', '919900000001'],
      ['email', 'asha@example.com'],
      ['cardnumber', '4000123412341234'],
      ['cardExternalId', 'CARD-1001'],
      ['id', '1001'],
      // Any case, with or without "_": as every enumeration is read.
      ['EMAIL', 'asha@example.com'],
      ['cardNumber', '4000123412341234'],
      ['card_external_id', 'CARD-1001'],
      ['ID', '1001'],
    ])('user_group2_primary_user_identifier_type=%s with its _value: the group by its primary member', async (type, value) => {
      // Act
      const answer = await get({
        ...asha,
        points: '500',
        user_group2_primary_user_identifier_type: type,
        user_group2_primary_user_identifier_value: value,
      });

      // Assess
      expect(answer.item).toMatchObject({ item_status: { code: 800 }, user_group2: family });
    });

    it('user_group2_primary_user_identifier_type/_value: not a primary member 1632; one without the other 400', async () => {
      // Act
      const notPrimary = await outcome({
        ...asha,
        points: '100',
        user_group2_primary_user_identifier_type: 'mobile',
        user_group2_primary_user_identifier_value: '919900000002',
      });
      const typeAlone = await get({ ...asha, points: '100', user_group2_primary_user_identifier_type: 'mobile' });
      const unknownType = await get({
        ...asha,
        points: '100',
        user_group2_primary_user_identifier_type: 'passport',
        user_group2_primary_user_identifier_value: 'X1',
      });

      // Assess
      expect(notPrimary).toEqual([200, 1632]);
      expect(typeAlone.item).toMatchObject({ item_status: { code: 1632 }, invalid_parameter: 'user_group2_primary_user_identifier_value' });
      expect(unknownType.item).toMatchObject({ item_status: { code: 1632 }, invalid_parameter: 'user_group2_primary_user_identifier_type' });
    });

    it('user_group2_primary_user_source and _accountId: accepted and echoed, not used to look up; only with an identifier', async () => {
      // Prepare
      const primary = { user_group2_primary_user_identifier_type: 'mobile', user_group2_primary_user_identifier_value: '919900000001' };

      // Act
      const withSource = await get({ ...asha, points: '500', ...primary, user_group2_primary_user_source: 'wechat', user_group2_primary_user_accountId: 'wx-42' });
      const otherSource = await get({ ...asha, points: '500', ...primary, user_group2_primary_user_source: 'INSTORE' });
      const unknownSource = await get({ ...asha, points: '500', ...primary, user_group2_primary_user_source: 'MYSPACE' });
      const sourceAlone = await get({ ...asha, points: '500', user_group2_primary_user_source: 'WECHAT' });
      const accountAlone = await get({ ...asha, points: '500', user_group2_primary_user_accountId: 'wx-42' });

      // Assess
      expect(withSource.item).toMatchObject({
        item_status: { code: 800 },
        user_group2: { ...family, primary_user_source: 'WECHAT', primary_user_account_id: 'wx-42' },
      });
      expect(otherSource.item).toMatchObject({ item_status: { code: 800 }, user_group2: { ...family, primary_user_source: 'INSTORE' } });
      expect(unknownSource.item).toMatchObject({ item_status: { code: 1632 }, invalid_parameter: 'user_group2_primary_user_source' });
      expect(sourceAlone.item).toMatchObject({ item_status: { code: 1632 }, invalid_parameter: 'user_group2_primary_user_identifier_type' });
      expect(accountAlone.item).toMatchObject({ item_status: { code: 1632 }, invalid_parameter: 'user_group2_primary_user_identifier_type' });
    });

    it("use_default_user_group2: the customer's default group; none 1632; false is a plain check", async () => {
      // Act
      const found = await get({ ...asha, points: '500', use_default_user_group2: 'true' });
      const plain = await outcome({ ...asha, points: '500', use_default_user_group2: 'false' });
      const noDefault = await outcome({ external_id: 'EXT-1002', program_id: '1', points: '100', use_default_user_group2: 'true' });
      const malformed = await outcome({ ...asha, points: '100', use_default_user_group2: 'perhaps' });

      // Assess
      expect(found.item).toMatchObject({ item_status: { code: 800 }, user_group2: family });
      expect(plain).toEqual([200, 819]);
      expect(noDefault).toEqual([200, 1632]);
      expect(malformed).toEqual([400, 1632]);
    });

    it('a group named two ways is refused', async () => {
      // Act
      const answer = await get({ ...asha, points: '100', user_group2_id: '501', user_group2_external_id: 'FAM-501' });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.item).toMatchObject({ item_status: { code: 1632 }, invalid_parameter: 'user_group2_id' });
    });
  });

  it.each<[string, Record<string, string>]>([
    ['a group she may redeem from', { user_group2_id: '501' }],
    ['an unknown group', { user_group2_id: '999' }],
    ['her default group', { use_default_user_group2: 'true' }],
    ['cross-program redemption', { group_redemption: 'true' }],
    ['cross-program redemption where no program is linked', { program_id: '3', group_redemption: 'true' }],
  ])('a blocked customer gets 809 whatever else is true, and nothing more: %s', async (_case, extra) => {
    // Act
    const answer = await get({ mobile: '919900000003', program_id: '1', points: '100', ...extra });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.item).toMatchObject({ mobile: '919900000003', email: '', external_id: '', item_status: { code: 809 } });
    expect(answer.item.user_group2).toBeUndefined();
    expect(answer.item.group_redemption).toBeUndefined();
    expect(answer.item.explanation.failed_checks.map((check: { code: number }) => check.code)).toEqual([809]);
    expect(answer.text).not.toMatch(/meera|EXT-1003|FAM-501|1001/);
  });

  it('format: json is served by default, xml as the same elements; anything else gets a clear 400', async () => {
    // Act
    const json = await get({ ...asha, points: '100', format: 'json' });
    const plain = await get({ ...asha, points: '100' });
    const xml = await fetch(`${stack.url}/v1.1/points/isredeemable?${new URLSearchParams({ ...asha, points: '100', format: 'xml' })}`, { headers: { 'x-api-key': DEMO_KEY } });
    const yaml = await get({ ...asha, points: '100', format: 'yaml' });

    // Assess
    expect(json.body).toEqual(plain.body);
    expect([xml.status, xml.headers.get('content-type')]).toEqual([200, 'application/xml; charset=utf-8']);
    expect(readXml(await xml.text())).toEqual(xmlReadingOf(plain.body));
    expect(yaml.status).toBe(400);
    expect(yaml.body.response.status).toMatchObject({ success: 'false', code: 400 });
    expect(yaml.item).toMatchObject({ item_status: { code: 400 }, invalid_parameter: 'format' });
  });
});
