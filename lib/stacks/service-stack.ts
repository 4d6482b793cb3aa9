import * as path from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/config/function-timeouts';
import type { StageConfig } from '../config';
import { AdjustmentsIntake } from '../constructs/adjustments-intake';
import { ApiFirewall } from '../constructs/api-firewall';
import { PartnerApi, WRITE_ROUTES } from '../constructs/partner-api';
import { ServiceAlarms } from '../constructs/service-alarms';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { ServiceFunction } from '../constructs/service-function';

const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'functions');

/**
 * The only partitions the validation-codes function may touch (`dynamodb:LeadingKeys`): its codes,
 * its per-customer day counters and the per-number day counters, which no org owns
 * (functions/adapters/dynamodb/validation-code-items.ts). Org ids have no "#", so no customer,
 * group, program, org or API key item matches; identifier items, whose values may contain "#OTP#",
 * are excluded by name.
 */
const OTP_PARTITIONS = ['ORG#*#OTP#*', 'ORG#*#OTPDAY#*', 'OTPDAY#PHONE#*'] as const;
const NOT_OTP_PARTITIONS = ['ORG#*#IDENT#*'] as const;

/**
 * The only partitions the points function may write (functions/adapters/dynamodb/item-keys.ts): the
 * items that hold balances (customers, groups) with their ledger entries beside them, redemption,
 * reversal and adjustment records (`adjust`, by direct invocation). It creates and changes items with UpdateItem only (no PutItem or DeleteItem, so it
 * can replace or remove nothing) and checks group members with ConditionCheckItem. Identifier items,
 * whose values could contain these words, are excluded by name, as are codes (a separate statement).
 */
export const BALANCE_WRITE_PARTITIONS = ['ORG#*#CUSTOMER#*', 'ORG#*#GROUP#*', 'ORG#*#REDEMPTION#*', 'ORG#*#REVERSAL#*', 'ORG#*#ADJUSTMENT#*'] as const;
/** What the points function reads: partner keys, and the orgs' items (programs, customers, identifiers, groups, records). */
export const POINTS_READ_PARTITIONS = ['APIKEY#*', 'ORG#*'] as const;
/** The only items the authorizer reads: partner keys (their SHA-256 digests). */
export const API_KEY_PARTITIONS = ['APIKEY#*'] as const;

/** A redemption uses its validation code up in its own transaction: an UpdateItem of the code item. */
export const CODE_PARTITIONS = ['ORG#*#OTP#*'] as const;

export interface ServiceStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: dynamodb.ITable;
  readonly otpHmacSecret: secretsmanager.ISecret;
  readonly missedCallSecret: secretsmanager.ISecret;
}

/**
 * Everything that can be destroyed and redeployed without losing data: the functions, the API, the
 * adjustments queue, the alarms. Receives the table and secrets from the data stack.
 */
export class ServiceStack extends Stack {
  readonly pointsApi: ServiceFunction;
  readonly validationCodes: ServiceFunction;
  readonly authorizer: ServiceFunction;
  readonly adjustments: AdjustmentsIntake;
  readonly partnerApi: PartnerApi;
  readonly firewall: ApiFirewall;
  readonly alarms: ServiceAlarms;
  readonly dashboard: ServiceDashboard;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const serviceName = `points-redemption-${config.stageName}`;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const common = { serviceName, logLevel: config.logLevel, logRetention };

    // Time limits nest, so that a partner is never told 876 while the customer ends up with a working
    // code: the missed-call provider (at most 4 s, lib/config.ts) or SNS (two attempts of at most 2 s,
    // functions/config/validation-codes-from-env.ts) < this function (6 s; a cold start adds well under a
    // second) < the points API's invoke of it (8 s, not retried; functions/points-api.ts) < the points
    // API function (15 s) < API Gateway's integration limit (29 s). So this function has finished, or
    // been stopped, before its caller gives up; stopped mid-way, its code is still PENDING (it becomes
    // ACTIVE only after its message was sent), and no verification accepts a pending code.
    this.validationCodes = new ServiceFunction(this, 'ValidationCodes', {
      ...common,
      entry: path.join(FUNCTIONS_DIR, 'validation-codes.ts'),
      description: 'Points redemption: issues and verifies validation codes (SMS, missed call)',
      memorySize: 512,
      timeout: Duration.seconds(6),
      environment: {
        TABLE_NAME: table.tableName,
        OTP_HMAC_SECRET_ARN: props.otpHmacSecret.secretArn,
        MISSED_CALL_API_KEY_SECRET_ARN: props.missedCallSecret.secretArn,
        MISSED_CALL_BASE_URL: config.missedCallBaseUrl,
        MISSED_CALL_TIMEOUT_MS: String(config.missedCallTimeoutMs),
        SMS_SENDER_ID: config.smsSenderId,
        SMS_ALLOWED_COUNTRY_CODES: config.allowedSmsCountryCodes.join(','),
        ...(config.smsOriginationNumber ? { SMS_ORIGINATION_NUMBER: config.smsOriginationNumber } : {}),
      },
    });

