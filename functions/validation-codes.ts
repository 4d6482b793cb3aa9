import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { buildValidationCodesFromEnv, deferredValidationCodes } from './config/validation-codes-from-env';
import { makeValidationCodesHandler } from './handlers/validation-codes-handler';

/**
 * Lambda entry: the validation-codes function (functions/handlers/validation-codes-handler.ts documents its event).
 * Configuration and secrets are read at the first invocation and kept for the container's life.
 */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'validation-codes' });
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PointsRedemption',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'validation-codes',
});

/** The Lambda handler: operations built from the environment at the first invocation. */
export const handler = makeValidationCodesHandler({
  validationCodes: deferredValidationCodes(() => buildValidationCodesFromEnv(process.env, logger)),
  logger,
  metrics,
});
