import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { OPENAPI_FILE } from '../../scripts/openapi/openapi-document';
import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';

/** The service as `npm start` runs it (all production wiring, local stand-ins), spoken to over real HTTP. */
describe('the local service over HTTP (demo seed)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, seedFile: DEMO_SEED_FILE, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  }, 60_000);
  afterAll(() => stack?.stop());

  const get = async (path: string, headers: Record<string, string> = { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' }) => {
    const response = await fetch(`${stack.url}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text), text };
  };
  const check = (query: string, key = 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk') => get(`/v1.1/points/isredeemable?${query}`, { 'x-api-key': key });
  const item = (answer: { body: any }) => answer.body.response.points.redeemable;

  it('800: Asha may redeem 100 points worth 50', async () => {
    const answer = await check('mobile=919900000001&points=100&program_id=1');
    expect(answer.status).toBe(200);
    expect(answer.body.response.status).toEqual({ success: 'true', code: 200, message: 'Success' });
    expect(item(answer)).toMatchObject({
      mobile: '919900000001',
      email: 'asha@example.com',
      external_id: 'EXT-1001',
      points: 100,
      is_redeemable: 'true',
      points_redeem_value: 50,
      points_redeem_local_value: 50,
      input_type: 'points',
      points_currency_ratio: '0.5',
      item_status: { success: 'true', code: 800, message: 'Points can be redeemed' },
    });
  });

  it('819 with every broken rule and the nearest amount that passes (205 -> 200), HTTP 200 as the reference answers a refusal', async () => {
    const answer = await check('mobile=919900000001&points=205&program_id=1');
    expect(answer.status).toBe(200);
    expect(item(answer).item_status.code).toBe(819);
    expect(item(answer).explanation.failed_checks.map((c: { code: number }) => c.code)).toEqual([819, 807]);
    expect(item(answer).explanation.nearest_redeemable_points).toEqual({ below: 200 });
  });

  it('a key asking for REST statuses (failedCheckHttpStatus: 400) gets HTTP 400 for the same refusal, with the same body', async () => {
    const byDefault = await check('mobile=919900000001&points=205&program_id=1');
    const rest = await check('mobile=919900000001&points=205&program_id=1', 'demo-rest-JJBj9AXrZB93gQD6kc70nbKlaZ8ye-_AE_IxR92Trrw');
    expect([byDefault.status, rest.status]).toEqual([200, 400]);
    expect(rest.body).toEqual(byDefault.body);
    expect((await check('mobile=919900000001&points=100&program_id=1', 'demo-rest-JJBj9AXrZB93gQD6kc70nbKlaZ8ye-_AE_IxR92Trrw')).status).toBe(200);
  });

  it('finds the same customer by every identifier', async () => {
    for (const identifier of ['mobile=%2B91%2099000%2000001', 'email=ASHA%40example.com', 'external_id=EXT-1001', 'id=1001', 'card_number=4000123412341234', 'card_external_id=CARD-1001']) {
      const answer = await check(`${identifier}&points=100&program_id=1`);
      expect(item(answer)).toMatchObject({ external_id: 'EXT-1001', item_status: { code: 800 } });
    }
  });

  it.each([
    ['no key', {}],
    ['an unknown key', { 'x-api-key': 'not-a-real-key' }],
  ])('401 in the envelope with %s', async (_name, headers) => {
    const answer = await get('/v1.1/points/isredeemable?mobile=919900000001&points=100', headers);
    expect(answer.status).toBe(401);
    expect(answer.body.response.status).toMatchObject({ success: 'false', code: 401 });
  });

  it('a partner of org acme asking about a demo customer learns nothing (816)', async () => {
    const answer = await check('mobile=919900000001&points=100', 'acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk');
    expect(item(answer)).toMatchObject({ item_status: { code: 816 }, email: '', external_id: '' });
  });

  it.each([
    ['points=abc', 801],
    ['points=-5', 801],
    ['points=1e3', 801],
    ['points=10.5', 801],
    [`points=${2 ** 40}`, 801],
    ['points=100&mobile=', 802],
    ['points=100&program_id=x', 1101],
    ['points=100&validation_type=PIGEON', 400],
    ['points=100&external_id=<10 kB>', 802],
  ])('bad input %s gets 400 and item code %i', async (label, code) => {
    const query = label.replace('<10 kB>', 'x'.repeat(10_240));
    const answer = await check(query.includes('mobile=') ? query : `mobile=919900000001&${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.response.status.code).toBe(400);
    expect(item(answer).item_status.code).toBe(code);
    expect(answer.text.length).toBeLessThan(2048);
  });

  it('serves the API document at GET /openapi.json, as npm run openapi writes it', async () => {
    const response = await fetch(`${stack.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
  });

  it('unknown paths and methods get the envelope too', async () => {
    expect((await get('/v1.1/points/redeemx')).status).toBe(404);
    const post = await fetch(`${stack.url}/v1.1/points/isredeemable`, { method: 'POST', headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' } });
    expect(post.status).toBe(405);
  });

  it('random query strings over HTTP never produce a 5xx (property, bounded)', async () => {
    const names = ['mobile', 'points', 'program_id', 'email', 'id', 'currency_input', 'currency_value', 'issue_otp', 'validation_type', 'toString', '__proto__'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 30 })), { maxLength: 6 }), async (pairs) => {
        const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const response = await fetch(`${stack.url}/v1.1/points/isredeemable?${query}`, { headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' } });
        expect(response.status).toBeLessThan(500);
        expect(JSON.parse(await response.text()).response.status).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});
