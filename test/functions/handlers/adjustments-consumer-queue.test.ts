import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDbCustomerDirectory } from '../../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { ADJUSTMENT_DETAIL_TYPE } from '../../../functions/schemas/events/adjustment-message';
import { localClientConfig } from '../../../local/dynamodb-local/dynamodb-local';
import { LocalQueue } from '../../../local/local-queue';
import { DynamoDbSeedImporter } from '../../../scripts/seed-import/seed-importer';
import { adjustmentsConsumer } from '../../support/adjustments';
import { createTestTable, type TestTable } from '../../support/dynamodb';

/**
 * The proof, through the local run's in-process queue and the consumer over DynamoDB Local:
 * the same 1,000 messages twice, shuffled, 5% of them malformed. Every balance ends exact, each
 * malformed copy ends in the dead letters after maxReceiveCount receives, and no good message is
 * ever reported failed.
 */
const FEED_KEY = 'feed-earn-Q3m9xK2pL7vN4bR8tY1wZ6cF0hJ5dS2aPq';
const TILL_KEY = 'feed-till-Z8vN4bR8tY1wZ6cF0hJ5dS2aQ3m9xK2pLq';
const CUSTOMERS = 100;
const MESSAGES = 1000;
const START = { currentPoints: 100_000, lifetimePoints: 100_000, lifetimePurchases: 0 };

/** A small deterministic PRNG (mulberry32): the same messages and order on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Expected {
  current: number;
  lifetime: number;
  /** Thousandths of the currency unit. */
  purchases: bigint;
}

/** 1,000 messages: 950 good ones (adjustments of 100 customers, some as EventBridge events) and 50 malformed. */
function messages(next: () => number) {
  const expected = new Map<number, Expected>(Array.from({ length: CUSTOMERS }, (_, i) => [i + 1, { current: START.currentPoints, lifetime: START.lifetimePoints, purchases: 0n }]));
  const malformed = new Set<number>();
  while (malformed.size < MESSAGES * 0.05) malformed.add(Math.floor(next() * MESSAGES));
  const broken = [
    () => '{"apiKey": "feed-earn-',
    () => JSON.stringify({ body: {} }),
    () => JSON.stringify({ apiKey: 'no-such-key-no-such-key-no-such-key', body: {} }),
    (i: number) => JSON.stringify({ apiKey: TILL_KEY, body: { reference: `BAD-${i}`, type: 'EARN', points: 1, customer: { id: 1 } } }),
    (i: number) => JSON.stringify({ apiKey: FEED_KEY, body: { reference: `BAD-${i}`, type: 'EARN', points: 'many', customer: { id: 1 } } }),
    (i: number) => JSON.stringify({ 'detail-type': 'OrderPlaced', detail: { apiKey: FEED_KEY, body: { reference: `BAD-${i}`, type: 'EARN', points: 1, customer: { id: 1 } } } }),
  ];
  const bodies = Array.from({ length: MESSAGES }, (_, i) => {
    if (malformed.has(i)) return broken[i % broken.length]!(i);
    const customerId = 1 + Math.floor(next() * CUSTOMERS);
    const balance = expected.get(customerId)!;
    const points = 1 + Math.floor(next() * 50);
    const type = (['EARN', 'DEDUCT', 'EXPIRE', 'ADJUST'] as const)[i % 4]!;
    const thousandths = BigInt(Math.floor(next() * 100_000));
    const body: Record<string, unknown> = { reference: `ORD-${i}`, type, points, program_id: 1, customer: i % 4 ? { id: customerId } : { mobile: `9199000${String(customerId).padStart(5, '0')}` } };
    if (type === 'EARN') {
      body.lifetime_purchases = `${thousandths / 1000n}.${String(thousandths % 1000n).padStart(3, '0')}`;
      Object.assign(balance, { current: balance.current + points, lifetime: balance.lifetime + points, purchases: balance.purchases + thousandths });
    } else if (type === 'ADJUST') {
      body.points = i % 8 === 3 ? -points : points;
      balance.current += body.points as number;
    } else {
      balance.current -= points;
    }
    const message = { apiKey: FEED_KEY, body };
    return i % 7 === 0 ? JSON.stringify({ version: '0', 'detail-type': ADJUSTMENT_DETAIL_TYPE, source: 'feed.purchases', detail: message }) : JSON.stringify(message);
  });
  return { bodies, malformed: [...malformed].map((i) => bodies[i]!), expected };
}

