import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { ValidationCodeKeys } from '../../../../functions/adapters/dynamodb/validation-code-items';
import { HttpMissedCallSender } from '../../../../functions/adapters/missed-call/http-missed-call-sender';
import { CryptoRandomSource } from '../../../../functions/adapters/node-crypto/crypto-random-source';
import { SnsSmsSender } from '../../../../functions/adapters/sns/sns-sms-sender';
import { hashCode } from '../../../../functions/core/validation-codes/code-hash';
import { ValidationCodeService } from '../../../../functions/core/validation-codes/validation-code-service';
import type { OtpRules } from '../../../../functions/core/model';
import type { ValidationCodeStore } from '../../../../functions/core/ports/validation-code-store';
import type { IssueCodeRequest, VerifyCodeRequest } from '../../../../functions/core/ports/validation-codes';
import { startMissedCallProvider, type MissedCallProvider } from '../../../../local/missed-call-provider';
import { Outbox } from '../../../../local/outbox';
import { startSnsEndpoint, type SnsEndpoint } from '../../../../local/sns-endpoint';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { HMAC_SECRET, ManualClock, TEST_EPOCH, otpRules } from '../../../support/validation-code-fakes';

/**
 * Failures on the way out: whatever breaks, no code is left usable unless its message was accepted.
 * Each test reads the code the stand-in received and shows it does not verify.
 */
