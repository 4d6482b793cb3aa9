import { Match } from 'aws-cdk-lib/assertions';
import { ItemKeys, LEDGER_PREFIX } from '../../../functions/adapters/dynamodb/item-keys';
import { ValidationCodeKeys } from '../../../functions/adapters/dynamodb/validation-code-items';
import { ADJUSTMENT_DETAIL_TYPE } from '../../../functions/schemas/events/adjustment-message';
import { ADJUSTMENTS_CONSUMER_TIMEOUT_MS } from '../../../local/local-events';
import { asArray, functionByDescription, onlyResource, statementsOfRole, synthesizeApp, testConfig, type SynthesizedApp } from '../../support/cdk-test-app';

/**
 * The adjustments queue in the service stack (README, "The adjustments queue"): the queue and its
 * dead-letter queue, the consumer and its event source, its least-privilege role, the dead-letter
 * alarm, the dashboard's queue rows, and the EventBridge rule when a bus is configured.
 */
type Resource = { id: string; Properties: Record<string, any> };

/** IAM's StringLike: `*` any run of characters, `?` any one character, everything else literal. */
const stringLike = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(value);

describe('the adjustments queue and its consumer', () => {
  let synth: SynthesizedApp;
  let withBus: SynthesizedApp;
  beforeAll(() => {
    synth = synthesizeApp(testConfig({ adjustments: { maxReceiveCount: 7, maxConcurrency: 4 } }));
    withBus = synthesizeApp(testConfig({ adjustments: { eventBusName: 'loyalty-events', eventSources: ['acme.purchases', 'acme.returns'] } }));
  });

  const consumer = (app = synth) => functionByDescription(app.service, 'Points redemption: applies balance adjustments');
  const queues = (app = synth) => Object.entries(app.service.findResources('AWS::SQS::Queue')).map(([id, r]) => ({ id, Properties: r.Properties as Record<string, any> }));
  const mainQueue = (app = synth): Resource => queues(app).find((q) => q.Properties.RedrivePolicy !== undefined)!;
  const deadLetterQueue = (app = synth): Resource => queues(app).find((q) => q.Properties.RedrivePolicy === undefined)!;
  const consumerStatements = () => statementsOfRole(synth.service, consumer().Properties.Role['Fn::GetAtt'][0]);

  it('has a queue with a dead-letter queue after the stage’s maxReceiveCount, both encrypted and TLS only', () => {
    expect(queues()).toHaveLength(2);
    expect(mainQueue().Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      MessageRetentionPeriod: 4 * 24 * 3600,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueue().id, 'Arn'] }, maxReceiveCount: 7 },
    });
    expect(deadLetterQueue().Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    for (const queue of queues()) {
      synth.service.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queue.id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('keeps a message invisible for 6 times the consumer’s timeout, the same timeout the local run enforces', () => {
    const timeout = consumer().Properties.Timeout as number;

    expect(timeout * 1000).toBe(ADJUSTMENTS_CONSUMER_TIMEOUT_MS);
    expect(mainQueue().Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('feeds the consumer in batches of 10 with partial-batch failure reporting and bounded concurrency', () => {
    const mapping = onlyResource(synth.service, 'AWS::Lambda::EventSourceMapping');

    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [mainQueue().id, 'Arn'] },
      FunctionName: { Ref: consumer().id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
    expect(consumer().Properties.Environment.Variables).toMatchObject({ TABLE_NAME: expect.anything(), RULES_CACHE_TTL_SECONDS: '30' });
  });

  it('lets the consumer read the table, take messages from its queue, update items and check group members; nothing else', () => {
    const actions = consumerStatements().flatMap((s) => asArray(s.Action)).sort();

    expect(actions).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const sqsStatement = consumerStatements().find((s) => asArray(s.Action).includes('sqs:ReceiveMessage'));
    expect(sqsStatement?.Resource).toEqual({ 'Fn::GetAtt': [mainQueue().id, 'Arn'] });
  });

  it('lets the consumer read only partner keys and the orgs’ items', () => {
    const [read] = consumerStatements().filter((s) => asArray(s.Action).includes('dynamodb:GetItem'));

    expect(asArray(read?.Action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(read?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['APIKEY#*', 'ORG#*'] } });
  });

  it('lets the consumer write only balance holders (with their ledger entries) and adjustment records', () => {
    const [write] = consumerStatements().filter((s) => s.Sid === 'WriteBalancesAndAdjustments');
    const condition = write?.Condition as Record<string, { 'dynamodb:LeadingKeys': string[] }>;
    const allowed = (pk: string) =>
      condition['ForAllValues:StringLike']!['dynamodb:LeadingKeys'].some((pattern) => stringLike(pattern, pk)) &&
      !condition['ForAllValues:StringNotLike']!['dynamodb:LeadingKeys'].some((pattern) => stringLike(pattern, pk));

    const writable = [
      ItemKeys.customer('acme', 1001),
      ItemKeys.group('acme', 501),
      ItemKeys.ledgerEntry(ItemKeys.customer('acme', 1001).pk, 0, 'abc'),
      ItemKeys.adjustment('acme', 'k3vxq5bqcmbfqtfwkbta'),
      ItemKeys.groupMember('acme', 501, 1001), // checked, never written: the code only conditions on it
    ];
    const others = [
      ItemKeys.apiKey('ab'.repeat(32)),
      ItemKeys.org('acme'),
      ItemKeys.program('acme', 1),
      ItemKeys.identifier('acme', 'external_id', 'EXT#CUSTOMER#1'),
      ItemKeys.identifier('acme', 'email', 'a#GROUP#b@example.com'),
      ItemKeys.identifier('acme', 'group_external_id', 'FAM#ADJUSTMENT#1'),
      ItemKeys.groupPrimary('acme', 1001),
      ItemKeys.redemption('acme', 'k3vxq5bqcmbfqtfwkbta'),
      ItemKeys.reversal('acme', 'k3vxq5bqcmbfqtfwkbta'),
      ValidationCodeKeys.code({ orgId: 'acme', customerId: 1001, programId: 1 }),
      ValidationCodeKeys.customerDay({ orgId: 'acme', customerId: 1001, programId: 1 }, '2099-11-03'),
      ValidationCodeKeys.phoneDay('919900000001', '2099-11-03'),
    ];

    expect(write?.Action).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:UpdateItem']);
    expect(writable.every((key) => allowed(key.pk))).toBe(true);
    expect(writable[2]!.sk.startsWith(LEDGER_PREFIX)).toBe(true);
    expect(writable[4]!.sk.startsWith(ItemKeys.groupMemberSortKeyPrefix)).toBe(true);
    expect(others.filter((key) => allowed(key.pk))).toEqual([]);
  });

  it('alarms on any message in the dead-letter queue, to the alarm topic', () => {
    const alarm = Object.values(synth.service.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.AlarmName === 'PointsRedemption-test-AdjustmentsDeadLetters');

    expect(alarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueue().id, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: onlyResource(synth.service, 'AWS::SNS::Topic').id }],
    });
  });

  it('charts both queues and the consumer on the dashboard, and outputs the queue for producers', () => {
    const body = JSON.stringify(onlyResource(synth.service, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody);

    expect(body).toContain('Messages waiting');
    for (const queue of queues()) expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [queue.id, 'QueueName'] }));
    expect(body).toContain(JSON.stringify({ Ref: consumer().id }));
    synth.service.hasOutput('AdjustmentsQueueUrl', { Value: { Ref: mainQueue().id } });
    synth.service.hasOutput('AdjustmentsQueueArn', { Value: { 'Fn::GetAtt': [mainQueue().id, 'Arn'] } });
    synth.service.hasOutput('AdjustmentsDeadLetterQueueUrl', { Value: { Ref: deadLetterQueue().id } });
  });

  it('routes no bus unless one is configured', () => {
    synth.service.resourceCountIs('AWS::Events::Rule', 0);
  });

  it('routes the configured bus’s PointsAdjustment events of the configured sources to the queue, and only its rule may send', () => {
    const rule = onlyResource(withBus.service, 'AWS::Events::Rule');

    expect(rule.Properties).toMatchObject({
      EventBusName: 'loyalty-events',
      EventPattern: { 'detail-type': [ADJUSTMENT_DETAIL_TYPE], source: ['acme.purchases', 'acme.returns'] },
      Targets: [{ Arn: { 'Fn::GetAtt': [mainQueue(withBus).id, 'Arn'] } }],
    });
    withBus.service.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: mainQueue(withBus).id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule.id, 'Arn'] } } },
          }),
        ]),
      },
    });
  });
});
