import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaValidationCodes } from './adapters/lambda-invoke/lambda-validation-codes';
import { CALL_BUDGETS, dynamoDbClient, sdkClientSettings } from './config/aws-clients';
import { serviceMetrics } from './config/metrics';
import { serviceLogger, serviceTracer } from './config/observability';
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
const logger = serviceLogger('points-redemption-api');
const tracer = serviceTracer('points-redemption-api');

export const handler = makePointsApiHandler({
  ...pointsApiPorts({
    client: tracer.captureAWSv3Client(dynamoDbClient({ cacheMiddleware: true })),
    tableName: config.TABLE_NAME,
    rulesCacheTtlMs: config.RULES_CACHE_TTL_SECONDS * 1000,
    partnerCacheTtlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
    validationCodes: new LambdaValidationCodes({
      // Not retried, 8 s: above the validation-codes function's own timeout (README, "Choices worth knowing").
      client: tracer.captureAWSv3Client(new LambdaClient(sdkClientSettings(CALL_BUDGETS.otpInvoke))),
      functionName: config.VALIDATION_CODES_FUNCTION_NAME,
    }),
  }),
  logger,
  metrics: serviceMetrics('points-redemption-api', logger),
  tracer,
});
