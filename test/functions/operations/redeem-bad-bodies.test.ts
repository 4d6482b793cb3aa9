import { pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/** Bad bodies on redeem: each a 4xx in the envelope, naming what is wrong; never a 5xx, nothing spent. */
const REDEEM = '/v1.1/points/redeem';
const entry = { points_redeemed: 100, customer: { mobile: '919900000001' } };

describe('redeem refuses bad bodies', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it.each<[string, unknown, number, number, string]>([
    ['malformed JSON', '{"root": {"redeem": [', 400, 400, 'body'],
    ['no body at all', '', 400, 400, 'body'],
    ['a body that is a list', '[]', 400, 400, 'root'],
    ['no root', { redeem: [entry] }, 400, 400, 'root'],
    ['redeem that is not a list', { root: { redeem: entry } }, 400, 400, 'root.redeem'],
    ['no entry', { root: { redeem: [] } }, 400, 400, 'root.redeem'],
    ['two entries', { root: { redeem: [entry, entry] } }, 400, 400, 'root.redeem'],
    ['points as a word', { root: { redeem: [{ ...entry, points_redeemed: 'many' }] } }, 400, 801, 'root.redeem[0].points_redeemed'],
    ['a fraction of a point', { root: { redeem: [{ ...entry, points_redeemed: 0.5 }] } }, 400, 801, 'root.redeem[0].points_redeemed'],
    ['negative points', { root: { redeem: [{ ...entry, points_redeemed: -100 }] } }, 400, 801, 'root.redeem[0].points_redeemed'],
    ['more points than an int holds', { root: { redeem: [{ ...entry, points_redeemed: 2 ** 31 }] } }, 400, 801, 'root.redeem[0].points_redeemed'],
    ['a missing customer', { root: { redeem: [{ points_redeemed: 100 }] } }, 400, 802, 'root.redeem[0].customer'],
    ['a customer with no identifier', { root: { redeem: [{ points_redeemed: 100, customer: {} }] } }, 400, 802, 'root.redeem[0].customer.mobile'],
    ['a customer that is a string', { root: { redeem: [{ points_redeemed: 100, customer: '919900000001' }] } }, 400, 802, 'root.redeem[0].customer'],
    ['a 5,000-character reference', { root: { redeem: [{ ...entry, external_reference_number: 'R'.repeat(5000) }] } }, 400, 400, 'root.redeem[0].external_reference_number'],
    ['a reference with a control character', { root: { redeem: [{ ...entry, external_reference_number: 'ORD\n1' }] } }, 400, 400, 'root.redeem[0].external_reference_number'],
    ['a malformed validation code', { root: { redeem: [{ ...entry, validation_code: '12' }] } }, 400, 808, 'root.redeem[0].validation_code'],
    ['a malformed redemption time', { root: { redeem: [{ ...entry, redemption_time: 'yesterday' }] } }, 400, 400, 'root.redeem[0].redemption_time'],
    ['a query parameter inside the entry', { root: { redeem: [{ ...entry, program_id: 4 }] } }, 400, 1101, 'root.redeem[0].program_id'],
    ['a query parameter in root', { root: { redeem: [entry], skip_validation: true } }, 400, 400, 'root.skip_validation'],
    ['a query parameter at the top', { root: { redeem: [entry] }, user_group2_id: 501 }, 400, 1632, 'user_group2_id'],
    ['a redemption time that does not exist', { root: { redeem: [{ ...entry, redemption_time: '2026-13-45 99:99:99' }] } }, 400, 400, 'root.redeem[0].redemption_time'],
    ['the 31st of a 30-day month', { root: { redeem: [{ ...entry, redemption_time: '2026-11-31 10:00:00' }] } }, 400, 400, 'root.redeem[0].redemption_time'],
  ])('%s: %s', async (_name, body, httpStatus, code, parameter) => {
    const answer = await stack.post(REDEEM, body);
    expect(answer.statusCode).toBe(httpStatus);
    expect(answer.body.response.status).toMatchObject({ success: 'false', code: 400 });
    expect(answer.body.response.responses.points.item_status.code).toBe(code);
    expect(answer.body.response.responses.points.invalid_parameter).toBe(parameter);
  });

  it('413 for a body of 1 MB, 415 for one that is not JSON', async () => {
    const huge = await stack.post(REDEEM, { root: { redeem: [{ ...entry, notes: 'x'.repeat(1024 * 1024) }] } });
    expect([huge.statusCode, huge.body.response.status.code]).toEqual([413, 413]);
    const form = await stack.handler({
      resource: REDEEM, path: REDEEM, httpMethod: 'POST', headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'points_redeemed=100', isBase64Encoded: false, queryStringParameters: null, multiValueQueryStringParameters: null, requestContext: {},
    });
    expect(form).toMatchObject({ statusCode: 415 });
  });

  it('none of these spent anything: the whole balance is still there', async () => {
    const refused = await stack.post(REDEEM, { root: { redeem: [{ ...entry, points_redeemed: 500 }] } });
    expect(refused.body.response.responses.points.explanation.failed_checks[0].limit).toBe(200);
    const redeemable = await stack.post(REDEEM, { root: { redeem: [{ ...entry, points_redeemed: 200 }] } });
    expect(redeemable.body.response.responses.points.balance).toBe(300);
  });

  it.each([
    ['external_reference_number', 'ORD-Q'],
    ['points_redeemed', '100'],
    ['validation_code', '123456'],
    ['mobile', '919900000001'],
  ])('refuses a body field sent as a query parameter (%s), rather than redeem without it; nothing spent', async (name, value) => {
    const answer = await stack.post(REDEEM, { root: { redeem: [{ ...entry, external_reference_number: 'ORD-B' }] } }, { [name]: value });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.responses.points.invalid_parameter).toBe(name);
    expect(answer.body.response.responses.points.item_status.message).toContain('is a field of the JSON body');
  });

  it('reads an empty body field sent as a query parameter as not given (validation_code=), as any empty parameter', async () => {
    const answer = await stack.post(REDEEM, { root: { redeem: [{ ...entry, external_reference_number: 'ORD-E' }] } }, { validation_code: '' });

    expect(answer.statusCode).toBe(200);
    expect(answer.body.response.responses.points.item_status.code).toBe(800);
  });
});

describe('a parameter of another operation, given a value, is refused rather than ignored', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it('validationcode with user_group2_id (a check’s parameter) is 400 naming it; empty, it is not given', async () => {
    const query = { mobile: '919900000002', points: '100', program_id: '1' };
    const grouped = await stack.get('/v1.1/points/validationcode', { ...query, user_group2_id: '501' });
    const empty = await stack.get('/v1.1/points/validationcode', { ...query, user_group2_id: '' });

    expect(grouped.statusCode).toBe(400);
    expect(grouped.body.response.validation_code.code.invalid_parameter).toBe('user_group2_id');
    expect(empty.body.response.validation_code.code.invalid_parameter).toBeUndefined();
  });

  it('redeem with points in its query is 400 naming it; nothing spent', async () => {
    const answer = await stack.post(REDEEM, { root: { redeem: [{ ...entry, external_reference_number: 'ORD-P' }] } }, { points: '100' });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.responses.points).toMatchObject({ invalid_parameter: 'points', item_status: { message: 'points: is not a parameter of this operation' } });
  });
});
