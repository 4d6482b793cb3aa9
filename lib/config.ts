import { PointsRedemptionError } from '../functions/core/errors';
import * as v from 'valibot';
import { placeholderProblems } from './placeholders';

/**
 * Per-stage settings, read from cdk.json context (`"stages": {"dev": {...}, "prod": {...}}`) and chosen
 * with `-c stage=<name>` (default `dev`). Objects are strict so a misspelt key fails synth instead of
 * being silently ignored.
 */

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const PositiveNumberSchema = v.pipe(v.number(), v.minValue(0, 'must be >= 0'));
const PositiveIntegerSchema = v.pipe(v.number(), v.integer(), v.minValue(1, 'must be >= 1'));

const ThrottleSchema = v.strictObject({
  /** Steady-state requests per second. */
  rateLimit: v.pipe(PositiveNumberSchema, v.minValue(1, 'must be >= 1')),
  /** Requests allowed in a burst above the rate. */
  burstLimit: PositiveIntegerSchema,
});

const PartnerThrottleSchema = v.strictObject({
  ...ThrottleSchema.entries,
  /** Optional requests-per-day quota for each partner key in the plan. */
  quotaPerDay: v.optional(PositiveIntegerSchema),
});

/** AWS WAF's bounds for a rate-based rule's limit. */
const WAF_RATE_LIMIT_MIN = 10;
const WAF_RATE_LIMIT_MAX = 2_000_000_000;

const WafSchema = v.strictObject({
  /**
   * Requests one client IP may send in any 5 minutes before the web ACL answers 429. Default: what one
   * partner key may send in 5 minutes at `partnerThrottling.rateLimit`, so the rule never stops a
   * partner that keeps to its own throttle.
   */
  rateLimitPerIpPer5Minutes: v.optional(
    v.pipe(
      v.number(),
      v.integer('must be a whole number'),
      v.minValue(WAF_RATE_LIMIT_MIN, `must be >= ${WAF_RATE_LIMIT_MIN} (AWS WAF's minimum)`),
      v.maxValue(WAF_RATE_LIMIT_MAX, `must be <= ${WAF_RATE_LIMIT_MAX} (AWS WAF's maximum)`),
    ),
  ),
  /** Log the requests the web ACL blocks or counts to the log group `aws-waf-logs-points-redemption-<stage>`. */
  logBlockedRequests: v.optional(v.boolean(), false),
});

/** SQS's and Lambda's bounds for the adjustments queue (README, "The adjustments queue"). */
const AdjustmentsSchema = v.strictObject({
  /** Receives of a message before SQS moves it to the dead-letter queue (SQS accepts 1 to 1000). */
  maxReceiveCount: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be >= 1'), v.maxValue(1000, 'must be <= 1000')), 5),
  /** Consumer invocations at once (the SQS event source's maximum concurrency, 2 to 1000). */
  maxConcurrency: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(2, 'must be >= 2'), v.maxValue(1000, 'must be <= 1000')), 5),
  /** An EventBridge bus of this account and region whose `PointsAdjustment` events go to the queue; absent: no rule. */
  eventBusName: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._\-/]{1,256}$/, 'must be an event bus name'))),
  /** With eventBusName: only events of these sources (absent: any source on the bus). */
  eventSources: v.optional(v.pipe(v.array(v.pipe(v.string(), v.nonEmpty('must not be empty'), v.maxLength(256))), v.minLength(1, 'must list at least one source'))),
});

/** The per-IP limit when a stage sets none: one partner key's full rate for 5 minutes (the partner rate is >= 1). */
export function defaultWafRateLimit(partnerRatePerSecond: number): number {
  return Math.min(WAF_RATE_LIMIT_MAX, Math.ceil(partnerRatePerSecond * 300));
}

/** The stage that is always a production stage, whatever its settings say. */
export const PRODUCTION_STAGE = 'prod';

