import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { CountingProxy } from './proxy-process';

type PointsHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** What every bench section works with: the production points entry, in-process, and the counting proxy. */
export interface BenchContext {
  readonly handler: PointsHandler;
  /** The same function wired the same way, without its log lines, metrics or tracing: what observability costs. */
  readonly unobservedHandler: PointsHandler;
  readonly proxy: CountingProxy;
  readonly tableName: string;
}

/**
 * An API Gateway proxy event as the gateway hands it over after its authorizer let the key in: the
 * headers a REST API's regional endpoint adds to a partner's own, each also in `multiValueHeaders`,
 * and a request context, so that reading the event costs what it costs in AWS.
 */
export function proxyEvent(request: { method: 'GET' | 'POST'; path: string; key: string; query?: Record<string, string>; body?: unknown }): APIGatewayProxyEvent {
  const query = request.query ?? null;
  const headers: Record<string, string> = {
    Accept: '*/*',
    'Accept-Encoding': 'gzip, deflate, br',
    Host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'pos-client/4.2 (till 17)',
    'X-Amzn-Trace-Id': 'Root=1-674b1f00-0123456789abcdef01234567',
    'X-Forwarded-For': '203.0.113.10',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    'x-api-key': request.key,
    ...(request.body !== undefined && { 'content-type': 'application/json' }),
  };
  return {
    resource: request.path,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: null,
    stageVariables: null,
    body: request.body === undefined ? null : JSON.stringify(request.body),
    isBase64Encoded: false,
    requestContext: {
      resourceId: 'ab12cd',
      resourcePath: request.path,
      httpMethod: request.method,
      extendedRequestId: 'BjK2mFz1DoEFd9Q=',
      requestTime: '30/Nov/2026:12:00:00 +0000',
      path: `/prod${request.path}`,
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      stage: 'prod',
      domainPrefix: 'a1b2c3d4e5',
      requestTimeEpoch: 1_796_040_000_000,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      identity: { sourceIp: '203.0.113.10', userAgent: 'pos-client/4.2 (till 17)', apiKey: null, accessKey: null, accountId: null, caller: null, user: null, userArn: null },
      domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
      apiId: 'a1b2c3d4e5',
      authorizer: { orgId: 'demo', principalId: 'demo-pos' },
    } as never,
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
