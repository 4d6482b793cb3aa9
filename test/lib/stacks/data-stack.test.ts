import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataStack } from '../../../lib/stacks/data-stack';
import { onlyResource, testApp, testConfig } from '../../support/cdk-test-app';

/** The data stack has no functions, so it synthesizes without bundling. */
function dataTemplate(overrides: Parameters<typeof testConfig>[0] = {}): Template {
  const app = testApp();
  return Template.fromStack(new DataStack(app, 'Data', { config: testConfig(overrides) }));
}

describe('data stack', () => {
  let template: Template;
  beforeAll(() => {
    template = dataTemplate();
  });

  it('keys the one table on pk/sk strings, on demand, with no secondary index', () => {
    const table = onlyResource(template, 'AWS::DynamoDB::Table');

    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.LocalSecondaryIndexes).toBeUndefined();
  });

  it('protects the table: point-in-time recovery, deletion protection, retained on stack delete', () => {
    const table = onlyResource(template, 'AWS::DynamoDB::Table');

    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('encrypts with KMS (the AWS managed key) and expires items on expiresAt', () => {
    const table = onlyResource(template, 'AWS::DynamoDB::Table');

    // SSEEnabled without a key id is SSE-KMS with aws/dynamodb (false or absent would be the AWS owned key).
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('has Secrets Manager generate the 64-character OTP HMAC key and retains it', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret', {
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
    });

    expect(Object.values(secrets)).toHaveLength(1);
    expect(Object.values(secrets)[0]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('never puts a secret value in the template', () => {
    template.allResourcesProperties('AWS::SecretsManager::Secret', { SecretString: Match.absent(), GenerateSecretString: Match.anyValue() });
  });

  it('creates a placeholder missed-call secret when config names none', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('missed-call provider API key'),
    });
  });

  it('references an existing missed-call secret by name instead of creating one', () => {
    const withNamedSecret = dataTemplate({ missedCallSecretName: 'points/prod/missed-call' });

    withNamedSecret.resourceCountIs('AWS::SecretsManager::Secret', 1);
    withNamedSecret.hasOutput('MissedCallSecretArn', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':secret:points/prod/missed-call$')])] },
    });
  });

  it('outputs the table name for the import script', () => {
    const table = onlyResource(template, 'AWS::DynamoDB::Table');

    template.hasOutput('TableName', { Value: { Ref: table.id } });
  });
});
