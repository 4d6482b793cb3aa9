import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Each function's logger and tracer (Powertools; metrics in metrics.ts, which not every function loads), named by POWERTOOLS_SERVICE_NAME (set by
 * the stack) or the given name; level, namespace and tracing from the POWERTOOLS_* variables. Callers
 * log masked identifiers only (core/identifiers.ts: maskIdentifier); codes, keys and full phone
 * numbers or emails are never passed to any of them.
 */
export function serviceLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
}

/**
 * X-Ray through Powertools: a segment per invocation and a subsegment per AWS call of the clients
 * it captures. It turns itself off outside Lambda (locally, in tests and the bench); responses are
 * never recorded (POWERTOOLS_TRACER_CAPTURE_RESPONSE=false: they carry customer data).
 */
export function serviceTracer(serviceName: string): Tracer {
  return new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
}
