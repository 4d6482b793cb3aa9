import { PointsRedemptionError } from '../core/errors';

/**
 * Failures the handlers raise themselves. An expected outcome the caller must hear about is an
 * answer, not one of these; these exist where the platform needs a throw to act (the batch
 * processor marks a record failed when its handler throws).
 */

/** Base class of the handlers' own errors. */
export class HandlerError extends PointsRedemptionError {
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

/**
 * The key could not be looked up (the table did not answer within the authorizer's budget, or
 * refused). Anything an authorizer throws other than `Unauthorized` makes API Gateway answer its
 * authorizer configuration-error response (500 by default), which we make the 503 "retry shortly"
 * (lib/constructs/capillary-gateway-responses.ts): an outage must not look like a revoked key.
 * The message is fixed, so it can never read `Unauthorized`, and never holds the key.
 */
export class PartnerLookupError extends HandlerError {
  constructor(options?: ErrorOptions) {
    super('The partner key could not be looked up', options);
    this.name = 'PartnerLookupError';
  }
}
