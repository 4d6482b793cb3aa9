import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { ValidationCodes } from '../../../functions/core/ports/validation-codes';
import { makeValidationCodesHandler } from '../../../functions/handlers/validation-codes-handler';
import { otpRules } from '../../support/validation-code-fakes';

const context = {
  functionName: 'validation-codes',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:validation-codes',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 5000,
} as Context;

const issueEvent = {
  operation: 'issue',
  orgId: 'acme',
  customerId: 42,
  programId: 7,
  points: 100,
  channel: 'SMS',
  mobile: '919900001234',
  programName: 'Rewards',
  otp: otpRules(),
};
const verifyEvent = { operation: 'verify', orgId: 'acme', customerId: 42, programId: 7, points: 100, code: '482913', otp: otpRules() };

function setup(codes: Partial<ValidationCodes> = {}) {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const validationCodes: jest.Mocked<ValidationCodes> = {
    issue: jest.fn().mockResolvedValue({ kind: 'issued', channel: 'SMS', expiresAt: 1 }),
    verify: jest.fn().mockResolvedValue({ kind: 'valid', codeId: 'c1' }),
    ...codes,
  } as jest.Mocked<ValidationCodes>;
  const logger = new Logger({ serviceName: 'validation-codes-test', logLevel: 'INFO' });
  const metrics = new Metrics({ namespace: 'Test', serviceName: 'validation-codes-test' });
  const addMetric = jest.spyOn(metrics, 'addMetric');
  const output: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  }
  const handler = makeValidationCodesHandler({ validationCodes, logger, metrics });
  return { handler, validationCodes, logger, addMetric, output };
}

describe('validation-codes handler', () => {
  afterEach(() => jest.restoreAllMocks());

  it('issues with the event minus its operation and counts OtpIssued', async () => {
    // Prepare
    const { handler, validationCodes, addMetric } = setup();

    // Act
    const reply = await handler(issueEvent, context);

    // Assess
    expect(reply).toEqual({ kind: 'issued', channel: 'SMS', expiresAt: 1 });
    const { operation: _, ...request } = issueEvent;
    expect(validationCodes.issue).toHaveBeenCalledWith(request);
    expect(addMetric).toHaveBeenCalledWith('OtpIssued', 'Count', 1);
  });

  it('counts OtpDeliveryFailed when the message could not be delivered', async () => {
    // Prepare
    const { handler, addMetric } = setup({ issue: jest.fn().mockResolvedValue({ kind: 'failed', reason: 'delivery-failed' }) });

    // Act
    const reply = await handler(issueEvent, context);

    // Assess
    expect(reply).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(addMetric).toHaveBeenCalledWith('OtpDeliveryFailed', 'Count', 1);
    expect(addMetric).not.toHaveBeenCalledWith('OtpIssued', 'Count', 1);
  });

  it('verifies and replies with the result', async () => {
    // Prepare
    const { handler, validationCodes } = setup({ verify: jest.fn().mockResolvedValue({ kind: 'invalid', reason: 'wrong' }) });

    // Act
    const reply = await handler(verifyEvent, context);

    // Assess
    expect(reply).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(validationCodes.verify).toHaveBeenCalledWith(expect.objectContaining({ code: '482913', points: 100 }));
  });

  it('logs masked numbers only and never the code', async () => {
    // Prepare
    const { handler, output } = setup();

    // Act
    await handler(issueEvent, context);
    await handler(verifyEvent, context);

    // Assess
    const logs = output.join('');
    expect(logs).toContain('********1234');
    expect(logs).not.toContain('919900001234');
    expect(logs).not.toContain('482913');
  });

  it.each([
    ['no operation', { ...issueEvent, operation: undefined }, 'operation'],
    ['an unknown operation', { ...issueEvent, operation: 'redeem' }, 'operation'],
    ['points that are not a whole number', { ...issueEvent, points: 1.5 }, 'points'],
    ['a code of the wrong type', { ...verifyEvent, code: 482913 }, 'code'],
    ['incomplete OTP rules', { ...verifyEvent, otp: { length: 6 } }, 'otp.'],
    ['not an object', 'issue', 'event'],
  ])('replies invalid-event for %s, naming the field but not the value', async (_, event, field) => {
    // Prepare
    const { handler, validationCodes, addMetric } = setup();

    // Act
    const reply = await handler(event, context);

    // Assess
    expect(reply).toEqual({ ok: false, error: 'invalid-event', message: expect.stringContaining(field) });
    expect(JSON.stringify(reply)).not.toContain('482913');
    expect(validationCodes.issue).not.toHaveBeenCalled();
    expect(validationCodes.verify).not.toHaveBeenCalled();
    expect(addMetric).toHaveBeenCalledWith('OtpInvalidEvent', 'Count', 1);
  });

  it('logs why an event was refused under a key of its own, which the log line keeps', async () => {
    // Prepare
    const { handler, output } = setup();

    // Act
    await handler({ ...issueEvent, points: 1.5 }, context);

    // Assess
    const warning = output
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((record) => record.level === 'WARN');
    expect(warning).toMatchObject({ message: 'invalid validation-codes event', problem: expect.stringContaining('points: expected') });
  });

  it('lets a verify failure through as a function error', async () => {
    // Prepare
    const { handler } = setup({ verify: jest.fn().mockRejectedValue(new Error('store throttled')) });

    // Act
    const invocation = handler(verifyEvent, context);

    // Assess
    await expect(invocation).rejects.toThrow('store throttled');
  });
});

describe('validation-codes metrics, as CloudWatch receives them', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.POWERTOOLS_METRICS_DISABLED;
  });

  it('OtpDeliveryFailed carries the service dimension only, the one its alarm watches', async () => {
    // Prepare
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const emitted: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        emitted.push(String(chunk));
        return true;
      });
    }
    const handler = makeValidationCodesHandler({
      validationCodes: {
        issue: jest.fn().mockResolvedValue({ kind: 'failed', reason: 'delivery-failed' }),
        verify: jest.fn(),
      },
      logger: new Logger({ serviceName: 'points-redemption-prod', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'PointsRedemption', serviceName: 'points-redemption-prod' }),
    });

    // Act
    await handler(issueEvent, context);

    // Assess
    const emf = emitted
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] }; service: string; channel?: string });
    const failed = emf.find((record) => record._aws.CloudWatchMetrics[0]!.Metrics.some((m) => m.Name === 'OtpDeliveryFailed'));
    expect(failed).toBeDefined();
    expect(failed!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'PointsRedemption', Dimensions: [['service']] });
    expect(failed!.service).toBe('points-redemption-prod');
    expect(failed!.channel).toBe('SMS');
  });
});
