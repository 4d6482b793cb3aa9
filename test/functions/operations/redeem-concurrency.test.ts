import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Exactly once, proven with parallel requests against DynamoDB Local: the sums, not only the codes.
 * Program 4 ("Partner Miles") has no minimum, maximum or multiple; Asha (1001) holds 1,000 points in it.
 */
const REDEEM = '/v1.1/points/redeem';
const REVERSE = '/v2/points/reverse';
const asha = { holder: { kind: 'customer', customerId: 1001 }, programId: 4 } as const;
const redemption = (reference: string, points = 100) => ({
  root: { redeem: [{ points_redeemed: points, customer: { mobile: '919900000001' }, external_reference_number: reference }] },
});
const itemOf = (answer: { body: any }) => answer.body.response.responses.points;

/** A partner's client: 899 (busy, nothing changed) is retried with the same request until the answer is final. */
async function untilFinal<T extends { body: any }>(send: () => Promise<T>, busy: (answer: T) => boolean): Promise<T> {
  for (;;) {
    const answer = await send();
    if (!busy(answer)) return answer;
  }
}

describe('redeem and reverse under concurrency', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  beforeEach(async () => {
    // 200 invocations share one process and its connection pool here; in AWS each has its own.
    stack = await pointsApiStack({ remainingTimeMs: 120_000 });
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
  });
  afterEach(() => stack.table.destroy());

  const redeem = (reference: string, points = 100) =>
    untilFinal(() => stack.post(REDEEM, redemption(reference, points), { program_id: '4' }), (answer) => itemOf(answer).item_status.code === 899);

  it('200 concurrent redemptions of 100 points from a 1,000-point balance commit exactly 10 and leave 0', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => redeem(`CONC-${i}`)));

    const codes = answers.map((answer) => itemOf(answer).item_status.code);
    expect(codes.filter((code) => code === 800)).toHaveLength(10);
    expect(codes.filter((code) => code !== 800).every((code) => code === 818)).toBe(true);
    expect(await ledger.readBalance('demo', asha)).toBe(0);
    const history = await ledger.history('demo', asha.holder);
    expect(history.filter((entry) => entry.programId === 4).map((entry) => entry.points)).toEqual(Array(10).fill(-100));
    // The ledger is one unbroken chain: each entry starts where another ended.
    const befores = history.map((entry) => entry.before).sort((a, b) => a - b);
    expect(befores).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(history.every((entry) => entry.after === entry.before - 100)).toBe(true);
  }, 120_000);

  it('50 concurrent copies of one request make one redemption, and each answers it', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => redeem('SAME-1')));

    const ids = new Set(answers.map((answer) => itemOf(answer).redemption_id));
    expect(answers.every((answer) => itemOf(answer).item_status.code === 800)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await ledger.readBalance('demo', asha)).toBe(900);
    expect(await ledger.history('demo', asha.holder)).toHaveLength(1);
  });

  it('concurrent reversals never restore more than was taken', async () => {
    const redeemed = itemOf(await redeem('REV-1', 100)).redemption_id as string;
    expect(await ledger.readBalance('demo', asha)).toBe(900);

    const reverse = () =>
      untilFinal(
        () => stack.post(REVERSE, { redemptionId: redeemed, pointsToBeReversed: 30, identifier: { type: 'MOBILE', value: '919900000001' } }),
        (answer) => answer.body.errors?.[0]?.code === 899,
      );
    const answers = await Promise.all(Array.from({ length: 20 }, reverse));

    const reversed = answers.filter((answer) => answer.statusCode === 200);
    expect(reversed).toHaveLength(3);
    expect(answers.filter((answer) => answer.statusCode !== 200).every((answer) => answer.body.errors[0].code === 810)).toBe(true);
    // 3 x 30 of 100 reversed: 90 back, 10 remain to reverse.
    expect(await ledger.readBalance('demo', asha)).toBe(990);
    const record = await ledger.findRedemption('demo', redeemed);
    expect(record).toMatchObject({ reversedPoints: 90, restoredPoints: 90 });
  });

  it.each([
    ['a partial reversal', 20, 80],
    ['a full reversal', undefined, 0],
  ])('30 concurrent copies of %s (one reversalReference) give back once, and each answers that reversal', async (_name, points, remaining) => {
    const redeemed = itemOf(await redeem('REV-SAME', 100)).redemption_id as string;
    const body = { redemptionId: redeemed, identifier: { type: 'MOBILE', value: '919900000001' }, reversalReference: 'RET-1', ...(points !== undefined && { pointsToBeReversed: points }) };

    const answers = await Promise.all(
      Array.from({ length: 30 }, () => untilFinal(() => stack.post(REVERSE, body), (answer) => answer.body.errors?.[0]?.code === 899)),
    );

    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(30).fill(200));
    expect(new Set(answers.map((answer) => answer.body.reversalId)).size).toBe(1);
    expect(answers.every((answer) => answer.body.pointsRemaining === remaining)).toBe(true);
    expect(await ledger.readBalance('demo', asha)).toBe(900 + (100 - remaining));
    expect((await ledger.history('demo', asha.holder)).filter((entry) => entry.type === 'REVERSAL')).toHaveLength(1);
  });
});
