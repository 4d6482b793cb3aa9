import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { buildOtpServiceFromEnv, deferredValidationCodes } from './config/otp-service-from-env';
import { makeOtpIssuerHandler } from './handlers/otp-issuer-handler';

/**
 * Lambda entry: the OTP function (functions/handlers/otp-issuer-handler.ts documents its event).
 * Configuration and secrets are read at the first invocation and kept for the container's life.
 */
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'otp-issuer' });
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PointsRedemption',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'otp-issuer',
});

export const handler = makeOtpIssuerHandler({
  validationCodes: deferredValidationCodes(() => buildOtpServiceFromEnv(process.env, logger)),
  logger,
  metrics,
});
