import { PointsRedemptionError } from '../../core/errors';

/**
 * Failures of the DynamoDB adapters. These are infrastructure failures, not expected outcomes: they
 * are thrown, and mapped to a server error at the edge.
 */

/** A stored item does not have the shape this code wrote: a bad manual edit or an incompatible writer. */
export class StoredItemCorruptError extends PointsRedemptionError {
  /** Which item, described without personal data (an identifier's value is never named). */
  readonly item: string;
  readonly problems: readonly string[];

  constructor(item: string, problems: readonly string[]) {
    super(`Stored item ${item} is corrupt: ${problems.join('; ')}`);
    this.name = 'StoredItemCorruptError';
    this.item = item;
    this.problems = problems;
  }
}
