import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from '../../lib/config';
import { addPointsRedemptionStacks } from '../../lib/points-redemption';
import { cdkJsonContextWithProdFilledIn, testConfig, WITHOUT_BUNDLING } from '../support/cdk-test-app';

interface Finding {
  readonly ruleId: string;
  readonly path: string;
}

interface Acknowledgement {
  readonly ruleId: string;
  readonly path: string;
  readonly reason: string;
}

/**
 * The committed dev and prod stages (prod with its placeholders filled in, as before a deploy), plus one
 * with every optional setting, in one app.
 */
function appWithEveryStage(): App {
  const context = cdkJsonContextWithProdFilledIn();
  const app = new App({ context: { ...context, ...WITHOUT_BUNDLING } });
  for (const stage of ['dev', 'prod']) {
    addPointsRedemptionStacks(app, loadStageConfig({ tryGetContext: (key) => (key === 'stage' ? stage : context[key]) }));
  }
  addPointsRedemptionStacks(
    app,
    testConfig({
      missedCallSecretName: 'points/test/missed-call',
      smsOriginationNumber: '+14155550100',
      alarmEmail: 'oncall@example.com',
      requirePartnerApiKeys: true,
      partnerThrottling: { rateLimit: 10, burstLimit: 20, quotaPerDay: 1000 },
      adjustments: { maxReceiveCount: 10, maxConcurrency: 20, eventBusName: 'loyalty-events', eventSources: ['acme.purchases'] },
    }),
  );
  return app;
}

/** What the AWS Solutions pack reports when acknowledgements are ignored. */
function rawFindings(app: App): Finding[] {
  const pack = new AwsSolutionsChecks(undefined as never);
  Object.assign(pack, { isAcknowledged: () => false });
  return pack.validateScope(app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({ ruleId: violation.ruleName, path: resource.constructPath ?? '' })),
  );
}

function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, value]) => ({
          ruleId: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason: typeof value === 'string' ? value : String((value as { reason?: string }).reason ?? ''),
        })),
      ),
  );
}

const covers = (ack: Acknowledgement, finding: Finding) =>
  ack.ruleId === finding.ruleId && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));

describe('AWS Solutions checks (cdk-nag)', () => {
  let app: App;
  beforeAll(() => {
    app = appWithEveryStage();
  });

  it('synthesizes every stage with the checks enabled', () => {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
  });

  it('acknowledges each finding with a reason a reviewer can check', () => {
    const acks = acknowledgements(app);
    const findings = rawFindings(app);

    expect(findings.filter((finding) => !acks.some((ack) => covers(ack, finding)))).toEqual([]);
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.filter((ack) => ack.reason.trim().length < 80)).toEqual([]);
  });

  it('keeps no stale acknowledgement (each one still matches a finding)', () => {
    const findings = rawFindings(app);

    expect(acknowledgements(app).filter((ack) => !findings.some((finding) => covers(ack, finding)))).toEqual([]);
  });

  it('finds a web ACL on every API stage (no "no WAF" finding to acknowledge)', () => {
    expect(rawFindings(app).filter((finding) => finding.ruleId === 'AwsSolutions-APIG3')).toEqual([]);
  });

  it('acknowledges only the reviewed rules', () => {
    const ids = new Set(acknowledgements(app).map((ack) => ack.ruleId));

    expect([...ids].sort()).toEqual([
      'AwsSolutions-APIG2',
      // The ANY methods that answer 405 from a mock integration (partner-api.ts: addMethodNotAllowed).
      'AwsSolutions-APIG4',
      'AwsSolutions-APIG6',
      'AwsSolutions-COG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
    ]);
  });
});
