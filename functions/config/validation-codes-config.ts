import * as v from 'valibot';
import { DEFAULT_MISSED_CALL_TIMEOUT_MS } from '../adapters/missed-call/http-missed-call-sender';
import { ConfigurationError } from '../core/validation-codes/errors';

/** Where a secret comes from: the environment (local runs) or Secrets Manager (deployed). */
export type SecretSource = { readonly kind: 'value'; readonly value: string } | { readonly kind: 'secret-arn'; readonly arn: string };

/** The validation-codes function's configuration, read from its environment (README, its configuration). */
export interface ValidationCodesConfig {
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

/** A variable that is unset or blank counts as unset. */
const optionalText = v.optional(
  v.pipe(
    v.string(),
    v.transform((value) => (value.trim() === '' ? undefined : value.trim())),
  ),
  '',
);

/** The validation-codes function's environment (README, "The validation-codes function's configuration"). */
export const ValidationCodesEnvSchema = v.object({
  TABLE_NAME: v.pipe(optionalText, v.string('TABLE_NAME is required')),
  OTP_HMAC_SECRET: optionalText,
  OTP_HMAC_SECRET_ARN: optionalText,
  SMS_SENDER_ID: optionalText,
  SMS_ORIGINATION_NUMBER: optionalText,
  SMS_ALLOWED_COUNTRY_CODES: v.pipe(
    optionalText,
    v.transform((list) => (list ?? '').split(',').map((code) => code.trim().replace(/^\+/, '')).filter((code) => code !== '')),
    v.check((codes) => codes.every((code) => /^[1-9][0-9]{0,2}$/.test(code)), 'SMS_ALLOWED_COUNTRY_CODES must list country calling codes, e.g. 91,44,1'),
  ),
  MISSED_CALL_BASE_URL: v.pipe(optionalText, v.check((url) => url === undefined || /^https?:\/\//.test(url), 'MISSED_CALL_BASE_URL must be an http(s) URL')),
  MISSED_CALL_API_KEY: optionalText,
  MISSED_CALL_API_KEY_SECRET_ARN: optionalText,
  MISSED_CALL_TIMEOUT_MS: v.pipe(
    optionalText,
    v.transform((text) => (text === undefined ? DEFAULT_MISSED_CALL_TIMEOUT_MS : Number(text))),
    // At most 4 s: the call and the code writes must end inside the function's 6 s timeout.
    v.check((ms) => Number.isInteger(ms) && ms >= 1 && ms <= 4_000, 'MISSED_CALL_TIMEOUT_MS must be a whole number of milliseconds, 1 to 4000'),
  ),
});

/** A secret given either as its value (local runs) or as the ARN of a Secrets Manager secret. */
function secretSource(value: string | undefined, arn: string | undefined, valueName: string): SecretSource {
  const arnName = `${valueName}${valueName.endsWith('_KEY') ? '_SECRET_ARN' : '_ARN'}`;
  if (value !== undefined && arn !== undefined) throw new ConfigurationError(`set ${valueName} or ${arnName}, not both`);
  if (value !== undefined) return { kind: 'value', value };
  if (arn !== undefined) return { kind: 'secret-arn', arn };
  throw new ConfigurationError(`${valueName} or ${arnName} is required`);
}

/** The validation-codes function's configuration, from its environment. Throws ConfigurationError naming the variable. */
export function readValidationCodesConfig(env: Readonly<Record<string, string | undefined>>): ValidationCodesConfig {
  const parsed = v.safeParse(ValidationCodesEnvSchema, env, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const name = v.getDotPath(issue) ?? '';
    throw new ConfigurationError(issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`);
  }
  const e = parsed.output;
  return {
    tableName: e.TABLE_NAME,
    hmacSecret: secretSource(e.OTP_HMAC_SECRET, e.OTP_HMAC_SECRET_ARN, 'OTP_HMAC_SECRET'),
    sms: { senderId: e.SMS_SENDER_ID, originationNumber: e.SMS_ORIGINATION_NUMBER },
    missedCall:
      e.MISSED_CALL_BASE_URL === undefined
        ? undefined
        : {
            baseUrl: e.MISSED_CALL_BASE_URL,
            apiKey: secretSource(e.MISSED_CALL_API_KEY, e.MISSED_CALL_API_KEY_SECRET_ARN, 'MISSED_CALL_API_KEY'),
            timeoutMs: e.MISSED_CALL_TIMEOUT_MS,
          },
    allowedCountryCodes: e.SMS_ALLOWED_COUNTRY_CODES,
  };
}
