import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { writeAnswer } from '../http/answer-writer';
import { unavailableAnswer } from '../http/envelope';

export interface ServiceErrorsOptions {
  readonly logger: Logger;
  /** Whether the event's operation changes data: a 503 then says how to retry safely. */
  readonly writes: (event: unknown) => boolean;
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
      options.logger.error('request failed', { error: request.error as Error });
      const answer = unavailableAnswer(requestId, options.writes(request.event) ? 'write' : 'read');
      request.response = writeAnswer(request.event, answer);
    },
  };
}
