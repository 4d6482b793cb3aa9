import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from './service-function';

export interface ServiceAlarmsProps {
  /** Prefix of every alarm name, e.g. `PointsRedemption-prod`. */
  readonly alarmNamePrefix: string;
  readonly api: apigw.RestApi;
  readonly table: dynamodb.ITable;
  /**
   * Functions whose every error is a failure. Not the authorizer: it rejects an unknown key by throwing
   * "Unauthorized" (the only way to get a 401), so its Errors count partner mistakes; its real failures
   * reach partners as 500s and are in the API 5xx alarm.
   */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** Powertools `service` dimension of the validation-codes function's metrics. */
  readonly otpServiceName: string;
  readonly p99LatencyMs: number;
  readonly smsMonthlySpendAlarmUsd: number;
  readonly otpDeliveryFailureAlarmThreshold: number;
  readonly alarmEmail?: string;
  /** Routes whose server errors alarm on their own (the writes: a 503 there leaves a partner unsure what happened). */
  readonly writeRoutes?: readonly { readonly name: string; readonly path: string; readonly method: string }[];
  /** Dead-letter queues by name: any message in one raises `<name>DeadLetters`. */
  readonly deadLetterQueues?: Readonly<Record<string, sqs.IQueue>>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The alarms an operator needs, all notifying one KMS-encrypted, TLS-only SNS topic (and an email
 * subscription when configured). Missing data never alarms: no traffic is not an outage.
 */
export class ServiceAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly alarmNamePrefix: string;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.alarmNamePrefix = props.alarmNamePrefix;

    // CloudWatch cannot publish to a topic encrypted with the AWS managed aws/sns key, hence our own key.
    const key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the ${props.alarmNamePrefix} alarm topic`,
      enableKeyRotation: true,
      // Alarm messages are transient: the key goes with the stateless stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy "*" is this key. No source condition here: the topic policy below already limits
        // publishing to this account's alarms, and the key encrypts nothing but this topic.
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `${props.alarmNamePrefix} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    if (props.alarmEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }

    const errors = props.api.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM });
    const requests = props.api.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM });
    this.add('Api5xxRate', {
      metric: new cloudwatch.MathExpression({
        label: 'API 5xx rate (%)',
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { errors, requests },
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: 'More than 1% of API requests answered 5xx over 5 minutes.',
    });

    this.add('ApiLatencyP99', {
      metric: props.api.metricLatency({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.p(99) }),
      threshold: props.p99LatencyMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      alarmDescription: `API p99 latency above ${props.p99LatencyMs} ms in 2 of the last 3 five-minute periods.`,
    });

    this.add('OtpDeliveryFailures', {
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'OtpDeliveryFailed',
        dimensionsMap: { service: props.otpServiceName },
        statistic: cloudwatch.Stats.SUM,
        period: FIVE_MINUTES,
      }),
      threshold: props.otpDeliveryFailureAlarmThreshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: `${props.otpDeliveryFailureAlarmThreshold} or more validation codes could not be delivered (SMS or missed call) in 5 minutes.`,
    });

    this.add('SmsMonthlySpend', {
      // Reported by SNS per account and region; the month-to-date figure only grows, so Maximum is the value.
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      }),
      threshold: props.smsMonthlySpendAlarmUsd,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: `Month-to-date SMS spend in this region above USD ${props.smsMonthlySpendAlarmUsd}.`,
    });

    const sumOver5 = { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM };
    this.add('TableThrottleEvents', {
      metric: new cloudwatch.MathExpression({
        label: 'Read + write throttle events',
        expression: 'reads + writes',
        usingMetrics: {
          reads: props.table.metric('ReadThrottleEvents', sumOver5),
          writes: props.table.metric('WriteThrottleEvents', sumOver5),
        },
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: 'The table throttled reads or writes.',
    });
    this.add('TableThrottledRequests', {
      metric: props.table.metricThrottledRequestsForOperations({
        ...sumOver5,
        operations: [
          dynamodb.Operation.GET_ITEM,
          dynamodb.Operation.BATCH_GET_ITEM,
          dynamodb.Operation.QUERY,
          dynamodb.Operation.PUT_ITEM,
          dynamodb.Operation.UPDATE_ITEM,
          dynamodb.Operation.DELETE_ITEM,
          dynamodb.Operation.TRANSACT_WRITE_ITEMS,
        ],
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: 'Requests to the table were throttled (ThrottledRequests, by operation).',
    });

    // A write that failed on our side: the partner must retry (safely, with the same reference).
    for (const route of props.writeRoutes ?? []) {
      this.add(`${route.name.charAt(0).toUpperCase()}${route.name.slice(1)}ServerErrors`, {
        metric: new cloudwatch.Metric({
          namespace: 'AWS/ApiGateway',
          metricName: '5XXError',
          dimensionsMap: { ApiName: props.api.restApiName, Stage: props.api.deploymentStage.stageName, Resource: route.path, Method: route.method },
          statistic: cloudwatch.Stats.SUM,
          period: FIVE_MINUTES,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        alarmDescription: `${route.method} ${route.path} answered 5xx (ours: DynamoDB or the function failed); partners were told to retry with the same reference.`,
      });
    }

    // Expected outcomes are values, not exceptions: any function error is a bug or an infrastructure failure.
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        alarmDescription: `The ${name} function failed (unhandled error, timeout or crash).`,
      });
    }

    // A dead letter is a message that was never applied: someone has to look at it (README, "The adjustments queue").
    for (const [name, queue] of Object.entries(props.deadLetterQueues ?? {})) {
      this.add(`${name}DeadLetters`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        alarmDescription: `Messages are waiting in the ${name} dead-letter queue: they were received the configured number of times and never applied.`,
      });
    }
  }

  private add(id: string, props: Omit<cloudwatch.AlarmProps, 'alarmName' | 'treatMissingData'>): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      alarmName: `${this.alarmNamePrefix}-${id}`,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }

}