const StageSettingsSchema = v.strictObject({
  /** Lower-case name used in stack names, resource names and the API stage path. */
  stageName: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be lower-case letters, digits or "-", starting with a letter, at most 20 characters')),
  /** Target account and region; when absent the stacks are environment-agnostic (the CLI's current profile decides). */
  account: v.optional(v.pipe(v.string(), v.regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))),
  region: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name like ap-south-1'))),
  /**
   * A production stage refuses placeholder values (lib/placeholders.ts) and needs account, region and
   * alarmEmail. Default: true for the "prod" stage (which cannot turn it off), false for the others.
   */
  production: v.optional(v.boolean()),

  /** Calling codes (without "+") that SMS codes may be sent to, e.g. ["91"]. */
  allowedSmsCountryCodes: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[1-9]\d{0,2}$/, 'must be a country calling code of 1 to 3 digits, without "+"'))),
    v.minLength(1, 'must list at least one country calling code'),
  ),
  /** Alphanumeric sender id shown on the handset where the destination country supports it. */
  smsSenderId: v.pipe(v.string(), v.regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, 'must be 1 to 11 letters or digits with at least one letter')),
  /** Registered origination number (E.164), required by some destination countries. */
  smsOriginationNumber: v.optional(v.pipe(v.string(), v.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +14155550100'))),

  /** Base URL of the missed-call verification provider. */
  missedCallBaseUrl: v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must use https')),
  /**
   * Time limit for one provider call; with the DynamoDB writes around it, it must end well inside the
   * OTP function's 6 s timeout (README, "Choices worth knowing").
   */
  missedCallTimeoutMs: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(100, 'must be >= 100'),
      v.maxValue(4000, 'must be <= 4000 (the call and the code writes must finish inside the OTP function\'s 6 s timeout)'),
    ),
    2000,
  ),
  /**
   * Name of an existing Secrets Manager secret holding the provider's API key (encrypted with the
   * account's default aws/secretsmanager key). When absent, the data stack creates an empty-generated
   * secret for the operator to fill.
   */
  missedCallSecretName: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'must be a valid Secrets Manager secret name'))),

  /** Where alarm notifications go; without it the topic has no subscription. */
  alarmEmail: v.optional(v.pipe(v.string(), v.email('must be an email address'))),

  /** Stage-wide throttling (all partners together). */
  throttling: ThrottleSchema,
  /** Throttling (and optional quota) of the partner usage plan, applied to each partner key in it. */
  partnerThrottling: PartnerThrottleSchema,
  /**
   * When true, every method requires an API Gateway API key: the authorizer hands over the partner's
   * x-api-key (usageIdentifierKey), which must also be registered as an API key in the partner usage
   * plan. This gives each partner its own throttle and quota; see the README, "Partner keys".
   */
  requirePartnerApiKeys: v.optional(v.boolean(), false),

  /** The regional web ACL in front of the API stage (README, "Firewall"). */
  waf: v.optional(WafSchema, {}),

  /** The adjustments queue, its dead-letter queue and the consumer's event source (README, "The adjustments queue"). */
  adjustments: v.optional(AdjustmentsSchema, {}),

  /** Alarm when the API's p99 latency exceeds this many milliseconds. */
  p99LatencyMs: v.optional(PositiveIntegerSchema, 1500),
  /** Alarm when the month-to-date SMS spend in the region exceeds this many US dollars. */
  smsMonthlySpendAlarmUsd: v.pipe(v.number(), v.minValue(0.01, 'must be > 0')),
  /** Alarm when this many OTP deliveries fail within 5 minutes. */
  otpDeliveryFailureAlarmThreshold: v.optional(PositiveIntegerSchema, 5),

  logRetentionDays: v.optional(v.picklist(LOG_RETENTION_DAYS, `must be one of ${LOG_RETENTION_DAYS.join(', ')}`), 30),
  /** Powertools log level of the functions. */
  logLevel: v.optional(v.picklist(['DEBUG', 'INFO', 'WARN', 'ERROR'] as const), 'INFO'),
  /** How long the points API caches program rules in memory. */
  rulesCacheTtlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600)), 30),
  /** How long API Gateway caches an authorizer decision per x-api-key (0 disables caching). */
  authorizerCacheTtlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600)), 300),
  /** Protect the data stack from `cdk destroy` / stack deletion. */
  dataStackTerminationProtection: v.optional(v.boolean(), true),
  /** Extra tags for both stacks (Project and Stage are always set). */
  tags: v.optional(v.record(v.string(), v.string()), {}),
});

