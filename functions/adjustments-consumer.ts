import { AdjustmentsConsumerEnvSchema } from './config/adjustments-consumer-config';
import { dynamoDbClient } from './config/aws-clients';
import { serviceMetrics } from './config/metrics';
import { serviceLogger, serviceTracer } from './config/observability';
import { readEnv } from './config/points-api-config';
import { tablePorts } from './config/points-api-wiring';
import { makeAdjustmentsConsumerHandler } from './handlers/adjustments-consumer-handler';

/**
 * Lambda entry: the adjustments consumer, fed by the adjustments queue (SQS event source with
 * ReportBatchItemFailures). Clients and caches are built once per cold start, as the points API's.
 */
const config = readEnv(AdjustmentsConsumerEnvSchema, process.env);
const logger = serviceLogger('points-redemption-adjustments');
const tracer = serviceTracer('points-redemption-adjustments');

export const handler = makeAdjustmentsConsumerHandler({
  ...tablePorts({
    client: tracer.captureAWSv3Client(dynamoDbClient({ cacheMiddleware: true })),
    tableName: config.TABLE_NAME,
    rulesCacheTtlMs: config.RULES_CACHE_TTL_SECONDS * 1000,
    partnerCacheTtlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
  }),
  logger,
  metrics: serviceMetrics('points-redemption-adjustments', logger),
  tracer,
});
