/**
 * Failures the handlers raise themselves. An expected outcome the caller must hear about is an
 * answer, not one of these; these exist where the platform needs a throw to act (the batch
 * processor marks a record failed when its handler throws).
 */

/** Base class of the handlers' own errors. */
export class HandlerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HandlerError';
  }
}

/**
 * An adjustments-queue message that was not applied (README, "The adjustments queue"): reported in
 * `batchItemFailures`, so SQS delivers it again and, after `maxReceiveCount` receives, moves it to
 * the dead-letter queue. `reason` names what went wrong without repeating the message (it may hold a key).
 */
export class AdjustmentMessageError extends HandlerError {
  readonly messageId: string;
  readonly reason: string;

  constructor(messageId: string, reason: string) {
    super(`adjustment message ${messageId} not applied: ${reason}`);
    this.name = 'AdjustmentMessageError';
    this.messageId = messageId;
    this.reason = reason;
  }
}
