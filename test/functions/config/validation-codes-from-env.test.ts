import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ConfigurationError } from '../../../functions/core/validation-codes/errors';
import { buildValidationCodesFromEnv, deferredValidationCodes } from '../../../functions/config/validation-codes-from-env';
import type { ValidationCodes } from '../../../functions/core/ports/validation-codes';
import { Outbox } from '../../../local/outbox';
import { startSnsEndpoint, type SnsEndpoint } from '../../../local/sns-endpoint';
import { createTestTable, type TestTable } from '../../support/dynamodb';
import { otpRules } from '../../support/validation-code-fakes';

/** The production wiring from environment variables, against DynamoDB Local and the local SNS endpoint. */
describe('buildValidationCodesFromEnv', () => {
  let table: TestTable;
  let outbox: Outbox;
  let sns: SnsEndpoint;
  const savedEnv = { ...process.env };
  const secrets = mockClient(SecretsManagerClient);
  const logger = new Logger({ serviceName: 'validation-codes', logLevel: 'SILENT' });

  beforeAll(async () => {
    table = await createTestTable();
    outbox = new Outbox();
    sns = await startSnsEndpoint({ outbox });
    Object.assign(process.env, {
      AWS_REGION: 'local', // DynamoDB Local keeps tables per region and access key
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_ENDPOINT_URL_SNS: sns.url,
    });
  });
  afterAll(async () => {
    process.env = savedEnv;
    secrets.restore();
    await sns.close();
    await table.destroy();
  });
  afterEach(() => secrets.reset());

  const env = (extra: Record<string, string>) => ({ ...process.env, TABLE_NAME: table.tableName, SMS_ALLOWED_COUNTRY_CODES: '91', ...extra });
  const issueRequest = (customerId: number) => ({
    orgId: 'org-env',
    customerId,
    programId: 1,
    points: 10,
    channel: 'SMS' as const,
    mobile: '919900000077',
    programName: 'Club',
    otp: otpRules({ resendCooldownSeconds: 0 }),
  });

  it('wires DynamoDB, SNS and a secret given as a value; the sent code verifies', async () => {
    // Prepare
    const codes = await buildValidationCodesFromEnv(env({ OTP_HMAC_SECRET: 'x'.repeat(32), SMS_SENDER_ID: 'CLUB' }), logger);

    // Act
    const issued = await codes.issue(issueRequest(1));
    const code = /^([0-9]{6}) /.exec(sns.received.at(-1)?.message ?? '')?.[1] ?? 'none';
    const verified = await codes.verify({ ...issueRequest(1), code });

    // Assess
    expect(issued).toMatchObject({ kind: 'issued' });
    expect(sns.received.at(-1)?.attributes['AWS.SNS.SMS.SenderID']).toBe('CLUB');
    expect(verified).toEqual({ kind: 'valid', codeId: expect.any(String) });
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('reads the hash secret from Secrets Manager when given its ARN', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'y'.repeat(40) });

    // Act
    const codes = await buildValidationCodesFromEnv(env({ OTP_HMAC_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:otp' }), logger);
    const issued = await codes.issue(issueRequest(2));

    // Assess
    expect(issued).toMatchObject({ kind: 'issued' });
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:otp' });
  });

  it('gives up on an SNS endpoint that never answers after two attempts of 2 s, well inside the 6 s function timeout', async () => {
    // Prepare: a server that takes every request and never answers
    let publishes = 0;
    const silent: Server = createServer(() => {
      publishes += 1;
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    process.env.AWS_ENDPOINT_URL_SNS = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const codes = await buildValidationCodesFromEnv(env({ OTP_HMAC_SECRET: 'x'.repeat(32) }), logger);
      const started = Date.now();

      // Act
      const issued = await codes.issue(issueRequest(3));
      const elapsed = Date.now() - started;

      // Assess
      expect(issued).toEqual({ kind: 'failed', reason: 'delivery-failed' });
      expect(publishes).toBe(2);
      expect(elapsed).toBeGreaterThanOrEqual(4_000);
      expect(elapsed).toBeLessThan(5_500);
    } finally {
      process.env.AWS_ENDPOINT_URL_SNS = sns.url;
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses to start without the required configuration or with a short secret', async () => {
    // Act
    const noTable = buildValidationCodesFromEnv({ OTP_HMAC_SECRET: 'x'.repeat(32) }, logger);
    const shortSecret = buildValidationCodesFromEnv(env({ OTP_HMAC_SECRET: 'short' }), logger);

    // Assess
    await expect(noTable).rejects.toBeInstanceOf(ConfigurationError);
    await expect(shortSecret).rejects.toThrow('at least 32 bytes');
  });
});

describe('deferredValidationCodes', () => {
  it('builds once, on first use, and builds again after a failed build', async () => {
    // Prepare
    const codes: ValidationCodes = { issue: jest.fn(), verify: jest.fn().mockResolvedValue({ kind: 'valid', codeId: 'c1' }) };
    const build = jest.fn<Promise<ValidationCodes>, []>().mockRejectedValueOnce(new Error('secret unavailable')).mockResolvedValue(codes);
    const deferred = deferredValidationCodes(build);
    const request = { orgId: 'acme', customerId: 1, programId: 1, points: 1, code: '1', otp: otpRules() };

    // Act
    const beforeUse = build.mock.calls.length;
    const first = deferred.verify(request);
    await expect(first).rejects.toThrow('secret unavailable');
    await deferred.verify(request);
    await deferred.verify(request);

    // Assess
    expect(beforeUse).toBe(0);
    expect(build).toHaveBeenCalledTimes(2);
    expect(codes.verify).toHaveBeenCalledTimes(2);
  });
});
