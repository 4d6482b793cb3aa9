import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
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
