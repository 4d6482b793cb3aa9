import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseStageConfig, type StageConfig, type StageConfigInput } from '../../lib/config';
import { addPointsRedemptionStacks, type PointsRedemptionStacks } from '../../lib/points-redemption';
import { PROJECT_ROOT } from './paths';

export { PROJECT_ROOT };

/**
 * Context that skips bundling the functions. Templates do not depend on what a bundle holds, so the
 * tests that read templates need no bundles, and each bundling costs esbuild seconds and prints a
 * "Bundling asset" line. The bundling itself is tested once, in service-function.test.ts.
 */
export const WITHOUT_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

/**
 * An app with the feature flags of cdk.json, so tests synthesize what `cdk synth` synthesizes, but
 * without bundling the functions (WITHOUT_BUNDLING). The built-in CloudFormation template validation
 * (about 2 s per app) runs once, in cdk-nag.test.ts, over every stage; the assertion tests skip it.
 */
export function testApp(): App {
  return new App({ context: { ...cdkJsonContext(), ...WITHOUT_BUNDLING }, builtinCloudFormationValidation: false });
}

/** The context of cdk.json: feature flags and stages. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/**
 * Real-looking values for what the committed prod stage leaves as placeholders: what the platform team
 * fills in before a prod deploy. Tests that synthesize prod use them.
 */
export const PROD_FILLED_IN = {
  account: '210987654321',
  region: 'ap-south-1',
  missedCallBaseUrl: 'https://api.missedcall-provider.co.in/v1',
  alarmEmail: 'points-oncall@loyalty-platform.co.in',
} as const;

/** The context of cdk.json with the prod stage's placeholders filled in (PROD_FILLED_IN). */
export function cdkJsonContextWithProdFilledIn(): Record<string, unknown> {
  const context = cdkJsonContext();
  const stages = context.stages as Record<string, Record<string, unknown>>;
  return { ...context, stages: { ...stages, prod: { ...stages.prod, ...PROD_FILLED_IN } } };
}

/** A small valid stage; tests override what they assert on. */
export function testConfig(overrides: Partial<StageConfigInput> = {}): StageConfig {
  return parseStageConfig('test', {
    allowedSmsCountryCodes: ['91', '44'],
    smsSenderId: 'POINTS',
    missedCallBaseUrl: 'https://missed-call.example.com/v1',
    throttling: { rateLimit: 50, burstLimit: 100 },
    partnerThrottling: { rateLimit: 10, burstLimit: 20 },
    smsMonthlySpendAlarmUsd: 25,
    ...overrides,
  });
}

export interface SynthesizedApp {
  readonly app: App;
  readonly stacks: PointsRedemptionStacks;
  readonly config: StageConfig;
  readonly data: Template;
  readonly service: Template;
}

/** Builds both stacks and synthesizes them once: call it in beforeAll, not per test. */
export function synthesizeApp(config: StageConfig = testConfig()): SynthesizedApp {
  const app = testApp();
  const stacks = addPointsRedemptionStacks(app, config);
  return { app, stacks, config, data: Template.fromStack(stacks.data), service: Template.fromStack(stacks.service) };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

/** The one resource of a type, with its logical id (fails the test if there is not exactly one). */
export function onlyResource(template: Template, type: string): { id: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string } {
  const found = Object.entries(template.findResources(type) as Resources);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  const [id, resource] = found[0]!;
  return { id, Properties: resource.Properties ?? {}, DeletionPolicy: resource.DeletionPolicy, UpdateReplacePolicy: resource.UpdateReplacePolicy };
}

/** The function whose description starts with the given text (descriptions name each function). */
export function functionByDescription(template: Template, prefix: string): { id: string; Properties: Record<string, any> } {
  const found = Object.entries(template.findResources('AWS::Lambda::Function') as Resources).filter(([, r]) =>
    String(r.Properties?.Description ?? '').startsWith(prefix),
  );
  if (found.length !== 1) throw new Error(`expected one function described "${prefix}...", found ${found.length}`);
  return { id: found[0]![0], Properties: found[0]![1].Properties as Record<string, any> };
}

export interface PolicyStatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}

/** Every statement of the inline policies attached to the role with this logical id. */
export function statementsOfRole(template: Template, roleId: string): PolicyStatementJson[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties?.Roles as unknown[] | undefined)?.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
  );
  return policies.flatMap((p) => (p.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
