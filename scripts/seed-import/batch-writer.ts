import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunks, mapConcurrently } from './concurrency';
import { UnprocessedWritesError } from './errors';

type Key = { readonly pk: string; readonly sk: string };
/** One write of a BatchWriteItem: an item to put, or the key of one to delete. Unconditional, by nature. */
export type BatchWrite = { readonly put: Record<string, unknown> & Key } | { readonly delete: Key };

export interface BatchWriteOptions {
  /** BatchWriteItem calls in flight at once. */
  readonly concurrency?: number;
  /** Calls per batch, the first included, before unprocessed writes are given up as an error. */
  readonly maxAttempts?: number;
  /** Wait before the first retry; doubled on each next one, with jitter. */
  readonly baseDelayMs?: number;
}

/** DynamoDB's limit on the writes of one BatchWriteItem (the same locally and in AWS). */
export const MAX_BATCH_WRITES = 25;

/**
 * Writes `writes` in BatchWriteItem calls of 25, retrying what DynamoDB leaves unprocessed (throttling)
 * with exponential backoff, as the DynamoDB developer guide asks. Writes of one batch are independent:
 * none is conditional, and a batch is not atomic. Throws UnprocessedWritesError when a batch still has
 * unprocessed writes after `maxAttempts` calls; the other batches are written regardless.
 * The keys of one call must be distinct (DynamoDB refuses a batch naming a key twice).
 */
export async function writeInBatches(
  documents: DynamoDBDocumentClient,
  tableName: string,
  writes: readonly BatchWrite[],
  options: BatchWriteOptions = {},
): Promise<void> {
  const { concurrency = 4, maxAttempts = 8, baseDelayMs = 50 } = options;
  const requests = writes.map((write) => ('put' in write ? { PutRequest: { Item: write.put } } : { DeleteRequest: { Key: write.delete } }));
  let unprocessed = 0;
  await mapConcurrently(chunks(requests, MAX_BATCH_WRITES), concurrency, async (batch) => {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > maxAttempts) {
        unprocessed += pending.length;
        return;
      }
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random() / 2));
      const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as typeof batch;
    }
  });
  if (unprocessed > 0) throw new UnprocessedWritesError(unprocessed, maxAttempts);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