describe('the adjustments queue, end to end on the local queue', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({ id: i + 1, mobile: `9199000${String(i + 1).padStart(5, '0')}`, programs: { '1': { registered: true, ...START } } }));
    const seed = { orgs: [{ id: 'feed', name: 'Feed', apiKeys: [{ key: FEED_KEY, label: 'earn-feed', scopes: ['adjust'] }, { key: TILL_KEY, label: 'till' }], programs: [{ id: 1, name: 'Feed Points' }], customers }] };
    const outcome = await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(seed);
    if (outcome.kind !== 'imported' || outcome.failures.length > 0) throw new Error(`seed not imported: ${JSON.stringify(outcome)}`);
  }, 60_000);
  afterAll(() => table.destroy());

  it('applies the same 1,000 messages sent twice, shuffled, exactly once each; the malformed end in the dead letters', async () => {
    const next = random(20261130);
    const { bodies, malformed, expected } = messages(next);
    const sent = [...bodies, ...bodies];
    for (let i = sent.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [sent[i], sent[j]] = [sent[j]!, sent[i]!];
    }
    // The client as the entry builds it: its middleware stack resolved once (README, "Performance").
    const client = new DynamoDBClient({ ...localClientConfig(table.endpoint), cacheMiddleware: true });
    const consume = adjustmentsConsumer(client, table.tableName);
    const failedBodies = new Set<string>();
    const queue = new LocalQueue({
      name: 'adjustments',
      handler: async (event) => {
        const response: SQSBatchResponse = await consume(event as SQSEvent);
        const byId = new Map((event as SQSEvent).Records.map((record) => [record.messageId, record.body]));
        for (const failure of response.batchItemFailures) failedBodies.add(byId.get(failure.itemIdentifier)!);
        return response;
      },
      functionTimeoutMs: 30_000,
      // Well above a batch's time on a loaded machine (seconds at worst), as AWS's advice of 6x the
      // function's timeout keeps it; the malformed messages then die 2 x 10 s after they were sent.
      visibilityTimeoutMs: 10_000,
      maxReceiveCount: 3,
      batchSize: 10,
      maxConcurrency: 4,
    });

    queue.send(sent);
    await queue.whenIdle();
    await queue.stop();
    client.destroy();

    expect(queue.deadLetters().map((letter) => letter.body).sort()).toEqual([...malformed, ...malformed].sort());
    expect(queue.deadLetters().every((letter) => letter.receiveCount === 3)).toBe(true);
    expect([...failedBodies].sort()).toEqual([...new Set(malformed)].sort());

    const customers = new DynamoDbCustomerDirectory({ client: table.client, tableName: table.tableName });
    const ledger = new DynamoDbPointsLedger({ client: table.client, tableName: table.tableName });
    const goodPerCustomer = new Map<number, number>();
    for (const body of bodies.filter((b) => !malformed.includes(b))) {
      const message = JSON.parse(body) as { body?: { customer: { id?: number; mobile?: string } }; detail?: { body: { customer: { id?: number; mobile?: string } } } };
      const customer = (message.body ?? message.detail!.body).customer;
      const id = customer.id ?? Number(customer.mobile!.slice(-5));
      goodPerCustomer.set(id, (goodPerCustomer.get(id) ?? 0) + 1);
    }
    for (const [customerId, balance] of expected) {
      const stored = (await customers.findCustomer('feed', { type: 'id', value: String(customerId) }))!.programs['1']!;
      const purchases = `${balance.purchases / 1000n}.${String(balance.purchases % 1000n).padStart(3, '0')}`;
      expect([customerId, stored.currentPoints, stored.lifetimePoints, stored.lifetimePurchases]).toEqual([customerId, balance.current, balance.lifetime, Number(purchases)]);
      expect(await ledger.history('feed', { kind: 'customer', customerId }, 1000)).toHaveLength(goodPerCustomer.get(customerId) ?? 0);
    }
  }, 180_000);
});
