import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { FUNCTION_TIMEOUT_SECONDS } from '../functions/config/function-timeouts';
import { UNAUTHORIZED } from '../functions/handlers/api-key-authorizer-handler';
import { gatewayAnswerOf } from '../lib/constructs/capillary-gateway-responses';
import { listenLocally, readBody, type LocalServer } from './http-server';

type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

export interface ApiGatewayEmulatorOptions {
  /** The API's paths with the methods each takes (from the operations table); anything else gets 404/405 in the Capillary envelope. */
  readonly routes: ReadonlyMap<string, readonly string[]>;
  readonly authorizer: LambdaHandler<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>;
  readonly handler: LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  /**
   * How long the authorizer may run before the gateway answers the authorizer failure, as API
   * Gateway does when the authorizer's Lambda times out; default: the authorizer's production timeout.
   */
  readonly authorizerTimeoutMs?: number;
  /** Extra local-only routes (e.g. GET /local/outbox), answered before the API. */
  readonly localRoutes?: Readonly<Record<string, (request: IncomingMessage) => unknown>>;
  /** Extra local-only POST routes (e.g. POST /local/events): the request body in, an answer out. */
  readonly localPostRoutes?: Readonly<Record<string, (body: string) => LocalAnswer | Promise<LocalAnswer>>>;
  readonly port?: number;
}

/** What a local-only POST route answers. */
export interface LocalAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

/** API Gateway's limit on a REST API's payload. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const envelope = (code: number, message: string) => ({ response: { status: { success: 'false', code, message } } });

/**
 * What API Gateway does in front of the functions, for the local run: the REQUEST authorizer on
 * `x-api-key` (its context handed to the function; `Unauthorized` answered 401, any other failure or
 * running out of time answered as the authorizer failure, 503, by our gateway responses), then a
 * Lambda proxy event. Listens on 127.0.0.1 only.
 */
export async function startApiGatewayEmulator(options: ApiGatewayEmulatorOptions): Promise<LocalServer> {
  const { server, url, close } = await listenLocally((request, response) => {
    serve(options, request, response).catch((error: unknown) => {
      // The gateway's own failure, never the function's: the function maps its errors itself.
      process.stderr.write(`api gateway emulator: ${String(error)}\n`);
      if (!response.headersSent) send(response, 502, envelope(502, 'Internal server error'));
    });
  }, options.port ?? 0);
  // Node refuses a request head over 16 KB before any handler runs, with an empty 431; API Gateway
  // answers such requests too, and so do we, in the envelope.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const [statusCode, message] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request header fields too large'] : [400, 'Bad request'];
    const body = JSON.stringify(envelope(statusCode, message));
    socket.end(`HTTP/1.1 ${statusCode} ${message}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return { url, close };
}

async function serve(options: ApiGatewayEmulatorOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Never resolved against a base: a path starting with "//" is a path, not a host.
  const requestUrl = new URL(`http://local${request.url ?? '/'}`);
  const path = requestUrl.pathname.replace(/\/+$/, '') || '/';
  const method = request.method ?? 'GET';
  const localAnswer = await answerLocalRoute(options, path, method, request);
  if (localAnswer) return send(response, localAnswer.statusCode, localAnswer.body);

  const methods = options.routes.get(path);
  if (!methods) return send(response, 404, envelope(404, `No such resource: ${path.slice(0, 100)}`));
  if (!methods.includes(method)) {
    return send(response, 405, envelope(405, `Method not allowed: use ${methods.join(' or ')}`), { allow: methods.join(', ') });
  }
  let body: string;
  try {
    body = await readBody(request, MAX_PAYLOAD_BYTES);
  } catch {
    return send(response, 413, envelope(413, 'Request body too large'));
  }

  const headers = singleHeaders(request);
  const requestId = randomUUID();
  const methodArn = `arn:aws:execute-api:local:000000000000:local/local/${method}${path}`;
  const apiKey = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-api-key')?.[1];
  if (!apiKey) return sendGatewayAnswer(response, 'Unauthorized', requestId);

  const authorized = await authorize(options, {
    type: 'REQUEST',
    methodArn,
    resource: path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: {},
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: requestContext(path, method, requestId, request) as APIGatewayRequestAuthorizerEvent['requestContext'],
  });
  if (authorized === 'unauthorized') return sendGatewayAnswer(response, 'Unauthorized', requestId);
  if (authorized === 'failed') return sendGatewayAnswer(response, 'AuthorizerFailure', requestId);
  if (!authorized.policyDocument.Statement.some((statement) => statement.Effect === 'Allow')) {
    return send(response, 403, envelope(403, 'Forbidden'));
  }

  const event = proxyEvent({ path, method, headers, requestId, request, requestUrl, body }, authorized);
  const result = await options.handler(event, lambdaContext('points-api', requestId));
  response.writeHead(result.statusCode, { ...(result.headers as Record<string, string>), 'x-amzn-requestid': requestId });
  response.end(result.body);
}

/** The answer of a local-only route (GET or POST) at `path`, or undefined when it is not one. */
async function answerLocalRoute(options: ApiGatewayEmulatorOptions, path: string, method: string, request: IncomingMessage): Promise<LocalAnswer | undefined> {
  const local = options.localRoutes?.[path];
  if (local && method === 'GET') return { statusCode: 200, body: await local(request) };
  const localPost = options.localPostRoutes?.[path];
  if (localPost && method === 'POST') {
    return readBody(request, MAX_PAYLOAD_BYTES).then(localPost, () => ({ statusCode: 413, body: envelope(413, 'Request body too large') }));
  }
  return undefined;
}

/** A request to the API as the gateway has read it, before the function's event is made of it. */
interface GatewayRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly requestId: string;
  readonly request: IncomingMessage;
  readonly requestUrl: URL;
  readonly body: string;
}

