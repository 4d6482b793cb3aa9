import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext, runWithTimeout, type InvokableHandler, type Outcome } from './lambda-endpoint';
import { sqsRecord } from './sqs-record';

/** The queue's settings: what the SQS queue, its redrive policy and its event source mapping say in AWS. */
export interface LocalQueueOptions {
  /** The queue's name (in each record's eventSourceARN). */
  readonly name: string;
  /** The consumer: the real Lambda entry's handler, given SQS events. */
  readonly handler: InvokableHandler;
  /** The consumer's timeout: an invocation still running then has failed, as in Lambda. */
  readonly functionTimeoutMs: number;
  /** How long a received message stays invisible; a message not deleted by then is delivered again. */
  readonly visibilityTimeoutMs: number;
  /** Receives after which a message goes to the dead letters instead (the redrive policy). */
  readonly maxReceiveCount: number;
  /** Messages per invocation (the event source's batch size). Default 10. */
  readonly batchSize?: number;
  /** Invocations at once (the event source's maximum concurrency). Default 2. */
  readonly maxConcurrency?: number;
}

/** A message that was received `maxReceiveCount` times without being deleted. */
export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: string;
  readonly deadLetteredAt: string;
}

/** How many messages wait, are being handled (received, not yet deleted nor visible again), or died. */
export interface LocalQueueCounts {
  readonly waiting: number;
  readonly inFlight: number;
  readonly deadLetters: number;
}

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  receiptHandle: string;
  visibleAt: number;
  firstReceivedAt?: number;
}

/**
 * An SQS queue with a dead-letter queue and a Lambda event source mapping, in this process, for the
 * local run (README, "The adjustments queue"): messages are delivered to the handler in SQS-shaped
 * batches; the ones the handler reports in `batchItemFailures` (all of them, if it throws, times
 * out or reports an id it was not given) stay invisible until the visibility timeout and are then
 * delivered again; a message already received `maxReceiveCount` times goes to the dead letters the
 * next time it would be received. The others are deleted. Like a standard queue: at least once, in
 * no promised order.
 */
export class LocalQueue {
  readonly #options: Required<LocalQueueOptions>;
  readonly #messages = new Map<string, Message>();
  readonly #deadLetters: DeadLetter[] = [];
  readonly #idle: (() => void)[] = [];
  #invocations = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: LocalQueueOptions) {
    this.#options = { batchSize: 10, maxConcurrency: 2, ...options };
  }

  /** Enqueues message bodies; answers their ids. */
  send(bodies: readonly string[]): string[] {
    const now = Date.now();
    const ids = bodies.map((body) => {
      const messageId = randomUUID();
      this.#messages.set(messageId, { messageId, body, sentAt: now, receiveCount: 0, receiptHandle: '', visibleAt: now });
      return messageId;
    });
    this.#pump();
    return ids;
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.#deadLetters];
  }

  counts(): LocalQueueCounts {
    const now = Date.now();
    const waiting = [...this.#messages.values()].filter((message) => message.visibleAt <= now).length;
    return { waiting, inFlight: this.#messages.size - waiting, deadLetters: this.#deadLetters.length };
  }

  /** Resolves once every message sent so far is deleted or dead, and no invocation runs. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idle.push(resolve);
      this.#settle();
    });
  }

  /** Stops delivering (messages stay where they are) and waits for the invocations under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    while (this.#invocations > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Starts as many invocations as the concurrency allows, then waits for the next message to become visible. */
  #pump(): void {
    if (this.#stopped) return;
    while (this.#invocations < this.#options.maxConcurrency) {
      const batch = this.#receive(Date.now());
      if (batch.length === 0) break;
      this.#invocations += 1;
      void this.#invoke(batch).finally(() => {
        this.#invocations -= 1;
        this.#pump();
      });
    }
    this.#schedule();
    this.#settle();
  }

  /** Up to a batch of visible messages, each received once more; a message out of receives goes to the dead letters. */
  #receive(now: number): { message: Message; receiptHandle: string }[] {
    const batch: { message: Message; receiptHandle: string }[] = [];
    for (const message of this.#messages.values()) {
      if (batch.length === this.#options.batchSize) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.#options.maxReceiveCount) {
        this.#messages.delete(message.messageId);
        const { messageId, body, receiveCount, sentAt } = message;
        this.#deadLetters.push({ messageId, body, receiveCount, sentAt: new Date(sentAt).toISOString(), deadLetteredAt: new Date(now).toISOString() });
        continue;
      }
      message.receiveCount += 1;
      message.receiptHandle = randomUUID();
      message.visibleAt = now + this.#options.visibilityTimeoutMs;
      message.firstReceivedAt ??= now;
      batch.push({ message, receiptHandle: message.receiptHandle });
    }
    return batch;
  }

  /** One invocation; the messages it did not fail are deleted, unless they were received again meanwhile. */
  async #invoke(batch: readonly { message: Message; receiptHandle: string }[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map(({ message }) => this.#record(message)) };
    const fn = { handler: this.#options.handler, timeoutMs: this.#options.functionTimeoutMs };
    const outcome = await runWithTimeout(fn, event, lambdaContext(this.#options.name, randomUUID(), fn.timeoutMs));
    const failed = failedIds(outcome, batch.map(({ message }) => message.messageId));
    for (const { message, receiptHandle } of batch) {
      if (!failed.has(message.messageId) && message.receiptHandle === receiptHandle) this.#messages.delete(message.messageId);
    }
  }

  #record(message: Message): SQSRecord {
    const { messageId, receiptHandle, body, receiveCount, sentAt } = message;
    return sqsRecord({ messageId, receiptHandle, body, receiveCount, sentAt, firstReceivedAt: message.firstReceivedAt ?? sentAt, queueName: this.#options.name });
  }

  /** Wakes up when the next invisible message becomes visible again (a full concurrency wakes up as an invocation ends). */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#invocations >= this.#options.maxConcurrency) return;
    const next = Math.min(...[...this.#messages.values()].map((message) => message.visibleAt));
    if (this.#stopped || !Number.isFinite(next)) return;
    this.#timer = setTimeout(() => this.#pump(), Math.max(0, next - Date.now()));
  }

  #settle(): void {
    if (this.#messages.size > 0 || this.#invocations > 0) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}

/**
 * The ids an invocation failed, as Lambda reads a partial batch response: a failed invocation
 * (thrown, timed out) or a failure naming an id the batch does not have fails every message; no
 * answer, or none listed, fails none.
 */
function failedIds(outcome: Outcome, ids: readonly string[]): ReadonlySet<string> {
  if (outcome.kind === 'failed') return new Set(ids);
  const failures = (outcome.result as Partial<SQSBatchResponse> | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return new Set(ids);
  const reported = failures.map((failure: { itemIdentifier?: unknown } | null) => failure?.itemIdentifier);
  return reported.every((id) => typeof id === 'string' && ids.includes(id)) ? new Set(reported as string[]) : new Set(ids);
}
