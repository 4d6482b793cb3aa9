import { DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { CryptoRandomSource } from '../../../../functions/adapters/node-crypto/crypto-random-source';
import type { OtpRules, Partner } from '../../../../functions/core/model';
import { ValidationCodeService } from '../../../../functions/core/validation-codes/validation-code-service';
import { DEFAULT_OTP_RULES } from '../../../../functions/core/rules/defaults';
import { checkRedeemable } from '../../../../functions/core/use-cases/check-redeemable';
import type { RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { customer, group, InMemoryCustomerDirectory, InMemoryGroupDirectory, InMemoryProgramCatalog, program } from '../../../support/in-memory-ports';
import { CapturingSender, HMAC_SECRET, ManualClock } from '../../../support/validation-code-fakes';

/**
 * A code is the customer's, whichever wallet a check spends: a group check whose rules are laxer
 * cannot bring those limits to a code, the use case and the OTP store together (DynamoDB Local).
 */
describe('OTP limits across plain and group checks (DynamoDB Local)', () => {
  let table: TestTable;
  let nextCustomer = 2001;

  beforeAll(async () => {
    table = await createTestTable();
  });
  afterAll(() => table.destroy());

  const partner: Partner = { orgId: 'org-wallets', keyLabel: 'pos' };
  const strict: OtpRules = { ...DEFAULT_OTP_RULES, required: true, allowSkipValidation: false, maxAttempts: 2, resendCooldownSeconds: 60 };
  const lax: Partial<OtpRules> = { required: false, maxAttempts: 20, resendCooldownSeconds: 0, maxPerDay: 100 };

  function setup() {
    const customerId = nextCustomer++;
    const member = customer(customerId, { orgId: partner.orgId });
    const sms = new CapturingSender();
    const deps = {
      programs: new InMemoryProgramCatalog([
        program(1, { otp: strict, groupRedemption: { enabled: true, otp: lax } }, { orgId: partner.orgId }),
      ]),
      customers: new InMemoryCustomerDirectory([member]),
      groups: new InMemoryGroupDirectory([group(501, { orgId: partner.orgId, primaryCustomerId: customerId, members: [{ customerId, canRedeem: true }] })]),
      validationCodes: new ValidationCodeService({
        store: new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName }),
        senders: { SMS: sms },
        random: new CryptoRandomSource(),
        clock: new ManualClock(),
        hmacSecret: HMAC_SECRET,
        allowedCountryCodes: ['91'],
      }),
    };
    const check = (extra: Partial<RedemptionCheckRequest> = {}): RedemptionCheckRequest => ({
      identifier: { type: 'id', value: String(customerId) },
      programId: 1,
      amount: { kind: 'points', points: 100 },
      issueOtp: false,
      skipValidation: false,
      groupRedemption: false,
      ...extra,
    });
    const inGroup = (extra: Partial<RedemptionCheckRequest> = {}) => check({ group: { by: 'id', groupId: 501 }, ...extra });
    return { deps, sms, check, inGroup };
  }

  it('a code issued under maxAttempts 2 is dead after 2 wrong guesses made through a group check whose rules say 20', async () => {
    // Prepare
    const { deps, sms, check, inGroup } = setup();
    const issued = await checkRedeemable(deps, partner, check({ issueOtp: true }));
    const code = sms.lastCode();
    const wrong = code === '000000' ? '000001' : '000000';

    // Act
    const guesses = [];
    for (let i = 0; i < 2; i += 1) guesses.push(await checkRedeemable(deps, partner, inGroup({ validationCode: wrong })));
    const rightThroughGroup = await checkRedeemable(deps, partner, inGroup({ validationCode: code }));
    const rightPlain = await checkRedeemable(deps, partner, check({ validationCode: code }));

    // Assess
    expect(issued).toMatchObject({ status: { code: 800 }, otp: { outcome: 'issued' } });
    expect(guesses.map((result) => result.status.message)).toEqual(Array(2).fill(expect.stringMatching(/^Validation code is invalid/)));
    expect(rightThroughGroup.status).toEqual({ code: 808, message: expect.stringMatching(/blocked after too many wrong attempts/) });
    expect(rightPlain.status).toEqual({ code: 808, message: expect.stringMatching(/blocked after too many wrong attempts/) });
  });

  it("a group check cannot resend a code within the customer's own cooldown", async () => {
    // Prepare
    const { deps, sms, check, inGroup } = setup();
    await checkRedeemable(deps, partner, check({ issueOtp: true }));

    // Act
    const resent = await checkRedeemable(deps, partner, inGroup({ issueOtp: true }));

    // Assess
    expect(resent).toMatchObject({ status: { code: 876 }, otp: { outcome: 'not-issued', reason: 'cooldown' } });
    expect(sms.sent).toHaveLength(1);
  });
});
