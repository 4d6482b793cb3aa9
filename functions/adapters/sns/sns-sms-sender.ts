import {
  PublishCommand,
  SNSClient,
  type MessageAttributeValue,
  type PublishCommandInput,
  type PublishCommandOutput,
  type SNSClientConfig,
} from '@aws-sdk/client-sns';
import type { FinalizeHandler, FinalizeHandlerArguments } from '@smithy/types';
import { errorName } from '../../core/errors';
import { DeliveryFailedError, DeliveryOutcome } from '../../core/validation-codes/errors';
import type { CodeMessage, CodeSender } from '../../core/ports/code-sender';
import { ValidationChannel } from '../../core/ports/validation-codes';

/** The client (optional) and the sender identity SMS carry. */
export interface SnsSmsSenderOptions {
  /** The client to publish with; its time limits must end a send inside the function's timeout. */
  readonly client?: SNSClient;
  /** Settings of the client made when none is given. */
  readonly clientConfig?: SNSClientConfig;
  /** Alphanumeric sender ID, where the destination country supports one. */
  readonly senderId?: string;
  /** An origination number (E.164) registered in AWS End User Messaging SMS. */
  readonly originationNumber?: string;
}

/** Sends SMS codes with SNS Publish straight to a phone number, as a transactional message. */
export class SnsSmsSender implements CodeSender {
  readonly #client: SNSClient;
  readonly #senderId: string | undefined;
  readonly #originationNumber: string | undefined;

  constructor(options: SnsSmsSenderOptions) {
    this.#client = options.client ?? new SNSClient(options.clientConfig ?? {});
    this.#senderId = options.senderId;
    this.#originationNumber = options.originationNumber;
  }

  async send(message: CodeMessage): Promise<void> {
    if (message.channel !== ValidationChannel.SMS) throw new TypeError(`SnsSmsSender cannot send ${message.channel}`);
    const attributes: Record<string, MessageAttributeValue> = {
      // Transactional: routed for reliability rather than cost, as codes expire quickly.
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.#senderId) attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.#senderId };
    if (this.#originationNumber) attributes['AWS.MM.SMS.OriginationNumber'] = { DataType: 'String', StringValue: this.#originationNumber };
    const publish = new PublishCommand({ PhoneNumber: `+${message.mobile}`, Message: message.text, MessageAttributes: attributes });
    const attempts = recordAttemptOutcomes(publish);
    try {
      await this.#client.send(publish);
    } catch (error) {
      // The name only: SNS error messages may repeat the phone number.
      throw new DeliveryFailedError(`SNS Publish failed: ${errorName(error) ?? 'unknown error'}`, {
        cause: error,
        outcome: deliveryOutcome(attempts.length > 0 ? attempts : [attemptOutcome(error)]),
      });
    }
  }
}

/**
 * The outcome of each attempt the SDK makes (it retries inside `send`), as they fail: the client's
 * final error tells only of the last one, and an earlier attempt may have timed out after SNS took
 * the message.
 */
function recordAttemptOutcomes(command: PublishCommand): DeliveryOutcome[] {
  const outcomes: DeliveryOutcome[] = [];
  command.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<PublishCommandInput, PublishCommandOutput>) => async (args: FinalizeHandlerArguments<PublishCommandInput>) => {
      try {
        return await next(args);
      } catch (error) {
        outcomes.push(attemptOutcome(error));
        throw error;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'recordDeliveryAttemptOutcome' },
  );
  return outcomes;
}

/** SNS answered with an error (it has a status), or no connection was made: not sent. Anything else: unknown. */
function attemptOutcome(error: unknown): DeliveryOutcome {
  const answered = typeof (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode === 'number';
  const neverConnected = (error as { code?: unknown }).code === 'ECONNREFUSED';
  return answered || neverConnected ? DeliveryOutcome.NOT_SENT : DeliveryOutcome.UNKNOWN;
}

/** Not sent only if no attempt may have been. */
function deliveryOutcome(attempts: readonly DeliveryOutcome[]): DeliveryOutcome {
  return attempts.every((outcome) => outcome === DeliveryOutcome.NOT_SENT) ? DeliveryOutcome.NOT_SENT : DeliveryOutcome.UNKNOWN;
}
