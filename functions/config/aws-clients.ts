import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * SDK settings shared by every function: the SDK's own standard retry (3 attempts, jittered
 * backoff) and timeouts well inside API Gateway's 29 s, so a stuck dependency ends in our
 * documented 503 instead of a gateway timeout. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables (the local run points them at local stand-ins).
 */
export const SDK_CLIENT_SETTINGS = {
  maxAttempts: 3,
  // Without throwOnRequestTimeout the SDK's HTTP handler only warns when requestTimeout passes.
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
} as const;

/** A DynamoDB client with the shared settings; `extra` adds to them (e.g. `cacheMiddleware` for a function's hot path). */
export function dynamoDbClient(extra: Pick<DynamoDBClientConfig, 'cacheMiddleware'> = {}): DynamoDBClient {
  return new DynamoDBClient({ ...SDK_CLIENT_SETTINGS, ...extra });
}
