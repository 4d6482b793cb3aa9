import type { Partner } from '../core/model';

/**
 * The Capillary v1.1 envelope (`{"response": {"status": {...}, ...}}`) and the answers every
 * operation shares: who may call, which resource and method, what went wrong on our side. Booleans
 * are the strings "true"/"false", as the reference sends them (contract, "GET /v1.1/points/isredeemable").
 */

/** An answer before it is written for its transport: HTTP status and the body as an object. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly body: unknown;
  /** Extra response headers (e.g. `allow` on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The item carries a refusal (a rule, a code, an unknown customer, a reused reference): `statusCode`
   * is then its REST status (400; 409 for 899), which only a partner key asking for REST statuses
   * gets. Everyone else gets HTTP 200, as the reference answers (`forPartner`; README, "Answers").
   */
  readonly refusal?: true;
}

/** An answer whose item carries a refusal; `restStatus` is what a key with `failedCheckHttpStatus: 400` gets. */
export function refusalAnswer(restStatus: 400 | 409, body: unknown): HttpAnswer {
  return { statusCode: restStatus, body, refusal: true };
}

/**
 * The answer with the HTTP status this partner gets: a refusal is HTTP 200 with the same body (the
 * reference's recorded answers; clients that throw on any 4xx read refusals from the body), unless
 * the partner's key asks for REST statuses (`failedCheckHttpStatus: 400`). Nothing else changes.
 */
export function forPartner(answer: HttpAnswer, partner: Partner): HttpAnswer {
  return answer.refusal && partner.failedCheckHttpStatus !== 400 ? { ...answer, statusCode: 200 } : answer;
}

export const flag = (value: boolean): 'true' | 'false' => (value ? 'true' : 'false');

/** A `status` or `item_status` object: `{success: "true"|"false", code, message}`. */
export const status = (success: boolean, code: number, message: string) => ({ success: flag(success), code, message });

/** The request-level status of a refused item (contract: "All requests have failed due to errors"). */
export const REQUEST_FAILED_STATUS = status(false, 500, 'All requests have failed due to errors');

/** An answer with only a request-level status: the request never reached an operation. */
export function statusAnswer(statusCode: number, message: string, headers?: Readonly<Record<string, string>>): HttpAnswer {
  return { statusCode, body: { response: { status: status(false, statusCode, message) } }, ...(headers && { headers }) };
}

/** No credential, or one we do not know: the same answer as the API Gateway authorizer's 401. */
export function unauthorizedAnswer(): HttpAnswer {
  return statusAnswer(401, 'Unauthorized: a valid x-api-key header is required');
}

export function notFoundAnswer(path: string): HttpAnswer {
  return statusAnswer(404, `No such resource: ${path.slice(0, 100)}`);
}

/** A resource asked with a method none of its operations takes; `allowed` goes to the `allow` header. */
export function methodNotAllowedAnswer(allowed: readonly string[]): HttpAnswer {
  return statusAnswer(405, `Method not allowed: use ${allowed.join(' or ')}`, { allow: allowed.join(', ') });
}

/** A direct invocation whose event does not have the documented shape (README, "Direct invocation"). */
export function invalidEventAnswer(message: string): HttpAnswer {
  return statusAnswer(400, `Invalid event: ${message}`);
}

/**
 * What a failed request's retry would do (ours: README, "Answers"): `read`, nothing was changed;
 * `write`, the change may have been applied, and the request's idempotency key (its reference)
 * makes a retry safe; `write-without-key`, the change may have been applied and the request carried
 * no reference, so a retry could apply it a second time.
 */
export type RetrySafety = 'read' | 'write' | 'write-without-key';

const RETRY_ADVICE: Record<RetrySafety, string> = {
  read: 'nothing was changed; retry shortly',
  write: 'the change may or may not have been applied; retry with the same reference, which is never applied twice',
  'write-without-key':
    'the change may or may not have been applied, and this request carried no reference: a retry could apply it a second time, so look before retrying (a reference makes a retry safe)',
};

/**
 * A dependency failed (throttled, unreachable) or a bug: the stack goes to the log, never here. What
 * the partner may do depends on the request (RetrySafety).
 */
export function unavailableAnswer(requestId: string, retry: RetrySafety): HttpAnswer {
  return statusAnswer(503, `Service temporarily unavailable, ${RETRY_ADVICE[retry]} (request ${requestId})`);
}

/** Echo only short, printable values: a 10 kB parameter must not come back in the answer. */
export function echoParam(value: string | undefined): string {
  return value !== undefined && value.length <= 128 && /^[\x20-\x7e]*$/.test(value) ? value : '';
}

/** The points a malformed request asked for, when they were plain digits; 0 otherwise. */
export function echoPoints(value: string | undefined): number {
  return /^[0-9]{1,9}$/.test(value ?? '') ? Number(value) : 0;
}
