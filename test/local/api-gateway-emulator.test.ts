import { request as httpRequest } from 'node:http';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, Context } from 'aws-lambda';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/config/function-timeouts';
import { PartnerLookupError } from '../../functions/handlers/errors';
import { startApiGatewayEmulator } from '../../local/api-gateway-emulator';
import type { LocalServer } from '../../local/http-server';

/** The local stand-in for API Gateway answers what the gateway answers itself, in the envelope. */
describe('the local API Gateway emulator', () => {
  let api: LocalServer;
  const received: APIGatewayProxyEvent[] = [];
  beforeAll(async () => {
    api = await startApiGatewayEmulator({
      routes: new Map([['/v9/things', ['GET', 'POST']]]),
      authorizer: async () => ({ principalId: 'p', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } }),
      handler: async (event) => {
        received.push(event);
        return { statusCode: 200, body: JSON.stringify({ method: event.httpMethod, body: event.body }) };
      },
    });
  });
  afterAll(() => api.close());

  /** A raw request: fetch would normalise the path and refuse some of these. */
  function raw(method: string, path: string, body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${api.url}${path}`, { method, headers: { 'x-api-key': 'k', 'content-type': 'application/json' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) }));
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  it('hands the method and the body to the function', async () => {
    expect((await raw('POST', '/v9/things', '{"a":1}')).body).toEqual({ method: 'POST', body: '{"a":1}' });
    expect((await raw('GET', '/v9/things')).body).toEqual({ method: 'GET', body: null });
  });

  it('answers 405 with an allow header for another method, before any authorizer or function', async () => {
    received.length = 0;
    const answer = await raw('PUT', '/v9/things', '{}');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, POST');
    expect(answer.body.response.status).toEqual({ success: 'false', code: 405, message: 'Method not allowed: use GET or POST' });
    expect(received).toHaveLength(0);
  });

  it('answers a path starting with // as an unknown path (404), not as a gateway failure', async () => {
    const answer = await raw('GET', '//v9/things');
    expect(answer.status).toBe(404);
    expect(answer.body.response.status.code).toBe(404);
  });

  it('answers a request line over 16 KB with 431 in the envelope, not an empty body', async () => {
    const answer = await raw('GET', `/v9/things?q=${'x'.repeat(17 * 1024)}`);
    expect(answer.status).toBe(431);
    expect(answer.body.response.status).toEqual({ success: 'false', code: 431, message: 'Request header fields too large' });
  });
});

/** The authorizer's outcomes, answered as API Gateway answers them with our gateway responses. */
describe('the local API Gateway emulator, in front of an authorizer that', () => {
  const allow: APIGatewayAuthorizerResult = {
    principalId: 'p',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] },
  };
  let behaviour: (context: Context) => Promise<APIGatewayAuthorizerResult>;
  let functionCalls = 0;
  let api: LocalServer;
  beforeAll(async () => {
    api = await startApiGatewayEmulator({
      routes: new Map([['/v9/things', ['GET']]]),
      authorizer: (_event, context) => behaviour(context),
      handler: async () => {
        functionCalls += 1;
        return { statusCode: 200, body: '{}' };
      },
    });
  });
  afterAll(() => api.close());

  const get = async () => {
    const response = await fetch(`${api.url}/v9/things`, { headers: { 'x-api-key': 'k' } });
    return { status: response.status, requestId: response.headers.get('x-amzn-requestid'), body: (await response.json()) as any };
  };

  it('refuses the key (throws Unauthorized): 401, and the function does not run', async () => {
    behaviour = async () => {
      throw new Error('Unauthorized');
    };
    functionCalls = 0;

    const answer = await get();

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ response: { status: { success: 'false', code: 401, message: 'Unauthorized: a valid x-api-key header is required' } } });
    expect(functionCalls).toBe(0);
  });

  it('fails (the key could not be looked up): 503 retry shortly, naming the request, and the function does not run', async () => {
    behaviour = async () => {
      throw new PartnerLookupError({ cause: new Error('TimeoutError') });
    };
    functionCalls = 0;

    const answer = await get();

    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      response: {
        status: { success: 'false', code: 503, message: `Service temporarily unavailable, nothing was changed; retry shortly (request ${answer.requestId})` },
      },
    });
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(functionCalls).toBe(0);
  });

  it('gets the production timeout of the authorizer in its Lambda context', async () => {
    let remaining = 0;
    behaviour = async (context) => {
      remaining = context.getRemainingTimeInMillis();
      return allow;
    };

    expect((await get()).status).toBe(200);
    expect(remaining).toBeLessThanOrEqual(FUNCTION_TIMEOUT_SECONDS.authorizer * 1000);
    expect(remaining).toBeGreaterThan(FUNCTION_TIMEOUT_SECONDS.authorizer * 1000 - 1000);
  });
});

describe('the local API Gateway emulator, when the authorizer does not answer within its timeout', () => {
  let api: LocalServer;
  let functionCalls = 0;
  beforeAll(async () => {
    api = await startApiGatewayEmulator({
      routes: new Map([['/v9/things', ['GET']]]),
      authorizer: () => new Promise(() => undefined),
      handler: async () => {
        functionCalls += 1;
        return { statusCode: 200, body: '{}' };
      },
      // A short timeout, so the test need not wait out the production one.
      authorizerTimeoutMs: 200,
    });
  });
  afterAll(() => api.close());

  it('answers the authorizer failure (503), as API Gateway does when the authorizer times out', async () => {
    const response = await fetch(`${api.url}/v9/things`, { headers: { 'x-api-key': 'k' } });

    expect(response.status).toBe(503);
    expect(((await response.json()) as any).response.status).toMatchObject({ success: 'false', code: 503 });
    expect(functionCalls).toBe(0);
  });
});
