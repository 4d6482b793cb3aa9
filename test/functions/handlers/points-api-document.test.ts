import type { APIGatewayProxyResult } from 'aws-lambda';
import { answerProblems } from '../../support/openapi';
import { pointsApiStack, proxyEvent, DEMO_KEY, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Answers the API document must describe, beyond the README's own examples: refusals that name a
 * parameter once the org is read (802 for a mobile number that cannot be one in the org, 801 for
 * money worth more than an int of points), and an event refused whole for its size. Each answer is
 * validated against the document's schema for its path, method and status.
 */
const CHECK = '/v1.1/points/isredeemable';
const REDEEM = '/v1.1/points/redeem';

describe('answers the API document describes', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  const check = async (query: Record<string, string>) => {
    const result = (await stack.handler(proxyEvent(CHECK, query, DEMO_KEY))) as APIGatewayProxyResult;
    return { statusCode: result.statusCode, body: JSON.parse(result.body) };
  };

  it.each([
    ['a mobile number that cannot be one in the org (802)', { mobile: '12345', points: '100' }, 802, 'mobile'],
    ['money worth more than 2147483647 points (801)', { mobile: '919900000001', currency_input: 'true', currency_value: '600000000', program_id: '4' }, 801, 'currency_value'],
  ])('a check refused for %s, naming the parameter', async (_name, query, code, parameter) => {
    const answer = await check(query);

    expect(answer.body.response.points.redeemable).toMatchObject({ item_status: { code }, invalid_parameter: parameter });
    expect(answerProblems(CHECK, 'GET', answer.statusCode, answer.body)).toEqual([]);
  });

  it('a redemption refused for a mobile number that cannot be one in the org (802), naming the body field', async () => {
    const answer = await stack.post(REDEEM, { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '12345' }, external_reference_number: 'DOC-1' }] } });

    expect(answer.body.response.responses.points).toMatchObject({ item_status: { code: 802 }, invalid_parameter: 'root.redeem[0].customer.mobile' });
    expect(answerProblems(REDEEM, 'POST', answer.statusCode, answer.body)).toEqual([]);
  });

  it('an event refused whole for more than 100 parameters (400, the status only)', async () => {
    const answer = await check(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`stray${i}`, 'x'])));

    expect(answer.statusCode).toBe(400);
    expect(answer.body).toEqual({ response: { status: expect.objectContaining({ code: 400 }) } });
    expect(answerProblems(CHECK, 'GET', answer.statusCode, answer.body)).toEqual([]);
  });
});
