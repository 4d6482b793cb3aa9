import { ConfigError, loadStageConfig, parseStageConfig } from '../../lib/config';
import { cdkJsonContext, cdkJsonContextWithProdFilledIn, PROD_FILLED_IN, testConfig } from '../support/cdk-test-app';

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
  it('accepts the dev stage committed in cdk.json, and the prod stage once its placeholders are filled in', () => {
    // Prepare
    const context = cdkJsonContextWithProdFilledIn();

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

  it("limits each IP, by default, to one partner key's rate for 5 minutes, and logs no WAF requests", () => {
    expect(testConfig({ partnerThrottling: { rateLimit: 10, burstLimit: 20 } }).waf).toEqual({ rateLimitPerIpPer5Minutes: 3000, logBlockedRequests: false });
    expect(testConfig({ partnerThrottling: { rateLimit: 1.5, burstLimit: 3 } }).waf.rateLimitPerIpPer5Minutes).toBe(450);
  });

  it('takes the per-IP limit and WAF logging from the stage, within what AWS WAF accepts', () => {
    expect(testConfig({ waf: { rateLimitPerIpPer5Minutes: 15000, logBlockedRequests: true } }).waf).toEqual({ rateLimitPerIpPer5Minutes: 15000, logBlockedRequests: true });
    expect(() => testConfig({ waf: { rateLimitPerIpPer5Minutes: 9 } })).toThrow("waf.rateLimitPerIpPer5Minutes: must be >= 10 (AWS WAF's minimum)");
    expect(() => testConfig({ waf: { rateLimitPerIpPer5Minutes: 100.5 } })).toThrow('waf.rateLimitPerIpPer5Minutes: must be a whole number');
    expect(() => testConfig({ waf: { rateLimitPerIpPer5Minute: 100 } as never })).toThrow(/rateLimitPerIpPer5Minute/);
  });

  it('takes the adjustments queue’s receives, concurrency and optional bus from the stage, within what SQS and Lambda accept', () => {
    expect(testConfig().adjustments).toEqual({ maxReceiveCount: 5, maxConcurrency: 5 });
    expect(testConfig({ adjustments: { maxReceiveCount: 10, eventBusName: 'loyalty-events', eventSources: ['acme.purchases'] } }).adjustments).toEqual({
      maxReceiveCount: 10,
      maxConcurrency: 5,
      eventBusName: 'loyalty-events',
      eventSources: ['acme.purchases'],
    });
    expect(() => testConfig({ adjustments: { maxReceiveCount: 0 } })).toThrow('adjustments.maxReceiveCount: must be >= 1');
    expect(() => testConfig({ adjustments: { maxConcurrency: 1 } })).toThrow('adjustments.maxConcurrency: must be >= 2');
    expect(() => testConfig({ adjustments: { eventBusName: 'no spaces' } })).toThrow('adjustments.eventBusName: must be an event bus name');
    expect(() => testConfig({ adjustments: { eventSources: [] } })).toThrow('adjustments.eventSources: must list at least one source');
    expect(() => testConfig({ adjustments: { maxRecieveCount: 3 } as never })).toThrow(/maxRecieveCount/);
  });

  it('keeps the missed-call time limit well under the OTP function timeout', () => {
    expect(testConfig({ missedCallTimeoutMs: 4000 }).missedCallTimeoutMs).toBe(4000);
    expect(() => testConfig({ missedCallTimeoutMs: 4001 })).toThrow(/missedCallTimeoutMs: must be <= 4000 \(.*OTP function's 6 s timeout\)/);
  });
});

describe('production stages refuse placeholders', () => {
  /** A stage marked production, with real-looking values, and the overrides under test. */
  const productionStage = (overrides: Record<string, unknown> = {}) => testConfig({ production: true, ...PROD_FILLED_IN, ...overrides } as never);

  it('refuses the committed prod stage, naming each setting still to fill in', () => {
    const message = errorMessageOf(() => loadStageConfig(contextOf({ ...cdkJsonContext(), stage: 'prod' })));
    const settings = message
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4, line.indexOf(':')));

    expect(message).toContain('Stage "prod" is a production stage and cdk.json context "stages.prod" still holds template values');
    expect(settings).toEqual(['account', 'region', 'alarmEmail', 'missedCallBaseUrl']);
    expect(message).toContain('account: "123456789012" is an example account id');
    expect(message).toContain('alarmEmail: missing');
    expect(message).toContain('missedCallBaseUrl: "https://missed-call.example.com/v1": example.com is reserved for documentation');
  });

  it('keeps the committed dev stage deployable with its example values', () => {
    const dev = loadStageConfig(contextOf({ ...cdkJsonContext(), stage: 'dev' }));

    expect(dev.production).toBe(false);
    expect(dev.missedCallBaseUrl).toBe('https://missed-call.example.com/v1');
  });

  it('makes "prod" a production stage without the flag, and refuses to turn it off', () => {
    const { stageName: _stageName, production: _production, ...settings } = testConfig();
    const raw = { ...settings, ...PROD_FILLED_IN };

    expect(parseStageConfig('prod', raw).production).toBe(true);
    expect(() => parseStageConfig('prod', { ...raw, missedCallBaseUrl: 'https://calls.example.net' })).toThrow(/missedCallBaseUrl: .*example\.net is reserved/);
    expect(errorMessageOf(() => parseStageConfig('prod', { ...raw, production: false }))).toContain('production: the "prod" stage is always a production stage');
  });

  it('accepts a production stage with real-looking values', () => {
    const config = productionStage({ smsOriginationNumber: '+919820012345', missedCallSecretName: 'points/live/missed-call', tags: { Owner: 'loyalty-platform', Note: 'replaces the legacy check' } });

    expect(config.production).toBe(true);
    expect(config.account).toBe(PROD_FILLED_IN.account);
  });

  it('does not check stages that are not production', () => {
    expect(testConfig({ missedCallBaseUrl: 'https://localhost/v1', alarmEmail: 'me@example.com' }).production).toBe(false);
  });

  it.each([
    ['missedCallBaseUrl', 'https://api.example.org/v1', 'example.org is reserved for documentation'],
    ['missedCallBaseUrl', 'https://provider.invalid/v1', '.invalid is a reserved top-level name'],
    ['missedCallBaseUrl', 'https://provider.test', '.test is a reserved top-level name'],
    ['missedCallBaseUrl', 'https://provider.example/v1', '.example is a reserved top-level name'],
    ['missedCallBaseUrl', 'https://localhost:8443/v1', 'localhost is this machine'],
    ['missedCallBaseUrl', 'https://127.0.0.1/v1', 'loopback address'],
    ['missedCallBaseUrl', 'https://192.0.2.10/v1', 'documentation address block'],
    ['missedCallBaseUrl', 'https://REPLACE-ME.provider.in/v1', 'reads as a placeholder'],
    ['alarmEmail', 'oncall@Example.COM', 'example.com is reserved'],
    ['alarmEmail', 'todo@loyalty-platform.co.in', 'reads as a placeholder'],
    ['account', '111122223333', 'example account id from the AWS documentation'],
    ['smsOriginationNumber', '+14155550100', 'range reserved for fiction'],
    ['smsOriginationNumber', '+447700900123', 'range reserved for fiction'],
    ['smsSenderId', 'TODO', 'reads as a placeholder'],
    ['missedCallSecretName', 'points/CHANGE_ME/missed-call', 'reads as a placeholder'],
  ])('refuses %s %s', (setting, value, reason) => {
    const message = errorMessageOf(() => productionStage({ [setting]: value }));

    expect(message).toContain(`  - ${setting}: `);
    expect(message).toContain(reason);
  });

  it('refuses a placeholder in a nested setting, naming its path', () => {
    expect(errorMessageOf(() => productionStage({ tags: { Owner: 'PLACEHOLDER' } }))).toContain('  - tags.Owner: "PLACEHOLDER" reads as a placeholder');
  });

  it('refuses a production stage without account, region or alarm email', () => {
    const { account: _account, region: _region, alarmEmail: _alarmEmail, ...withoutThem } = PROD_FILLED_IN;
    const message = errorMessageOf(() => testConfig({ production: true, ...withoutThem } as never));

    expect(message).toContain('  - account: missing');
    expect(message).toContain('  - region: missing');
    expect(message).toContain('  - alarmEmail: missing');
  });

  it('does not mistake real names that merely contain a reserved word', () => {
    const config = productionStage({ missedCallBaseUrl: 'https://api.notexample.com/v1', alarmEmail: 'ops@examples.in', tags: { Team: 'todos-and-replacements' } });

    expect(config.missedCallBaseUrl).toBe('https://api.notexample.com/v1');
  });
});
