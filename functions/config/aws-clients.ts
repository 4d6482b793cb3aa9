import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

// Every entry makes its clients through this module, after loading it: the SDK's warning that its
// 2027 releases need Node 22 (read when a client is made) says nothing actionable to a function
// that runs on Node 22 in AWS and on Node 20 locally. The stacks set it too; a value set is kept.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * How long one SDK call may take: its attempts (the first and the retries, with the SDK's standard
 * strategy) and each attempt's limits. The SDK's HTTP handler (@smithy/node-http-handler 4) starts
 * the request timer when an attempt starts, connecting included, so no attempt outlasts
 * `requestTimeoutMs`; without `throwOnRequestTimeout` it would only warn.
 */
export interface CallBudget {
  /** Attempts in all: 1 is no retry. */
  readonly maxAttempts: number;
  /** Milliseconds to open a connection (part of requestTimeoutMs): an unreachable host is given up sooner. */
  readonly connectionTimeoutMs: number;
  /** Milliseconds from the start of an attempt to the whole answer. */
  readonly requestTimeoutMs: number;
}

/**
 * The longest wait the SDK's standard retry draws before retry n (0-based): a random share of
 * base × 2^n, base 1 s after throttling and 50 ms (25 ms for DynamoDB) after other errors
 * (@smithy/core retry, `Retry.throttlingDelay()`). DynamoDB sends no Retry-After hint, which could
 * lengthen a wait by up to 5 s.
 */
const LONGEST_BACKOFF_BASE_MS = 1_000;

/**
 * The longest one call can take under a budget, in milliseconds: every attempt runs out its
 * request timeout and every wait between attempts is the longest the SDK may draw.
 */
export function worstCaseCallMs(budget: CallBudget): number {
  let waits = 0;
  for (let retry = 0; retry < budget.maxAttempts - 1; retry += 1) waits += LONGEST_BACKOFF_BASE_MS * 2 ** retry;
  return budget.maxAttempts * budget.requestTimeoutMs + waits;
}

/**
 * Budgets, nested inside the timeouts that wait for them (README, "Choices worth knowing"):
 * - `authorizer`, its key lookup: 2 attempts of at most 1 s, worst case 3 s, inside the authorizer's
 *   5 s Lambda timeout with 2 s to spare for a cold start. Past its timeout API Gateway would answer
 *   the authorizer failure anyway, but our own failure is logged and named;
 * - `table`, every other function's table calls: 3 attempts of at most 1 s, worst case 6 s. With
 *   the points API's call to the OTP function (`otpInvoke`, 8 s, one attempt) 14 s, inside the
 *   points function's 15 s, itself inside API Gateway's 29 s. A DynamoDB read answers in
 *   milliseconds; a second that passes without an answer is an outage, not a slow read;
 * - `otpInvoke`: not retried (a retry could send a second code); 8 s is above the OTP function's
 *   own 6 s timeout, so that function always finishes or dies first;
 * - `default`, the other clients (Secrets Manager): 3 attempts of at most 3 s.
 * A budget that stops failing with `TimeoutError` ends in the caller's documented 503.
 */
export const CALL_BUDGETS = {
  authorizer: { maxAttempts: 2, connectionTimeoutMs: 500, requestTimeoutMs: 1_000 },
  table: { maxAttempts: 3, connectionTimeoutMs: 500, requestTimeoutMs: 1_000 },
  otpInvoke: { maxAttempts: 1, connectionTimeoutMs: 1_000, requestTimeoutMs: 8_000 },
  default: { maxAttempts: 3, connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000 },
} as const satisfies Record<string, CallBudget>;

/** The SDK client settings of a budget. Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables. */
export function sdkClientSettings(budget: CallBudget) {
  return {
    maxAttempts: budget.maxAttempts,
    requestHandler: { connectionTimeout: budget.connectionTimeoutMs, requestTimeout: budget.requestTimeoutMs, throwOnRequestTimeout: true },
  } as const;
}

/** Settings for clients with no budget of their own (see CALL_BUDGETS.default). */
export const SDK_CLIENT_SETTINGS = sdkClientSettings(CALL_BUDGETS.default);

export interface DynamoDbClientOptions extends Pick<DynamoDBClientConfig, 'cacheMiddleware'> {
  /** Default: CALL_BUDGETS.table. */
  readonly budget?: CallBudget;
}

/** A DynamoDB client with a budget; `cacheMiddleware` for a function's hot path (README, "Performance"). */
export function dynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  const { budget = CALL_BUDGETS.table, ...extra } = options;
  return new DynamoDBClient({ ...sdkClientSettings(budget), ...extra });
}
