import { ADJUST_KEY, DEMO_KEY, DEMO_KIOSK_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Keys have scopes (README, "Partner keys"): `check` (isredeemable, validationcode), `redeem`
 * (redeem, reverse), `adjust`; a key without scopes in the seed has check and redeem. A key without
 * the scope an operation needs gets 403 in the envelope, over HTTP and by direct invocation alike,
 * and nothing is read or changed.
 */
const FORBIDDEN = (scope: string) => ({
  response: { status: { success: 'false', code: 403, message: `Forbidden: this key may not call this operation (it needs the "${scope}" scope)` } },
});
const earn = { reference: 'SCOPE-1', type: 'EARN', points: 100, customer: { mobile: '919900000001' }, program_id: 1 };
const redemption = { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, external_reference_number: 'SCOPE-R' }] } };

describe('key scopes', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  const direct = (event: Record<string, unknown>) => stack.handler(event) as Promise<{ statusCode: number; body: unknown }>;
  const check = { mobile: '919900000001', points: '100', program_id: '1' };

  it("a till's key (no scopes in the seed: check and redeem) cannot adjust", async () => {
    for (const key of [DEMO_KEY, DEMO_KIOSK_KEY]) {
      expect(await direct({ operation: 'adjust', apiKey: key, body: earn })).toEqual({ statusCode: 403, body: FORBIDDEN('adjust') });
    }
  });

  it('an adjust-only key cannot check or redeem, over HTTP or directly', async () => {
    stack.dynamoCalls.reset();
    const answers = [
      [await stack.get('/v1.1/points/isredeemable', check, ADJUST_KEY), 'check'],
      [await stack.get('/v1.1/points/validationcode', check, ADJUST_KEY), 'check'],
      [await stack.post('/v1.1/points/redeem', redemption, { program_id: '1' }, ADJUST_KEY), 'redeem'],
      [await stack.post('/v2/points/reverse', { externalReferenceNumber: 'SCOPE-R', identifier: { type: 'ID', value: '1001' } }, null, ADJUST_KEY), 'redeem'],
      [await direct({ operation: 'isredeemable', apiKey: ADJUST_KEY, params: check }), 'check'],
      [await direct({ operation: 'redeem', apiKey: ADJUST_KEY, body: redemption }), 'redeem'],
    ] as const;

    for (const [answer, scope] of answers) expect(answer).toEqual({ statusCode: 403, body: FORBIDDEN(scope) });
    // The key itself is read once (then cached); nothing else is read or written.
    expect(stack.dynamoCalls.calls).toEqual(['GetItemCommand']);
  });

  it('the same key may adjust, and the till key still checks and redeems', async () => {
    expect((await direct({ operation: 'adjust', apiKey: ADJUST_KEY, body: earn })).statusCode).toBe(200);
    expect((await stack.get('/v1.1/points/isredeemable', check)).statusCode).toBe(200);
    expect((await stack.post('/v1.1/points/redeem', redemption, { program_id: '1' })).statusCode).toBe(200);
  });

  it('adjust has no route: over HTTP it is no resource at all', async () => {
    expect((await stack.post('/adjust', earn, null, ADJUST_KEY)).statusCode).toBe(404);
  });

  it('an unknown key is still 401 before any scope is considered', async () => {
    const answer = await direct({ operation: 'adjust', apiKey: 'unknown-key-unknown-key-unknown-key', body: earn });
    expect(answer.statusCode).toBe(401);
  });
});