/** The Lambda proxy event of an authorized request, the authorizer's context in its request context. */
function proxyEvent(gateway: GatewayRequest, authorized: APIGatewayAuthorizerResult): APIGatewayProxyEvent {
  const { path, method, headers, requestId, request, requestUrl, body } = gateway;
  const { single, multi } = queryOf(requestUrl);
  return {
    resource: path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: {},
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    pathParameters: null,
    stageVariables: null,
    body: body === '' ? null : body,
    isBase64Encoded: false,
    requestContext: {
      ...(requestContext(path, method, requestId, request) as APIGatewayProxyEvent['requestContext']),
      authorizer: { ...authorized.context, principalId: authorized.principalId },
    },
  };
}

/**
 * Runs the authorizer as API Gateway does: an error whose message is exactly `Unauthorized` refuses
 * the key (401); any other error, or no answer within the authorizer's timeout, is an authorizer
 * failure. A late answer is dropped, as the Lambda runtime would have stopped the function.
 */
async function authorize(
  options: ApiGatewayEmulatorOptions,
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult | 'unauthorized' | 'failed'> {
  const timeoutMs = options.authorizerTimeoutMs ?? FUNCTION_TIMEOUT_SECONDS.authorizer * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'failed'>((resolve) => {
    timer = setTimeout(() => resolve('failed'), timeoutMs);
  });
  const run = options.authorizer(event, lambdaContext('api-key-authorizer', event.requestContext.requestId, timeoutMs)).catch((error: unknown) =>
    (error as { message?: unknown } | null)?.message === UNAUTHORIZED ? ('unauthorized' as const) : ('failed' as const),
  );
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** One of our gateway responses, as API Gateway would send it, with the request id it also puts in the header. */
function sendGatewayAnswer(response: ServerResponse, id: string, requestId: string): void {
  const answer = gatewayAnswerOf(id, requestId);
  response.writeHead(answer.statusCode, { 'content-type': 'application/json; charset=utf-8', 'x-amzn-requestid': requestId });
  response.end(answer.body);
}

function send(response: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function singleHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(',');
  }
  return headers;
}

/** As API Gateway hands them to a proxy integration: decoded; the last value wins in the single map. */
function queryOf(url: URL): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  // A Map, not an object: a parameter may be called "toString" or "__proto__".
  const values = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) values.set(name, [...(values.get(name) ?? []), value]);
  if (values.size === 0) return { single: null, multi: null };
  const entries = [...values.entries()];
  return {
    single: Object.fromEntries(entries.map(([name, list]) => [name, list.at(-1) ?? ''])),
    multi: Object.fromEntries(entries),
  };
}

function requestContext(path: string, method: string, requestId: string, request: IncomingMessage) {
  return {
    accountId: '000000000000',
    apiId: 'local',
    httpMethod: method,
    path: `/local${path}`,
    protocol: 'HTTP/1.1',
    requestId,
    requestTimeEpoch: Date.now(),
    resourceId: 'local',
    resourcePath: path,
    stage: 'local',
    identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: request.headers['user-agent'] ?? null },
  };
}

function lambdaContext(functionName: string, requestId: string, timeoutMs = 10_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
