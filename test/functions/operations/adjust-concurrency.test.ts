import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { ADJUST_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Exactly once for adjustments, proven with parallel requests against DynamoDB Local: the sums, not
 * only the codes. Program 4 ("Partner Miles") has no redemption rules; Asha (1001) holds 1,000 points in it.
 */
const asha = { holder: { kind: 'customer', customerId: 1001 }, programId: 4 } as const;
type Answer = { statusCode: number; body: any };
const code = (answer: Answer) => answer.body.response.adjustment?.item_status?.code ?? answer.body.response.responses?.points?.item_status?.code;

/** A producer's client: 899 (busy, nothing changed) is retried with the same request until the answer is final. */
async function untilFinal(send: () => Promise<Answer>): Promise<Answer> {
  for (;;) {
    const answer = await send();
    if (code(answer) !== 899) return answer;
  }
}

describe('adjust under concurrency', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  beforeEach(async () => {
    // Hundreds of invocations share one process and its connection pool here; in AWS each has its own.
    stack = await pointsApiStack({ remainingTimeMs: 120_000 });
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
  });
  afterEach(() => stack.table.destroy());

  const adjust = (reference: string, type: string, points: number) =>
    untilFinal(() => stack.handler({ operation: 'adjust', apiKey: ADJUST_KEY, body: { reference, type, points, customer: { id: 1001 }, program_id: 4 } }) as Promise<Answer>);

  it('20 earns of 10 and 20 deductions of 5 in parallel leave exactly 1,000 + 200 - 100, in one unbroken chain', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? adjust(`EARN-${i}`, 'EARN', 10) : adjust(`DEDUCT-${i}`, 'DEDUCT', 5))),
    );

    expect(answers.map(code).filter((c) => c !== 200)).toEqual([]);
    expect(await ledger.readBalance('demo', asha)).toBe(1100);
    const entries = (await ledger.history('demo', asha.holder, 500)).filter((entry) => entry.programId === 4);
    expect(entries).toHaveLength(40);
    expect(entries.every((entry) => entry.after === entry.before + entry.points)).toBe(true);
    // One chain from 1,000 to 1,100 through every entry: each balance is left as often as it is
    // reached, except the first (left once more) and the last (reached once more).
    const degree = new Map<number, number>();
    for (const entry of entries) {
      degree.set(entry.before, (degree.get(entry.before) ?? 0) + 1);
      degree.set(entry.after, (degree.get(entry.after) ?? 0) - 1);
    }
    expect([...degree].filter(([, d]) => d !== 0).sort(([a], [b]) => a - b)).toEqual([
      [1000, 1],
      [1100, -1],
    ]);
  });

  it('20 parallel deductions of 100 from 1,000 commit exactly 10 and leave 0; the rest are refused with 818', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => adjust(`TAKE-${i}`, 'DEDUCT', 100)));

    const codes = answers.map(code);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c !== 200).every((c) => c === 818)).toBe(true);
    expect(await ledger.readBalance('demo', asha)).toBe(0);
  });

  it('50 parallel copies of one adjustment change the balance once, and each answers it', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => adjust('SAME-1', 'EARN', 70)));

    expect(answers.map(code).every((c) => c === 200)).toBe(true);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(await ledger.readBalance('demo', asha)).toBe(1070);
    expect(await ledger.history('demo', asha.holder)).toHaveLength(1);
  });

  it('adjustments and redemptions of one balance in parallel: one ledger, exact sums', async () => {
    const redeem = (i: number) =>
      untilFinal(() =>
        stack.post('/v1.1/points/redeem', { root: { redeem: [{ points_redeemed: 100, customer: { id: 1001 }, external_reference_number: `MIX-R-${i}` }] } }, { program_id: '4' }),
      );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? redeem(i) : adjust(`MIX-E-${i}`, 'EARN', 50))));

    expect(answers.map(code).every((c) => c === 800 || c === 200)).toBe(true);
    expect(await ledger.readBalance('demo', asha)).toBe(1000 - 10 * 100 + 10 * 50);
    const types = (await ledger.history('demo', asha.holder)).map((entry) => entry.type).sort();
    expect(types).toEqual([...Array(10).fill('ADJUSTMENT'), ...Array(10).fill('REDEMPTION')]);
  });
});
