import * as v from 'valibot';
import { MAX_BODY_BYTES } from '../../http/api-gateway-request';
import { MAX_PARAMETERS } from '../http/query-fields';
import { safeRecord } from '../safe-record';
import { readEvent } from './read-event';

/**
 * The event another Lambda sends when it invokes a function directly (README, "Direct invocation"):
 *
 *   {"operation": "isredeemable", "apiKey": "<partner key>",
 *    "params": {"mobile": "919900000001", "points": 100, "program_id": 1}}
 *
 * `operation` is a name from the function's operations table; `params` are the operation's query
 * parameters (strings, numbers or booleans); `body` its JSON body, for operations that take one.
 * Any other field is refused (a malformed event). The org comes from `apiKey`, exactly as over
 * HTTP (trimmed, as the header is). The answer is
 * `{statusCode, body}` with the same body as over HTTP (an object, not a string). Bounded as an HTTP
 * request is: at most MAX_PARAMETERS parameters (counted before any is read), names of at most 64
 * characters, values as any query value, a body of at most MAX_BODY_BYTES as JSON.
 */
export function directInvokeEventSchema<const TName extends string>(operations: readonly TName[]) {
  // Strict: a field it does not know (`Params`, `query`, a parameter beside `params`) would be
  // silently ignored and the operation run without it, so the event is malformed (ours).
  return v.strictObject({
    operation: v.picklist(operations, `operation must be one of ${operations.join(', ')}`),
    apiKey: v.pipe(v.string('apiKey must be a string'), v.trim(), v.nonEmpty('apiKey is required'), v.maxLength(256, 'apiKey is too long')),
    params: v.optional(
      v.pipe(
        v.unknown(),
        v.check((params) => typeof params !== 'object' || params === null || Object.keys(params).length <= MAX_PARAMETERS, `must have at most ${MAX_PARAMETERS} parameters`),
        safeRecord(v.pipe(v.string(), v.maxLength(64)), v.union([v.string(), v.number(), v.boolean()], 'params values must be strings, numbers or booleans')),
        v.transform((params) => Object.fromEntries(Object.entries(params).map(([k, value]) => [k, String(value)]))),
      ),
      {},
    ),
    body: v.optional(v.unknown()),
  }, 'must be an object with only operation, apiKey, params and body');
}

type DirectInvokeEvent<TName extends string> = v.InferOutput<ReturnType<typeof directInvokeEventSchema<TName>>>;

/** A direct invocation read, or why not: 400 for a malformed event, 413 for a body over MAX_BODY_BYTES as JSON (as over HTTP). */
export type DirectInvokeRead<TName extends string> =
  | { readonly ok: true; readonly event: DirectInvokeEvent<TName> }
  | { readonly ok: false; readonly statusCode: 400 | 413; readonly message: string };

/** Reads a direct invocation with the handler's event schema, then bounds its body as JSON. */
export function readDirectInvokeEvent<const TName extends string>(schema: ReturnType<typeof directInvokeEventSchema<TName>>, event: unknown): DirectInvokeRead<TName> {
  const read = readEvent(schema, event);
  if (!read.ok) return { ok: false, statusCode: 400, message: read.problem };
  const bytes = jsonBytes(read.value.body);
  if (bytes === undefined) return { ok: false, statusCode: 400, message: 'body: is not JSON' };
  if (bytes > MAX_BODY_BYTES) return { ok: false, statusCode: 413, message: `Request body too large: at most ${MAX_BODY_BYTES} bytes as JSON` };
  return { ok: true, event: read.value };
}

/** The bytes of a value as UTF-8 JSON (0 for no body); undefined when it is not JSON (a cycle, a bigint, nesting too deep). */
function jsonBytes(body: unknown): number | undefined {
  if (body === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(body), 'utf8');
  } catch {
    return undefined;
  }
}
