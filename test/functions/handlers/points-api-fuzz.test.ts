import fc from 'fast-check';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { DEMO_KEY, pointsApiStack, proxyEvent, type PointsApiStack } from '../../support/points-api-stack';
import { readXml } from '../../support/xml';

const PARAMETERS = [
  'mobile', 'email', 'external_id', 'id', 'card_number', 'card_external_id', 'program_id', 'points', 'currency_input',
  'currency_value', 'issue_otp', 'validation_code', 'skip_validation', 'validation_type', 'group_redemption', 'user_group2_id',
  'user_group2_external_id', 'user_group2_primary_user_id', 'user_group2_primary_user_source', 'user_group2_primary_user_accountId',
  'user_group2_primary_user_identifier_type', 'user_group2_primary_user_identifier_value', 'use_default_user_group2', 'format',
];

/** Values partners send by mistake, and values near every edge the schema has. */
const nasty = fc.constantFrom(
  '', ' ', '0', '-5', '1e3', '10.5', '1099511627776', '2147483648', '2147483647', 'NaN', 'Infinity', 'true', 'TRUE', 'false', 'null',
  'undefined', '919900000001', '+91 99000 00001', 'asha@example.com', 'EXT-1001', '1001', 'SMS', 'MISSED_CALL', 'INVALID', 'xml',
  '%00', '\u0000', '😀', '<script>', "' OR 1=1 --", '{"a":1}', '__proto__', 'constructor', 'x'.repeat(10_240),
);
const value = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer().map(String), fc.double().map(String));
const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAMETERS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
/** A query string as a client would write it; API Gateway decodes it into the event's maps. */
const queryString = fc
  .array(fc.tuple(name, value), { maxLength: 8 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

function eventFor(path: string, query: string) {
  const values = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(query)) values.set(k, [...(values.get(k) ?? []), v]);
  const multi = Object.fromEntries(values);
  const single = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.at(-1)!]));
  const empty = Object.keys(multi).length === 0;
  return proxyEvent(path, empty ? null : single, DEMO_KEY, empty ? undefined : multi);
}

describe('random query strings never produce a 5xx (property)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it.each(['/v1.1/points/isredeemable', '/v1.1/points/validationcode'])('%s answers 200 or 400 in the envelope (JSON, or well-formed XML for format=xml), without a stack trace', async (path) => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const result = (await stack.handler(eventFor(path, query))) as APIGatewayProxyResult;
        expect(result.statusCode === 200 || result.statusCode === 400).toBe(true);
        const xml = result.headers?.['content-type'] === 'application/xml; charset=utf-8';
        const body = (xml ? readXml(result.body) : JSON.parse(result.body)) as any;
        expect(typeof body.response.status.code).toBe(xml ? 'string' : 'number');
        expect(String(body.response.status.code)).toMatch(/^[0-9]{3}$/);
        expect(['true', 'false']).toContain(body.response.status.success);
        expect(result.body).not.toMatch(/\bat \S+\.(ts|js):\d+|Error:/);
        expect(result.body.length).toBeLessThan(4096);
      }),
      { numRuns: 1500 },
    );
  });

  it('a valid base with one random parameter mutated never produces a 5xx', async () => {
    const base = { mobile: '919900000001', points: '100', program_id: '1' };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PARAMETERS), value, async (parameter, v) => {
        const query = new URLSearchParams({ ...base, [parameter]: v }).toString();
        const result = (await stack.handler(eventFor('/v1.1/points/isredeemable', query))) as APIGatewayProxyResult;
        expect([200, 400]).toContain(result.statusCode);
      }),
      { numRuns: 1000 },
    );
  });
});


describe('odd event shapes never produce a 5xx (property)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  /** Values an event's fields and maps may hold when a Lambda, not API Gateway, wrote it. */
  const odd = fc.oneof(
    fc.constantFrom(null, undefined, true, 0, -1, 1e21, Number.NaN, '', ' ', '__proto__', DEMO_KEY),
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  );
  const FIELDS = ['httpMethod', 'resource', 'path', 'headers', 'queryStringParameters', 'multiValueQueryStringParameters', 'body', 'isBase64Encoded', 'requestContext'];
  const MAPS = ['headers', 'queryStringParameters', 'multiValueQueryStringParameters'];
  const ROUTES = [['GET', '/v1.1/points/isredeemable'], ['GET', '/v1.1/points/validationcode'], ['POST', '/v1.1/points/redeem'], ['POST', '/v2/points/reverse'], ['GET', '/nowhere']];
  const spoilt = fc.record({
    route: fc.constantFrom(...ROUTES),
    fields: fc.array(fc.tuple(fc.constantFrom(...FIELDS), odd), { maxLength: 3 }),
    entries: fc.array(fc.tuple(fc.constantFrom(...MAPS), fc.constantFrom('points', 'mobile', 'x-api-key', 'X-Api-Key', 'content-type', '__proto__'), odd), { maxLength: 3 }),
  });

  it('a proxy-shaped event with odd fields or map values answers below 500, in JSON, without a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(spoilt, async ({ route: [method, path], fields, entries }) => {
        const event: any = { ...proxyEvent(path!, { mobile: '919900000001', points: '100' }, DEMO_KEY), httpMethod: method, body: '{}' };
        for (const [map, name, value] of entries) if (event[map] && typeof event[map] === 'object') event[map][name] = value;
        for (const [field, value] of fields) event[field] = value;

        const result = (await stack.handler(event)) as APIGatewayProxyResult;

        expect(result.statusCode).toBeLessThan(500);
        expect(() => JSON.parse(result.body)).not.toThrow();
        expect(result.body).not.toMatch(/\bat \S+\.(ts|js):\d+|Error:/);
      }),
      { numRuns: 600 },
    );
  });

  it('a direct invocation with odd operation, apiKey, params or body answers below 500, in the envelope', async () => {
    const event = fc.record(
      {
        operation: fc.oneof(fc.constantFrom('isredeemable', 'validationcode', 'redeem', 'reverse'), odd),
        apiKey: fc.oneof(fc.constantFrom(DEMO_KEY, ` ${DEMO_KEY} `), odd),
        params: fc.oneof(fc.dictionary(fc.constantFrom(...PARAMETERS, 'programId', 'Points'), fc.oneof(value, fc.integer(), fc.boolean(), odd), { maxKeys: 6 }), odd),
        body: odd,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(event, async (invocation) => {
        const result = (await stack.handler(invocation)) as { statusCode: number; body: any };

        expect(result.statusCode).toBeLessThan(500);
        expect(typeof (result.body.response?.status?.code ?? result.body.errors?.[0]?.code)).toBe('number');
      }),
      { numRuns: 600 },
    );
  });
});
