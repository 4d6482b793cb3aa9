import { Match } from 'aws-cdk-lib/assertions';
import { ItemKeys } from '../../../functions/adapters/dynamodb/item-keys';
import { ValidationCodeKeys } from '../../../functions/adapters/dynamodb/validation-code-items';
import { ACTIVATION_DEADLINE_MS, ISSUE_IN_FLIGHT_LIMIT_MS } from '../../../functions/core/validation-codes/policy';
import { VALIDATION_CODES_TIMEOUT_MS } from '../../../local/local-stack';
import { asArray, functionByDescription, onlyResource, statementsOfRole, synthesizeApp, testConfig, type PolicyStatementJson, type SynthesizedApp } from '../../support/cdk-test-app';

const roleIdOf = (fn: { Properties: Record<string, any> }): string => fn.Properties.Role['Fn::GetAtt'][0];
const actionsOf = (statements: PolicyStatementJson[]) => statements.flatMap((s) => asArray(s.Action)).sort();

/** IAM's StringLike: `*` any run of characters, `?` any one character, everything else literal. */
const stringLike = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(value);

describe('service functions and their permissions', () => {
  let synth: SynthesizedApp;
  beforeAll(() => {
    synth = synthesizeApp(
      testConfig({
        smsOriginationNumber: '+14155550100',
        missedCallSecretName: 'points/test/missed-call',
        logRetentionDays: 30,
        rulesCacheTtlSeconds: 45,
      }),
    );
  });

  const pointsApi = () => functionByDescription(synth.service, 'Points redemption: GET');
  const validationCodes = () => functionByDescription(synth.service, 'Points redemption: issues');
  const authorizer = () => functionByDescription(synth.service, 'Points redemption: API Gateway authorizer');
  const adjustmentsConsumer = () => functionByDescription(synth.service, 'Points redemption: applies balance adjustments');

  it('runs every function on arm64 Node 22 as a bundled ESM handler', () => {
    // The points API, the validation-codes function, the authorizer and the adjustments consumer.
    synth.service.resourceCountIs('AWS::Lambda::Function', 4);
    synth.service.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'points-redemption-test',
          POWERTOOLS_METRICS_NAMESPACE: 'PointsRedemption',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
  });

  it('gives every function its own log group with the configured retention', () => {
    // Four functions and the API access log.
    synth.service.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 5);
    for (const fn of [pointsApi(), validationCodes(), authorizer(), adjustmentsConsumer()]) {
      expect(fn.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
  });

  it('configures the points API with the table, the validation-codes function and the rules cache', () => {
    const env = pointsApi().Properties.Environment.Variables;

    expect(env.TABLE_NAME).toBeDefined();
    expect(env.VALIDATION_CODES_FUNCTION_NAME).toEqual({ Ref: validationCodes().id });
    expect(env.RULES_CACHE_TTL_SECONDS).toBe('45');
  });

  it('configures the validation-codes function with secret ARNs (never values), SMS and missed-call settings', () => {
    const env = validationCodes().Properties.Environment.Variables;

    expect(env).toMatchObject({
      MISSED_CALL_BASE_URL: 'https://missed-call.example.com/v1',
      MISSED_CALL_TIMEOUT_MS: '2000',
      SMS_SENDER_ID: 'POINTS',
      SMS_ORIGINATION_NUMBER: '+14155550100',
      SMS_ALLOWED_COUNTRY_CODES: '91,44',
    });
    expect(JSON.stringify(env.OTP_HMAC_SECRET_ARN)).toMatch(/OtpHmacSecret/);
    expect(JSON.stringify(env.MISSED_CALL_API_KEY_SECRET_ARN)).toContain(':secret:points/test/missed-call');
    // A dynamic reference would resolve the secret value into the function configuration.
    expect(JSON.stringify(synth.service.toJSON())).not.toContain('{{resolve:secretsmanager');
  });

  it('lets the points API read the table, write only balances, their ledger and records, use codes up, and invoke only the validation-codes function', () => {
    const statements = statementsOfRole(synth.service, roleIdOf(pointsApi()));

    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:Query'], Effect: 'Allow' }),
        expect.objectContaining({ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [validationCodes().id, 'Arn'] } }),
      ]),
    );
    expect(actionsOf(statements)).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'dynamodb:UpdateItem',
      'lambda:InvokeFunction',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('lets the authorizer read only partner keys, and the points API only keys and org items (not the per-number counters of no org)', () => {
    const leadingKeysOf = (fn: ReturnType<typeof pointsApi>) =>
      statementsOfRole(synth.service, roleIdOf(fn))
        .filter((s) => asArray(s.Action).includes('dynamodb:GetItem'))
        .map((s) => (s.Condition as any)?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']);

    expect(leadingKeysOf(authorizer())).toEqual([['APIKEY#*']]);
    expect(leadingKeysOf(pointsApi())).toEqual([['APIKEY#*', 'ORG#*']]);
  });

  it('limits the points API’s writes by leading key: balance holders, redemptions, reversals and adjustments; codes only to use them up; never an identifier, key, program or org', () => {
    const statements = statementsOfRole(synth.service, roleIdOf(pointsApi()));
    const writes = statements.filter((s) => asArray(s.Action).some((action) => action === 'dynamodb:UpdateItem'));
    const leadingKeys = writes.map((s) => (s.Condition as any)['ForAllValues:StringLike']['dynamodb:LeadingKeys']);

    expect(leadingKeys).toEqual([
      ['ORG#*#CUSTOMER#*', 'ORG#*#GROUP#*', 'ORG#*#REDEMPTION#*', 'ORG#*#REVERSAL#*', 'ORG#*#ADJUSTMENT#*'],
      ['ORG#*#OTP#*'],
    ]);
    for (const statement of writes) {
      expect((statement.Condition as any)['ForAllValues:StringNotLike']['dynamodb:LeadingKeys']).toEqual(['ORG#*#IDENT#*']);
      expect(asArray(statement.Action)).not.toContain('dynamodb:PutItem');
      expect(asArray(statement.Action)).not.toContain('dynamodb:DeleteItem');
    }
    // Every key the ledger writes matches, and none of the items it must not touch does.
    const matches = (pattern: string, key: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(key);
    const allowed = leadingKeys.flat() as string[];
    const writable = (key: string) => allowed.some((pattern) => matches(pattern, key)) && !matches('ORG#*#IDENT#*', key);
    for (const key of [ItemKeys.customer('o', 1).pk, ItemKeys.group('o', 5).pk, ItemKeys.redemption('o', 'r1').pk, ItemKeys.reversal('o', 'v1').pk, ValidationCodeKeys.code({ orgId: 'o', customerId: 1, programId: 2 }).pk]) {
      expect(writable(key)).toBe(true);
    }
    for (const key of [ItemKeys.org('o').pk, ItemKeys.apiKey('abc').pk, ItemKeys.identifier('o', 'email', 'x#CUSTOMER#1').pk, ItemKeys.program('o', 1).pk]) {
      expect(writable(key)).toBe(false);
    }
  });

  it('lets the authorizer only look up keys', () => {
    const statements = statementsOfRole(synth.service, roleIdOf(authorizer()));

    expect(actionsOf(statements)).toEqual(['dynamodb:GetItem', 'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('lets the validation-codes function read and write items, read its two secrets and send SMS only', () => {
    const statements = statementsOfRole(synth.service, roleIdOf(validationCodes()));
    const allowed = statements.filter((s) => s.Effect === 'Allow');

    expect(actionsOf(allowed)).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:GetSecretValue',
      'sns:Publish',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const secrets = allowed.find((s) => s.Action === 'secretsmanager:GetSecretValue');
    expect(asArray(secrets?.Resource)).toHaveLength(2);
    // A secret referenced by name: exactly the six-character suffix Secrets Manager appends.
    expect(JSON.stringify(secrets?.Resource)).toContain(':secret:points/test/missed-call-??????');
    const deny = statements.find((s) => s.Effect === 'Deny');
    expect(deny).toMatchObject({ Action: 'sns:Publish' });
    expect(JSON.stringify(deny?.Resource)).toMatch(/":sns:\*:\*:\*"/);
  });

  it("limits the validation-codes function's table access to the code and counter partitions", () => {
    const statements = statementsOfRole(synth.service, roleIdOf(validationCodes()));
    const table = statements.filter((s) => asArray(s.Action).some((action) => action.startsWith('dynamodb:')));

    expect(table).toEqual([
      expect.objectContaining({
        Sid: 'ReadWriteCodesAndCounters',
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ORG#*#OTP#*', 'ORG#*#OTPDAY#*', 'OTPDAY#PHONE#*'] },
          'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': ['ORG#*#IDENT#*'] },
        },
      }),
    ]);
  });

  it("matches the validation-codes function's leading-key condition to every code and counter key, and to no other item", () => {
    const [statement] = statementsOfRole(synth.service, roleIdOf(validationCodes())).filter((s) => s.Sid === 'ReadWriteCodesAndCounters');
    const condition = statement?.Condition as Record<string, { 'dynamodb:LeadingKeys': string[] }>;
    const allowedPartition = (pk: string) =>
      condition['ForAllValues:StringLike']!['dynamodb:LeadingKeys'].some((pattern) => stringLike(pattern, pk)) &&
      !condition['ForAllValues:StringNotLike']!['dynamodb:LeadingKeys'].some((pattern) => stringLike(pattern, pk));

    const otpItems = [
      ValidationCodeKeys.code({ orgId: 'acme', customerId: 1001, programId: 3 }),
      ValidationCodeKeys.customerDay({ orgId: 'acme', customerId: 1001, programId: 3 }, '2099-11-03'),
      ValidationCodeKeys.phoneDay('919900000001', '2099-11-03'),
    ];
    const otherItems = [
      ItemKeys.apiKey('ab'.repeat(32)),
      ItemKeys.org('acme'),
      ItemKeys.program('acme', 3),
      ItemKeys.customer('acme', 1001),
      ItemKeys.identifier('acme', 'external_id', 'EXT#OTP#1'),
      ItemKeys.identifier('acme', 'email', 'a#OTPDAY#b@example.com'),
      ItemKeys.identifier('acme', 'group_external_id', 'FAM#OTP#1'),
      ItemKeys.group('acme', 501),
      ItemKeys.groupPrimary('acme', 1001),
    ];

    expect(otpItems.map((key) => allowedPartition(key.pk))).toEqual(otpItems.map(() => true));
    expect(otherItems.filter((key) => allowedPartition(key.pk))).toEqual([]);
  });

  it('stops the validation-codes function before the points API stops waiting for it (8 s), and the points API before API Gateway (29 s)', () => {
    const otpTimeout = validationCodes().Properties.Timeout as number;
    const pointsApiTimeout = pointsApi().Properties.Timeout as number;

    expect(otpTimeout).toBe(6);
    expect(otpTimeout * 1000).toBe(VALIDATION_CODES_TIMEOUT_MS); // the local run stops it at the same limit
    // A code is made live only before the function's timeout; a pending one counts as abandoned only after it.
    expect(ACTIVATION_DEADLINE_MS).toBeLessThan(otpTimeout * 1000);
    expect(ISSUE_IN_FLIGHT_LIMIT_MS).toBeGreaterThan(otpTimeout * 1000);
    expect(otpTimeout).toBeLessThan(8);
    expect(pointsApiTimeout).toBeGreaterThan(8);
    expect(pointsApiTimeout).toBeLessThan(29);
  });

  it('grants no wildcard actions and no Resource "*" other than SMS publishing and X-Ray trace writes', () => {
    const statements = Object.values(synth.service.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as PolicyStatementJson[],
    );

    expect(statements.flatMap((s) => asArray(s.Action)).filter((a) => a.includes('*'))).toEqual([]);
    const starResources = statements.filter((s) => s.Effect === 'Allow' && asArray(s.Resource).includes('*'));
    // X-Ray's write actions have no resource-level permissions: one such statement per function role.
    const traceWrites = { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' };
    expect(starResources.filter((s) => s.Sid !== undefined)).toEqual([expect.objectContaining({ Action: 'sns:Publish', Sid: 'PublishSmsToPhoneNumbers' })]);
    expect(starResources.filter((s) => s.Sid === undefined)).toEqual([traceWrites, traceWrites, traceWrites, traceWrites]);
  });

  it('traces every function with X-Ray, without recording answers, under its Powertools service name', () => {
    for (const fn of [pointsApi(), validationCodes(), authorizer(), adjustmentsConsumer()]) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'points-redemption-test',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      });
      const traceStatements = statementsOfRole(synth.service, roleIdOf(fn)).filter((s) => asArray(s.Action).some((a) => a.startsWith('xray:')));
      expect(traceStatements).toEqual([{ Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' }]);
    }
  });

  it("puts the web ACL in front of the partner API's stage, limiting each IP to one partner key's rate", () => {
    const stage = onlyResource(synth.service, 'AWS::ApiGateway::Stage');
    const webAcl = onlyResource(synth.service, 'AWS::WAFv2::WebACL');
    const rateRule = (webAcl.Properties.Rules as Record<string, any>[]).find((rule) => rule.Name === 'RateLimitPerIp');

    expect(JSON.stringify(onlyResource(synth.service, 'AWS::WAFv2::WebACLAssociation').Properties.ResourceArn)).toContain(`{"Ref":"${stage.id}"}`);
    // testConfig's partner rate is 10 requests per second: 3000 in 5 minutes.
    expect(rateRule?.Statement.RateBasedStatement.Limit).toBe(3000);
    expect(webAcl.Properties.VisibilityConfig).toMatchObject({ MetricName: 'points-redemption-test' });
    synth.service.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [webAcl.id, 'Arn'] } });
    // WAF logging is off unless the stage turns it on.
    synth.service.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
  });

  it('uses no managed policies (no AWSLambdaBasicExecutionRole)', () => {
    synth.service.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });
});
