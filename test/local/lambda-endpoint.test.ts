import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaValidationCodes } from '../../functions/adapters/lambda-invoke/lambda-validation-codes';
import { ValidationCodesUnavailableError } from '../../functions/core/validation-codes/errors';
import { startLambdaEndpoint, type LambdaEndpoint } from '../../local/lambda-endpoint';
import { otpRules } from '../support/validation-code-fakes';

/** The local Invoke stand-in answers as Lambda does, timeouts included. */
describe('local Lambda Invoke stand-in', () => {
  let endpoint: LambdaEndpoint;
  let client: LambdaClient;
  const remaining: number[] = [];

  beforeAll(async () => {
    endpoint = await startLambdaEndpoint({
      functions: {
        slow: {
          timeoutMs: 200,
          handler: async () => {
            await sleep(1_000);
            return { kind: 'issued', channel: 'SMS', expiresAt: 1 };
          },
        },
        quick: {
          timeoutMs: 6_000,
          handler: async (_event, context) => {
            remaining.push(context.getRemainingTimeInMillis());
            return { ok: true };
          },
        },
      },
    });
    client = new LambdaClient({ endpoint: endpoint.url, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  const invoke = (functionName: string) =>
    client.send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode('{}') }));

  it("answers a function still running at its timeout as Lambda does, at the timeout: Unhandled, Sandbox.Timedout", async () => {
    // Act
    const started = Date.now();
    const output = await invoke('slow');
    const elapsed = Date.now() - started;

    // Assess
    expect(output.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(output.Payload))).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: \S+ Error: Task timed out after 0\.20 seconds$/),
      trace: [],
    });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(900);
  });

  it("tells a handler the time left of its function's own timeout", async () => {
    // Act
    const output = await invoke('quick');

    // Assess
    expect(output.FunctionError).toBeUndefined();
    expect(remaining.at(-1)).toBeGreaterThan(5_000);
    expect(remaining.at(-1)).toBeLessThanOrEqual(6_000);
  });

  it('keeps the timeout given at registration', async () => {
    // Prepare
    endpoint.register('registered-slow', async () => sleep(1_000), { timeoutMs: 100 });

    // Act
    const output = await invoke('registered-slow');

    // Assess
    expect(JSON.parse(new TextDecoder().decode(output.Payload))).toMatchObject({ errorType: 'Sandbox.Timedout' });
  });

  it('makes a timed-out validation-codes function an unreachable issue and an unavailable verify', async () => {
    // Prepare
    const codes = new LambdaValidationCodes({ client, functionName: 'slow' });
    const binding = { orgId: 'acme', customerId: 1, programId: 1, points: 10, otp: otpRules() };

    // Act
    const issued = await codes.issue({ ...binding, channel: 'SMS', mobile: '919900000001', programName: 'Club' });
    const verifying = await codes.verify({ ...binding, code: '123456' }).catch((error: unknown) => error);

    // Assess
    expect(issued).toEqual({ kind: 'failed', reason: 'unreachable' });
    expect(verifying).toBeInstanceOf(ValidationCodesUnavailableError);
    expect(verifying).toMatchObject({ message: 'the validation-codes function failed (Unhandled)' });
  });
});
