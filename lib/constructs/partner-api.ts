import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeMethods, type HttpRoute } from '../../functions/http/operation';
import { pointsApiOperations } from '../../functions/operations/points-api-operations';
import { addCapillaryGatewayResponses, capillaryErrorTemplate } from './capillary-gateway-responses';

/** Every path the points API function serves, with its methods: read from its operations table. */
export const POINTS_ROUTES = routeMethods(pointsApiOperations);

/** The routes that change data (redeem, reverse ...), with their operation's name: read from the operations table. */
export const WRITE_ROUTES: readonly (HttpRoute & { readonly name: string })[] = Object.entries(pointsApiOperations).flatMap(([name, operation]) =>
  operation.writes && operation.route ? [{ name, ...operation.route }] : [],
);

/**
 * Any other method on a served path answers 405 in the Capillary envelope, with an `allow` header,
 * as the function does for a direct call: a mock integration, so no authorizer or function runs.
 */
function addMethodNotAllowed(resource: apigw.Resource, allowed: readonly string[], apiKeyRequired: boolean): void {
  const allow = allowed.join(', ');
  const method = resource.addMethod(
    'ANY',
    new apigw.MockIntegration({
      requestTemplates: { 'application/json': '{"statusCode": 405}' },
      // The only integration response has no selection pattern: whatever the mock returns maps to it.
      integrationResponses: [
        {
          statusCode: '405',
          responseParameters: { 'method.response.header.allow': `'${allow}'` },
          responseTemplates: { 'application/json': capillaryErrorTemplate(405, `Method not allowed: use ${allowed.join(' or ')}`) },
        },
      ],
    }),
    {
      authorizationType: apigw.AuthorizationType.NONE,
      // As every method of the API: with per-partner usage plans, an unregistered caller gets 403 first.
      apiKeyRequired,
      methodResponses: [{ statusCode: '405', responseParameters: { 'method.response.header.allow': true } }],
    },
  );
  Validations.of(method).acknowledge(
    {
      id: 'AwsSolutions-APIG4',
      reason: 'A mock integration that only answers 405 Method Not Allowed for methods the path does not serve: it reaches no function and no data, so there is nothing to authorize.',
    },
    {
      id: 'AwsSolutions-COG4',
      reason: 'This method only answers 405 from a mock integration for methods the path does not serve; there are no users, and partners are authenticated on the served methods.',
    },
  );
}

/** The header partners send their key in. */
export const API_KEY_HEADER = 'x-api-key';

export interface PartnerApiProps {
  readonly stageName: string;
  readonly handler: lambda.IFunction;
  readonly authorizerHandler: lambda.IFunction;
  readonly authorizerCacheTtl: Duration;
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  readonly partnerThrottling: { readonly rateLimit: number; readonly burstLimit: number; readonly quotaPerDay?: number };
  /** API Gateway also requires the partner's key to be one of its API keys in the partner usage plan. */
  readonly requirePartnerApiKeys: boolean;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Access log line: who (org from the authorizer), what (route, status) and how long; never the query
 * string, which carries phone numbers and emails. Values stay quoted because API Gateway writes "-" for
 * a missing value.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  orgId: '$context.authorizer.orgId',
  keyLabel: '$context.authorizer.keyLabel',
  apiKeyId: '$context.identity.apiKeyId',
  httpMethod: '$context.httpMethod',
  route: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  authorizerStatus: '$context.authorizer.status',
  authorizerLatencyMs: '$context.authorizer.latency',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
} as const;

/**
 * The partner-facing REST API: the contract's GET routes behind a REQUEST authorizer on x-api-key,
 * stage throttling plus a partner usage plan, JSON access logs, and Capillary-shaped gateway errors.
 */
export class PartnerApi extends Construct {
  readonly api: apigw.RestApi;
  readonly usagePlan: apigw.UsagePlan;
  readonly accessLogGroup: logs.LogGroup;
  readonly authorizer: apigw.RequestAuthorizer;

