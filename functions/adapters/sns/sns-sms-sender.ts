import { PublishCommand, SNSClient, type MessageAttributeValue, type SNSClientConfig } from '@aws-sdk/client-sns';
import { DeliveryFailedError, errorName } from '../../core/validation-codes/errors';
import type { CodeMessage, CodeSender } from '../../core/ports/code-sender';
import { ValidationChannel } from '../../core/ports/validation-codes';

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
    try {
      await this.#client.send(
        new PublishCommand({ PhoneNumber: `+${message.mobile}`, Message: message.text, MessageAttributes: attributes }),
      );
    } catch (error) {
      // The name only: SNS error messages may repeat the phone number.
      throw new DeliveryFailedError(`SNS Publish failed: ${errorName(error) ?? 'unknown error'}`, { cause: error });
    }
  }
}
