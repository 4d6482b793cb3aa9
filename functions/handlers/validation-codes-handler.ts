import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as v from 'valibot';
import { maskIdentifier } from '../core/identifiers';
import { IdentifierType } from '../core/model';
import { DeliveryFailedError, errorName } from '../core/validation-codes/errors';
import type { ValidationCodeServiceEvent } from '../core/validation-codes/validation-code-service';
import type {
  IssueCodeRequest,
  IssueCodeResult,
  ValidationCodes,
  VerifyCodeRequest,
  VerifyCodeResult,
} from '../core/ports/validation-codes';
import { OtpEventSchema, describeIssues, type InvalidEventReply } from '../schemas/events/validation-codes-event';

/**
 * The validation-codes function: issues and verifies validation codes for the points API, which invokes it
 * synchronously (Lambda Invoke, RequestResponse).
 *
 * Event:  {"operation": "issue", orgId, customerId, programId, points, channel, mobile?, programName, otp}
 *         {"operation": "verify", orgId, customerId, programId, points, code, otp}
 *         (otp: the program's OtpRules for the customer's tier; see core/model.ts. A verify's
 *         attempt limit is the one stored with the code, not the event's)
 * Reply:  the IssueCodeResult or VerifyCodeResult (core/ports/validation-codes.ts), or
 *         {"ok": false, "error": "invalid-event", "message"} for a malformed event.
 * A store failure during verify is thrown (a function error): the caller cannot guess the answer.
 */
export type ValidationCodesReply = IssueCodeResult | VerifyCodeResult | InvalidEventReply;

export interface ValidationCodesHandlerDeps {
  readonly validationCodes: ValidationCodes;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export const ValidationCodeMetric = {
  ISSUED: 'OtpIssued',
  DELIVERY_FAILED: 'OtpDeliveryFailed',
  ISSUE_REFUSED: 'OtpIssueRefused',
  ISSUE_FAILED: 'OtpIssueFailed',
  VERIFIED: 'OtpVerified',
  REJECTED: 'OtpRejected',
  INVALID_EVENT: 'OtpInvalidEvent',
} as const;

function maskedMobile(mobile: string | undefined): string | undefined {
  return mobile === undefined ? undefined : maskIdentifier({ type: IdentifierType.MOBILE, value: mobile.replace(/\D/g, '') });
}

function issueMetric(result: IssueCodeResult): string {
  if (result.kind === 'issued') return ValidationCodeMetric.ISSUED;
  if (result.kind === 'refused') return ValidationCodeMetric.ISSUE_REFUSED;
  return result.reason === 'delivery-failed' ? ValidationCodeMetric.DELIVERY_FAILED : ValidationCodeMetric.ISSUE_FAILED;
}

export function makeValidationCodesHandler(deps: ValidationCodesHandlerDeps) {
  const { validationCodes, logger, metrics } = deps;

  async function issue(request: IssueCodeRequest): Promise<IssueCodeResult> {
    const result = await validationCodes.issue(request);
    // Metadata, not a dimension: the delivery-failure alarm watches the metric by service alone.
    metrics.addMetadata('channel', request.channel);
    metrics.addMetric(issueMetric(result), MetricUnit.Count, 1);
    logger.info('validation code issue', {
      orgId: request.orgId,
      customerId: request.customerId,
      programId: request.programId,
      channel: request.channel,
      mobile: maskedMobile(request.mobile),
      outcome: result.kind,
      reason: result.kind === 'issued' ? undefined : result.reason,
    });
    return result;
  }

  async function verify(request: VerifyCodeRequest): Promise<VerifyCodeResult> {
    const result = await validationCodes.verify(request);
    metrics.addMetric(result.kind === 'valid' ? ValidationCodeMetric.VERIFIED : ValidationCodeMetric.REJECTED, MetricUnit.Count, 1);
    logger.info('validation code check', {
      orgId: request.orgId,
      customerId: request.customerId,
      programId: request.programId,
      outcome: result.kind,
      reason: result.kind === 'invalid' ? result.reason : undefined,
    });
    return result;
  }

  return middy<unknown, ValidationCodesReply>()
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .handler(async (event): Promise<ValidationCodesReply> => {
      const parsed = v.safeParse(OtpEventSchema, event);
      if (!parsed.success) {
        const message = describeIssues(parsed.issues);
        metrics.addMetric(ValidationCodeMetric.INVALID_EVENT, MetricUnit.Count, 1);
        logger.warn('invalid OTP event', { message });
        return { ok: false, error: 'invalid-event', message };
      }
      if (parsed.output.operation === 'issue') {
        const { operation: _issue, ...request } = parsed.output;
        return issue(request);
      }
      const { operation: _verify, ...request } = parsed.output;
      return verify(request);
    });
}

/** What the service reports besides its results, logged without codes or full numbers. */
export function logServiceEvent(logger: Logger, event: ValidationCodeServiceEvent): void {
  const name = errorName(event.error);
  const message = (event.error as { message?: unknown } | undefined)?.message;
  if (event.type === 'delivery-failed') {
    // DeliveryFailedError messages are written by our senders and never hold the code or number;
    // other errors' messages might (a provider echoing the request), so only their name is logged.
    logger.warn('validation code delivery failed', {
      channel: event.channel,
      error: { name, message: event.error instanceof DeliveryFailedError ? message : undefined },
    });
  } else {
    logger.error('validation code store failed', { operation: event.operation, error: { name, message } });
  }
}
