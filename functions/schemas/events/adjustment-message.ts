import * as v from 'valibot';

/**
 * A message of the adjustments queue (ours: README, "The adjustments queue"): the partner key and
 * the body of `adjust`, as a direct invocation sends them (`operation` may be given, and must then
 * be `adjust`):
 *
 *   {"apiKey": "<partner key>", "body": {"reference": "ORD-881-earn", "type": "EARN", ...}}
 *
 * or an EventBridge event routed to the queue by a rule, whose `detail` is that message and whose
 * `detail-type` is ADJUSTMENT_DETAIL_TYPE. The org and the key's scopes come from `apiKey`, never
 * from the message.
 */
export const ADJUSTMENT_DETAIL_TYPE = 'PointsAdjustment';

/** The message itself (or an event's `detail`): the key, the adjust body, and optionally `operation: "adjust"`. */
export const AdjustmentMessageSchema = v.strictObject(
  {
    operation: v.optional(v.literal('adjust', 'operation must be adjust (or left out)')),
    apiKey: v.pipe(v.string('apiKey must be a string'), v.nonEmpty('apiKey is required'), v.maxLength(256, 'apiKey is too long')),
    body: v.unknown(),
  },
  // Strict: `params`, `Operation` or a field beside `body` would be dropped unread, and the adjustment applied without it.
  'the message must be an object with only apiKey, body and (optionally) operation: {"apiKey": ..., "body": {...}}',
);

/** A message read: the key and the adjust body, or what is wrong with it (never repeating a value: it may hold a key). */
export type AdjustmentMessageRead =
  | { readonly ok: true; readonly apiKey: string; readonly body: unknown; readonly via: 'message' | 'event' }
  | { readonly ok: false; readonly problem: string };

/** Reads an SQS message body: JSON, then an EventBridge envelope if it is one, then the message's shape. */
export function readAdjustmentMessage(text: string): AdjustmentMessageRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the message is not JSON' };
  }
  // An EventBridge event says what it is in `detail-type`; a message has no such field.
  const event = typeof json === 'object' && json !== null && 'detail-type' in json ? (json as { 'detail-type': unknown; detail?: unknown }) : undefined;
  if (event && event['detail-type'] !== ADJUSTMENT_DETAIL_TYPE) return { ok: false, problem: `an EventBridge event whose detail-type is not ${ADJUSTMENT_DETAIL_TYPE}` };
  const message = v.safeParse(AdjustmentMessageSchema, event ? event.detail : json, { abortEarly: true });
  if (!message.success) return { ok: false, problem: `${event ? 'detail: ' : ''}${message.issues[0].message}` };
  return { ok: true, apiKey: message.output.apiKey, body: message.output.body, via: event ? 'event' : 'message' };
}
