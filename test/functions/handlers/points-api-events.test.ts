import type { APIGatewayProxyResult } from 'aws-lambda';
import { DEMO_KEY, pointsApiStack, proxyEvent, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Events are bounded and validated like HTTP requests (README, "Direct invocation"): a direct
 * invocation's apiKey is trimmed as the header is, its parameters are counted before any is read
 * and its body is bounded as JSON; a proxy-shaped event with values API Gateway never sends is a
 * malformed event (400 in the envelope), never a 503.
 */
const CHECK = '/v1.1/points/isredeemable';
const asha = { mobile: '919900000001', points: '100', program_id: '1' };
type DirectAnswer = { statusCode: number; body: any };

/** A map that counts how many of its values are read (names may be listed without reading a value). */
function counted(entries: [string, unknown][]): { readonly map: Record<string, unknown>; reads(): number } {
  let reads = 0;
  const map = new Proxy(Object.fromEntries(entries), {
    get: (target, name) => {
      reads += 1;
      return Reflect.get(target, name);
    },
  });
  return { map, reads: () => reads };
}

describe('odd events, over DynamoDB Local (demo seed)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  const direct = async (event: unknown) => (await stack.handler(event)) as DirectAnswer;
  const proxied = async (event: unknown) => {
    const result = (await stack.handler(event)) as APIGatewayProxyResult;
    return { statusCode: result.statusCode, body: JSON.parse(result.body) };
  };

  it("trims a direct invocation's apiKey, as the x-api-key header is trimmed", async () => {
    const answer = await direct({ operation: 'isredeemable', apiKey: `  ${DEMO_KEY}\n`, params: asha });

    expect(answer.statusCode).toBe(200);
    expect(answer.body.response.points.redeemable.item_status.code).toBe(800);
  });

  it.each<[string, (event: any) => void, string]>([
    ['a null parameter', (event) => (event.queryStringParameters.points = null), 'queryStringParameters: "points" must be a string'],
    ['a numeric parameter', (event) => (event.queryStringParameters.points = 100), 'queryStringParameters: "points" must be a string'],
    ['a __proto__ parameter that is no string', (event) => (event.queryStringParameters = JSON.parse('{"__proto__": 5, "points": "100"}')), 'queryStringParameters: "__proto__" must be a string'],
    ['parameters that are no object', (event) => (event.queryStringParameters = 'mobile=919900000001'), 'queryStringParameters: must be an object of parameters'],
    ['a multi-value parameter that is no list', (event) => (event.multiValueQueryStringParameters.points = '100'), 'multiValueQueryStringParameters: "points" must be a list of strings'],
    ['a numeric header', (event) => (event.headers['X-Api-Key'] = 12345), 'headers: "X-Api-Key" must be a string'],
    ['a body that is no text', (event) => (event.body = { a: 1 }), 'body: must be a string'],
    ['a numeric method', (event) => (event.httpMethod = 1), 'httpMethod: must be a string'],
    ['a numeric resource', (event) => (event.resource = 7), 'resource: must be a string'],
  ])('a proxy event with %s is a malformed event: 400 in the envelope (never a 503)', async (_case, spoil, message) => {
    const event = proxyEvent(CHECK, { ...asha }, DEMO_KEY);
    spoil(event);

    const answer = await proxied(event);

    expect(answer).toEqual({ statusCode: 400, body: { response: { status: { success: 'false', code: 400, message: `Invalid event: ${message}` } } } });
  });

  it('a proxy event with more than 100 parameters, or 200 headers, is refused before any value is read', async () => {
    const params = counted(Array.from({ length: 101 }, (_, i): [string, string] => [`stray${i}`, 'x']));
    const headers = counted(Array.from({ length: 201 }, (_, i): [string, string] => [`x-stray-${i}`, 'x']));

    const tooManyParameters = await proxied({ ...proxyEvent(CHECK, null, DEMO_KEY), queryStringParameters: params.map });
    const tooManyHeaders = await proxied({ ...proxyEvent(CHECK, { ...asha }, DEMO_KEY), headers: headers.map });

    expect(tooManyParameters.body.response.status).toEqual({ success: 'false', code: 400, message: 'Invalid event: queryStringParameters: must have at most 100 parameters' });
    expect(tooManyHeaders.body.response.status.message).toBe('Invalid event: headers: must have at most 200 headers');
    expect(params.reads() + headers.reads()).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['Params for params', { operation: 'redeem', Params: { program_id: 4 } }, 'Invalid event: Params: must be an object with only operation, apiKey, params and body'],
    ['a parameter beside params', { operation: 'isredeemable', params: asha, program_id: 3 }, 'Invalid event: program_id: must be an object with only operation, apiKey, params and body'],
    ['a body for an operation that takes none', { operation: 'isredeemable', params: { ...asha, points: '100' }, body: { program_id: 3 } }, 'Invalid event: body: isredeemable takes no body; its fields go in params'],
  ])('a direct invocation with %s is a malformed event (400), never run without it', async (_case, fields, message) => {
    const answer = await direct({ apiKey: DEMO_KEY, ...fields });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.status.message).toBe(message);
  });

  it('a direct invocation with 100,000 parameters is refused without reading one of them', async () => {
    const params = counted(Array.from({ length: 100_000 }, (_, i): [string, string] => [`p${i}`, 'x']));

    const answer = await direct({ operation: 'isredeemable', apiKey: DEMO_KEY, params: params.map });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.status.message).toBe('Invalid event: params: must have at most 100 parameters');
    expect(params.reads()).toBe(0);
  });

  it('a direct body over 64 KB as JSON is 413, as over HTTP; one that is not JSON is 400', async () => {
    const entry = { points_redeemed: 20, customer: { mobile: '919900000001' }, notes: 'x'.repeat(900) };
    const large = { root: { redeem: [entry] }, padding: 'y'.repeat(64 * 1024) };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    const tooLarge = await direct({ operation: 'redeem', apiKey: DEMO_KEY, body: large });
    const notJson = await direct({ operation: 'redeem', apiKey: DEMO_KEY, body: cyclic });

    expect(tooLarge).toEqual({ statusCode: 413, body: { response: { status: { success: 'false', code: 413, message: 'Request body too large: at most 65536 bytes as JSON' } } } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body.response.status.message).toBe('Invalid event: body: is not JSON');
  });
});
