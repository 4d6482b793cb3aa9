import * as apigw from 'aws-cdk-lib/aws-apigateway';

/**
 * Errors API Gateway answers by itself (before or instead of the function) in the Capillary envelope, so a
 * partner's client parses every response the same way:
 * `{"response":{"status":{"success":"false","code":401,"message":"..."}}}`.
 * `message` is either fixed text (which may name the request id, `$context.requestId`) or API
 * Gateway's own error message (`$context.error.messageString`, already a quoted string), which never
 * contains the query string.
 */
export interface CapillaryGatewayResponse {
  readonly id: string;
  readonly type: apigw.ResponseType;
  /** HTTP status; absent keeps API Gateway's status for the type (used by the DEFAULT_ fallbacks). */
  readonly statusCode?: string;
  /** `status.code` in the body. */
  readonly code: number;
  /** Fixed message; absent uses API Gateway's error message. */
  readonly message?: string;
}

/**
 * The message of a request the authorizer could not decide, as the function's own 503 on a read
 * words it; `$context.requestId` is API Gateway's request id (the `x-amzn-requestid` header).
 */
export const AUTHORIZER_UNAVAILABLE_MESSAGE = 'Service temporarily unavailable, nothing was changed; retry shortly (request $context.requestId)';

/** Every gateway response the partner API answers in the Capillary envelope. */
export const CAPILLARY_GATEWAY_RESPONSES: readonly CapillaryGatewayResponse[] = [
  { id: 'Unauthorized', type: apigw.ResponseType.UNAUTHORIZED, statusCode: '401', code: 401, message: 'Unauthorized: a valid x-api-key header is required' },
  { id: 'AccessDenied', type: apigw.ResponseType.ACCESS_DENIED, statusCode: '403', code: 403, message: 'Forbidden: this x-api-key may not call this resource' },
  { id: 'InvalidApiKey', type: apigw.ResponseType.INVALID_API_KEY, statusCode: '403', code: 403, message: 'Forbidden: this x-api-key is not registered for this API' },
  // Unknown paths and methods: API Gateway calls them "missing authentication token" and answers 403.
  { id: 'MissingAuthenticationToken', type: apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, statusCode: '404', code: 404, message: 'Not found: no such resource or method' },
  { id: 'ResourceNotFound', type: apigw.ResponseType.RESOURCE_NOT_FOUND, statusCode: '404', code: 404, message: 'Not found: no such resource or method' },
  { id: 'BadRequestParameters', type: apigw.ResponseType.BAD_REQUEST_PARAMETERS, statusCode: '400', code: 400 },
  { id: 'Throttled', type: apigw.ResponseType.THROTTLED, statusCode: '429', code: 429, message: 'Too many requests: slow down and retry' },
  { id: 'QuotaExceeded', type: apigw.ResponseType.QUOTA_EXCEEDED, statusCode: '429', code: 429, message: 'Too many requests: the request quota of this x-api-key is used up' },
  // The authorizer could not decide: it threw anything but Unauthorized (the key could not be looked up:
  // functions/handlers/api-key-authorizer-handler.ts), returned no valid policy, ran out of time, or
  // could not be invoked (Lambda throttled). API Gateway files a thrown error as a configuration error
  // (AuthorizerConfigurationException) and other cases as either type, so both answer the same: the
  // key may well be good, so not a 401 but the documented 503 of a read, retry shortly (README, "Answers").
  { id: 'AuthorizerFailure', type: apigw.ResponseType.AUTHORIZER_FAILURE, statusCode: '503', code: 503, message: AUTHORIZER_UNAVAILABLE_MESSAGE },
  { id: 'AuthorizerConfigurationError', type: apigw.ResponseType.AUTHORIZER_CONFIGURATION_ERROR, statusCode: '503', code: 503, message: AUTHORIZER_UNAVAILABLE_MESSAGE },
  { id: 'IntegrationTimeout', type: apigw.ResponseType.INTEGRATION_TIMEOUT, statusCode: '504', code: 504, message: 'Gateway timeout: retry later' },
  { id: 'IntegrationFailure', type: apigw.ResponseType.INTEGRATION_FAILURE, statusCode: '502', code: 502, message: 'Bad gateway: the request failed, retry later' },
  { id: 'RequestTooLarge', type: apigw.ResponseType.REQUEST_TOO_LARGE, statusCode: '413', code: 413, message: 'Request too large' },
  { id: 'WafFiltered', type: apigw.ResponseType.WAF_FILTERED, statusCode: '403', code: 403, message: 'Forbidden' },
  // The fallbacks keep API Gateway's own status for what is not listed above; the body's code is the
  // class (400 / 500), the message API Gateway's own.
  { id: 'Default4xx', type: apigw.ResponseType.DEFAULT_4XX, code: 400 },
  { id: 'Default5xx', type: apigw.ResponseType.DEFAULT_5XX, code: 500 },
];

/** The response body template; the only template variable is API Gateway's own quoted error message. */
export function capillaryErrorTemplate(code: number, message: string | undefined): string {
  const messageJson = message === undefined ? '$context.error.messageString' : JSON.stringify(message);
  return `{"response":{"status":{"success":"false","code":${code},"message":${messageJson}}}}`;
}

/**
 * The status and body of one of the fixed responses above, by id: for answers given in front of API
 * Gateway (the web ACL's custom responses), so they read exactly like API Gateway's own.
 */
export function capillaryAnswerOf(id: string): { readonly statusCode: number; readonly body: string } {
  const response = CAPILLARY_GATEWAY_RESPONSES.find((candidate) => candidate.id === id);
  if (response?.statusCode === undefined || response.message === undefined || response.message.includes('$context')) {
    throw new Error(`No Capillary gateway response "${id}" with a fixed status and message`);
  }
  return { statusCode: Number(response.statusCode), body: capillaryErrorTemplate(response.code, response.message) };
}

/**
 * What API Gateway sends for one of the responses above that has a status and a message of ours,
 * `$context.requestId` filled in: for the local API Gateway emulator, so it answers as API Gateway does.
 */
export function gatewayAnswerOf(id: string, requestId: string): { readonly statusCode: number; readonly body: string } {
  const response = CAPILLARY_GATEWAY_RESPONSES.find((candidate) => candidate.id === id);
  if (response?.statusCode === undefined || response.message === undefined) throw new Error(`No Capillary gateway response "${id}" with a status and message`);
  const message = response.message.replaceAll('$context.requestId', requestId);
  return { statusCode: Number(response.statusCode), body: capillaryErrorTemplate(response.code, message) };
}

/** Adds every response of CAPILLARY_GATEWAY_RESPONSES to the API. */
export function addCapillaryGatewayResponses(api: apigw.RestApi): void {
  for (const response of CAPILLARY_GATEWAY_RESPONSES) {
    api.addGatewayResponse(response.id, {
      type: response.type,
      statusCode: response.statusCode,
      templates: { 'application/json': capillaryErrorTemplate(response.code, response.message) },
    });
  }
}
