import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { tablePorts } from '../../functions/config/points-api-wiring';
import { makeAdjustmentsConsumerHandler } from '../../functions/handlers/adjustments-consumer-handler';
import { sqsRecord as sqsRecordOf } from '../../local/sqs-record';
import { lambdaContext } from './points-api-stack';

/** The adjustments consumer over the real table adapters (tests point it at their own table). */
export function adjustmentsConsumer(
  client: DynamoDBClient,
  tableName: string,
  logLevel = process.env.TEST_LOG_LEVEL ?? 'SILENT',
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const logger = new Logger({ serviceName: 'test', logLevel: logLevel as 'SILENT' });
  const handler = makeAdjustmentsConsumerHandler({
    ...tablePorts({ client, tableName, rulesCacheTtlMs: 30_000, partnerCacheTtlMs: 60_000 }),
    logger,
    // Disabled metrics still warn of an empty flush: through the test's (silent) logger.
    metrics: new Metrics({ namespace: 'Test', serviceName: 'adjustments-test', logger }),
  });
  return (event, context = lambdaContext()) => handler(event, context);
}

/** An SQS record as Lambda's event source mapping hands it over. */
export function sqsRecord(body: string, messageId: string = randomUUID(), receiveCount = 1): SQSRecord {
  const now = Date.now();
  return sqsRecordOf({ messageId, receiptHandle: `receipt-${messageId}`, body, receiveCount, sentAt: now, firstReceivedAt: now, queueName: 'adjustments' });
}

/** A message of the adjustments queue: the key and the adjust body, as JSON text. */
export const adjustmentMessage = (apiKey: string, body: unknown): string => JSON.stringify({ apiKey, body });