/** A stage's settings as written in cdk.json, checked, with defaults and derived values filled in. */
export const StageConfigSchema = v.pipe(
  StageSettingsSchema,
  v.forward(
    v.check((settings) => !(settings.stageName === PRODUCTION_STAGE && settings.production === false), `the "${PRODUCTION_STAGE}" stage is always a production stage`),
    ['production'],
  ),
  v.transform((settings) => ({
    ...settings,
    production: settings.production ?? settings.stageName === PRODUCTION_STAGE,
    waf: {
      ...settings.waf,
      rateLimitPerIpPer5Minutes: settings.waf.rateLimitPerIpPer5Minutes ?? defaultWafRateLimit(settings.partnerThrottling.rateLimit),
    },
  })),
);

export type StageConfigInput = v.InferInput<typeof StageConfigSchema>;
export type StageConfig = v.InferOutput<typeof StageConfigSchema>;

export const DEFAULT_STAGE = 'dev';

/** A stage configuration that cannot be deployed; the message names every setting at fault. */
export class ConfigError extends PointsRedemptionError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Validates one stage's raw settings. `stageName` defaults to the key under `stages`, and must equal it
 * when given, so `-c stage=prod` can never deploy settings labelled for another stage. A production
 * stage is also refused while any setting holds a placeholder (lib/placeholders.ts).
 */
export function parseStageConfig(stageKey: string, raw: unknown): StageConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`Invalid configuration for stage "${stageKey}": expected an object under cdk.json context "stages.${stageKey}"`);
  }
  const withName = { stageName: stageKey, ...raw };
  const result = v.safeParse(StageConfigSchema, withName);
  if (!result.success) {
    const problems = result.issues.map((issue) => `  - ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration for stage "${stageKey}" (cdk.json context "stages.${stageKey}"):\n${problems}`);
  }
  if (result.output.stageName !== stageKey) {
    throw new ConfigError(`Invalid configuration for stage "${stageKey}": stageName "${result.output.stageName}" must equal the key "${stageKey}"`);
  }
  if (result.output.production) {
    const problems = placeholderProblems(result.output);
    if (problems.length > 0) {
      throw new ConfigError(
        `Stage "${stageKey}" is a production stage and cdk.json context "stages.${stageKey}" still holds template values; fill these in before deploying:\n` +
          problems.map((problem) => `  - ${problem.setting}: ${problem.reason}`).join('\n'),
      );
    }
  }
  return result.output;
}

/** Minimal view of a construct node's context, so the loader works with an App or a plain object in tests. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/** Reads `stage` (default dev) and `stages.<stage>` from the CDK context and validates them. */
export function loadStageConfig(context: ContextSource): StageConfig {
  const stageKey = context.tryGetContext('stage') ?? DEFAULT_STAGE;
  if (typeof stageKey !== 'string' || stageKey.length === 0) {
    throw new ConfigError('Invalid context "stage": expected a stage name, e.g. -c stage=prod');
  }
  const stages = context.tryGetContext('stages');
  if (typeof stages !== 'object' || stages === null || Array.isArray(stages)) {
    throw new ConfigError('Missing cdk.json context "stages": expected {"dev": {...}, "prod": {...}}');
  }
  const raw = (stages as Record<string, unknown>)[stageKey];
  if (raw === undefined) {
    const known = Object.keys(stages).join(', ') || '(none)';
    throw new ConfigError(`Unknown stage "${stageKey}": cdk.json context "stages" defines ${known}`);
  }
  return parseStageConfig(stageKey, raw);
}
