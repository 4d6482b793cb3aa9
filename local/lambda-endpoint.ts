import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { listenLocally, readBody, type LocalServer } from './http-server';

/**
 * A stand-in for the Lambda Invoke API (REST-JSON: POST /2015-03-31/functions/{name}/invocations,
 * the event as the body) that runs registered handlers in this process, so callers use the real
 * @aws-sdk/client-lambda. A handler that throws gives what Lambda gives: 200, the header
 * `X-Amz-Function-Error: Unhandled`, and an error payload. Only RequestResponse is supported.
 */
export type InvokableHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LambdaEndpointOptions {
  readonly functions?: Readonly<Record<string, InvokableHandler>>;
  readonly port?: number;
  /** The time a handler is told it has (getRemainingTimeInMillis). Default 10000 ms. */
  readonly timeoutMs?: number;
}

export interface LambdaEndpoint extends LocalServer {
  register(functionName: string, handler: InvokableHandler): void;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startLambdaEndpoint(options: LambdaEndpointOptions = {}): Promise<LambdaEndpoint> {
  const functions = new Map<string, InvokableHandler>(Object.entries(options.functions ?? {}));
  const timeoutMs = options.timeoutMs ?? 10_000;

  const { url, close } = await listenLocally(async (request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const match = request.method === 'POST' ? INVOKE_PATH.exec(path) : null;
    if (!match?.[1]) return awsError(response, 404, 'UnknownOperationException', 'only Invoke is supported');
    const functionName = decodeURIComponent(match[1]);
    const handler = functions.get(functionName) ?? functions.get(functionName.split(':').at(-1) ?? '');
    if (!handler) return awsError(response, 404, 'ResourceNotFoundException', `Function not found: ${functionName}`);
    const invocationType = request.headers['x-amz-invocation-type'];
    if (invocationType !== undefined && invocationType !== 'RequestResponse') {
      return awsError(response, 400, 'InvalidParameterValueException', 'only RequestResponse invocations are supported here');
    }

    let event: unknown;
    try {
      const body = await readBody(request, 6 * 1024 * 1024);
      event = body === '' ? {} : JSON.parse(body);
    } catch {
      return awsError(response, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }

    const requestId = randomUUID();
    const started = Date.now();
    const context: Context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
      memoryLimitInMB: '256',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amz-executed-version': '$LATEST' };
    try {
      const result = await handler(event, context);
      response.writeHead(200, headers);
      response.end(result === undefined ? 'null' : JSON.stringify(result));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      response.writeHead(200, { ...headers, 'x-amz-function-error': 'Unhandled' });
      response.end(JSON.stringify({ errorType: failure.name, errorMessage: failure.message, trace: [] }));
    }
  }, options.port);

  return {
    url,
    close,
    register(functionName, handler) {
      functions.set(functionName, handler);
    },
  };
}

function awsError(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify({ Type: status < 500 ? 'User' : 'Service', message }));
}
