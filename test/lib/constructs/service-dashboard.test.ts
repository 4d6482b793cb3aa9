import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ValidationCodeMetric } from '../../../functions/handlers/validation-codes-handler';
import { ApiFirewall } from '../../../lib/constructs/api-firewall';
import { ServiceDashboard, type ServiceDashboardProps } from '../../../lib/constructs/service-dashboard';
import { onlyResource, testApp } from '../../support/cdk-test-app';

interface Widget {
  type: string;
  properties: { title?: string; markdown?: string; metrics?: unknown[][] };
}

/** A metric line of a widget: `[namespace, name, dim, value, ..., {options}]`, or `[{expression, ...}]`. */
interface Line {
  namespace?: string;
  metricName?: string;
  dimensions: Record<string, string>;
  options: Record<string, any>;
}

/**
 * The dashboard's widgets, from the synthesized body (a Fn::Join of JSON text and references): each
 * reference becomes `<Ref:LogicalId>` or `<GetAtt:LogicalId.Attribute>` inside its JSON string.
 */
function widgetsOf(template: Template): Widget[] {
  const body = onlyResource(template, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const token = part as { Ref?: string; 'Fn::GetAtt'?: string[] };
      if (token.Ref) return `<Ref:${token.Ref}>`;
      if (token['Fn::GetAtt']) return `<GetAtt:${token['Fn::GetAtt'].join('.')}>`;
      throw new Error(`unexpected token in the dashboard body: ${JSON.stringify(part)}`);
    })
    .join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

function linesOf(widgets: Widget[], title: string): Line[] {
  const widget = widgets.find((w) => w.properties.title === title);
  if (!widget) throw new Error(`no widget "${title}" among ${widgets.map((w) => w.properties.title).join(', ')}`);
  return (widget.properties.metrics ?? []).map((line) => {
    const options = (typeof line[line.length - 1] === 'object' ? line[line.length - 1] : {}) as Record<string, any>;
    const values = line.filter((item) => typeof item === 'string') as string[];
    const [namespace, metricName, ...pairs] = values;
    const dimensions: Record<string, string> = {};
    for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i]!] = pairs[i + 1]!;
    return { namespace, metricName, dimensions, options };
  });
}

const names = (lines: Line[]) => lines.map((line) => `${line.namespace}/${line.metricName}`);

/** The dashboard alone, over stand-ins for the API, functions, table and firewall: no bundling. */
function dashboardTemplate(withQueues: boolean): Template {
  const stack = new Stack(testApp(), 'DashboardTest', { env: { account: '210987654321', region: 'ap-south-1' } });
  const api = new apigw.RestApi(stack, 'Api', { restApiName: 'points-redemption-test', deployOptions: { stageName: 'test' } });
  api.root.addMethod('GET', new apigw.MockIntegration());
  const fn = (id: string) =>
    new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
  const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const firewall = new ApiFirewall(stack, 'Firewall', { name: 'points-redemption-test', stage: api.deploymentStage, rateLimitPerIpPer5Minutes: 3000 });
  const props: ServiceDashboardProps = {
    dashboardName: 'PointsRedemption-test',
    api,
    functions: { PointsApi: fn('PointsApiFn'), OtpIssuer: fn('OtpFn'), ApiKeyAuthorizer: fn('AuthorizerFn') },
    table,
    serviceName: 'points-redemption-test',
    firewall,
    queues: withQueues
      ? [{ queue: new sqs.Queue(stack, 'Work', { enforceSSL: true }), deadLetterQueue: new sqs.Queue(stack, 'WorkDlq', { enforceSSL: true }) }]
      : undefined,
  };
  new ServiceDashboard(stack, 'Dashboard', props);
  return Template.fromStack(stack);
}

