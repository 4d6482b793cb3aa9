import { PointsRedemptionError } from '../../functions/core/errors';

/**
 * Failures of the seed import and of its commands. Expected refusals (a malformed file, an identifier
 * owned by another customer) are values, not errors; these are for what stops a command.
 */

/** Base of the seed import's errors. */
export class SeedImportError extends PointsRedemptionError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SeedImportError';
  }
}

/** A problem the operator can fix (arguments, a file that cannot be read); printed without a stack trace. */
export class UsageError extends SeedImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** DynamoDB kept leaving writes of a BatchWriteItem unprocessed after every retry (batch-writer.ts). */
export class UnprocessedWritesError extends SeedImportError {
  /** How many of the writes asked for were never processed. */
  readonly unprocessed: number;

  constructor(unprocessed: number, attempts: number) {
    super(`${unprocessed} write(s) were still unprocessed after ${attempts} attempts (the table is throttling)`);
    this.name = 'UnprocessedWritesError';
    this.unprocessed = unprocessed;
  }
}
