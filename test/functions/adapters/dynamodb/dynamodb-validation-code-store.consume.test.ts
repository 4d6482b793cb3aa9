import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { consumeCodeWrite, DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { CryptoRandomSource } from '../../../../functions/adapters/node-crypto/crypto-random-source';
import type { VerifyCodeRequest } from '../../../../functions/core/ports/validation-codes';
import { ValidationCodeService } from '../../../../functions/core/validation-codes/validation-code-service';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { CapturingSender, HMAC_SECRET, ManualClock, otpRules } from '../../../support/validation-code-fakes';

/**
 * consumeCodeWrite inside a redemption-like transaction: the code is used up together with another
 * write (here a stand-in for the points), or neither happens.
 */
describe('consumeCodeWrite (DynamoDB Local)', () => {
  let table: TestTable;
  let documentClient: DynamoDBDocumentClient;
  let nextCustomer = 1;

  beforeAll(async () => {
    table = await createTestTable();
    documentClient = DynamoDBDocumentClient.from(table.client);
  });
  afterAll(() => table.destroy());

  async function issuedCode() {
    const customerId = nextCustomer++;
    const clock = new ManualClock();
    const sms = new CapturingSender();
    const service = new ValidationCodeService({
      store: new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName }),
      senders: { SMS: sms },
      random: new CryptoRandomSource(),
      clock,
      hmacSecret: HMAC_SECRET,
      allowedCountryCodes: ['91'],
    });
    const otp = otpRules({ resendCooldownSeconds: 0, validityMinutes: 10 });
    const key = { orgId: 'org-consume', customerId, programId: 4 };
    await service.issue({ ...key, points: 100, channel: 'SMS', mobile: `9197${String(customerId).padStart(8, '0')}`, programName: 'Club', otp });
    const verifyRequest: VerifyCodeRequest = { ...key, points: 100, code: sms.lastCode(), otp };
    return { key, clock, service, verifyRequest, otp, sms };
  }

  /** A transaction as a redemption builds it: the points write (a marker item here) and the code's consume. */
  const redeem = (marker: string, consume: ReturnType<typeof consumeCodeWrite>) =>
    documentClient
      .send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: table.tableName, Item: { pk: `REDEMPTION#${marker}`, sk: 'REDEMPTION' } } }, consume],
        }),
      )
      .then(
        () => 'committed',
        (error: { name?: string }) => error.name,
      );
  const marker = async (name: string) =>
    (await documentClient.send(new GetCommand({ TableName: table.tableName, Key: { pk: `REDEMPTION#${name}`, sk: 'REDEMPTION' } }))).Item;

  it('uses the verified code up in the same transaction: afterwards it verifies as used', async () => {
    // Prepare
    const { key, service, verifyRequest } = await issuedCode();
    const verdict = await service.verify(verifyRequest);
    if (verdict.kind !== 'valid') throw new Error('the code should verify');

    // Act
    const outcome = await redeem(`ok-${key.customerId}`, consumeCodeWrite({ tableName: table.tableName, key, codeId: verdict.codeId }));
    const again = await service.verify(verifyRequest);

    // Assess
    expect(outcome).toBe('committed');
    expect(await marker(`ok-${key.customerId}`)).toBeDefined();
    expect(again).toEqual({ kind: 'invalid', reason: 'used' });
  });

  it('cancels the whole transaction for a stale codeId, and the live code still verifies', async () => {
    // Prepare
    const { key, clock, service, verifyRequest, sms } = await issuedCode();
    const stale = await service.verify(verifyRequest);
    if (stale.kind !== 'valid') throw new Error('the code should verify');
    clock.advance(1000);
    await service.issue({ ...verifyRequest, channel: 'SMS', mobile: `9197${String(key.customerId).padStart(8, '0')}`, programName: 'Club' });
    const current = { ...verifyRequest, code: sms.lastCode() };

    // Act
    const outcome = await redeem(`stale-${key.customerId}`, consumeCodeWrite({ tableName: table.tableName, key, codeId: stale.codeId }));

    // Assess
    expect(outcome).toBe('TransactionCanceledException');
    expect(await marker(`stale-${key.customerId}`)).toBeUndefined();
    expect(await service.verify(current)).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('uses a code up once: a second redemption with it is cancelled', async () => {
    // Prepare
    const { key, service, verifyRequest } = await issuedCode();
    const verdict = await service.verify(verifyRequest);
    if (verdict.kind !== 'valid') throw new Error('the code should verify');
    const consume = consumeCodeWrite({ tableName: table.tableName, key, codeId: verdict.codeId });

    // Act
    const outcomes = await Promise.all([redeem(`a-${key.customerId}`, consume), redeem(`b-${key.customerId}`, consume)]);

    // Assess
    expect(outcomes.sort()).toEqual(['TransactionCanceledException', 'committed']);
    expect([await marker(`a-${key.customerId}`), await marker(`b-${key.customerId}`)].filter(Boolean)).toHaveLength(1);
  });

  it('with now, refuses a code past its validity and leaves it as it was', async () => {
    // Prepare
    const { key, clock, service, verifyRequest } = await issuedCode();
    const verdict = await service.verify(verifyRequest);
    if (verdict.kind !== 'valid') throw new Error('the code should verify');
    clock.advance(10 * 60_000);

    // Act
    const outcome = await redeem(
      `late-${key.customerId}`,
      consumeCodeWrite({ tableName: table.tableName, key, codeId: verdict.codeId, now: clock.now() }),
    );

    // Assess
    expect(outcome).toBe('TransactionCanceledException');
    expect(await service.verify(verifyRequest)).toEqual({ kind: 'invalid', reason: 'expired' });
  });
});
