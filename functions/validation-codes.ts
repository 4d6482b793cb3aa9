import { serviceMetrics } from './config/metrics';
import { serviceLogger, serviceTracer } from './config/observability';
import { buildValidationCodesFromEnv, deferredValidationCodes } from './config/validation-codes-from-env';
import { makeValidationCodesHandler } from './handlers/validation-codes-handler';

/**
 * Lambda entry: the validation-codes function (functions/handlers/validation-codes-handler.ts documents its event).
 * Configuration and secrets are read at the first invocation and kept for the container's life.
 */
const logger = serviceLogger('validation-codes');
const metrics = serviceMetrics('validation-codes', logger);
const tracer = serviceTracer('validation-codes');

/** The Lambda handler: operations built from the environment at the first invocation. */
export const handler = makeValidationCodesHandler({
  validationCodes: deferredValidationCodes(() => buildValidationCodesFromEnv(process.env, logger, tracer)),
  logger,
  metrics,
  tracer,
});
