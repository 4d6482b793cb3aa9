import * as v from 'valibot';
import { safeRecord } from '../safe-record';

/**
 * The event another Lambda sends when it invokes the points API function directly:
 *
 *   {"operation": "isredeemable", "apiKey": "<partner key>",
 *    "params": {"mobile": "919900000001", "points": 100, "program_id": 1}}
 *
 * `params` are the query parameters of the HTTP endpoint (strings, numbers or booleans). The org
 * comes from `apiKey`, exactly as over HTTP. The answer is `{statusCode, body}` with the same body
 * as the HTTP endpoint (an object, not a string).
 */
export const DirectInvokeEventSchema = v.object({
  operation: v.picklist(['isredeemable', 'validationcode'], 'operation must be isredeemable or validationcode'),
  apiKey: v.pipe(v.string('apiKey must be a string'), v.nonEmpty('apiKey is required'), v.maxLength(256, 'apiKey is too long')),
  params: v.optional(
    v.pipe(
      safeRecord(v.pipe(v.string(), v.maxLength(64)), v.union([v.string(), v.number(), v.boolean()], 'params values must be strings, numbers or booleans')),
      v.transform((params) => Object.fromEntries(Object.entries(params).map(([k, value]) => [k, String(value)]))),
    ),
    {},
  ),
});
export type DirectInvokeEventInput = v.InferInput<typeof DirectInvokeEventSchema>;
