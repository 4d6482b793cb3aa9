import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadStageConfig } from '../../lib/config';
import { addPointsRedemptionStacks } from '../../lib/points-redemption';
import { cdkJsonContextWithProdFilledIn, functionByDescription, PROD_FILLED_IN, PROJECT_ROOT, WITHOUT_BUNDLING } from '../support/cdk-test-app';

describe('synthesizing the prod stage', () => {
  it('refuses `cdk synth -c stage=prod` of the committed template, naming each placeholder, and writes no template', () => {
    // Prepare
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'points-synth-'));

    // Act
    const run = spawnSync('npx', ['cdk', 'synth', '-c', 'stage=prod', '--no-notices', '-o', outdir], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true' },
      timeout: 60_000,
    });

    // Assess
    const output = `${run.stdout}${run.stderr}`;
    const templates = fs.readdirSync(outdir).filter((file) => file.endsWith('.template.json'));
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(run.status).not.toBe(0);
    expect(output).toContain('Stage "prod" is a production stage');
    for (const setting of ['account', 'region', 'alarmEmail', 'missedCallBaseUrl']) {
      expect(output).toContain(`  - ${setting}: `);
    }
    expect(templates).toEqual([]);
  });

  it('synthesizes prod, with the AWS Solutions checks, once the placeholders are filled in', () => {
    // Prepare: what lib/app.ts does, with the platform team's values in cdk.json.
    const app = new App({ context: { ...cdkJsonContextWithProdFilledIn(), stage: 'prod', ...WITHOUT_BUNDLING }, builtinCloudFormationValidation: false });
    const stacks = addPointsRedemptionStacks(app, loadStageConfig(app.node));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    app.synth();
    const service = Template.fromStack(stacks.service);

    // Assess
    expect(stacks.service.account).toBe(PROD_FILLED_IN.account);
    expect(stacks.service.region).toBe(PROD_FILLED_IN.region);
    service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: PROD_FILLED_IN.alarmEmail });
    expect(functionByDescription(service, 'Points redemption: issues').Properties.Environment.Variables.MISSED_CALL_BASE_URL).toBe(
      PROD_FILLED_IN.missedCallBaseUrl,
    );
  });
});
