import { errorName } from '../../core/errors';

/** Why each write of a cancelled TransactWriteItems failed, in the transaction's order. */
export interface CancellationReason {
  /** `ConditionalCheckFailed`, `TransactionConflict`, `None` (this write was fine) ... */
  readonly Code?: string;
  /** The item as it was, when the write asked for it (ReturnValuesOnConditionCheckFailure), in attribute-value form. */
  readonly Item?: unknown;
}

/** The reasons of a TransactionCanceledException; undefined for any other error. */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (errorName(error) !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : undefined;
}

/** A single write refused by its condition: an expected outcome, not a failure. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}
