import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { capillaryAnswerOf } from './capillary-gateway-responses';
import { API_KEY_HEADER } from './partner-api';
// The largest request body the API accepts is the function's own limit; the web ACL inspects all of it and refuses anything larger.
import { MAX_BODY_BYTES } from '../../functions/http/api-gateway-request';

/** Names of the web ACL's rules: also their CloudWatch metric names (dimension `Rule`), in evaluation order. */
export const FIREWALL_RULES = {
  ipReputation: 'AmazonIpReputationList',
  rateLimitPerIp: 'RateLimitPerIp',
  bodyTooLarge: 'BodyTooLarge',
  commonRuleSet: 'CommonRuleSet',
  knownBadInputs: 'KnownBadInputs',
} as const;

/**
 * Rules of the core rule set that only count (their matches show in metrics, sampled requests and logs)
 * instead of blocking, and why.
 */
export const COMMON_RULE_SET_COUNT_ONLY = {
  // Blocks bodies over 8 KB; the API's go up to 64 KB. BodyTooLarge enforces the real limit, and the
  // association inspects whole bodies up to that limit, so the other body rules see all of them.
  SizeRestrictions_BODY: 'API bodies may be up to 64 KB',
  // Partners call from servers; common HTTP clients (.NET HttpClient, Node's http module) send no
  // User-Agent by default, and a missing one is no sign of abuse on a keyed, server-to-server API.
  NoUserAgent_HEADER: 'server-to-server clients often send no User-Agent',
} as const;

/** Keys of the web ACL's custom response bodies. */
const BODY_TOO_MANY_REQUESTS = 'capillary-too-many-requests';
const BODY_TOO_LARGE = 'capillary-request-too-large';

/** What the firewall protects and how strictly. */
export interface ApiFirewallProps {
  /** Names the web ACL, its CloudWatch metrics (dimension `WebACL`) and its log group, e.g. `points-redemption-prod`. */
  readonly name: string;
  /** The API stage the web ACL protects. */
  readonly stage: apigw.Stage;
  /** Requests one client IP may send in any 5 minutes before it is answered 429. */
  readonly rateLimitPerIpPer5Minutes: number;
  /**
   * When set, requests the web ACL blocks or counts are logged to `aws-waf-logs-<name>` with this
   * retention, without the x-api-key header and the query string.
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A regional AWS WAF web ACL on the API stage, so that unwanted traffic is stopped before it costs an
 * authorizer run or draws on the stage throttle the partners share: known-bad IPs (Amazon IP reputation
 * list), more than `rateLimitPerIpPer5Minutes` requests per IP (answered 429), bodies over 64 KB
 * (answered 413), and the AWS core rule set and known-bad-inputs rules (answered 403 by API Gateway's
 * WAF_FILTERED response). Every answer is in the Capillary envelope. Metrics and sampled requests are on
 * for the web ACL and each rule; the partner key and the query string are redacted wherever WAF keeps a
 * request.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The `WebACL` dimension of the web ACL's metrics in AWS/WAFV2. */
  readonly metricName: string;
  readonly logGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.metricName = props.name;
    const tooMany = capillaryAnswerOf('Throttled');
    const tooLarge = capillaryAnswerOf('RequestTooLarge');
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managedRuleGroup = (
      name: string,
      priority: number,
      ruleGroup: string,
      countOnly: readonly string[] = [],
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: ruleGroup,
          ruleActionOverrides: countOnly.length === 0 ? undefined : countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'Partner API: IP reputation, per-IP rate limit, body size, AWS core rule set and known bad inputs',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      customResponseBodies: {
        [BODY_TOO_MANY_REQUESTS]: { contentType: 'APPLICATION_JSON', content: tooMany.body },
        [BODY_TOO_LARGE]: { contentType: 'APPLICATION_JSON', content: tooLarge.body },
      },
      // Sampled requests (and logs) would otherwise show the partner key and the query string (phone
      // numbers, emails): both are replaced by "REDACTED" wherever WAF stores a request.
      dataProtectionConfig: {
        dataProtections: [
          { field: { fieldType: 'SINGLE_HEADER', fieldKeys: [API_KEY_HEADER] }, action: 'SUBSTITUTION' },
          { field: { fieldType: 'QUERY_STRING' }, action: 'SUBSTITUTION' },
        ],
      },
      // API Gateway forwards 16 KB of a body to WAF by default; 64 KB lets the body rules see every
      // body the API accepts. Only requests with bodies over 16 KB are charged for it.
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: 'KB_64' } } },
      rules: [
        // First and cheapest: addresses Amazon threat intelligence knows as bots and attackers.
        managedRuleGroup(FIREWALL_RULES.ipReputation, 0, 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: FIREWALL_RULES.rateLimitPerIp,
          priority: 1,
          action: { block: { customResponse: { responseCode: tooMany.statusCode, customResponseBodyKey: BODY_TOO_MANY_REQUESTS } } },
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.rateLimitPerIpPer5Minutes, evaluationWindowSec: 300 } },
          visibilityConfig: visibility(FIREWALL_RULES.rateLimitPerIp),
        },
        {
          name: FIREWALL_RULES.bodyTooLarge,
          priority: 2,
          action: { block: { customResponse: { responseCode: tooLarge.statusCode, customResponseBodyKey: BODY_TOO_LARGE } } },
          statement: {
            sizeConstraintStatement: {
              // A body over the 64 KB inspection limit is "oversize": MATCH treats it as too large.
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: MAX_BODY_BYTES,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          visibilityConfig: visibility(FIREWALL_RULES.bodyTooLarge),
        },
        managedRuleGroup(FIREWALL_RULES.commonRuleSet, 3, 'AWSManagedRulesCommonRuleSet', Object.keys(COMMON_RULE_SET_COUNT_ONLY)),
        managedRuleGroup(FIREWALL_RULES.knownBadInputs, 4, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    new wafv2.CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    if (props.logRetention !== undefined) {
      this.logGroup = this.addLogging(props.name, props.logRetention);
    }
  }

  private addLogging(name: string, retention: logs.RetentionDays): logs.LogGroup {
    // WAF only writes to log groups whose name starts with aws-waf-logs-.
    const logGroupName = `aws-waf-logs-${name}`;
    const logGroup = new logs.LogGroup(this, 'Logs', { logGroupName, retention, removalPolicy: RemovalPolicy.DESTROY });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the ":*" suffix of the LogGroup construct's attribute.
      logDestinationConfigs: [
        Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
      // The partner key and the query string (phone numbers, emails) never reach the log.
      redactedFields: [{ singleHeader: { Name: API_KEY_HEADER } }, { queryString: {} }],
      // Allowed requests are in the API's access log; here only what a rule blocked or counted.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }, { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } }],
          },
        ],
      },
    });
    logging.node.addDependency(logGroup);
    return logGroup;
  }
}
