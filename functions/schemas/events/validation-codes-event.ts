import * as v from 'valibot';
import { VALIDATION_CODE_OPERATIONS } from '../../core/ports/validation-codes';

/**
 * The validation-codes function's event: `{"operation": <name>, ...the operation's request}`
 * (README, "The validation-codes function's event and reply"). This schema reads the name only;
 * the request is read by the operation's own schema in the table (core/ports/validation-codes.ts),
 * which leaves `operation` out of what it returns.
 */
export const ValidationCodesEventSchema = v.looseObject({ operation: v.picklist(VALIDATION_CODE_OPERATIONS) });

/** The reply to a malformed event (a reply, not a function error: the caller's bug, not ours). */
export const InvalidEventReplySchema = v.object({ ok: v.literal(false), error: v.literal('invalid-event'), message: v.string() });
export type InvalidEventReply = v.InferOutput<typeof InvalidEventReplySchema>;

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
