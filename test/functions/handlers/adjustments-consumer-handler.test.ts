import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { ADJUSTMENT_DETAIL_TYPE } from '../../../functions/schemas/events/adjustment-message';
import { adjustmentMessage, adjustmentsConsumer, sqsRecord } from '../../support/adjustments';
import { ADJUST_KEY, DEMO_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * The adjustments consumer on SQS events, over DynamoDB Local with the demo seed (Asha, 1001: 500
 * points in program 1). Applied and replayed messages succeed; every other outcome is reported in
 * batchItemFailures, and only those.
 */
const asha = { holder: { kind: 'customer', customerId: 1001 }, programId: 1 } as const;
const earn = (reference: string, points = 10) => ({ reference, type: 'EARN', points, customer: { mobile: '919900000001' }, program_id: 1 });

describe('the adjustments consumer', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  let consume: (event: SQSEvent) => Promise<SQSBatchResponse>;
  beforeEach(async () => {
    stack = await pointsApiStack();
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
    consume = adjustmentsConsumer(stack.table.client, stack.table.tableName);
  });
  afterEach(() => stack.table.destroy());

  const batch = (bodies: Record<string, string>) => ({ Records: Object.entries(bodies).map(([id, body]) => sqsRecord(body, id)) });
  const failedIds = (response: SQSBatchResponse) => response.batchItemFailures.map((failure) => failure.itemIdentifier).sort();

  it('applies the good messages of a batch and reports only the others as failures', async () => {
    const response = await consume(
      batch({
        good: adjustmentMessage(ADJUST_KEY, earn('Q-1', 100)),
        alsoGood: adjustmentMessage(ADJUST_KEY, { ...earn('Q-2', 50), type: 'DEDUCT' }),
        notJson: '{"apiKey": ',
        noKey: JSON.stringify({ body: earn('Q-3') }),
        withParams: JSON.stringify({ apiKey: ADJUST_KEY, body: earn('Q-9'), params: { program_id: 3 } }),
        unknownKey: adjustmentMessage('unknown-key-unknown-key-unknown-key-x', earn('Q-4')),
        tillKey: adjustmentMessage(DEMO_KEY, earn('Q-5')),
        badBody: adjustmentMessage(ADJUST_KEY, { ...earn('Q-6'), points: 'many' }),
        belowZero: adjustmentMessage(ADJUST_KEY, { ...earn('Q-7', 10_000), type: 'DEDUCT' }),
        otherOperation: JSON.stringify({ operation: 'redeem', apiKey: ADJUST_KEY, body: earn('Q-8') }),
      }),
    );

    expect(failedIds(response)).toEqual(['badBody', 'belowZero', 'noKey', 'notJson', 'otherOperation', 'tillKey', 'unknownKey', 'withParams']);
    expect(await ledger.readBalance('demo', asha)).toBe(550);
    expect((await ledger.history('demo', asha.holder)).map((entry) => entry.reference).sort()).toEqual(['Q-1', 'Q-2']);
  });

  it('treats a redelivered message as done: the same change is not made twice', async () => {
    const message = adjustmentMessage(ADJUST_KEY, earn('Q-10', 25));
    const first = await consume(batch({ a: message }));
    const again = await consume({ Records: [sqsRecord(message, 'a', 2), sqsRecord(message, 'b')] });

    expect([first.batchItemFailures, again.batchItemFailures]).toEqual([[], []]);
    expect(await ledger.readBalance('demo', asha)).toBe(525);
    expect(await ledger.history('demo', asha.holder)).toHaveLength(1);
  });

  it('reads a message’s key trimmed, as the x-api-key header and a direct invocation’s apiKey are', async () => {
    const response = await consume(batch({ spaced: adjustmentMessage(`  ${ADJUST_KEY}\n`, earn('Q-12', 5)) }));

    expect(response.batchItemFailures).toEqual([]);
    expect(await ledger.readBalance('demo', asha)).toBe(505);
  });

  it('fails a message whose reference names another adjustment (744), and changes nothing', async () => {
    await consume(batch({ a: adjustmentMessage(ADJUST_KEY, earn('Q-11', 25)) }));
    const response = await consume(batch({ b: adjustmentMessage(ADJUST_KEY, earn('Q-11', 26)) }));

    expect(failedIds(response)).toEqual(['b']);
    expect(await ledger.readBalance('demo', asha)).toBe(525);
  });

  it('reads an EventBridge event whose detail is the message, and refuses other detail-types', async () => {
    const event = (detailType: string, reference: string) =>
      JSON.stringify({ version: '0', id: 'e-1', 'detail-type': detailType, source: 'acme.purchases', account: '000000000000', time: '2026-11-30T10:00:00Z', region: 'local', resources: [], detail: { apiKey: ADJUST_KEY, body: earn(reference, 40) } });
    const response = await consume(batch({ routed: event(ADJUSTMENT_DETAIL_TYPE, 'EV-1'), other: event('OrderPlaced', 'EV-2'), noDetail: JSON.stringify({ 'detail-type': ADJUSTMENT_DETAIL_TYPE }) }));

    expect(failedIds(response)).toEqual(['noDetail', 'other']);
    expect(await ledger.readBalance('demo', asha)).toBe(540);
  });

  it('reports a batch in which every message failed as failures, without failing the invocation', async () => {
    const response = await consume(batch({ a: 'x', b: 'y' }));

    expect(failedIds(response)).toEqual(['a', 'b']);
  });

  it('fails the messages it could not apply for an infrastructure fault, so that SQS retries them', async () => {
    const broken = adjustmentsConsumer(stack.table.client, 'no-such-table');
    const response = await broken(batch({ a: adjustmentMessage(ADJUST_KEY, earn('Q-12')) }));

    expect(failedIds(response)).toEqual(['a']);
    expect(await ledger.readBalance('demo', asha)).toBe(500);
  });

  it('logs each outcome with the customer masked, never a key or a phone number', async () => {
    const lines: string[] = [];
    const capture = (chunk: unknown) => lines.push(String(chunk)) > 0;
    const writes = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    try {
      const verbose = adjustmentsConsumer(stack.table.client, stack.table.tableName, 'INFO');
      await verbose(batch({ good: adjustmentMessage(ADJUST_KEY, earn('LOG-1')), till: adjustmentMessage(DEMO_KEY, earn('LOG-2')), bad: `{"apiKey":"${ADJUST_KEY}"` }));
    } finally {
      for (const write of writes) write.mockRestore();
    }
    const text = lines.join('');

    expect(text).toContain('********0001');
    expect(text).toMatch(/"outcome":"adjusted"/);
    expect(text).toMatch(/"reason":"key without the \\"adjust\\" scope"/);
    expect(text).not.toContain('919900000001');
    expect(text).not.toContain(ADJUST_KEY);
    expect(text).not.toContain(DEMO_KEY);
  });
});
