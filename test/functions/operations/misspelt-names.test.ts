import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { DEMO_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * A parameter (or body field) whose name equals a known one up to case, "_" and "-" is refused,
 * naming the known one, on every endpoint and entry point; unrelated unknown names are still
 * ignored (README, "The API"). Demo seed: program 3 requires a code, program 1 (the default) does not.
 */
const CHECK = '/v1.1/points/isredeemable';
const CODE = '/v1.1/points/validationcode';
const REDEEM = '/v1.1/points/redeem';
const REVERSE = '/v2/points/reverse';
const asha = { mobile: '919900000001', points: '100' };
const checkItem = (answer: { body: any }) => answer.body.response.points.redeemable;

describe('misspelt names, on every endpoint (demo seed)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it('isredeemable: programId=3 is refused naming program_id, not checked against the default program', async () => {
    const answer = await stack.get(CHECK, { ...asha, programId: '3' });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.status).toEqual({ success: 'false', code: 400, message: 'program_id: given as "programId": names are exact (case, "_" and "-" included)' });
    expect(checkItem(answer)).toMatchObject({ item_status: { code: 1101 }, invalid_parameter: 'program_id' });
  });

  it.each([
    [{ ...asha, 'Program-ID': '3' }, 'program_id', 1101],
    [{ mobile: '919900000001', Points: '100' }, 'points', 801],
    [{ ...asha, program_id: '3', validationCode: '123456' }, 'validation_code', 808],
    [{ ...asha, program_id: '1', programId: '1' }, 'program_id', 1101],
    [{ ...asha, user_group2_primary_user_account_id: 'wx' }, 'user_group2_primary_user_accountId', 1632],
  ])('isredeemable: %j is refused naming %s', async (query, parameter, code) => {
    const answer = await stack.get(CHECK, query);

    expect(checkItem(answer)).toMatchObject({ item_status: { code }, invalid_parameter: parameter });
  });

  it('unrelated unknown parameters, and an empty misspelt one (not given), are still ignored', async () => {
    const answer = await stack.get(CHECK, { ...asha, utm_source: 'pos', org_id: 'acme', programme: '3', validationCode: '' });

    expect(answer.statusCode).toBe(200);
    expect(checkItem(answer).item_status.code).toBe(800);
  });

  it('validationcode: refused the same way', async () => {
    const answer = await stack.get(CODE, { ...asha, program_ID: '3' });

    expect(answer.body.response.validation_code.code).toMatchObject({ item_status: { code: 1101 }, invalid_parameter: 'program_id' });
  });

  it('redeem: a misspelt query parameter or body field, by its path; nothing is redeemed', async () => {
    const entry = { points_redeemed: 20, customer: { mobile: '919900000001' } };
    const query = await stack.post(REDEEM, { root: { redeem: [entry] } }, { programId: '3' });
    const reference = await stack.post(REDEEM, { root: { redeem: [{ ...entry, externalReferenceNumber: 'ORD-9' }] } });
    const customer = await stack.post(REDEEM, { root: { redeem: [{ points_redeemed: 20, customer: { Mobile: '919900000001' } }] } });
    const item = (answer: { body: any }) => answer.body.response.responses.points;

    expect(item(query)).toMatchObject({ item_status: { code: 1101 }, invalid_parameter: 'program_id' });
    expect(item(reference)).toMatchObject({ item_status: { code: 400 }, invalid_parameter: 'root.redeem[0].external_reference_number' });
    expect(item(customer)).toMatchObject({ item_status: { code: 802 }, invalid_parameter: 'root.redeem[0].customer.mobile' });
    const ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
    expect(await ledger.readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 1 })).toBe(500);
  });

  it('reverse: points_to_be_reversed is refused (it would have reversed everything), naming pointsToBeReversed', async () => {
    const answer = await stack.post(REVERSE, { redemptionId: 'r', points_to_be_reversed: 5, identifier: { type: 'ID', value: '1001' } });

    expect(answer.statusCode).toBe(400);
    expect(answer.body.errors).toEqual([{ code: 801, field: 'pointsToBeReversed', message: 'pointsToBeReversed: given as "points_to_be_reversed": names are exact (case, "_" and "-" included)' }]);
  });

  it('direct invocation: the same refusal', async () => {
    const answer = (await stack.handler({ operation: 'isredeemable', apiKey: DEMO_KEY, params: { mobile: '919900000001', points: 100, programId: 3 } })) as { statusCode: number; body: any };

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.points.redeemable).toMatchObject({ item_status: { code: 1101 }, invalid_parameter: 'program_id' });
  });
});
