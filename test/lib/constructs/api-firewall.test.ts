import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ApiFirewall, type ApiFirewallProps } from '../../../lib/constructs/api-firewall';
import { CAPILLARY_GATEWAY_RESPONSES, capillaryAnswerOf } from '../../../lib/constructs/capillary-gateway-responses';
import { onlyResource, testApp } from '../../support/cdk-test-app';

type Rule = Record<string, any>;

/** The firewall alone, in front of a one-method stand-in API. */
function firewallTemplate(overrides: Partial<ApiFirewallProps> = {}): Template {
  const stack = new Stack(testApp(), 'FirewallTest');
  const api = new apigw.RestApi(stack, 'Api', { deployOptions: { stageName: 'test' } });
  api.root.addMethod('GET', new apigw.MockIntegration());
  new ApiFirewall(stack, 'Firewall', { name: 'points-redemption-test', stage: api.deploymentStage, rateLimitPerIpPer5Minutes: 3000, ...overrides });
  return Template.fromStack(stack);
}

describe('API firewall (AWS WAF)', () => {
  let template: Template;
  let webAcl: { id: string; Properties: Record<string, any> };
  let rules: Map<string, Rule>;
  beforeAll(() => {
    template = firewallTemplate();
    webAcl = onlyResource(template, 'AWS::WAFv2::WebACL');
    rules = new Map((webAcl.Properties.Rules as Rule[]).map((rule) => [rule.Name, rule]));
  });

  it('is a regional web ACL that allows what no rule stops, associated with the API stage', () => {
    const stage = onlyResource(template, 'AWS::ApiGateway::Stage');
    const association = onlyResource(template, 'AWS::WAFv2::WebACLAssociation');

    expect(webAcl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} }, Name: 'points-redemption-test' });
    expect(association.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [webAcl.id, 'Arn'] });
    // arn:<partition>:apigateway:<region>::/restapis/<api id>/stages/<stage name>
    const stageArn = JSON.stringify(association.Properties.ResourceArn);
    expect(stageArn).toContain('::/restapis/');
    expect(stageArn).toContain(`{"Ref":"${stage.id}"}`);
  });

  it('evaluates IP reputation, the per-IP rate, body size, the core rule set and known bad inputs, in that order', () => {
    const ordered = [...rules.values()].sort((a, b) => a.Priority - b.Priority).map((rule) => rule.Name);

    expect(ordered).toEqual(['AmazonIpReputationList', 'RateLimitPerIp', 'BodyTooLarge', 'CommonRuleSet', 'KnownBadInputs']);
    const managed = (name: string) => rules.get(name)!.Statement.ManagedRuleGroupStatement;
    expect(managed('AmazonIpReputationList')).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' });
    expect(managed('CommonRuleSet')).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' });
    expect(managed('KnownBadInputs')).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' });
    for (const name of ['AmazonIpReputationList', 'CommonRuleSet', 'KnownBadInputs']) {
      // The groups' own Block actions apply (Count would only observe).
      expect(rules.get(name)!.OverrideAction).toEqual({ None: {} });
    }
  });

  it('answers more than the configured requests per IP in 5 minutes with 429 in the Capillary envelope', () => {
    const rule = rules.get('RateLimitPerIp')!;
    const bodyKey = rule.Action.Block.CustomResponse.CustomResponseBodyKey;
    const body = webAcl.Properties.CustomResponseBodies[bodyKey];

    expect(rule.Statement.RateBasedStatement).toEqual({ AggregateKeyType: 'IP', Limit: 3000, EvaluationWindowSec: 300 });
    expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(429);
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual({ response: { status: { success: 'false', code: 429, message: 'Too many requests: slow down and retry' } } });
  });

  it('inspects whole bodies up to 64 KB and answers larger ones with 413 in the Capillary envelope', () => {
    const rule = rules.get('BodyTooLarge')!;
    const body = webAcl.Properties.CustomResponseBodies[rule.Action.Block.CustomResponse.CustomResponseBodyKey];

    expect(webAcl.Properties.AssociationConfig).toEqual({ RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_64' } } });
    expect(rule.Statement.SizeConstraintStatement).toMatchObject({
      FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
      ComparisonOperator: 'GT',
      Size: 65536,
    });
    expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(413);
    expect(JSON.parse(body.Content).response.status).toEqual({ success: 'false', code: 413, message: 'Request too large' });
  });

  it("only counts the core rule set's 8 KB body limit and missing User-Agent, and blocks with the rest", () => {
    const overrides = rules.get('CommonRuleSet')!.Statement.ManagedRuleGroupStatement.RuleActionOverrides;

    expect(overrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
      { Name: 'NoUserAgent_HEADER', ActionToUse: { Count: {} } },
    ]);
    expect(rules.get('KnownBadInputs')!.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBeUndefined();
    expect(rules.get('AmazonIpReputationList')!.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBeUndefined();
  });

  it('leaves managed-rule blocks to the WAF_FILTERED gateway response, a 403 in the Capillary envelope', () => {
    const wafFiltered = CAPILLARY_GATEWAY_RESPONSES.find((response) => response.type === apigw.ResponseType.WAF_FILTERED);

    expect(wafFiltered).toMatchObject({ statusCode: '403', code: 403 });
    for (const name of ['AmazonIpReputationList', 'CommonRuleSet', 'KnownBadInputs']) {
      expect(rules.get(name)!.Action).toBeUndefined();
    }
  });

  it("takes its answers only from gateway responses with a fixed status and message", () => {
    expect(capillaryAnswerOf('Throttled').statusCode).toBe(429);
    // Default4xx keeps API Gateway's own status and message: no fixed answer to copy.
    expect(() => capillaryAnswerOf('Default4xx')).toThrow('No Capillary gateway response "Default4xx" with a fixed status and message');
    expect(() => capillaryAnswerOf('NoSuchResponse')).toThrow(/NoSuchResponse/);
  });

  it('publishes CloudWatch metrics and keeps sampled requests for the web ACL and every rule, each under its own name', () => {
    expect(webAcl.Properties.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'points-redemption-test' });
    for (const [name, rule] of rules) {
      expect(rule.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: name });
    }
  });

  it('redacts the partner key and the query string wherever WAF keeps a request (sampled requests, logs)', () => {
    expect(webAcl.Properties.DataProtectionConfig).toEqual({
      DataProtections: [
        { Field: { FieldType: 'SINGLE_HEADER', FieldKeys: ['x-api-key'] }, Action: 'SUBSTITUTION' },
        { Field: { FieldType: 'QUERY_STRING' }, Action: 'SUBSTITUTION' },
      ],
    });
  });

  it('logs nothing unless asked', () => {
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  it('logs blocked and counted requests to an aws-waf-logs- group with retention, without the key or the query string', () => {
    const logged = firewallTemplate({ logRetention: logs.RetentionDays.ONE_MONTH });
    const logGroup = onlyResource(logged, 'AWS::Logs::LogGroup');
    const logging = onlyResource(logged, 'AWS::WAFv2::LoggingConfiguration');

    expect(logGroup.Properties).toMatchObject({ LogGroupName: 'aws-waf-logs-points-redemption-test', RetentionInDays: 30 });
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [onlyResource(logged, 'AWS::WAFv2::WebACL').id, 'Arn'] });
    // The log group's ARN without the ":*" suffix, which WAF refuses.
    const destination = JSON.stringify(logging.Properties.LogDestinationConfigs);
    expect(destination).toContain(':log-group:aws-waf-logs-points-redemption-test"');
    expect(destination).not.toContain(':*');
    expect(logging.Properties.RedactedFields).toEqual([{ SingleHeader: { Name: 'x-api-key' } }, { QueryString: {} }]);
    expect(logging.Properties.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }, { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } }],
        },
      ],
    });
  });
});
