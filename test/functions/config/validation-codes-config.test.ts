import { readValidationCodesConfig } from '../../../functions/config/validation-codes-config';
import { ConfigurationError } from '../../../functions/core/validation-codes/errors';

const base = { TABLE_NAME: 'points', OTP_HMAC_SECRET: 's'.repeat(32) };

describe('readValidationCodesConfig', () => {
  it('reads a minimal local configuration with SMS only and no allowed country', () => {
    // Act
    const config = readValidationCodesConfig(base);

    // Assess
    expect(config).toEqual({
      tableName: 'points',
      hmacSecret: { kind: 'value', value: 's'.repeat(32) },
      sms: { senderId: undefined, originationNumber: undefined },
      missedCall: undefined,
      allowedCountryCodes: [],
    });
  });

  it('reads secrets by ARN, the missed-call provider and the allowed countries', () => {
    // Act
    const config = readValidationCodesConfig({
      TABLE_NAME: 'points',
      OTP_HMAC_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:otp',
      MISSED_CALL_BASE_URL: 'https://calls.example',
      MISSED_CALL_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:calls',
      MISSED_CALL_TIMEOUT_MS: '1500',
      SMS_SENDER_ID: 'ACME',
      SMS_ORIGINATION_NUMBER: '+447700900001',
      SMS_ALLOWED_COUNTRY_CODES: '91, +44,1',
    });

    // Assess
    expect(config).toEqual({
      tableName: 'points',
      hmacSecret: { kind: 'secret-arn', arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:otp' },
      sms: { senderId: 'ACME', originationNumber: '+447700900001' },
      missedCall: {
        baseUrl: 'https://calls.example',
        apiKey: { kind: 'secret-arn', arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:calls' },
        timeoutMs: 1500,
      },
      allowedCountryCodes: ['91', '44', '1'],
    });
  });

  it('defaults the missed-call timeout to 2000 ms', () => {
    // Act
    const config = readValidationCodesConfig({ ...base, MISSED_CALL_BASE_URL: 'http://127.0.0.1:9', MISSED_CALL_API_KEY: 'k' });

    // Assess
    expect(config.missedCall?.timeoutMs).toBe(2000);
  });

  it.each([
    ['no table', { OTP_HMAC_SECRET: 'x' }, 'TABLE_NAME'],
    ['no secret', { TABLE_NAME: 't' }, 'OTP_HMAC_SECRET'],
    ['both a secret and its ARN', { ...base, OTP_HMAC_SECRET_ARN: 'arn:x' }, 'not both'],
    ['a provider without a key', { ...base, MISSED_CALL_BASE_URL: 'https://calls.example' }, 'MISSED_CALL_API_KEY'],
    ['a bad timeout', { ...base, MISSED_CALL_BASE_URL: 'https://c.example', MISSED_CALL_API_KEY: 'k', MISSED_CALL_TIMEOUT_MS: 'soon' }, 'MISSED_CALL_TIMEOUT_MS'],
    ['a timeout the function would not outlast', { ...base, MISSED_CALL_BASE_URL: 'https://c.example', MISSED_CALL_API_KEY: 'k', MISSED_CALL_TIMEOUT_MS: '4001' }, '1 to 4000'],
    ['a bad country code', { ...base, SMS_ALLOWED_COUNTRY_CODES: '91,abc' }, 'SMS_ALLOWED_COUNTRY_CODES'],
  ])('refuses %s', (_, env, named) => {
    // Act
    const read = () => readValidationCodesConfig(env);

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(named);
  });
});
