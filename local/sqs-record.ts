import { createHash } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';

/** What distinguishes one delivery of a message. */
export interface SqsDelivery {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** This delivery's number: 1 the first time. */
  readonly receiveCount: number;
  /** Epoch ms. */
  readonly sentAt: number;
  readonly firstReceivedAt: number;
  readonly queueName: string;
}

/** A message as Lambda's SQS event source hands it to a function (one record of an SQSEvent). */
export function sqsRecord(delivery: SqsDelivery): SQSRecord {
  return {
    messageId: delivery.messageId,
    receiptHandle: delivery.receiptHandle,
    body: delivery.body,
    attributes: {
      ApproximateReceiveCount: String(delivery.receiveCount),
      SentTimestamp: String(delivery.sentAt),
      SenderId: 'LOCAL',
      ApproximateFirstReceiveTimestamp: String(delivery.firstReceivedAt),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(delivery.body, 'utf8').digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${delivery.queueName}`,
    awsRegion: 'local',
  };
}
