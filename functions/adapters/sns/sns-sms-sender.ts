import { PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import { DeliveryFailedError, errorName } from '../../core/validation-codes/errors';
import type { CodeMessage, CodeSender } from '../../core/ports/code-sender';
import { ValidationChannel } from '../../core/ports/validation-codes';

export interface SnsSmsSenderOptions {
  readonly client: SNSClient;
  /** Alphanumeric sender ID, where the destination country supports one. */
  readonly senderId?: string;
  /** An origination number (E.164) registered in AWS End User Messaging SMS. */
  readonly originationNumber?: string;
}

/** Sends SMS codes with SNS Publish straight to a phone number, as a transactional message. */
export class SnsSmsSender implements CodeSender {
  readonly #options: SnsSmsSenderOptions;

  constructor(options: SnsSmsSenderOptions) {
    this.#options = options;
  }

  async send(message: CodeMessage): Promise<void> {
    if (message.channel !== ValidationChannel.SMS) throw new TypeError(`SnsSmsSender cannot send ${message.channel}`);
    const attributes: Record<string, MessageAttributeValue> = {
      // Transactional: routed for reliability rather than cost, as codes expire quickly.
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.#options.senderId) attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.#options.senderId };
    if (this.#options.originationNumber) {
      attributes['AWS.MM.SMS.OriginationNumber'] = { DataType: 'String', StringValue: this.#options.originationNumber };
    }
    try {
      await this.#options.client.send(
        new PublishCommand({ PhoneNumber: `+${message.mobile}`, Message: message.text, MessageAttributes: attributes }),
      );
    } catch (error) {
      // The name only: SNS error messages may repeat the phone number.
      throw new DeliveryFailedError(`SNS Publish failed: ${errorName(error) ?? 'unknown error'}`, { cause: error });
    }
  }
}
