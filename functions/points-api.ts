import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaValidationCodes } from './adapters/lambda-invoke/lambda-validation-codes';
import { CALL_BUDGETS, dynamoDbClient, sdkClientSettings } from './config/aws-clients';
import { serviceMetrics } from './config/metrics';
import { serviceLogger, serviceTracer } from './config/observability';
import { PointsApiEnvSchema, readEnv } from './config/points-api-config';
import { pointsApiPorts } from './config/points-api-wiring';
import { makePointsApiHandler } from './handlers/points-api-handler';

/** What the points function reports through: its log, and, when given, metrics and X-Ray tracing. */
export interface PointsApiObservability {
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
}

/**
 * The points API's operations (functions/operations/points-api-operations.ts) wired as deployed,
 * from the environment, reporting through `observability`. Clients and caches are built once per
 * cold start; one DynamoDB client for every table adapter, its middleware stack resolved once
 * (README, "Performance"). Throws an Error naming the setting when the environment lacks one or
 * holds a malformed one.
 */
export function pointsApiEntry(observability: PointsApiObservability) {
  const config = readEnv(PointsApiEnvSchema, process.env);
  const traced = <C>(client: C): C => (observability.tracer ? observability.tracer.captureAWSv3Client(client) : client);
  return makePointsApiHandler({
    ...pointsApiPorts({
      client: traced(dynamoDbClient({ cacheMiddleware: true })),
      tableName: config.TABLE_NAME,
      rulesCacheTtlMs: config.RULES_CACHE_TTL_SECONDS * 1000,
      partnerCacheTtlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
      validationCodes: new LambdaValidationCodes({
        // Not retried, 8 s: above the validation-codes function's own timeout (README, "Choices worth knowing").
        client: traced(new LambdaClient(sdkClientSettings(CALL_BUDGETS.otpInvoke))),
        functionName: config.VALIDATION_CODES_FUNCTION_NAME,
      }),
    }),
    ...observability,
  });
}

const logger = serviceLogger('points-redemption-api');

/**
 * Lambda entry: the points API behind API Gateway, and direct invocations by other Lambdas; its
 * log, metrics and X-Ray tracing as deployed.
 */
export const handler = pointsApiEntry({
  logger,
  metrics: serviceMetrics('points-redemption-api', logger),
  tracer: serviceTracer('points-redemption-api'),
});
