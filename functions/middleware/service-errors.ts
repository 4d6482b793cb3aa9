import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { writeAnswer } from '../http/answer-writer';
import { unavailableAnswer, type RetrySafety } from '../http/envelope';

export interface ServiceErrorsOptions {
  readonly logger: Logger;
  /** The event's operation (for the log), and what a retry of the request would do: a 503 says whether it is safe. */
  readonly operation: (event: unknown) => { readonly name?: string; readonly retry: RetrySafety };
}

/**
 * Any failure that escapes the handler (DynamoDB throttled after the SDK's retries, the
 * validation-code function unreachable while verifying, a bug) becomes the documented 503 in the
 * Capillary envelope, in the format the request asks for. The stack goes to the log, never to the caller.
 */
export function serviceErrors(options: ServiceErrorsOptions): MiddlewareObj {
  return {
    onError: async (request) => {
      const requestId = request.context?.awsRequestId ?? 'unknown';
      const operation = options.operation(request.event);
      options.logger.error('request failed', { operation: operation.name ?? 'none', writes: operation.retry !== 'read', error: request.error as Error });
      const answer = unavailableAnswer(requestId, operation.retry);
      request.response = writeAnswer(request.event, answer);
    },
  };
}
