import type { Logger } from '@aws-lambda-powertools/logger';
import { errorName } from '../core/errors';
import { DeliveryFailedError } from '../core/validation-codes/errors';
import type { ValidationCodeServiceEvent } from '../core/validation-codes/validation-code-service';

/**
 * Logs what the service reports besides its replies (a failed delivery, a failed store write),
 * without codes or numbers: our senders' DeliveryFailedError messages never hold either; any other
 * error's message might (a provider echoing the request), so only its name is logged.
 */
export function logServiceEvent(logger: Logger, event: ValidationCodeServiceEvent): void {
  const name = errorName(event.error);
  const message = (event.error as { message?: unknown } | undefined)?.message;
  if (event.type === 'delivery-failed') {
    logger.warn('validation code delivery failed', {
      channel: event.channel,
      error: { name, message: event.error instanceof DeliveryFailedError ? message : undefined },
    });
  } else {
    logger.error('validation code store failed', { operation: event.operation, error: { name, message } });
  }
}
