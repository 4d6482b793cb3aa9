import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ADJUSTMENT_DETAIL_TYPE } from '../../functions/schemas/events/adjustment-message';
import { ServiceFunction } from './service-function';

/** The consumer's time limit: a batch of 10 adjustments, each a few reads and one transaction with the SDK's retries. */
export const ADJUSTMENTS_CONSUMER_TIMEOUT = Duration.seconds(30);

/**
 * The partitions the adjustments consumer may write (`dynamodb:LeadingKeys`): balance holders
 * (customers and groups, whose ledger entries share their partition) and adjustment records. Org ids
 * have no "#"; identifier and validation-code partitions, whose keys may contain "#CUSTOMER#" or
 * "#GROUP#", are excluded by name.
 */
export const ADJUSTMENT_WRITE_PARTITIONS = ['ORG#*#CUSTOMER#*', 'ORG#*#GROUP#*', 'ORG#*#ADJUSTMENT#*'] as const;
/** What the consumer reads: partner keys (a message's apiKey), and the orgs' programs, customers, identifiers, groups and records. */
export const ADJUSTMENT_READ_PARTITIONS = ['APIKEY#*', 'ORG#*'] as const;
/** Partitions the write statement excludes by name, though their keys may match the patterns above. */
export const NOT_ADJUSTMENT_WRITE_PARTITIONS = ['ORG#*#IDENT#*', 'ORG#*#OTP#*', 'ORG#*#OTPDAY#*'] as const;

/** The table the consumer writes, its entry and logging, and the stage's queue settings (lib/config.ts, `adjustments`). */
export interface AdjustmentsIntakeProps {
  readonly table: dynamodb.ITable;
  /** Absolute path of the consumer's Lambda entry. */
  readonly entry: string;
  readonly serviceName: string;
  readonly logLevel: string;
  readonly logRetention: logs.RetentionDays;
  /** The consumer's environment beyond the table's name (e.g. cache lifetimes). */
  readonly environment?: Record<string, string>;
  /** Receives before SQS moves a message to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Consumer invocations at once. */
  readonly maxConcurrency: number;
  /** An EventBridge bus whose PointsAdjustment events go to the queue. */
  readonly eventBusName?: string;
  readonly eventSources?: readonly string[];
}

/**
 * The asynchronous way in for balance adjustments (README, "The adjustments queue"): an SQS queue
 * (SSE with SQS-managed keys, TLS only) with a dead-letter queue after `maxReceiveCount` receives,
 * the consumer function fed by it in batches of 10 with partial-batch failure reporting, and, when a
 * bus is named, an EventBridge rule routing its PointsAdjustment events to the queue. The consumer
 * may read the table and update only balance holders and adjustment records.
 */
export class AdjustmentsIntake extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly consumer: ServiceFunction;
  readonly rule?: events.Rule;

  constructor(scope: Construct, id: string, props: AdjustmentsIntakeProps) {
    super(scope, id);
    // SQS-managed keys, not KMS: EventBridge can deliver to the queue, and producers need no kms:GenerateDataKey.
    const common = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, removalPolicy: RemovalPolicy.DESTROY };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      // AWS's advice for a Lambda event source: at least 6 times the function's timeout, so that a
      // message is never delivered again while a retried invocation may still hold it.
      visibilityTimeout: Duration.seconds(ADJUSTMENTS_CONSUMER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });

    this.consumer = new ServiceFunction(this, 'Consumer', {
      entry: props.entry,
      description: 'Points redemption: applies balance adjustments from the adjustments queue',
      serviceName: props.serviceName,
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      memorySize: 512,
      timeout: ADJUSTMENTS_CONSUMER_TIMEOUT,
      environment: { TABLE_NAME: props.table.tableName, ...props.environment },
    });
    this.consumer.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: props.maxConcurrency }),
    );
    this.grantTable(props.table);

    if (props.eventBusName !== undefined) {
      this.rule = new events.Rule(this, 'AdjustmentEvents', {
        description: `Routes ${ADJUSTMENT_DETAIL_TYPE} events to the adjustments queue`,
        eventBus: events.EventBus.fromEventBusName(this, 'Bus', props.eventBusName),
        eventPattern: { detailType: [ADJUSTMENT_DETAIL_TYPE], ...(props.eventSources && { source: [...props.eventSources] }) },
        targets: [new targets.SqsQueue(this.queue)],
      });
    }
  }

  /**
   * Reads what the adjust use case reads (partner keys, the org's programs, identifiers, customers,
   * groups, adjustment records); writes with UpdateItem only (records and entries are created by
   * conditional updates), only in the partitions ADJUSTMENT_WRITE_PARTITIONS name, and checks there
   * that a group's member still is one (ConditionCheckItem). TransactWriteItems has no IAM action of
   * its own: each of its items is authorised by these actions and the condition.
   */
  private grantTable(table: dynamodb.ITable): void {
    const role = this.consumer.role;
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadKeysAndOrgData',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...ADJUSTMENT_READ_PARTITIONS] } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteBalancesAndAdjustments',
        actions: ['dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...ADJUSTMENT_WRITE_PARTITIONS] },
          'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': [...NOT_ADJUSTMENT_WRITE_PARTITIONS] },
        },
      }),
    );
  }
}
