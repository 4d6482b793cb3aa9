import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Each function's logger, metrics and tracer (Powertools), named by POWERTOOLS_SERVICE_NAME (set by
 * the stack) or the given name; level, namespace and tracing from the POWERTOOLS_* variables. Callers
 * log masked identifiers only (core/identifiers.ts: maskIdentifier); codes, keys and full phone
 * numbers or emails are never passed to any of them.
 */
export function serviceLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
}

/** EMF metrics in the PointsRedemption namespace (the dashboard and alarms read them), dimension `service`. */
export function serviceMetrics(serviceName: string, logger: Logger): Metrics {
  return new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PointsRedemption',
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName,
    // Its own warnings (e.g. an invocation with no metric) go to the function's structured log.
    logger,
  });
}

/**
 * X-Ray through Powertools: a segment per invocation and a subsegment per AWS call of the clients
 * it captures. It turns itself off outside Lambda (locally, in tests and the bench); responses are
 * never recorded (POWERTOOLS_TRACER_CAPTURE_RESPONSE=false: they carry customer data).
 */
export function serviceTracer(serviceName: string): Tracer {
  return new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
}
