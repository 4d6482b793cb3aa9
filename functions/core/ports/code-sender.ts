import type { ValidationChannel } from './validation-codes';

/**
 * One message that carries a code to a customer. An SMS carries text that contains the code; a
 * missed call carries the code itself, as the last digits of the calling number.
 * `mobile` is the normalised number: digits, country code first, no `+`.
 */
export type CodeMessage =
  | { readonly channel: typeof ValidationChannel.SMS; readonly mobile: string; readonly text: string }
  | { readonly channel: typeof ValidationChannel.MISSED_CALL; readonly mobile: string; readonly code: string };

/**
 * Delivers a code. Resolves once the provider has accepted the message; throws (a
 * DeliveryFailedError, see core/validation-codes/errors.ts) when it did not or when the outcome is unknown.
 */
export interface CodeSender {
  send(message: CodeMessage): Promise<void>;
}
