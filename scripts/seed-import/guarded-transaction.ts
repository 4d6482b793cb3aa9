import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Items in one TransactWriteItems: DynamoDB Local, which runs the tests and `npm start`, accepts 10
 * (AWS accepts 100). The importer keeps every transaction within this, so what passes locally passes
 * in AWS.
 */
export const MAX_TRANSACTION_ITEMS = 10;

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A refusal the importer reports instead of throwing: where in the file, and why. */
export interface WriteRefusal {
  readonly kind: 'failed';
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** One write of a transaction, and what to answer when its condition is what cancelled it. */
export interface GuardedWrite {
  readonly write: TransactItem;
  /** `owner`: the value of `ownerAttribute` in the item that failed the condition, when DynamoDB returned it. */
  readonly onConditionFailed?: (owner: string | undefined) => WriteRefusal;
}

/**
 * An expected refusal of a transaction (a write's condition failed, or a concurrent write got in the
 * way), as a value; undefined for anything else, which the caller rethrows as the infrastructure
 * failure it is. `subject` names what was being written ("customer 1001").
 */
export function refusalOf(error: unknown, writes: readonly GuardedWrite[], ownerAttribute: string, subject: string): WriteRefusal | undefined {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] }).CancellationReasons ?? [];
  for (const [index, reason] of reasons.entries()) {
    const onConditionFailed = writes[index]?.onConditionFailed;
    if (reason.Code === 'ConditionalCheckFailed' && onConditionFailed) return onConditionFailed(numberAttribute(reason.Item, ownerAttribute));
  }
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
    return { kind: 'failed', path: [], message: `${subject} was not imported: another write to the same items happened at the same time; import again` };
  }
  return undefined;
}

/** A number attribute of an item a failed condition returned (raw attribute values: errors are not unmarshalled). */
function numberAttribute(item: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = item?.[name];
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'N' in value && typeof value.N === 'string') return value.N;
  return undefined;
}

/**
 * Runs `writes` as one transaction (at most MAX_TRANSACTION_ITEMS). Returns undefined when it was
 * written, the refusal when a write's condition or a concurrent write cancelled it (refusalOf), and
 * throws anything else. `subject` names what is written ("customer 1001").
 */
export async function transact(
  documents: DynamoDBDocumentClient,
  writes: readonly GuardedWrite[],
  ownerAttribute: string,
  subject: string,
): Promise<WriteRefusal | undefined> {
  if (writes.length > MAX_TRANSACTION_ITEMS) throw new RangeError(`${subject}: ${writes.length} items in one transaction; at most ${MAX_TRANSACTION_ITEMS}`);
  try {
    await documents.send(new TransactWriteCommand({ TransactItems: writes.map((operation) => operation.write) }));
    return undefined;
  } catch (error) {
    const refusal = refusalOf(error, writes, ownerAttribute, subject);
    if (refusal) return refusal;
    throw error;
  }
}
