import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import * as v from 'valibot';
import { maskIdentifier } from '../core/identifiers';
import { IdentifierType } from '../core/model';
import {
  operationRow,
  type OperationReply,
  type OperationRequest,
  type ValidationCodeOperation,
  type ValidationCodes,
} from '../core/ports/validation-codes';
import { ValidationCodesEventSchema, describeIssues, type InvalidEventReply } from '../schemas/events/validation-codes-event';

/**
 * The validation-codes function: runs the operations of core/ports/validation-codes.ts (issue,
 * verify) for the points API, which invokes it synchronously (Lambda Invoke, RequestResponse).
 *
 * Event:  {"operation": <name>, ...that operation's request}, read by the operation's schema.
 * Reply:  the operation's reply, or {"ok": false, "error": "invalid-event", "message"} for a
 *         malformed event (the message names fields, never values).
 * A failure without a reply (the table unreachable during a verify) is thrown: a function error,
 * so the caller does not guess.
 */
export type ValidationCodesReply = OperationReply<ValidationCodeOperation> | InvalidEventReply;

/** What the handler runs on: the operations, the logger and the metrics. */
export interface ValidationCodesHandlerDeps {
  readonly validationCodes: ValidationCodes;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** X-Ray segments per invocation; none when absent. */
  readonly tracer?: Tracer;
}

/** Metric names (count, dimension `service`); stable, as the delivery-failure alarm reads one of them. */
export const ValidationCodeMetric = {
  ISSUED: 'OtpIssued',
  DELIVERY_FAILED: 'OtpDeliveryFailed',
  ISSUE_REFUSED: 'OtpIssueRefused',
  ISSUE_FAILED: 'OtpIssueFailed',
  VERIFIED: 'OtpVerified',
  REJECTED: 'OtpRejected',
  INVALID_EVENT: 'OtpInvalidEvent',
} as const;

type Report<O extends ValidationCodeOperation> = (request: OperationRequest<O>, reply: OperationReply<O>) => void;

/** Builds the handler from its dependencies (tests pass local ones; the entry passes production ones). */
export function makeValidationCodesHandler(deps: ValidationCodesHandlerDeps) {
  const { validationCodes, logger } = deps;
  const reports = operationReports(deps);

  async function run<O extends ValidationCodeOperation>(operation: O, event: unknown): Promise<ValidationCodesReply> {
    const parsed = v.safeParse(operationRow(operation).request, event);
    if (!parsed.success) return invalidEvent(deps, describeIssues(parsed.issues));
    const request = parsed.output;
    const reply = await validationCodes[operation](request);
    const report: Report<O> | undefined = reports[operation];
    if (report) report(request, reply);
    else logger.info(`validation code ${operation}`, { operation, outcome: reply.kind });
    return reply;
  }

  const handler = middy<unknown, ValidationCodesReply>();
  if (deps.tracer) handler.use(captureLambdaHandler(deps.tracer, { captureResponse: false }));
  return handler
    .use(injectLambdaContext(logger))
    .use(logMetrics(deps.metrics))
    .handler(async (event): Promise<ValidationCodesReply> => {
      const named = v.safeParse(ValidationCodesEventSchema, event);
      if (!named.success) return invalidEvent(deps, describeIssues(named.issues));
      return run(named.output.operation, event);
    });
}

function invalidEvent({ logger, metrics }: ValidationCodesHandlerDeps, problem: string): InvalidEventReply {
  metrics.addMetric(ValidationCodeMetric.INVALID_EVENT, MetricUnit.Count, 1);
  // Not under `message`: the logger reserves that key for the log line's own message.
  logger.warn('invalid validation-codes event', { problem });
  return { ok: false, error: 'invalid-event', message: problem };
}

/** What each operation counts and logs: masked numbers only, never a code. */
function operationReports({ logger, metrics }: ValidationCodesHandlerDeps): { [O in ValidationCodeOperation]?: Report<O> } {
  return {
    issue: (request, reply) => {
      // Metadata, not a dimension: the delivery-failure alarm watches the metric by service alone.
      metrics.addMetadata('channel', request.channel);
      metrics.addMetric(issueMetric(reply), MetricUnit.Count, 1);
      logger.info('validation code issue', {
        ...bindingOf(request),
        channel: request.channel,
        mobile: maskedMobile(request.mobile),
        outcome: reply.kind,
        reason: reply.kind === 'issued' ? undefined : reply.reason,
      });
    },
    verify: (request, reply) => {
      metrics.addMetric(reply.kind === 'valid' ? ValidationCodeMetric.VERIFIED : ValidationCodeMetric.REJECTED, MetricUnit.Count, 1);
      logger.info('validation code check', {
        ...bindingOf(request),
        outcome: reply.kind,
        reason: reply.kind === 'invalid' ? reply.reason : undefined,
      });
    },
  };
}

function bindingOf(request: { orgId: string; customerId: number; programId: number }) {
  return { orgId: request.orgId, customerId: request.customerId, programId: request.programId };
}

function maskedMobile(mobile: string | undefined): string | undefined {
  return mobile === undefined ? undefined : maskIdentifier({ type: IdentifierType.MOBILE, value: mobile.replace(/\D/g, '') });
}

function issueMetric(reply: OperationReply<'issue'>): string {
  if (reply.kind === 'issued') return ValidationCodeMetric.ISSUED;
  if (reply.kind === 'refused') return ValidationCodeMetric.ISSUE_REFUSED;
  return reply.reason === 'delivery-failed' ? ValidationCodeMetric.DELIVERY_FAILED : ValidationCodeMetric.ISSUE_FAILED;
}
