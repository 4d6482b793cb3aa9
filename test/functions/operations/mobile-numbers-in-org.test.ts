import { ACME_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';
import type { ScriptedValidationCodes } from '../../support/in-memory-ports';

/**
 * Mobile numbers are read in the org's default country on every endpoint (README, "Mobile
 * numbers"): the demo org's is IN, so Asha (stored 919900000001) is found by her national number,
 * with a trunk 0, with the international prefix or with +91. Org acme has no default country:
 * a number without + is international there, as before.
 */
const CHECK = '/v1.1/points/isredeemable';
const CODE = '/v1.1/points/validationcode';
const REDEEM = '/v1.1/points/redeem';
const REVERSE = '/v2/points/reverse';
const checkItem = (answer: { body: any }) => answer.body.response.points.redeemable;

describe('mobile numbers in the org, on every endpoint (demo seed)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it.each(['9900000001', '09900000001', '0091 99000 00001', '+91 99000-00001', '919900000001'])('isredeemable finds Asha by %s', async (mobile) => {
    const answer = await stack.get(CHECK, { mobile, points: '100', program_id: '1' });

    expect(answer.statusCode).toBe(200);
    expect(checkItem(answer)).toMatchObject({ item_status: { code: 800 }, mobile: '919900000001', email: 'asha@example.com' });
  });

  it('an unknown national number answers 816 echoing the number as the org reads it, nothing stored', async () => {
    const answer = await stack.get(CHECK, { mobile: '9912345678', points: '100', program_id: '1' });

    expect(checkItem(answer)).toMatchObject({ item_status: { code: 816 }, mobile: '919912345678', email: '', external_id: '' });
  });

  it('a number that cannot be one in IN (nor internationally) is 802, naming mobile', async () => {
    const answer = await stack.get(CHECK, { mobile: '12345', points: '100', program_id: '1' });

    expect(checkItem(answer)).toMatchObject({ is_redeemable: 'false', item_status: { code: 802 }, invalid_parameter: 'mobile', email: '' });
  });

  it("the group's primary member is found by a national number too", async () => {
    const answer = await stack.get(CHECK, {
      mobile: '9900000001',
      points: '500',
      program_id: '1',
      user_group2_primary_user_identifier_type: 'mobile',
      user_group2_primary_user_identifier_value: '09900000001',
    });

    expect(checkItem(answer)).toMatchObject({ item_status: { code: 800 }, user_group2: { id: 501, primary_user_id: 1001 } });
  });

  it('validationcode issues to the stored number, found by the national one', async () => {
    const codes = stack.validationCodes as ScriptedValidationCodes;
    const answer = await stack.get(CODE, { mobile: '9900000001', points: '100', program_id: '3' });

    expect(answer.statusCode).toBe(200);
    expect(answer.body.response.validation_code.code).toMatchObject({ mobile: '919900000001', item_status: { code: 200 } });
    expect(codes.issued.at(-1)).toMatchObject({ customerId: 1001, mobile: '919900000001' });
  });

  it('redeem and reverse find the customer by national numbers; a repeat by +91 is the same redemption', async () => {
    const redeem = (mobile: string) =>
      stack.post(REDEEM, { root: { redeem: [{ points_redeemed: 20, customer: { mobile }, external_reference_number: 'NATIONAL-1' }] } }, { program_id: '1' });
    const first = await redeem('09900000001');
    const repeat = await redeem('+919900000001');
    const reversed = await stack.post(REVERSE, { externalReferenceNumber: 'NATIONAL-1', identifier: { type: 'MOBILE', value: '9900000001' } });

    expect(first.body.response.responses.points).toMatchObject({ item_status: { code: 800 }, user_id: 1001, mobile: '919900000001' });
    expect(repeat.body.response.responses.points.redemption_id).toBe(first.body.response.responses.points.redemption_id);
    expect(reversed.statusCode).toBe(200);
    expect(reversed.body).toMatchObject({ customerId: 1001, pointsReversed: 20, errors: [] });
  });

  it('reverse refuses a number that cannot be one in the org with 802 naming identifier.value', async () => {
    const answer = await stack.post(REVERSE, { externalReferenceNumber: 'ANY', identifier: { type: 'MOBILE', value: '12345' } });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.errors).toEqual([{ code: 802, message: expect.stringMatching(/^identifier\.value: cannot be a mobile number in IN/) }]);
  });

  it('an org without a default country reads numbers without + as international, as before', async () => {
    const international = await stack.get(CHECK, { mobile: '919900000009', points: '100' }, ACME_KEY);
    const national = await stack.get(CHECK, { mobile: '9900000009', points: '100' }, ACME_KEY);

    expect(checkItem(international)).toMatchObject({ item_status: { code: 800 }, email: 'zoe@example.com' });
    expect(checkItem(national)).toMatchObject({ item_status: { code: 802 }, invalid_parameter: 'mobile', email: '' });
  });
});
