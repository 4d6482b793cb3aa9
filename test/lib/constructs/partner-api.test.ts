import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CAPILLARY_GATEWAY_RESPONSES } from '../../../lib/constructs/capillary-gateway-responses';
import { ACCESS_LOG_FIELDS, PartnerApi, type PartnerApiProps } from '../../../lib/constructs/partner-api';
import { onlyResource, testApp } from '../../support/cdk-test-app';

/** The API construct alone, with inline stand-in functions: no bundling needed. */
function apiTemplate(overrides: Partial<PartnerApiProps> = {}): Template {
  const stack = new Stack(testApp(), 'ApiTest');
  const stub = (id: string) =>
    new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
  new PartnerApi(stack, 'PartnerApi', {
    stageName: 'test',
    handler: stub('PointsApi'),
    authorizerHandler: stub('Authorizer'),
    authorizerCacheTtl: Duration.seconds(300),
    throttling: { rateLimit: 50, burstLimit: 100 },
    partnerThrottling: { rateLimit: 10, burstLimit: 20 },
    requirePartnerApiKeys: false,
    logRetention: logs.RetentionDays.ONE_MONTH,
    ...overrides,
  });
  return Template.fromStack(stack);
}

const methodAt = (template: Template, pathPart: string) => {
  const resources = template.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: pathPart } });
  const [resourceId] = Object.keys(resources);
  // The served method; the resource's ANY method only answers 405 (see 'answers 405 for other methods').
  const methods = Object.fromEntries(
    Object.entries(template.findResources('AWS::ApiGateway::Method', { Properties: { ResourceId: { Ref: resourceId } } })).filter(
      ([, method]) => method.Properties.HttpMethod !== 'ANY',
    ),
  );
  expect(Object.values(methods)).toHaveLength(1);
  return Object.values(methods)[0]!.Properties as Record<string, any>;
};

