import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per function (service name, level and sampling from the POWERTOOLS_*
 * variables). Callers log masked identifiers only (core/identifiers.ts: maskIdentifier); codes,
 * keys and full phone numbers or emails are never passed to it.
 */
export function serviceLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
}
