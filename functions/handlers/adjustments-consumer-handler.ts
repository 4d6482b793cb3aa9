import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ItemCode } from '../core/item-codes';
import { KeyScope } from '../core/model';
import type { PartnerDirectory } from '../core/ports/partner-directory';
import { adjustPoints, type AdjustPointsDeps, type AdjustResult } from '../core/use-cases/adjust-points';
import { partnerAccess } from '../core/use-cases/partner-access';
import { adjustmentLogFields } from '../operations/adjustment-log';
import { adjustRequest } from '../schemas/events/adjust-request';
import { readAdjustmentMessage } from '../schemas/events/adjustment-message';
import { AdjustmentMessageError } from './errors';

/** What the consumer runs on: the adjust use case's ports, the partner directory, logs and metrics. */
export interface AdjustmentsConsumerDeps extends AdjustPointsDeps {
  readonly partners: PartnerDirectory;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** X-Ray segments per invocation; none when absent. */
  readonly tracer?: Tracer;
}

/** Metric names (count, dimension `service`). `Adjustments` is charted on the dashboard. */
export const AdjustmentMetric = {
  APPLIED: 'Adjustments',
  REPLAYED: 'AdjustmentsReplayed',
  FAILED: 'AdjustmentMessagesFailed',
} as const;

/**
 * What became of one message (README, "The adjustments queue"): applied, or replayed (its reference
 * was applied before, with the same content): both done, the message is deleted. Anything else is a
 * failure: SQS delivers it again after the visibility timeout, and moves it to the dead-letter queue
 * after `maxReceiveCount` receives. `retryable` failures (899: the balance kept changing) usually
 * pass on the next receive; the others (a malformed message, an unknown key, a key without the
 * `adjust` scope, a malformed body, a refusal such as 818) end in the dead-letter queue, to be looked
 * at rather than lost.
 */
export type AdjustmentMessageOutcome =
  | { readonly kind: 'applied' | 'replayed'; readonly log: Readonly<Record<string, unknown>> }
  | { readonly kind: 'failed'; readonly reason: string; readonly retryable: boolean; readonly log?: Readonly<Record<string, unknown>> };

/**
 * Applies one message with the same partner resolution, request schema and use case as a direct
 * invocation of `adjust`. Infrastructure failures are thrown (the record fails, SQS retries it).
 */
export async function applyAdjustmentMessage(deps: AdjustmentsConsumerDeps, text: string): Promise<AdjustmentMessageOutcome> {
  const message = readAdjustmentMessage(text);
  if (!message.ok) return failed(`malformed message: ${message.problem}`);
  const access = await partnerAccess(deps.partners, message.apiKey, KeyScope.ADJUST);
  if (access.kind === 'unknown-key') return failed('unknown or disabled key');
  if (access.kind === 'missing-scope') return failed(`key without the "${access.scope}" scope`, { org: access.partner.orgId, key: access.partner.keyLabel });
  const who = { org: access.partner.orgId, key: access.partner.keyLabel, via: message.via };
  const request = adjustRequest.parse({ params: {}, body: message.body });
  if (!request.ok) return failed(`invalid ${request.error.parameter} (${request.error.code})`, who);
  const result = await adjustPoints(deps, access.partner, request.value);
  const log = { ...who, ...adjustmentLogFields(request.value, result) };
  if (result.kind === 'adjusted') return { kind: result.replayed ? 'replayed' : 'applied', log };
  return { kind: 'failed', reason: `refused: ${result.code}`, retryable: isRetryable(result), log };
}

const isRetryable = (result: AdjustResult) => result.kind === 'refused' && result.code === ItemCode.BALANCE_BUSY;

function failed(reason: string, log?: Readonly<Record<string, unknown>>): AdjustmentMessageOutcome {
  return { kind: 'failed', reason, retryable: false, ...(log && { log }) };
}

/**
 * The adjustments consumer (README, "The adjustments queue"): an SQS event of up to 10 messages,
 * applied in parallel by Powertools' BatchProcessor; the messages not applied are reported as
 * `batchItemFailures`, so one bad message neither blocks nor repeats the good ones. A batch where
 * every message failed is reported the same way, not thrown: a function error would retry the
 * batch alike and only raise the errors alarm, while the dead-letter queue's alarm is the one that
 * means "look at these messages". A processor per invocation: its state is one batch's.
 */
export function makeAdjustmentsConsumerHandler(deps: AdjustmentsConsumerDeps) {
  async function handleRecord(record: SQSRecord): Promise<void> {
    const receives = Number(record.attributes.ApproximateReceiveCount);
    const where = { messageId: record.messageId, receiveCount: receives };
    let outcome: AdjustmentMessageOutcome;
    try {
      outcome = await applyAdjustmentMessage(deps, record.body);
    } catch (error) {
      deps.logger.error('adjustment message failed', { ...where, error: error as Error });
      deps.metrics.addMetric(AdjustmentMetric.FAILED, MetricUnit.Count, 1);
      throw error;
    }
    if (outcome.kind !== 'failed') {
      deps.logger.info('adjustment message', { ...where, ...outcome.log });
      deps.metrics.addMetric(outcome.kind === 'applied' ? AdjustmentMetric.APPLIED : AdjustmentMetric.REPLAYED, MetricUnit.Count, 1);
      return;
    }
    deps.logger.warn('adjustment message not applied', { ...where, reason: outcome.reason, retryable: outcome.retryable, ...outcome.log });
    deps.metrics.addMetric(AdjustmentMetric.FAILED, MetricUnit.Count, 1);
    throw new AdjustmentMessageError(record.messageId, outcome.reason);
  }

  const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>();
  if (deps.tracer) handler.use(captureLambdaHandler(deps.tracer, { captureResponse: false }));
  return handler
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(logMetrics(deps.metrics))
    .handler((event, context) =>
      processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false }),
    );
}