    this.pointsApi = new ServiceFunction(this, 'PointsApi', {
      ...common,
      entry: path.join(FUNCTIONS_DIR, 'points-api.ts'),
      description: 'Points redemption: GET isredeemable and validationcode, POST redeem and reverse (v1.1 and v2 points API)',
      memorySize: 1024,
      // Longer than its 8 s wait for the validation-codes function; shorter than API Gateway's 29 s integration limit.
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.pointsApi),
      environment: {
        TABLE_NAME: table.tableName,
        VALIDATION_CODES_FUNCTION_NAME: this.validationCodes.function.functionName,
        RULES_CACHE_TTL_SECONDS: String(config.rulesCacheTtlSeconds),
      },
    });

    this.authorizer = new ServiceFunction(this, 'ApiKeyAuthorizer', {
      ...common,
      entry: path.join(FUNCTIONS_DIR, 'api-key-authorizer.ts'),
      description: 'Points redemption: API Gateway authorizer for partner x-api-key',
      memorySize: 512,
      // Its key lookup's SDK budget fits inside (functions/config/aws-clients.ts).
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.authorizer),
      environment: { TABLE_NAME: table.tableName },
    });

    this.grantLeastPrivilege(props);

    // The adjustments queue and its consumer (README, "The adjustments queue"). Here, with the code, not
    // with the data: its messages are transient, each idempotent by its reference, and the queue is a way
    // in like the API (a destroy and redeploy gives producers a new queue URL, as partners a new API URL).
    this.adjustments = new AdjustmentsIntake(this, 'Adjustments', {
      ...common,
      table,
      entry: path.join(FUNCTIONS_DIR, 'adjustments-consumer.ts'),
      environment: { RULES_CACHE_TTL_SECONDS: String(config.rulesCacheTtlSeconds) },
      ...config.adjustments,
    });

    this.partnerApi = new PartnerApi(this, 'PartnerApi', {
      stageName: config.stageName,
      handler: this.pointsApi.function,
      authorizerHandler: this.authorizer.function,
      authorizerCacheTtl: Duration.seconds(config.authorizerCacheTtlSeconds),
      throttling: config.throttling,
      partnerThrottling: config.partnerThrottling,
      requirePartnerApiKeys: config.requirePartnerApiKeys,
      logRetention,
    });

    // Stops abusive traffic before it costs an authorizer run or draws on the stage throttle.
    this.firewall = new ApiFirewall(this, 'Firewall', {
      name: serviceName,
      stage: this.partnerApi.api.deploymentStage,
      rateLimitPerIpPer5Minutes: config.waf.rateLimitPerIpPer5Minutes,
      logRetention: config.waf.logBlockedRequests ? logRetention : undefined,
    });

    this.alarms = new ServiceAlarms(this, 'Alarms', {
      alarmNamePrefix: `PointsRedemption-${config.stageName}`,
      api: this.partnerApi.api,
      table,
      functions: {
        PointsApi: this.pointsApi.function,
        ValidationCodes: this.validationCodes.function,
        AdjustmentsConsumer: this.adjustments.consumer.function,
      },
      deadLetterQueues: { Adjustments: this.adjustments.deadLetterQueue },
      otpServiceName: serviceName,
      p99LatencyMs: config.p99LatencyMs,
      smsMonthlySpendAlarmUsd: config.smsMonthlySpendAlarmUsd,
      otpDeliveryFailureAlarmThreshold: config.otpDeliveryFailureAlarmThreshold,
      alarmEmail: config.alarmEmail,
      writeRoutes: WRITE_ROUTES,
    });

    this.dashboard = new ServiceDashboard(this, 'Dashboard', {
      dashboardName: `PointsRedemption-${config.stageName}`,
      api: this.partnerApi.api,
      table,
      functions: {
        PointsApi: this.pointsApi.function,
        ValidationCodes: this.validationCodes.function,
        ApiKeyAuthorizer: this.authorizer.function,
        AdjustmentsConsumer: this.adjustments.consumer.function,
      },
      serviceName,
      firewall: this.firewall,
      queues: [{ queue: this.adjustments.queue, deadLetterQueue: this.adjustments.deadLetterQueue }],
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.partnerApi.api.url,
      description: 'Base URL of the partner API (append v1.1/points/isredeemable)',
    });
    new CfnOutput(this, 'PartnerUsagePlanId', {
      value: this.partnerApi.usagePlan.usagePlanId,
      description: 'Usage plan that partner API keys are added to (aws apigateway create-usage-plan-key)',
    });
    new CfnOutput(this, 'AdjustmentsQueueUrl', { value: this.adjustments.queue.queueUrl, description: 'Queue producers send adjustment messages to (README, "The adjustments queue")' });
    new CfnOutput(this, 'AdjustmentsQueueArn', { value: this.adjustments.queue.queueArn, description: 'For the producers\' sqs:SendMessage permission' });
    new CfnOutput(this, 'AdjustmentsDeadLetterQueueUrl', { value: this.adjustments.deadLetterQueue.queueUrl, description: 'Adjustment messages never applied (alarm AdjustmentsDeadLetters)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'SNS topic the alarms notify' });
    new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAcl.attrArn, description: 'AWS WAF web ACL in front of the API stage' });
    new CfnOutput(this, 'DashboardUrl', {
      // The console address of the commercial partition.
      value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${this.dashboard.dashboard.dashboardName}`,
      description: 'CloudWatch dashboard of the stage',
    });
  }

  /**
   * Explicit statements rather than the grant helpers: those add actions the functions never call
   * (Scan, DescribeTable, BatchWriteItem, DescribeSecret) and qualified-version ARNs.
   */
  private grantLeastPrivilege(props: ServiceStackProps): void {
    const tableArn = props.table.tableArn;

    this.pointsApi.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadKeysAndOrgData',
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [tableArn],
        // Partner keys and the orgs' items. Not narrower: a pattern leaving out the code partitions
        // (ORG#*#OTP#*) would also leave out an identifier whose value holds "#OTP#"; and a code item
        // holds only a keyed hash, worthless without the validation-codes function's secret.
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...POINTS_READ_PARTITIONS] } },
      }),
    );
    this.pointsApi.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteBalancesLedgerAndRecords',
        // TransactWriteItems has no IAM action of its own: each of its items is authorised by these.
        actions: ['dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        resources: [tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...BALANCE_WRITE_PARTITIONS] },
          'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': [...NOT_OTP_PARTITIONS] },
        },
      }),
    );
    this.pointsApi.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseUpValidationCodes',
        actions: ['dynamodb:UpdateItem'],
        resources: [tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...CODE_PARTITIONS] },
          'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': [...NOT_OTP_PARTITIONS] },
        },
      }),
    );
    this.pointsApi.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeValidationCodes',
        actions: ['lambda:InvokeFunction'],
        resources: [this.validationCodes.function.functionArn],
      }),
    );

    this.authorizer.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadApiKeys',
        actions: ['dynamodb:GetItem'],
        resources: [tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...API_KEY_PARTITIONS] } },
      }),
    );

    const otpRole = this.validationCodes.role;
    otpRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteCodesAndCounters',
        // TransactWriteItems has no IAM action of its own: it is authorised per item by these actions,
        // each item against the leading-key condition.
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...OTP_PARTITIONS] },
          'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': [...NOT_OTP_PARTITIONS] },
        },
      }),
    );
    otpRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secretArnForPolicy(props.otpHmacSecret), secretArnForPolicy(props.missedCallSecret)],
      }),
    );
    // SMS to a phone number has no resource ARN, so IAM can only say "*". The Deny removes every topic and
    // platform endpoint from that "*": the function can text phone numbers and publish nothing else.
    otpRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
    );
    otpRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DenyPublishToTopicsAndEndpoints',
        effect: iam.Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Stack.of(this).partition}:sns:*:*:*`],
      }),
    );
    Validations.of(otpRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:Publish to a phone number (SMS) has no resource ARN, so IAM only accepts Resource "*". The same policy denies sns:Publish on every SNS ARN (arn:aws:sns:*:*:*), so the role can send SMS and cannot publish to any topic or platform endpoint.',
    });
  }
}

/**
 * A secret referenced by name has no known ARN suffix; Secrets Manager appends six random characters,
 * which "-??????" matches exactly (and nothing longer).
 */
function secretArnForPolicy(secret: secretsmanager.ISecret): string {
  return secret.secretFullArn ?? `${secret.secretArn}-??????`;
}
