import * as v from 'valibot';
import { safeRecord } from '../safe-record';

/**
 * The event another Lambda sends when it invokes a function directly (README, "Direct invocation"):
 *
 *   {"operation": "isredeemable", "apiKey": "<partner key>",
 *    "params": {"mobile": "919900000001", "points": 100, "program_id": 1}}
 *
 * `operation` is a name from the function's operations table; `params` are the operation's query
 * parameters (strings, numbers or booleans); `body` its JSON body, for operations that take one.
 * The org comes from `apiKey`, exactly as over HTTP. The answer is `{statusCode, body}` with the same
 * body as over HTTP (an object, not a string).
 */
export function directInvokeEventSchema<const TName extends string>(operations: readonly TName[]) {
  return v.object({
    operation: v.picklist(operations, `operation must be one of ${operations.join(', ')}`),
    apiKey: v.pipe(v.string('apiKey must be a string'), v.nonEmpty('apiKey is required'), v.maxLength(256, 'apiKey is too long')),
    params: v.optional(
      v.pipe(
        safeRecord(v.pipe(v.string(), v.maxLength(64)), v.union([v.string(), v.number(), v.boolean()], 'params values must be strings, numbers or booleans')),
        v.transform((params) => Object.fromEntries(Object.entries(params).map(([k, value]) => [k, String(value)]))),
      ),
      {},
    ),
    body: v.optional(v.unknown()),
  });
}
