import { ConfigError, loadStageConfig, parseStageConfig } from '../../lib/config';
import { cdkJsonContext, testConfig } from '../support/cdk-test-app';

const contextOf = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });

function errorMessageOf(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('stage configuration', () => {
  it('accepts both stages committed in cdk.json', () => {
    // Prepare
    const context = cdkJsonContext();

    // Act
    const dev = loadStageConfig(contextOf({ ...context, stage: 'dev' }));
    const prod = loadStageConfig(contextOf({ ...context, stage: 'prod' }));

    // Assess
    expect(dev.stageName).toBe('dev');
    expect(prod.stageName).toBe('prod');
    expect(prod.requirePartnerApiKeys).toBe(true);
    expect(prod.dataStackTerminationProtection).toBe(true);
  });

  it('uses the dev stage when no -c stage is given', () => {
    const config = loadStageConfig(contextOf(cdkJsonContext()));

    expect(config.stageName).toBe('dev');
  });

  it('fills in defaults for optional settings', () => {
    const config = testConfig();

    expect(config).toMatchObject({
      stageName: 'test',
      missedCallTimeoutMs: 2000,
      logRetentionDays: 30,
      rulesCacheTtlSeconds: 30,
      authorizerCacheTtlSeconds: 300,
      requirePartnerApiKeys: false,
      logLevel: 'INFO',
    });
  });

  it('names the unknown stage and the stages that exist', () => {
    const load = () => loadStageConfig(contextOf({ ...cdkJsonContext(), stage: 'qa' }));

    expect(load).toThrow(ConfigError);
    expect(load).toThrow('Unknown stage "qa": cdk.json context "stages" defines dev, prod');
  });

  it('lists every invalid setting with its path', () => {
    const message = errorMessageOf(() =>
      parseStageConfig('prod', {
        allowedSmsCountryCodes: ['+91'],
        smsSenderId: 'TOO-LONG-SENDER',
        missedCallBaseUrl: 'http://plain.example.com',
        throttling: { rateLimit: 'fast', burstLimit: 10 },
        partnerThrottling: { rateLimit: 5, burstLimit: 10 },
        smsMonthlySpendAlarmUsd: 10,
        logRetentionDays: 10,
      }),
    );

    expect(message).toContain('Invalid configuration for stage "prod" (cdk.json context "stages.prod")');
    expect(message).toContain('allowedSmsCountryCodes.0: must be a country calling code');
    expect(message).toContain('smsSenderId: must be 1 to 11 letters or digits');
    expect(message).toContain('missedCallBaseUrl: must use https');
    expect(message).toContain('throttling.rateLimit:');
    expect(message).toContain('logRetentionDays: must be one of');
  });

  it('rejects a misspelt key instead of ignoring it', () => {
    expect(() => testConfig({ smsSenderID: 'POINTS' } as never)).toThrow(/smsSenderID/);
  });

  it('refuses a stageName that differs from its key', () => {
    expect(() => parseStageConfig('prod', { ...testConfig(), stageName: 'dev' })).toThrow('stageName "dev" must equal the key "prod"');
  });

  it('keeps the missed-call time limit well under the OTP function timeout', () => {
    expect(testConfig({ missedCallTimeoutMs: 4000 }).missedCallTimeoutMs).toBe(4000);
    expect(() => testConfig({ missedCallTimeoutMs: 4001 })).toThrow(/missedCallTimeoutMs: must be <= 4000 \(.*OTP function's 6 s timeout\)/);
  });
});
