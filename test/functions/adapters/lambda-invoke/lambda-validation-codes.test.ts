import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { LambdaValidationCodes } from '../../../../functions/adapters/lambda-invoke/lambda-validation-codes';
import { CryptoRandomSource } from '../../../../functions/adapters/node-crypto/crypto-random-source';
import { SnsSmsSender } from '../../../../functions/adapters/sns/sns-sms-sender';
import { ValidationCodesUnavailableError } from '../../../../functions/core/validation-codes/errors';
import { ValidationCodeService } from '../../../../functions/core/validation-codes/validation-code-service';
import type { IssueCodeRequest, VerifyCodeRequest } from '../../../../functions/core/ports/validation-codes';
import { makeValidationCodesHandler } from '../../../../functions/handlers/validation-codes-handler';
import { startLambdaEndpoint, type LambdaEndpoint } from '../../../../local/lambda-endpoint';
import { Outbox } from '../../../../local/outbox';
import { startSnsEndpoint, type SnsEndpoint } from '../../../../local/sns-endpoint';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { HMAC_SECRET, ManualClock, otpRules } from '../../../support/validation-code-fakes';

const localCredentials = { region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };

describe('LambdaValidationCodes -> local Lambda endpoint -> validation-codes handler (end to end)', () => {
  let table: TestTable;
  let outbox: Outbox;
  let sns: SnsEndpoint;
  let snsClient: SNSClient;
  let lambda: LambdaEndpoint;
  let lambdaClient: LambdaClient;

  beforeAll(async () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    table = await createTestTable();
    outbox = new Outbox();
    sns = await startSnsEndpoint({ outbox });
    snsClient = new SNSClient({ ...localCredentials, endpoint: sns.url });
    const otpHandler = (tableName: string) =>
      makeValidationCodesHandler({
        validationCodes: new ValidationCodeService({
          store: new DynamoDbValidationCodeStore({ client: table.client, tableName }),
          senders: { SMS: new SnsSmsSender({ client: snsClient }) },
          random: new CryptoRandomSource(),
          clock: new ManualClock(),
          hmacSecret: HMAC_SECRET,
          allowedCountryCodes: ['91'],
        }),
        logger: new Logger({ serviceName: 'validation-codes', logLevel: 'SILENT' }),
        // Its warnings (no metric to publish when a call fails) through a silent logger, not to stdout.
        metrics: new Metrics({ namespace: 'Test', serviceName: 'validation-codes', logger: new Logger({ logLevel: 'SILENT' }) }),
      });
    lambda = await startLambdaEndpoint({
      functions: {
        'validation-codes': otpHandler(table.tableName),
        'validation-codes-no-table': otpHandler('missing-table'),
        crashing: async () => {
          throw new Error('boom');
        },
      },
    });
    lambdaClient = new LambdaClient({ ...localCredentials, endpoint: lambda.url });
  });
  afterAll(async () => {
    lambdaClient.destroy();
    snsClient.destroy();
    await Promise.all([lambda.close(), sns.close()]);
    await table.destroy();
  });

  const otp = otpRules();
  const issueRequest: IssueCodeRequest = {
    orgId: 'org-lambda',
    customerId: 5,
    programId: 2,
    points: 300,
    channel: 'SMS',
    mobile: '919900000055',
    programName: 'Club',
    otp,
  };
  const verifyRequest = (code: string, points = 300): VerifyCodeRequest => ({ orgId: 'org-lambda', customerId: 5, programId: 2, points, code, otp });
  const smsCode = () => /^([0-9]{6}) /.exec(outbox.list()[0]?.channel === 'SMS' ? (outbox.list()[0] as { text: string }).text : '')?.[1];

  it('issues through the function, and the code sent by SMS verifies through it', async () => {
    // Prepare
    const codes = new LambdaValidationCodes({ client: lambdaClient, functionName: 'validation-codes' });

    // Act
    const issued = await codes.issue(issueRequest);
    const code = smsCode() ?? 'none';
    const valid = await codes.verify(verifyRequest(code));
    const otherAmount = await codes.verify(verifyRequest(code, 299));

    // Assess
    expect(issued).toMatchObject({ kind: 'issued', channel: 'SMS', expiresAt: expect.any(Number) });
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(valid).toEqual({ kind: 'valid', codeId: expect.any(String) });
    expect(otherAmount).toEqual({ kind: 'invalid', reason: 'wrong' });
  });

  it('passes refusals and failures the function answers through unchanged', async () => {
    // Prepare
    const codes = new LambdaValidationCodes({ client: lambdaClient, functionName: 'validation-codes' });
    const noTable = new LambdaValidationCodes({ client: lambdaClient, functionName: 'validation-codes-no-table' });

    // Act
    const refused = await codes.issue({ ...issueRequest, customerId: 6, mobile: '15550100200' });
    const failed = await noTable.issue(issueRequest);

    // Assess
    expect(refused).toEqual({ kind: 'refused', reason: 'country-not-allowed' });
    expect(failed).toEqual({ kind: 'failed', reason: 'store-unavailable' });
  });

  it('answers an issue with unreachable when the function fails, and throws on verify', async () => {
    // Prepare
    const crashing = new LambdaValidationCodes({ client: lambdaClient, functionName: 'crashing' });
    const noTable = new LambdaValidationCodes({ client: lambdaClient, functionName: 'validation-codes-no-table' });

    // Act
    const issued = await crashing.issue(issueRequest);
    const verifying = await crashing.verify(verifyRequest('123456')).then(() => undefined, (error: unknown) => error);
    const verifyingWithoutStore = await noTable.verify(verifyRequest('123456')).then(() => undefined, (error: unknown) => error);

    // Assess
    expect(issued).toEqual({ kind: 'failed', reason: 'unreachable' });
    expect(verifying).toBeInstanceOf(ValidationCodesUnavailableError);
    expect(verifying).toMatchObject({ message: 'the validation-codes function failed (Unhandled)' });
    expect(verifyingWithoutStore).toMatchObject({ message: 'the validation-codes function failed (Unhandled)' });
  });

  it('answers unreachable for a function that does not exist or an endpoint that is down', async () => {
    // Prepare
    const missing = new LambdaValidationCodes({ client: lambdaClient, functionName: 'no-such-function' });
    const down = await startLambdaEndpoint();
    const downClient = new LambdaClient({ ...localCredentials, endpoint: down.url });
    await down.close();
    const unreachable = new LambdaValidationCodes({ client: downClient, functionName: 'validation-codes' });

    // Act
    const missingIssue = await missing.issue(issueRequest);
    const downIssue = await unreachable.issue(issueRequest);
    const downVerify = unreachable.verify(verifyRequest('123456'));

    // Assess
    expect(missingIssue).toEqual({ kind: 'failed', reason: 'unreachable' });
    expect(downIssue).toEqual({ kind: 'failed', reason: 'unreachable' });
    await expect(downVerify).rejects.toBeInstanceOf(ValidationCodesUnavailableError);
    downClient.destroy();
  });

  it('replies invalid-event to a malformed event, as a reply and not a function error', async () => {
    // Prepare
    const event = { operation: 'verify', orgId: 'org-lambda' };

    // Act
    const output = await lambdaClient.send(
      new InvokeCommand({ FunctionName: 'validation-codes', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    );

    // Assess
    expect(output.FunctionError).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(output.Payload))).toEqual({
      ok: false,
      error: 'invalid-event',
      message: expect.stringContaining('customerId'),
    });
  });
});