describe('service dashboard', () => {
  let template: Template;
  let widgets: Widget[];
  beforeAll(() => {
    template = dashboardTemplate(false);
    widgets = widgetsOf(template);
  });

  it('is named for the stage and opens on the last 3 hours', () => {
    const dashboard = onlyResource(template, 'AWS::CloudWatch::Dashboard');
    const body = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][0] as string;

    expect(dashboard.Properties.DashboardName).toBe('PointsRedemption-test');
    expect(body).toContain('"start":"-PT3H"');
  });

  it('charts API requests, 4XX and 5XX answers of the API', () => {
    expect(linesOf(widgets, 'API requests')).toEqual([
      expect.objectContaining({ namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: { ApiName: 'points-redemption-test' }, options: expect.objectContaining({ stat: 'Sum' }) }),
    ]);
    expect(names(linesOf(widgets, 'API 4XX and 5XX answers'))).toEqual(['AWS/ApiGateway/4XXError', 'AWS/ApiGateway/5XXError']);
  });

  it('charts p50, p90 and p99 of latency and integration latency', () => {
    const lines = linesOf(widgets, 'API latency (ms)').map((line) => `${line.metricName} ${line.options.stat}`);

    expect(lines.sort()).toEqual(
      ['IntegrationLatency p50', 'IntegrationLatency p90', 'IntegrationLatency p99', 'Latency p50', 'Latency p90', 'Latency p99'].sort(),
    );
  });

  it('charts answers by operation and item code with a SEARCH, so new codes appear without a redeploy', () => {
    const [line, ...others] = linesOf(widgets, 'Answers by operation and item code');

    expect(others).toEqual([]);
    expect(line!.options.expression).toBe(
      `SEARCH('{PointsRedemption,service,operation,itemCode} MetricName="Answers" service="points-redemption-test"', 'Sum', 300)`,
    );
    expect(line!.options.label).toContain("${PROP('Dim.itemCode')}");
  });

  it("charts validation codes sent, failed, refused, verified and rejected, from the OTP function's metrics", () => {
    const issued = linesOf(widgets, 'Validation codes issued');
    const checked = linesOf(widgets, 'Validation codes checked');

    expect(issued.map((l) => l.metricName)).toEqual(['OtpIssued', 'OtpDeliveryFailed', 'OtpIssueFailed', 'OtpIssueRefused']);
    expect(checked.map((l) => l.metricName)).toEqual(['OtpVerified', 'OtpRejected']);
    for (const line of [...issued, ...checked]) {
      expect(line).toMatchObject({ namespace: 'PointsRedemption', dimensions: { service: 'points-redemption-test' }, options: { stat: 'Sum' } });
      // The names the OTP handler emits.
      expect(Object.values(ValidationCodeMetric)).toContain(line.metricName);
    }
  });

  it('charts redemptions, reversals, adjustments and the points they moved', () => {
    const counts = linesOf(widgets, 'Redemptions, reversals and adjustments');
    const points = linesOf(widgets, 'Points redeemed and reversed');

    expect(counts.map((l) => l.metricName)).toEqual(['Redemptions', 'Reversals', 'Adjustments']);
    expect(points.map((l) => l.metricName)).toEqual(['RedeemedPoints', 'ReversedPoints']);
    for (const line of [...counts, ...points]) {
      expect(line).toMatchObject({ namespace: 'PointsRedemption', dimensions: { service: 'points-redemption-test' }, options: { stat: 'Sum' } });
    }
  });

  it.each([
    ['Function errors', 'Errors', 'Sum'],
    ['Function throttles', 'Throttles', 'Sum'],
    ['Function duration p99 (ms)', 'Duration', 'p99'],
  ])('charts %s with one line per function', (title, metricName, stat) => {
    const functionIds = Object.keys(template.findResources('AWS::Lambda::Function'));
    const lines = linesOf(widgets, title);

    expect(lines.map((l) => [l.namespace, l.metricName, l.options.stat, l.options.label])).toEqual([
      ['AWS/Lambda', metricName, stat, 'PointsApi'],
      ['AWS/Lambda', metricName, stat, 'OtpIssuer'],
      ['AWS/Lambda', metricName, stat, 'ApiKeyAuthorizer'],
    ]);
    expect(lines.map((l) => l.dimensions.FunctionName).sort()).toEqual(functionIds.map((id) => `<Ref:${id}>`).sort());
  });

  it('charts throttling of the table: read and write throttle events, and throttled requests by operation', () => {
    const table = onlyResource(template, 'AWS::DynamoDB::Table');
    const lines = linesOf(widgets, 'Table throttling');

    expect(lines.slice(0, 2).map((l) => [l.namespace, l.metricName, l.dimensions.TableName])).toEqual([
      ['AWS/DynamoDB', 'ReadThrottleEvents', `<Ref:${table.id}>`],
      ['AWS/DynamoDB', 'WriteThrottleEvents', `<Ref:${table.id}>`],
    ]);
    expect(lines[2]!.options.expression).toBe(
      `SEARCH('{AWS/DynamoDB,TableName,Operation} MetricName="ThrottledRequests" TableName="<Ref:${table.id}>"', 'Sum', 300)`,
    );
  });

  it("charts the web ACL's allowed and blocked requests, overall and by rule", () => {
    const waf = { WebACL: 'points-redemption-test', Region: 'ap-south-1' };
    const overall = linesOf(widgets, 'Firewall: allowed and blocked requests');
    const byRule = linesOf(widgets, 'Firewall: blocked by rule, and count-only matches');
    const ruleNames = (onlyResource(template, 'AWS::WAFv2::WebACL').Properties.Rules as { Name: string }[]).map((rule) => rule.Name);

    expect(overall).toEqual([
      expect.objectContaining({ namespace: 'AWS/WAFV2', metricName: 'AllowedRequests', dimensions: { ...waf, Rule: 'ALL' } }),
      expect.objectContaining({ namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', dimensions: { ...waf, Rule: 'ALL' } }),
    ]);
    const blocked = byRule.filter((l) => l.metricName === 'BlockedRequests');
    expect(blocked.map((l) => l.dimensions)).toEqual(ruleNames.map((Rule) => ({ ...waf, Rule })));
    expect(byRule.find((l) => l.options.expression)?.options.expression).toBe(
      `SEARCH('{AWS/WAFV2,Region,Rule,WebACL} MetricName="CountedRequests" WebACL="points-redemption-test"', 'Sum', 300)`,
    );
  });

  it('has no queue widgets when there are no queues', () => {
    expect(widgets.filter((w) => w.properties.title === 'Messages waiting' || w.properties.markdown === '## Queues')).toEqual([]);
  });

  it('charts the depth and the oldest message of each queue and its dead-letter queue when given', () => {
    const withQueues = dashboardTemplate(true);
    const queueWidgets = widgetsOf(withQueues);
    const queueIds = Object.keys(withQueues.findResources('AWS::SQS::Queue'));
    const [work, dlq] = [/^Work[0-9A-F]{8}$/, /^WorkDlq[0-9A-F]{8}$/].map((id) => queueIds.find((key) => id.test(key)));
    const queueOf = (l: Line) => l.dimensions.QueueName;

    const depth = linesOf(queueWidgets, 'Messages waiting');
    const age = linesOf(queueWidgets, 'Age of the oldest message (s)');
    expect(depth.map((l) => [l.namespace, l.metricName, l.options.stat])).toEqual([
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'Maximum'],
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'Maximum'],
    ]);
    expect(age.map((l) => [l.namespace, l.metricName, l.options.stat])).toEqual([
      ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'Maximum'],
      ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'Maximum'],
    ]);
    expect(depth.map(queueOf)).toEqual([`<GetAtt:${work}.QueueName>`, `<GetAtt:${dlq}.QueueName>`]);
    expect(age.map(queueOf)).toEqual([`<GetAtt:${work}.QueueName>`, `<GetAtt:${dlq}.QueueName>`]);
  });
});
