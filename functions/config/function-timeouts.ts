/**
 * Lambda timeouts, in seconds, of the functions whose callers wait on them: the service stack gives
 * them to the functions, the SDK call budgets (aws-clients.ts) are made to fit inside them, and the
 * local API Gateway emulator gives the authorizer the same time as API Gateway does.
 */
export const FUNCTION_TIMEOUT_SECONDS = {
  /** API Gateway answers an authorizer that has not answered by then with its failure response (our 503). */
  authorizer: 5,
  /** Inside API Gateway's 29 s integration timeout. */
  pointsApi: 15,
} as const;

/** API Gateway's longest wait for a REST API integration, in seconds (the service quota's default). */
export const API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS = 29;
