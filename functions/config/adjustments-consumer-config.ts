import * as v from 'valibot';
import { PointsApiEnvSchema } from './points-api-config';

/**
 * The adjustments consumer's environment (README, "Configuration"): the table and the caches, read
 * as the points API reads them.
 */
export const AdjustmentsConsumerEnvSchema = v.pick(PointsApiEnvSchema, ['TABLE_NAME', 'RULES_CACHE_TTL_SECONDS', 'PARTNER_CACHE_TTL_SECONDS']);
/** The consumer's configuration, parsed. */
export type AdjustmentsConsumerConfig = v.InferOutput<typeof AdjustmentsConsumerEnvSchema>;