  constructor(scope: Construct, id: string, props: PartnerApiProps) {
    super(scope, id);
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `points-redemption-${props.stageName}`,
      description: 'Capillary-compatible points redemption API (v1.1 points isredeemable and validationcode)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // The account-wide CloudWatch role is a singleton shared with every API in the account: not ours to
      // own. API Gateway needs it set once per account and region before any stage may log, access logs
      // included (README, "Deploy": the one-time prerequisite).
      cloudWatchRole: false,
      // The authorizer returns the partner's key as usageIdentifierKey; API Gateway meters it against the
      // partner usage plan (only when methods require API keys, see requirePartnerApiKeys).
      apiKeySourceType: apigw.ApiKeySourceType.AUTHORIZER,
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigw.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        // Execution logs stay off: at INFO they record query strings (phone numbers, emails).
        loggingLevel: apigw.MethodLoggingLevel.OFF,
        dataTraceEnabled: false,
        metricsEnabled: false,
        // Per-method metrics only where a failure costs a partner money: the writes, watched by an alarm each.
        methodOptions: Object.fromEntries(WRITE_ROUTES.map((route) => [`${route.path}/${route.method}`, { metricsEnabled: true }])),
        // X-Ray: API Gateway starts the trace the functions continue (README, "Alarms and logs").
        tracingEnabled: true,
      },
    });
    // The stack has its own, named ApiUrl output.
    this.api.node.tryRemoveChild('Endpoint');
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG6',
        reason:
          'Execution logging is off on purpose: at INFO it writes request query strings (phone numbers, emails) to CloudWatch, and it needs the account-wide API Gateway CloudWatch role that this service must not own. Every request is recorded by the JSON access log (status, latency, caller org, error type), and the functions log with Powertools.',
      },
    );

    this.authorizer = new apigw.RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: props.authorizerHandler,
      identitySources: [apigw.IdentitySource.header(API_KEY_HEADER)],
      resultsCacheTtl: props.authorizerCacheTtl,
    });

    const validator = this.api.addRequestValidator('RequestParameters', {
      validateRequestParameters: true,
      validateRequestBody: false,
    });

    const integration = new apigw.LambdaIntegration(props.handler, { proxy: true, allowTestInvoke: false });
    for (const [path, methods] of POINTS_ROUTES) {
      const resource = this.api.root.resourceForPath(path);
      for (const method of methods) {
        resource.addMethod(method, integration, {
          authorizationType: apigw.AuthorizationType.CUSTOM,
          authorizer: this.authorizer,
          apiKeyRequired: props.requirePartnerApiKeys,
          requestValidator: validator,
          // Only what every call must carry; identifiers, points and program are checked by the function
          // (points may be replaced by currency_input, the program by the org's default).
          requestParameters: { [`method.request.header.${API_KEY_HEADER}`]: true },
        });
      }
      addMethodNotAllowed(resource, methods, props.requirePartnerApiKeys);
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Request validation is enabled for parameters (the x-api-key header is required on every method). Both routes are GET without a body, so there is no body model to validate; the query parameters are validated by the function against the contract.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Partners are machines authenticated by an x-api-key checked by a Lambda REQUEST authorizer (the Capillary contract); there are no Cognito users.',
    });

    addCapillaryGatewayResponses(this.api);

    this.usagePlan = this.api.addUsagePlan('PartnerUsagePlan', {
      name: `points-redemption-${props.stageName}-partners`,
      description: 'Per-partner throttling: each partner x-api-key is registered as an API key in this plan',
      throttle: { rateLimit: props.partnerThrottling.rateLimit, burstLimit: props.partnerThrottling.burstLimit },
      quota: props.partnerThrottling.quotaPerDay === undefined ? undefined : { limit: props.partnerThrottling.quotaPerDay, period: apigw.Period.DAY },
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });
  }
}
