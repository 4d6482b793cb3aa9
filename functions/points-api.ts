import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaValidationCodes } from './adapters/lambda-invoke/lambda-validation-codes';
import { dynamoDbClient, SDK_CLIENT_SETTINGS } from './config/aws-clients';
import { serviceLogger } from './config/logger';
import { PointsApiEnvSchema, readEnv } from './config/points-api-config';
import { pointsApiPorts } from './config/points-api-wiring';
import { makePointsApiHandler } from './handlers/points-api-handler';

/**
 * Lambda entry: the points API's operations (functions/operations/points-api-operations.ts) behind
 * API Gateway, and direct invocations by other Lambdas. Clients and caches are built once per cold
 * start; one DynamoDB client for every table adapter, its middleware stack resolved once (README,
 * "Performance").
 */
const config = readEnv(PointsApiEnvSchema, process.env);

export const handler = makePointsApiHandler({
  ...pointsApiPorts({
    client: dynamoDbClient({ cacheMiddleware: true }),
    tableName: config.TABLE_NAME,
    rulesCacheTtlMs: config.RULES_CACHE_TTL_SECONDS * 1000,
    partnerCacheTtlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
    validationCodes: new LambdaValidationCodes({
      // Not retried: a retry could send a second code. 8 s is above the validation-codes function's own 6 s
      // timeout, so that function always finishes or dies first (README, "Choices worth knowing").
      client: new LambdaClient({
        ...SDK_CLIENT_SETTINGS,
        maxAttempts: 1,
        requestHandler: { ...SDK_CLIENT_SETTINGS.requestHandler, requestTimeout: 8_000 },
      }),
      functionName: config.VALIDATION_CODES_FUNCTION_NAME,
    }),
  }),
  logger: serviceLogger('points-redemption-api'),
});
