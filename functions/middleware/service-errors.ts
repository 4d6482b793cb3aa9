import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { unavailableAnswer } from '../http/capillary-envelope';
import { isApiGatewayEvent, toProxyResult } from '../http/api-gateway-request';

/**
 * Any failure that escapes the handler (DynamoDB throttled after the SDK's retries, the OTP
 * function unreachable while verifying, a bug) becomes the documented 503 in the Capillary
 * envelope. The stack goes to the log, never to the caller. The check only reads, so nothing is
 * half-written.
 */
export function serviceErrors(options: { logger: Logger }): MiddlewareObj {
  return {
    onError: async (request) => {
      const requestId = request.context?.awsRequestId ?? 'unknown';
      options.logger.error('request failed', { error: request.error as Error });
      const answer = unavailableAnswer(requestId);
      request.response = isApiGatewayEvent(request.event) ? toProxyResult(answer) : answer;
    },
  };
}
