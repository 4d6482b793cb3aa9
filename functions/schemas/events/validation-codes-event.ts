import * as v from 'valibot';
import { ValidationChannel } from '../../core/ports/validation-codes';
import { otpFields } from '../stored/program-rules';

/**
 * The validation-codes function's event and replies (documented in the README, "The validation-codes function's event and reply"). The event carries the
 * program's OTP rules for the customer's tier, so this function reads no program data itself.
 */
const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
/** The program's OTP rules for the customer's tier: the fields and bounds of the program rules. */
export const OtpRulesSchema = v.object({ ...otpFields, smsTemplate: v.optional(otpFields.smsTemplate) });

const bindingEntries = {
  orgId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(128)),
  customerId: id,
  programId: id,
  points: id,
  otp: OtpRulesSchema,
};

export const IssueEventSchema = v.object({
  operation: v.literal('issue'),
  ...bindingEntries,
  channel: v.picklist(Object.values(ValidationChannel)),
  mobile: v.optional(v.pipe(v.string(), v.maxLength(32))),
  programName: v.pipe(v.string(), v.maxLength(200)),
});

export const VerifyEventSchema = v.object({
  operation: v.literal('verify'),
  ...bindingEntries,
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

export const OtpEventSchema = v.variant('operation', [IssueEventSchema, VerifyEventSchema]);
export type OtpEventInput = v.InferInput<typeof OtpEventSchema>;
export type OtpEventOutput = v.InferOutput<typeof OtpEventSchema>;

/** The reply to a malformed event (a reply, not a function error: the caller's bug, not ours). */
export interface InvalidEventReply {
  readonly ok: false;
  readonly error: 'invalid-event';
  readonly message: string;
}

export const IssueCodeResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('issued'), channel: v.picklist(Object.values(ValidationChannel)), expiresAt: v.number() }),
  v.object({
    kind: v.literal('refused'),
    reason: v.picklist(['cooldown', 'daily-limit', 'no-mobile', 'country-not-allowed', 'channel-disabled', 'alphabet-not-callable']),
  }),
  v.object({ kind: v.literal('failed'), reason: v.picklist(['delivery-failed', 'store-unavailable', 'unreachable']) }),
]);

export const VerifyCodeResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('valid') }),
  v.object({ kind: v.literal('invalid'), reason: v.picklist(['no-code', 'wrong', 'expired', 'attempts-exhausted']) }),
]);

/**
 * Names what is wrong without repeating the values received: a malformed event may carry a code,
 * and this message is returned and logged.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${v.getDotPath(issue) ?? 'event'}: expected ${issue.expected ?? 'a valid value'}`)
    .join('; ');
}
