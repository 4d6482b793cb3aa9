import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type ApiFirewall, FIREWALL_RULES } from './api-firewall';
import { METRICS_NAMESPACE } from './service-function';

/**
 * The Powertools metrics (namespace PointsRedemption) the dashboard charts. All carry the `service`
 * dimension (POWERTOOLS_SERVICE_NAME); `Answers` also carries `operation` and `itemCode`.
 */
export const SERVICE_METRICS = {
  /** One per answer of the points function, by operation and item code. */
  answers: 'Answers',
  redemptions: 'Redemptions',
  redeemedPoints: 'RedeemedPoints',
  reversals: 'Reversals',
  reversedPoints: 'ReversedPoints',
  adjustments: 'Adjustments',
  /** The validation-codes function's (functions/handlers/validation-codes-handler.ts, ValidationCodeMetric). */
  otpIssued: 'OtpIssued',
  otpIssueRefused: 'OtpIssueRefused',
  otpDeliveryFailed: 'OtpDeliveryFailed',
  otpIssueFailed: 'OtpIssueFailed',
  otpVerified: 'OtpVerified',
  otpRejected: 'OtpRejected',
} as const;

/** A work queue and its dead-letter queue, charted side by side. */
export interface DashboardQueue {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

/** What the dashboard charts: the stage's API, functions, table, firewall and queues. */
export interface ServiceDashboardProps {
  /** Dashboard name, e.g. `PointsRedemption-prod`. */
  readonly dashboardName: string;
  readonly api: apigw.RestApi;
  /** Every function of the service by the name its lines carry. */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly table: dynamodb.ITable;
  /** Powertools `service` dimension of the functions' metrics. */
  readonly serviceName: string;
  readonly firewall: ApiFirewall;
  /** Queues to chart (depth and age of the oldest message), when the service has any. */
  readonly queues?: readonly DashboardQueue[];
}

const PERIOD = Duration.minutes(5);
const WIDTH = 8;
const HEIGHT = 6;

/**
 * One CloudWatch dashboard per stage: API traffic, errors and latency; answers by item code; validation
 * codes; redemptions; each function's errors, throttles and duration; table throttling; the web ACL's
 * allowed and blocked requests; and queue depth and age when queues are given. Metrics that new code
 * adds dimensions to (item codes, throttled table operations, counted WAF rules) are charted with
 * SEARCH expressions, so new values appear without a redeploy.
 */
export class ServiceDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });

    const service = (metricName: string, statistic: string = cloudwatch.Stats.SUM, label?: string) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: props.serviceName }, statistic, period: PERIOD, label });
    const graph = (title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: WIDTH, height: HEIGHT, period: PERIOD, ...options });
    const search = (query: string, statistic: string, label: string) =>
      new cloudwatch.MathExpression({ expression: `SEARCH('${query}', '${statistic}', ${PERIOD.toSeconds()})`, usingMetrics: {}, label, period: PERIOD });
    const sum = { statistic: cloudwatch.Stats.SUM, period: PERIOD };
    const header = (markdown: string) => new cloudwatch.TextWidget({ markdown, width: 24, height: 1 });

    const api = props.api;
    const latency = (metric: 'Latency' | 'IntegrationLatency', p: string) =>
      api.metric(metric, { statistic: cloudwatch.Stats.percentile(Number(p)), period: PERIOD, label: `${metric} p${p}` });
    this.dashboard.addWidgets(header('## API'));
    this.dashboard.addWidgets(
      graph('API requests', [api.metricCount({ ...sum, label: 'Requests' })]),
      graph('API 4XX and 5XX answers', [api.metricClientError({ ...sum, label: '4XX' }), api.metricServerError({ ...sum, label: '5XX' })]),
      graph('API latency (ms)', ['50', '90', '99'].flatMap((p) => [latency('Latency', p), latency('IntegrationLatency', p)])),
    );

    this.dashboard.addWidgets(header('## Answers, validation codes and redemptions'));
    this.dashboard.addWidgets(
      graph(
        'Answers by operation and item code',
        [
          search(
            `{${METRICS_NAMESPACE},service,operation,itemCode} MetricName="${SERVICE_METRICS.answers}" service="${props.serviceName}"`,
            'Sum',
            "${PROP('Dim.operation')} ${PROP('Dim.itemCode')}",
          ),
        ],
        { stacked: true },
      ),
      graph('Validation codes issued', [
        service(SERVICE_METRICS.otpIssued, undefined, 'Sent'),
        service(SERVICE_METRICS.otpDeliveryFailed, undefined, 'Delivery failed'),
        service(SERVICE_METRICS.otpIssueFailed, undefined, 'Issue failed'),
        service(SERVICE_METRICS.otpIssueRefused, undefined, 'Refused (limits)'),
      ]),
      graph('Validation codes checked', [
        service(SERVICE_METRICS.otpVerified, undefined, 'Verified'),
        service(SERVICE_METRICS.otpRejected, undefined, 'Rejected'),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Redemptions, reversals and adjustments',
        [
          service(SERVICE_METRICS.redemptions, undefined, 'Redemptions'),
          service(SERVICE_METRICS.reversals, undefined, 'Reversals'),
          service(SERVICE_METRICS.adjustments, undefined, 'Adjustments'),
        ],
        { leftYAxis: { label: 'count', showUnits: false } },
      ),
      graph(
        'Points redeemed and reversed',
        [service(SERVICE_METRICS.redeemedPoints, undefined, 'Redeemed points'), service(SERVICE_METRICS.reversedPoints, undefined, 'Reversed points')],
        { leftYAxis: { label: 'points', showUnits: false } },
      ),
    );

    const functions = Object.entries(props.functions);
    this.dashboard.addWidgets(header('## Functions'));
    this.dashboard.addWidgets(
      graph('Function errors', functions.map(([name, fn]) => fn.metricErrors({ ...sum, label: name }))),
      graph('Function throttles', functions.map(([name, fn]) => fn.metricThrottles({ ...sum, label: name }))),
      graph(
        'Function duration p99 (ms)',
        functions.map(([name, fn]) => fn.metricDuration({ statistic: cloudwatch.Stats.p(99), period: PERIOD, label: name })),
      ),
    );

    const table = props.table;
    const waf = (metricName: string, rule: string, label: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/WAFV2',
        metricName,
        dimensionsMap: { WebACL: props.firewall.metricName, Region: region, Rule: rule },
        ...sum,
        label,
      });
    this.dashboard.addWidgets(header('## Table and firewall'));
    this.dashboard.addWidgets(
      graph('Table throttling', [
        table.metric('ReadThrottleEvents', { ...sum, label: 'Read throttle events' }),
        table.metric('WriteThrottleEvents', { ...sum, label: 'Write throttle events' }),
        search(
          `{AWS/DynamoDB,TableName,Operation} MetricName="ThrottledRequests" TableName="${table.tableName}"`,
          'Sum',
          "Throttled ${PROP('Dim.Operation')}",
        ),
      ]),
      graph('Firewall: allowed and blocked requests', [waf('AllowedRequests', 'ALL', 'Allowed'), waf('BlockedRequests', 'ALL', 'Blocked')]),
      graph('Firewall: blocked by rule, and count-only matches', [
        ...Object.values(FIREWALL_RULES).map((rule) => waf('BlockedRequests', rule, `Blocked: ${rule}`)),
        search(
          `{AWS/WAFV2,Region,Rule,WebACL} MetricName="CountedRequests" WebACL="${props.firewall.metricName}"`,
          'Sum',
          "Counted: ${PROP('Dim.Rule')}",
        ),
      ]),
    );

    if (props.queues !== undefined && props.queues.length > 0) {
      this.dashboard.addWidgets(header('## Queues'));
      this.dashboard.addWidgets(
        graph(
          'Messages waiting',
          props.queues.flatMap(({ queue, deadLetterQueue }) => [
            queue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD, label: queue.queueName }),
            deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD, label: `${deadLetterQueue.queueName} (dead letters)` }),
          ]),
        ),
        graph(
          'Age of the oldest message (s)',
          props.queues.flatMap(({ queue, deadLetterQueue }) => [
            queue.metricApproximateAgeOfOldestMessage({ statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD, label: queue.queueName }),
            deadLetterQueue.metricApproximateAgeOfOldestMessage({ statistic: cloudwatch.Stats.MAXIMUM, period: PERIOD, label: `${deadLetterQueue.queueName} (dead letters)` }),
          ]),
        ),
      );
    }
  }
}
