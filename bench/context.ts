import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { CountingProxy } from './proxy-process';

/** What every bench section works with: the production points entry, in-process, and the counting proxy. */
export interface BenchContext {
  readonly handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
  readonly proxy: CountingProxy;
  readonly tableName: string;
}

/** An API Gateway proxy event as the gateway hands it over after its authorizer let the key in. */
export function proxyEvent(request: { method: 'GET' | 'POST'; path: string; key: string; query?: Record<string, string>; body?: unknown }): APIGatewayProxyEvent {
  const query = request.query ?? null;
  return {
    resource: request.path,
    path: request.path,
    httpMethod: request.method,
    headers: { 'x-api-key': request.key, ...(request.body !== undefined && { 'content-type': 'application/json' }) },
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: null,
    stageVariables: null,
    body: request.body === undefined ? null : JSON.stringify(request.body),
    isBase64Encoded: false,
    requestContext: { requestId: 'bench' } as never,
  };
}

export const lambdaContext = { awsRequestId: 'bench', functionName: 'points-api', getRemainingTimeInMillis: () => 15_000 } as unknown as Context;

/**
 * Runs `work` with the process's stdout swallowed: the functions' log and metric lines are formatted
 * (their CPU is counted) but not written (a terminal's speed is not the service's).
 */
export async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}

/** Runs `total` calls with `concurrency` in flight; calls per second. */
export async function throughput(total: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await call(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