describe('OTP faults: real DynamoDB Local, local SNS endpoint and missed-call provider', () => {
  let table: TestTable;
  let documentClient: DynamoDBDocumentClient;
  let outbox: Outbox;
  let snsEndpoint: SnsEndpoint;
  let provider: MissedCallProvider;
  let snsClient: SNSClient;
  let nextCustomer = 1;

  beforeAll(async () => {
    table = await createTestTable();
    documentClient = DynamoDBDocumentClient.from(table.client);
    outbox = new Outbox();
    snsEndpoint = await startSnsEndpoint({ outbox });
    provider = await startMissedCallProvider({ outbox, apiKey: 'provider-key' });
    snsClient = new SNSClient({
      endpoint: snsEndpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    snsClient.destroy();
    await Promise.all([snsEndpoint.close(), provider.close()]);
    await table.destroy();
  });
  afterEach(() => provider.setMode('ok'));

  function setup(options: { store?: ValidationCodeStore } & Partial<OtpRules> = {}) {
    const customerId = nextCustomer++;
    const store = options.store ?? new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName });
    const clock = new ManualClock();
    const service = new ValidationCodeService({
      store,
      senders: {
        SMS: new SnsSmsSender({ client: snsClient }),
        MISSED_CALL: new HttpMissedCallSender({ baseUrl: provider.url, apiKey: 'provider-key', timeoutMs: 200 }),
      },
      random: new CryptoRandomSource(),
      clock,
      hmacSecret: HMAC_SECRET,
      allowedCountryCodes: ['91'],
    });
    const { store: _store, ...rules } = options;
    const otp = otpRules({ resendCooldownSeconds: 30, ...rules });
    const mobile = `9198${String(customerId).padStart(8, '0')}`;
    const issueRequest = (channel: 'SMS' | 'MISSED_CALL'): IssueCodeRequest => ({
      orgId: 'org-faults',
      customerId,
      programId: 1,
      points: 100,
      channel,
      mobile,
      programName: 'Rewards',
      otp,
    });
    const verifyRequest = (code: string): VerifyCodeRequest => ({ orgId: 'org-faults', customerId, programId: 1, points: 100, code, otp });
    const otpItem = async () =>
      (await documentClient.send(new GetCommand({ TableName: table.tableName, Key: ValidationCodeKeys.code({ orgId: 'org-faults', customerId, programId: 1 }), ConsistentRead: true })))
        .Item;
    /** The day's counter of this customer or of their number. */
    const counter = async (scope: 'CUSTOMER' | 'PHONE') =>
      (
        await documentClient.send(
          new GetCommand({
            TableName: table.tableName,
            Key:
              scope === 'CUSTOMER'
                ? ValidationCodeKeys.customerDay({ orgId: 'org-faults', customerId, programId: 1 }, '2099-11-03')
                : ValidationCodeKeys.phoneDay(mobile, '2099-11-03'),
            ConsistentRead: true,
          }),
        )
      ).Item;
    return { customerId, clock, service, issueRequest, verifyRequest, otpItem, counter };
  }

  const lastSmsCode = () => /^([0-9]{6}) /.exec(snsEndpoint.received.at(-1)?.message ?? '')?.[1] ?? 'none';
  const lastCallCode = () => provider.received.at(-1)?.callerIdSuffix ?? 'none';

  it('SNS fails: delivery-failed, and the code SNS was given does not verify', async () => {
    // Prepare
    const { service, issueRequest, verifyRequest, otpItem } = setup();
    snsEndpoint.failNext(1);

    // Act
    const result = await service.issue(issueRequest('SMS'));
    const verified = await service.verify(verifyRequest(lastSmsCode()));

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(snsEndpoint.received.at(-1)?.outcome).toBe('failed');
    expect(lastSmsCode()).toMatch(/^[0-9]{6}$/);
    expect(verified).toEqual({ kind: 'invalid', reason: 'no-code' });
    expect(await otpItem()).toBeUndefined();
  });

  it('the provider hangs past the timeout: delivery-failed, and the code it was given does not verify', async () => {
    // Prepare
    const { service, issueRequest, verifyRequest } = setup();
    provider.setMode('hang');

    // Act
    const result = await service.issue(issueRequest('MISSED_CALL'));
    const verified = await service.verify(verifyRequest(lastCallCode()));

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(provider.received.at(-1)?.outcome).toBe('hung');
    expect(lastCallCode()).toMatch(/^[0-9]{6}$/);
    expect(verified).toEqual({ kind: 'invalid', reason: 'no-code' });
  });

  it('the provider answers 5xx: delivery-failed, the code does not verify, and a retry need not wait for the cooldown', async () => {
    // Prepare
    const { service, issueRequest, verifyRequest } = setup();
    provider.setMode('fail');

    // Act
    const failed = await service.issue(issueRequest('MISSED_CALL'));
    const failedCode = lastCallCode();
    const verified = await service.verify(verifyRequest(failedCode));
    provider.setMode('ok');
    const retry = await service.issue(issueRequest('MISSED_CALL'));

    // Assess
    expect(failed).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(failedCode).toMatch(/^[0-9]{6}$/);
    expect(verified).toEqual({ kind: 'invalid', reason: 'no-code' });
    expect(retry).toMatchObject({ kind: 'issued' });
    expect(await service.verify(verifyRequest(lastCallCode()))).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('a resend whose SMS fails leaves the previous code working: a code is replaced only by a delivered one', async () => {
    // Prepare
    const { clock, service, issueRequest, verifyRequest } = setup();
    await service.issue(issueRequest('SMS'));
    const firstCode = lastSmsCode();
    clock.advance(30_000);
    snsEndpoint.failNext(1);

    // Act
    const resend = await service.issue(issueRequest('SMS'));
    const failedCode = lastSmsCode();

    // Assess
    expect(resend).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(failedCode).not.toBe(firstCode);
    expect(await service.verify(verifyRequest(firstCode))).toEqual({ kind: 'valid', codeId: expect.any(String) });
    expect(await service.verify(verifyRequest(failedCode))).toEqual({ kind: 'invalid', reason: 'wrong' });
  });

  it('a resend whose missed call hangs leaves the previous code working too', async () => {
    // Prepare
    const { clock, service, issueRequest, verifyRequest } = setup();
    await service.issue(issueRequest('MISSED_CALL'));
    const firstCode = lastCallCode();
    clock.advance(30_000);
    provider.setMode('hang');

    // Act
    const resend = await service.issue(issueRequest('MISSED_CALL'));

    // Assess
    expect(resend).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(await service.verify(verifyRequest(firstCode))).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('an SMS outage does not use up the day: refused messages give their slots back', async () => {
    // Prepare: five codes a day, SNS failing for five issues
    const { service, issueRequest, verifyRequest, counter } = setup({ resendCooldownSeconds: 0, maxPerDay: 5 });
    snsEndpoint.failNext(5);

    // Act
    const duringOutage = [];
    for (let i = 0; i < 5; i += 1) duringOutage.push(await service.issue(issueRequest('SMS')));
    const afterOutage = await service.issue(issueRequest('SMS'));

    // Assess
    expect(duringOutage).toEqual(Array(5).fill({ kind: 'failed', reason: 'delivery-failed' }));
    expect(afterOutage).toMatchObject({ kind: 'issued' });
    expect(await service.verify(verifyRequest(lastSmsCode()))).toEqual({ kind: 'valid', codeId: expect.any(String) });
    expect(await counter('CUSTOMER')).toMatchObject({ issued: 1 });
    expect(await counter('PHONE')).toMatchObject({ issued: 1 });
  });

  it('a missed call that may have been placed (no answer in time) keeps its slot', async () => {
    // Prepare
    const { service, issueRequest, counter } = setup();
    provider.setMode('hang');

    // Act
    const result = await service.issue(issueRequest('MISSED_CALL'));

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(await counter('CUSTOMER')).toMatchObject({ issued: 1 });
  });

  it('a conditional failure (cooldown) is refused, sends nothing, and leaves the first code valid', async () => {
    // Prepare
    const { service, issueRequest, verifyRequest } = setup();
    await service.issue(issueRequest('SMS'));
    const firstCode = lastSmsCode();
    expect(firstCode).toMatch(/^[0-9]{6}$/);
    const sentBefore = snsEndpoint.received.length;

    // Act
    const second = await service.issue(issueRequest('SMS'));

    // Assess
    expect(second).toEqual({ kind: 'refused', reason: 'cooldown' });
    expect(snsEndpoint.received).toHaveLength(sentBefore);
    expect(await service.verify(verifyRequest(firstCode))).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('the store is unavailable: store-unavailable and nothing is sent', async () => {
    // Prepare
    const { service, issueRequest } = setup({ store: new DynamoDbValidationCodeStore({ client: table.client, tableName: 'missing-table' }) });
    const sentBefore = snsEndpoint.received.length;

    // Act
    const result = await service.issue(issueRequest('SMS'));

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'store-unavailable' });
    expect(snsEndpoint.received).toHaveLength(sentBefore);
  });

  it('a crash between saving and sending leaves a pending code that never verifies', async () => {
    // Prepare
    const { customerId, service, verifyRequest } = setup();
    const store = new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName });
    const key = { orgId: 'org-faults', customerId, programId: 1 };
    await store.saveNew({
      key,
      mobile: '919800000000',
      codeId: 'interrupted',
      codeHash: hashCode(HMAC_SECRET, { ...key, points: 100 }, '111111'),
      channel: 'SMS',
      issuedAt: TEST_EPOCH,
      validUntil: TEST_EPOCH + 60_000,
      retainUntil: TEST_EPOCH + 60_000,
      replacesIssuedAtOrBefore: TEST_EPOCH,
      abandonsPendingIssuedAtOrBefore: TEST_EPOCH - 10_000,
      day: '2099-11-03',
      maxPerDay: 5,
      maxAttempts: 5,
    });

    // Act
    const verified = await service.verify(verifyRequest('111111'));

    // Assess
    expect(verified).toEqual({ kind: 'invalid', reason: 'no-code' });
  });
});
