import { Metrics } from '@aws-lambda-powertools/metrics';
import { AdjustmentsConsumerEnvSchema } from './config/adjustments-consumer-config';
import { dynamoDbClient } from './config/aws-clients';
import { serviceLogger } from './config/logger';
import { readEnv } from './config/points-api-config';
import { tablePorts } from './config/points-api-wiring';
import { makeAdjustmentsConsumerHandler } from './handlers/adjustments-consumer-handler';

/**
 * Lambda entry: the adjustments consumer, fed by the adjustments queue (SQS event source with
 * ReportBatchItemFailures). Clients and caches are built once per cold start, as the points API's.
 */
const config = readEnv(AdjustmentsConsumerEnvSchema, process.env);
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'points-redemption-adjustments';
const logger = serviceLogger('points-redemption-adjustments');

export const handler = makeAdjustmentsConsumerHandler({
  ...tablePorts({
    client: dynamoDbClient({ cacheMiddleware: true }),
    tableName: config.TABLE_NAME,
    rulesCacheTtlMs: config.RULES_CACHE_TTL_SECONDS * 1000,
    partnerCacheTtlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
  }),
  logger,
  metrics: new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PointsRedemption', serviceName, logger }),
});
