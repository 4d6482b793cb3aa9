import { Match } from 'aws-cdk-lib/assertions';
import { functionByDescription, onlyResource, synthesizeApp, testConfig, type SynthesizedApp } from '../support/cdk-test-app';

type AlarmProperties = Record<string, any>;

describe('alarms, alarm topic and outputs', () => {
  let synth: SynthesizedApp;
  let alarms: Map<string, AlarmProperties>;
  beforeAll(() => {
    synth = synthesizeApp(testConfig({ alarmEmail: 'oncall@example.com', p99LatencyMs: 1200, smsMonthlySpendAlarmUsd: 75, otpDeliveryFailureAlarmThreshold: 3 }));
    alarms = new Map(
      Object.values(synth.service.findResources('AWS::CloudWatch::Alarm')).map((a) => [String(a.Properties.AlarmName).replace('PointsRedemption-test-', ''), a.Properties]),
    );
  });

  it('alarms on every server error of a write route, from per-method metrics', () => {
    const alarm = alarms.get('RedeemServerErrors');
    expect(alarm).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(alarm?.Dimensions).toEqual(
      expect.arrayContaining([{ Name: 'Resource', Value: '/v1.1/points/redeem' }, { Name: 'Method', Value: 'POST' }]),
    );
  });

  it('has the operational alarms, each notifying the topic on alarm and on recovery', () => {
    const topic = onlyResource(synth.service, 'AWS::SNS::Topic');

    expect([...alarms.keys()].sort()).toEqual([
      'AdjustmentsConsumerErrors',
      'AdjustmentsDeadLetters',
      'Api5xxRate',
      'ApiLatencyP99',
      'OtpDeliveryFailures',
      'PointsApiErrors',
      'RedeemServerErrors',
      'ReverseServerErrors',
      'SmsMonthlySpend',
      'TableThrottleEvents',
      'TableThrottledRequests',
      'ValidationCodesErrors',
    ]);
    for (const alarm of alarms.values()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topic.id }]);
      expect(alarm.OKActions).toEqual([{ Ref: topic.id }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });

  it('alarms when more than 1% of API requests fail with 5xx over 5 minutes', () => {
    const alarm = alarms.get('Api5xxRate')!;
    const metricNames = alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => [m.MetricStat.Metric.MetricName, m.MetricStat.Period, m.MetricStat.Stat]);

    expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarm.Metrics).toContainEqual(expect.objectContaining({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)', ReturnData: true }));
    expect(metricNames).toEqual(expect.arrayContaining([['5XXError', 300, 'Sum'], ['Count', 300, 'Sum']]));
  });

  it('alarms on the configured p99 latency, SMS spend and OTP delivery failures', () => {
    expect(alarms.get('ApiLatencyP99')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 1200 });
    expect(alarms.get('SmsMonthlySpend')).toMatchObject({ Namespace: 'AWS/SNS', MetricName: 'SMSMonthToDateSpentUSD', Statistic: 'Maximum', Threshold: 75 });
    const otpService = functionByDescription(synth.service, 'Points redemption: issues').Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME;
    expect(alarms.get('OtpDeliveryFailures')).toMatchObject({
      Namespace: 'PointsRedemption',
      MetricName: 'OtpDeliveryFailed',
      // The dimension the validation-codes function's Powertools metrics carry.
      Dimensions: [{ Name: 'service', Value: otpService }],
      Statistic: 'Sum',
      Threshold: 3,
    });
  });

  it('alarms on table throttling', () => {
    const metricsOf = (name: string) => alarms.get(name)!.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName);

    expect(metricsOf('TableThrottleEvents').sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    expect(new Set(metricsOf('TableThrottledRequests'))).toEqual(new Set(['ThrottledRequests']));
  });

  it('alarms on errors of the points and validation-codes functions', () => {
    expect(alarms.get('PointsApiErrors')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
    expect(alarms.get('ValidationCodesErrors')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
  });

  it('encrypts the topic with a rotating key CloudWatch may use, and refuses publishing without TLS', () => {
    const key = onlyResource(synth.service, 'AWS::KMS::Key');

    synth.service.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key.id, 'Arn'] } });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    synth.service.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('subscribes the configured email address', () => {
    synth.service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('outputs the API URL, the usage plan and the table name', () => {
    synth.service.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', Match.arrayWith(['https://'])] } });
    synth.service.hasOutput('PartnerUsagePlanId', {});
    synth.data.hasOutput('TableName', {});
  });

  it("outputs the address of the stage's dashboard, which charts every function", () => {
    const dashboard = onlyResource(synth.service, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);

    expect(dashboard.Properties.DashboardName).toBe('PointsRedemption-test');
    synth.service.hasOutput('DashboardUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('#dashboards:name=$'), { Ref: dashboard.id }])] },
    });
    for (const prefix of ['Points redemption: GET', 'Points redemption: issues', 'Points redemption: API Gateway authorizer']) {
      expect(body).toContain(JSON.stringify({ Ref: functionByDescription(synth.service, prefix).id }));
    }
  });

  it('names and tags the stacks by stage', () => {
    expect(synth.stacks.data.stackName).toBe('PointsRedemption-test-Data');
    expect(synth.stacks.service.stackName).toBe('PointsRedemption-test-Service');
    expect(synth.stacks.service.tags.tagValues()).toMatchObject({ Project: 'PointsRedemption', Stage: 'test' });
    expect(synth.stacks.data.terminationProtection).toBe(true);
  });
});
