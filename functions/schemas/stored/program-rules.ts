import * as v from 'valibot';
import { DEFAULT_OTP_RULES, DEFAULT_REDEMPTION_RULES } from '../../core/rules/defaults';
import type { ProgramRules } from '../../core/model';
import { safeRecord } from '../safe-record';

/**
 * Program rules as configured (seed file, import, stored item). Every field is optional and gets
 * the documented default; the output is a complete ProgramRules.
 */
const count = (max = 1_000_000_000) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const positive = (max = 1_000_000_000) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));

/** Currency per point: a positive decimal with at most 10 decimals, as a number or a string. */
export const PointValueSchema = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((value) => String(value)),
  v.regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,10})?$/, 'must be a decimal with at most 10 decimals'),
  v.check((value) => Number(value) > 0, 'must be greater than 0'),
);

/** The OTP rules' fields and bounds, shared with the OTP function's event schema. */
export const otpFields = {
  required: v.boolean(),
  allowSkipValidation: v.boolean(),
  length: v.pipe(v.number(), v.integer(), v.minValue(4), v.maxValue(10)),
  alphabet: v.picklist(['numeric', 'alphanumeric']),
  validityMinutes: positive(24 * 60),
  maxAttempts: positive(20),
  resendCooldownSeconds: count(24 * 3600),
  maxPerDay: positive(100),
  missedCallEnabled: v.boolean(),
  smsTemplate: v.pipe(v.string(), v.maxLength(320), v.includes('{code}', 'must contain {code}')),
};

const ruleFields = {
  redemptionEnabled: v.boolean(),
  minPoints: positive(),
  maxPointsPerRedemption: v.nullable(positive()),
  multipleOf: positive(),
  minCurrentPoints: count(),
  minLifetimePoints: count(),
  minLifetimePurchases: v.pipe(v.number(), v.minValue(0)),
  pointValue: PointValueSchema,
  blockedFraudStatuses: v.array(v.pipe(v.string(), v.nonEmpty())),
};

const OtpOverridesSchema = v.strictObject(
  Object.fromEntries(Object.entries(otpFields).map(([k, s]) => [k, v.optional(s)])) as {
    [K in keyof typeof otpFields]: v.OptionalSchema<(typeof otpFields)[K], undefined>;
  },
);

export const TierOverridesSchema = v.strictObject({
  ...(Object.fromEntries(Object.entries(ruleFields).map(([k, s]) => [k, v.optional(s)])) as {
    [K in keyof typeof ruleFields]: v.OptionalSchema<(typeof ruleFields)[K], undefined>;
  }),
  otp: v.optional(OtpOverridesSchema),
});

/**
 * Redemption from group wallets (`user_group2_*`): `enabled` turns it on; every other field overrides
 * the program's rule for group wallets, e.g. `{"enabled": true, "maxPointsPerRedemption": 1000}`.
 */
export const GroupRedemptionSchema = v.strictObject({
  enabled: v.boolean(),
  ...TierOverridesSchema.entries,
});

export const ProgramRulesSchema = v.pipe(
  v.strictObject({
    ...TierOverridesSchema.entries,
    tiers: v.optional(safeRecord(v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)), TierOverridesSchema)),
    groupRedemption: v.optional(GroupRedemptionSchema),
  }),
  v.transform((input): ProgramRules => {
    const { otp, tiers, groupRedemption, ...rest } = input;
    return {
      ...DEFAULT_REDEMPTION_RULES,
      ...stripUndefined(rest),
      otp: { ...DEFAULT_OTP_RULES, ...stripUndefined(otp ?? {}) },
      tiers: tiers ?? {},
      ...(groupRedemption && { groupRedemption }),
    };
  }),
);
export type ProgramRulesInput = v.InferInput<typeof ProgramRulesSchema>;

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined)) as never;
}
