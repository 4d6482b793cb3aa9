import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, loadStageConfig, type StageConfig } from './config';
import { addPointsRedemptionStacks } from './points-redemption';

const app = new App();

let config: StageConfig;
try {
  config = loadStageConfig(app.node);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

addPointsRedemptionStacks(app, config);
// Every synth runs the AWS Solutions checks: an unacknowledged finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
