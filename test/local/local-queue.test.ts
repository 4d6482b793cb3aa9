import { createHash } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LocalQueue, type LocalQueueOptions } from '../../local/local-queue';

/**
 * The in-process queue of the local run behaves as SQS with a redrive policy and a Lambda event
 * source mapping with ReportBatchItemFailures: SQS-shaped batches, redelivery of what failed after
 * the visibility timeout, dead letters after maxReceiveCount receives. Receives are counted, not timed.
 */
type Consumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

describe('the local queue', () => {
  const queues: LocalQueue[] = [];
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
  });

  function queueOf(consumer: Consumer, options: Partial<LocalQueueOptions> = {}) {
    const events: SQSEvent[] = [];
    const queue = new LocalQueue({
      name: 'adjustments',
      handler: async (event) => {
        events.push(event as SQSEvent);
        return consumer(event as SQSEvent);
      },
      functionTimeoutMs: 5_000,
      visibilityTimeoutMs: 20,
      maxReceiveCount: 3,
      ...options,
    });
    queues.push(queue);
    return { queue, events, received: () => events.flatMap((event) => event.Records.map((record) => [record.body, record.attributes.ApproximateReceiveCount])) };
  }
  const failing = (bodies: string[]): Consumer => async (event) => ({
    batchItemFailures: event.Records.filter((record) => bodies.includes(record.body)).map((record) => ({ itemIdentifier: record.messageId })),
  });

  it('delivers SQS-shaped records in batches of at most 10, and deletes what succeeded', async () => {
    const { queue, events } = queueOf(async () => ({ batchItemFailures: [] }), { maxConcurrency: 1 });
    const ids = queue.send(Array.from({ length: 25 }, (_, i) => `m${i}`));
    await queue.whenIdle();

    expect(events.map((event) => event.Records.length)).toEqual([10, 10, 5]);
    const record = events[0]!.Records[0]!;
    expect(record).toEqual({
      messageId: ids[0],
      receiptHandle: expect.any(String),
      body: 'm0',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/), SenderId: 'LOCAL', ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/) },
      messageAttributes: {},
      md5OfBody: createHash('md5').update('m0').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:adjustments',
      awsRegion: 'local',
    });
    expect(queue.counts()).toEqual({ waiting: 0, inFlight: 0, deadLetters: 0 });
  });

  it('delivers a failed message again, and only it, until it succeeds', async () => {
    let failuresLeft = 2;
    const { queue, received } = queueOf(async (event) => {
      const bad = event.Records.filter((record) => record.body === 'flaky' && failuresLeft-- > 0);
      return { batchItemFailures: bad.map((record) => ({ itemIdentifier: record.messageId })) };
    });
    queue.send(['good', 'flaky']);
    await queue.whenIdle();

    expect(received()).toEqual([
      ['good', '1'],
      ['flaky', '1'],
      ['flaky', '2'],
      ['flaky', '3'],
    ]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it('moves a message that failed maxReceiveCount receives to the dead letters', async () => {
    const { queue, received } = queueOf(failing(['poison']));
    const [poisonId] = queue.send(['poison', 'fine']);
    await queue.whenIdle();

    expect(received().filter(([body]) => body === 'poison')).toEqual([
      ['poison', '1'],
      ['poison', '2'],
      ['poison', '3'],
    ]);
    expect(queue.deadLetters()).toEqual([{ messageId: poisonId, body: 'poison', receiveCount: 3, sentAt: expect.any(String), deadLetteredAt: expect.any(String) }]);
    expect(queue.counts()).toEqual({ waiting: 0, inFlight: 0, deadLetters: 1 });
  });

  it('fails the whole batch when the consumer throws, times out or names a message it was not given', async () => {
    for (const consumer of [
      async () => {
        throw new Error('crashed');
      },
      () => new Promise<undefined>(() => undefined),
      async () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] }),
    ] as Consumer[]) {
      const { queue, received } = queueOf(consumer, { maxReceiveCount: 2, functionTimeoutMs: 30 });
      queue.send(['a', 'b']);
      await queue.whenIdle();

      expect(received()).toEqual([
        ['a', '1'],
        ['b', '1'],
        ['a', '2'],
        ['b', '2'],
      ]);
      expect(queue.deadLetters().map((letter) => letter.body)).toEqual(['a', 'b']);
    }
  });

  it('treats an answer without batchItemFailures as a batch that succeeded', async () => {
    const { queue, received } = queueOf(async () => undefined);
    queue.send(['a']);
    await queue.whenIdle();

    expect(received()).toEqual([['a', '1']]);
  });

  it('runs at most maxConcurrency invocations at once', async () => {
    let running = 0;
    let most = 0;
    const { queue } = queueOf(
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return { batchItemFailures: [] };
      },
      { maxConcurrency: 3, batchSize: 2 },
    );
    queue.send(Array.from({ length: 40 }, (_, i) => `m${i}`));
    await queue.whenIdle();

    expect(most).toBe(3);
  });
});
