import { DEFAULT_MISSED_CALL_TIMEOUT_MS } from '../adapters/missed-call/http-missed-call-sender';

/** Where a secret comes from: the environment (local runs) or Secrets Manager (deployed). */
export type SecretSource = { readonly kind: 'value'; readonly value: string } | { readonly kind: 'secret-arn'; readonly arn: string };

export interface OtpFunctionConfig {
  readonly tableName: string;
  readonly hmacSecret: SecretSource;
  readonly sms: {
    readonly senderId?: string;
    readonly originationNumber?: string;
  };
  /** Absent: the MISSED_CALL channel is not available (refused as 'channel-disabled'). */
  readonly missedCall?: { readonly baseUrl: string; readonly apiKey: SecretSource; readonly timeoutMs: number };
  /** Country calling codes codes may be sent to; empty refuses every number. */
  readonly allowedCountryCodes: readonly string[];
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const present = (value: string | undefined) => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

/** A secret given either as its value (local runs) or as the ARN of a Secrets Manager secret. */
function secretSource(env: Env, valueName: string, arnName: string): SecretSource {
  const value = present(env[valueName]);
  const arn = present(env[arnName]);
  if (value !== undefined && arn !== undefined) throw new ConfigurationError(`set ${valueName} or ${arnName}, not both`);
  if (value !== undefined) return { kind: 'value', value };
  if (arn !== undefined) return { kind: 'secret-arn', arn };
  throw new ConfigurationError(`${valueName} or ${arnName} is required`);
}

/** The OTP function's configuration, from its environment (README, "The OTP function's configuration"). Throws ConfigurationError. */
export function readOtpConfig(env: Env): OtpFunctionConfig {
  const tableName = present(env.TABLE_NAME);
  if (tableName === undefined) throw new ConfigurationError('TABLE_NAME is required');
  const hmacSecret = secretSource(env, 'OTP_HMAC_SECRET', 'OTP_HMAC_SECRET_ARN');

  const allowedCountryCodes = (present(env.SMS_ALLOWED_COUNTRY_CODES) ?? '')
    .split(',')
    .map((code) => code.trim().replace(/^\+/, ''))
    .filter((code) => code !== '');
  const badCode = allowedCountryCodes.find((code) => !/^[1-9][0-9]{0,2}$/.test(code));
  if (badCode !== undefined) throw new ConfigurationError(`SMS_ALLOWED_COUNTRY_CODES: "${badCode}" is not a country calling code`);

  const baseUrl = present(env.MISSED_CALL_BASE_URL);
  let missedCall: OtpFunctionConfig['missedCall'];
  if (baseUrl !== undefined) {
    if (!/^https?:\/\//.test(baseUrl)) throw new ConfigurationError('MISSED_CALL_BASE_URL must be an http(s) URL');
    const timeoutText = present(env.MISSED_CALL_TIMEOUT_MS);
    const timeoutMs = timeoutText === undefined ? DEFAULT_MISSED_CALL_TIMEOUT_MS : Number(timeoutText);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 30_000) {
      throw new ConfigurationError('MISSED_CALL_TIMEOUT_MS must be a whole number of milliseconds, 1 to 30000');
    }
    missedCall = { baseUrl, apiKey: secretSource(env, 'MISSED_CALL_API_KEY', 'MISSED_CALL_API_KEY_SECRET_ARN'), timeoutMs };
  }

  return {
    tableName,
    hmacSecret,
    sms: { senderId: present(env.SMS_SENDER_ID), originationNumber: present(env.SMS_ORIGINATION_NUMBER) },
    missedCall,
    allowedCountryCodes,
  };
}
