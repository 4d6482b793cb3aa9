import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { listenLocally, readBody, type LocalServer } from './http-server';

/**
 * A stand-in for the Lambda Invoke API (REST-JSON: POST /2015-03-31/functions/{name}/invocations,
 * the event as the body) that runs registered handlers in this process, so callers use the real
 * @aws-sdk/client-lambda. A handler that throws gives what Lambda gives: 200, the header
 * `X-Amz-Function-Error: Unhandled`, and an error payload. So does a handler still running at its
 * function's timeout, with Lambda's `Sandbox.Timedout` error, and the caller gets that answer at
 * the timeout, as from Lambda. Unlike Lambda, the stand-in cannot freeze a handler that runs on in
 * this process: what it does after its timeout is no longer anyone's answer, and the
 * validation-codes function makes no code live that late (core/validation-codes/policy.ts,
 * ACTIVATION_DEADLINE_MS). Only RequestResponse is supported.
 */
export type InvokableHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A registered function: its handler and its timeout (ms), as configured in Lambda. */
export interface LocalFunction {
  readonly handler: InvokableHandler;
  readonly timeoutMs: number;
}

/** The functions to serve, the port, and the timeout of functions registered without one. */
export interface LambdaEndpointOptions {
  /** Functions by name: a handler (with the default timeout) or a handler and its timeout. */
  readonly functions?: Readonly<Record<string, InvokableHandler | LocalFunction>>;
  readonly port?: number;
  /** The timeout of functions registered without one. Default 10000 ms. */
  readonly timeoutMs?: number;
}

/** The running stand-in; more functions can be registered while it runs. */
export interface LambdaEndpoint extends LocalServer {
  register(functionName: string, handler: InvokableHandler, options?: { readonly timeoutMs?: number }): void;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Starts the stand-in on 127.0.0.1 (a free port unless one is given). */
export async function startLambdaEndpoint(options: LambdaEndpointOptions = {}): Promise<LambdaEndpoint> {
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  const asFunction = (registered: InvokableHandler | LocalFunction): LocalFunction =>
    typeof registered === 'function' ? { handler: registered, timeoutMs: defaultTimeoutMs } : registered;
  const functions = new Map(Object.entries(options.functions ?? {}).map(([name, registered]) => [name, asFunction(registered)]));

  const { url, close } = await listenLocally(async (request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const match = request.method === 'POST' ? INVOKE_PATH.exec(path) : null;
    if (!match?.[1]) return awsError(response, 404, 'UnknownOperationException', 'only Invoke is supported');
    const functionName = decodeURIComponent(match[1]);
    const fn = functions.get(functionName) ?? functions.get(functionName.split(':').at(-1) ?? '');
    if (!fn) return awsError(response, 404, 'ResourceNotFoundException', `Function not found: ${functionName}`);
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
    const headers = { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amz-executed-version': '$LATEST' };
    const outcome = await runWithTimeout(fn, event, lambdaContext(functionName, requestId, fn.timeoutMs));
    if (outcome.kind === 'returned') {
      response.writeHead(200, headers);
      response.end(outcome.result === undefined ? 'null' : JSON.stringify(outcome.result));
    } else {
      // As Lambda writes a failed invocation to the function's log: the developer sees why at once.
      process.stderr.write(`${functionName} failed (${outcome.errorType}): ${outcome.errorMessage}\n`);
      response.writeHead(200, { ...headers, 'x-amz-function-error': 'Unhandled' });
      response.end(JSON.stringify({ errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: [] }));
    }
  }, options.port);

  return {
    url,
    close,
    register(functionName, handler, registration = {}) {
      functions.set(functionName, { handler, timeoutMs: registration.timeoutMs ?? defaultTimeoutMs });
    },
  };
}

/** What an invocation came to: the handler's result, or Lambda's error (a throw, or the timeout). */
export type Outcome = { readonly kind: 'returned'; readonly result: unknown } | { readonly kind: 'failed'; readonly errorType: string; readonly errorMessage: string };

/**
 * Runs the handler against its timeout: at the timeout the answer is Lambda's for a timed-out
 * invocation (`Sandbox.Timedout`, "Task timed out after N.NN seconds"), whatever the handler does later.
 */
export async function runWithTimeout(fn: LocalFunction, event: unknown, context: Context): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: 'failed',
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${context.awsRequestId} Error: Task timed out after ${(fn.timeoutMs / 1000).toFixed(2)} seconds`,
        }),
      fn.timeoutMs,
    );
  });
  const ran = fn.handler(event, context).then(
    (result): Outcome => ({ kind: 'returned', result }),
    (error: unknown): Outcome => {
      const failure = error instanceof Error ? error : new Error(String(error));
      return { kind: 'failed', errorType: failure.name, errorMessage: failure.message };
    },
  );
  try {
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The context Lambda gives a handler; the remaining time counts down from the function's timeout. */
export function lambdaContext(functionName: string, requestId: string, timeoutMs: number): Context {
  const started = Date.now();
  return {
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
}

function awsError(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify({ Type: status < 500 ? 'User' : 'Service', message }));
}