describe('partner API', () => {
  let template: Template;
  beforeAll(() => {
    template = apiTemplate();
  });

  it('serves exactly the contract routes under /v1.1/points and /v2/points', () => {
    const pathParts = Object.values(template.findResources('AWS::ApiGateway::Resource')).map((r) => r.Properties.PathPart).sort();

    expect(pathParts).toEqual(['isredeemable', 'points', 'points', 'redeem', 'reverse', 'v1.1', 'v2', 'validationcode']);
    // Per route: the served method, and ANY answering 405 for the others.
    template.resourceCountIs('AWS::ApiGateway::Method', 8);
  });

  it.each([
    ['redeem', 'POST'],
    ['reverse', 'POST'],
    ['isredeemable', 'GET'],
    ['validationcode', 'GET'],
  ])('serves %s with %s only, behind the authorizer', (route, method) => {
    expect(methodAt(template, route)).toMatchObject({ HttpMethod: method, AuthorizationType: 'CUSTOM', Integration: { Type: 'AWS_PROXY' } });
  });

  it.each(['isredeemable', 'validationcode'])('answers 405 in the envelope for other methods on /v1.1/points/%s, without a function', (route) => {
    const [resourceId] = Object.keys(template.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: route } }));
    const anyMethod = Object.values(
      template.findResources('AWS::ApiGateway::Method', { Properties: { ResourceId: { Ref: resourceId }, HttpMethod: 'ANY' } }),
    )[0]!.Properties as Record<string, any>;

    expect(anyMethod.AuthorizationType).toBe('NONE');
    expect(anyMethod.Integration.Type).toBe('MOCK');
    const response = anyMethod.Integration.IntegrationResponses[0];
    expect(response.StatusCode).toBe('405');
    expect(response.SelectionPattern).toBeUndefined();
    expect(response.ResponseParameters['method.response.header.allow']).toBe("'GET'");
    expect(JSON.parse(response.ResponseTemplates['application/json'])).toEqual({
      response: { status: { success: 'false', code: 405, message: 'Method not allowed: use GET' } },
    });
  });

  it.each(['isredeemable', 'validationcode'])('proxies GET /v1.1/points/%s to the points function behind the authorizer', (route) => {
    const authorizer = onlyResource(template, 'AWS::ApiGateway::Authorizer');
    const method = methodAt(template, route);

    expect(method).toMatchObject({
      HttpMethod: 'GET',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: authorizer.id },
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
      RequestParameters: { 'method.request.header.x-api-key': true },
      RequestValidatorId: { Ref: expect.any(String) },
    });
    expect(JSON.stringify(method.Integration.Uri)).toContain('PointsApi');
  });

  it('authorizes on the x-api-key header and caches the decision', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.x-api-key',
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('validates request parameters', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
  });

  it('throttles the stage and the partner usage plan, with the key supplied by the authorizer', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'test',
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })]),
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      ApiStages: [Match.objectLike({ Stage: { Ref: Match.stringLikeRegexp('DeploymentStage') } })],
    });
  });

  it('does not require API Gateway API keys unless configured', () => {
    expect(methodAt(template, 'isredeemable').ApiKeyRequired).toBe(false);
  });

  it('requires a registered API key per partner when configured, with an optional daily quota', () => {
    const strict = apiTemplate({ requirePartnerApiKeys: true, partnerThrottling: { rateLimit: 10, burstLimit: 20, quotaPerDay: 1000 } });

    strict.allResourcesProperties('AWS::ApiGateway::Method', { ApiKeyRequired: true });
    strict.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Quota: { Limit: 1000, Period: 'DAY' } });
  });

  it('traces the stage with X-Ray', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true });
  });

  it('writes a JSON access log without query strings', () => {
    const stage = onlyResource(template, 'AWS::ApiGateway::Stage');
    const setting = stage.Properties.AccessLogSetting as { DestinationArn: unknown; Format: string };
    const [accessLogGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup')).filter((id) => id.includes('AccessLogs'));

    expect(JSON.stringify(setting.DestinationArn)).toContain(`"${accessLogGroupId}"`);
    expect(JSON.parse(setting.Format)).toEqual(ACCESS_LOG_FIELDS);
    expect(setting.Format).toContain('$context.authorizer.orgId');
    // Variables that would carry the query string (phone numbers, emails) or the partner key.
    expect(setting.Format).not.toMatch(/querystring|\$input|\$method\.request|\$context\.path\b|x-api-key|identity\.apiKey"/);
    // The stage's settings, and per-method metrics for the writes: none traces request data.
    expect(stage.Properties.MethodSettings).toEqual([
      expect.objectContaining({ DataTraceEnabled: false }),
      { DataTraceEnabled: false, HttpMethod: 'POST', MetricsEnabled: true, ResourcePath: '/~1v1.1~1points~1redeem' },
      { DataTraceEnabled: false, HttpMethod: 'POST', MetricsEnabled: true, ResourcePath: '/~1v2~1points~1reverse' },
    ]);
  });

  it('answers gateway errors in the Capillary envelope', () => {
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse')).map((r) => r.Properties);
    const byType = new Map(responses.map((r) => [r.ResponseType, r]));

    expect([...byType.keys()].sort()).toEqual(CAPILLARY_GATEWAY_RESPONSES.map((r) => r.type.responseType).sort());
    expect(byType.get('UNAUTHORIZED')).toMatchObject({ StatusCode: '401' });
    expect(JSON.parse(byType.get('UNAUTHORIZED').ResponseTemplates['application/json'])).toEqual({
      response: { status: { success: 'false', code: 401, message: 'Unauthorized: a valid x-api-key header is required' } },
    });
    for (const type of ['ACCESS_DENIED', 'THROTTLED', 'MISSING_AUTHENTICATION_TOKEN', 'INTEGRATION_FAILURE', 'REQUEST_TOO_LARGE', 'WAF_FILTERED']) {
      const body = JSON.parse(byType.get(type).ResponseTemplates['application/json']);
      expect(body.response.status).toEqual({ success: 'false', code: Number(byType.get(type).StatusCode), message: expect.any(String) });
    }
    // The fallbacks keep API Gateway's status and message (a VTL variable, so not JSON until rendered).
    expect(byType.get('DEFAULT_4XX').ResponseTemplates['application/json']).toBe(
      '{"response":{"status":{"success":"false","code":400,"message":$context.error.messageString}}}',
    );
    expect(byType.get('DEFAULT_5XX').ResponseTemplates['application/json']).toContain('"code":500');
  });
});
