import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** EMF metrics in the PointsRedemption namespace (the dashboard and alarms read them), dimension `service`. */
export function serviceMetrics(serviceName: string, logger: Logger): Metrics {
  return new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PointsRedemption',
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName,
    // Its own warnings (e.g. an invocation with no metric) go to the function's structured log.
    logger,
  });
}
