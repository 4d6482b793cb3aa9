import { PointsRedemptionError } from '../errors';

/**
 * The errors of the validation-code area (the conventions are core/errors.ts's). Expected outcomes
 * (a wrong code, a limit reached) are replies, never these.
 */

/** The base of every error of the area; thrown directly only for a failure no subclass names. */
export class ValidationCodeError extends PointsRedemptionError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ValidationCodeError';
  }
}

/**
 * What a failed delivery means for the message: `not-sent` when the provider answered that it did
 * not take it (an error reply, a refused credential) or could not be reached at all; `unknown`
 * when no answer came (a timeout, a connection lost mid-request), so the message may still arrive.
 */
export const DeliveryOutcome = { NOT_SENT: 'not-sent', UNKNOWN: 'unknown' } as const;
export type DeliveryOutcome = (typeof DeliveryOutcome)[keyof typeof DeliveryOutcome];

/**
 * A message carrying a code was not accepted by its provider, or its outcome is unknown (a
 * timeout). The message is written by our senders: it never holds the code or the number.
 */
export class DeliveryFailedError extends ValidationCodeError {
  /** Default `unknown`: only a sender that knows the message was not taken says `not-sent`. */
  readonly outcome: DeliveryOutcome;

  constructor(message: string, options?: ErrorOptions & { readonly outcome?: DeliveryOutcome }) {
    super(message, options);
    this.name = 'DeliveryFailedError';
    this.outcome = options?.outcome ?? DeliveryOutcome.UNKNOWN;
  }
}

/**
 * The validation-codes function could not answer (unreachable, function error, unreadable reply).
 * Thrown by an operation without an `unanswered` reply (verify): a check cannot proceed without it.
 */
export class ValidationCodesUnavailableError extends ValidationCodeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ValidationCodesUnavailableError';
  }
}

/** A RandomSource returned a value outside [0, max): a bug in the source, never ignored. */
export class RandomSourceError extends ValidationCodeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RandomSourceError';
  }
}

/** The validation-codes function's environment or secrets are unusable; the message names the variable. */
export class ConfigurationError extends ValidationCodeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}
