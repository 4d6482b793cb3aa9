import type { App, Environment } from 'aws-cdk-lib';
import type { StageConfig } from './config';
import { DataStack } from './stacks/data-stack';
import { ServiceStack } from './stacks/service-stack';

export interface PointsRedemptionStacks {
  readonly data: DataStack;
  readonly service: ServiceStack;
}

/** Both stacks of one stage: `PointsRedemption-<stage>-Data` and `PointsRedemption-<stage>-Service`. */
export function addPointsRedemptionStacks(app: App, config: StageConfig): PointsRedemptionStacks {
  const prefix = `PointsRedemption-${config.stageName}`;
  const env: Environment = {
    account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: config.region ?? process.env.CDK_DEFAULT_REGION,
  };
  // Stack-level tags: CloudFormation propagates them to every resource that supports tags.
  const tags = { ...config.tags, Project: 'PointsRedemption', Stage: config.stageName };

  const data = new DataStack(app, `${prefix}-Data`, {
    stackName: `${prefix}-Data`,
    description: `Points redemption (${config.stageName}): table and secrets, retained on delete`,
    env,
    tags,
    terminationProtection: config.dataStackTerminationProtection,
    config,
  });

  const service = new ServiceStack(app, `${prefix}-Service`, {
    stackName: `${prefix}-Service`,
    description: `Points redemption (${config.stageName}): functions, API and alarms`,
    env,
    tags,
    config,
    table: data.table,
    otpHmacSecret: data.otpHmacSecret,
    missedCallSecret: data.missedCallSecret,
  });
  service.addStackDependency(data);

  return { data, service };
}
