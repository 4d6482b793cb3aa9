import { Logger } from '@aws-lambda-powertools/logger';
import { logServiceEvent } from '../../../functions/config/validation-code-service-log';
import { DeliveryFailedError } from '../../../functions/core/validation-codes/errors';

describe('logServiceEvent', () => {
  afterEach(() => jest.restoreAllMocks());

  function capturedLogger() {
    const output: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        output.push(String(chunk));
        return true;
      });
    }
    return { logger: new Logger({ serviceName: 'validation-codes-test', logLevel: 'INFO' }), output };
  }

  it('logs our delivery error messages but only the name of foreign errors', () => {
    // Prepare
    const { logger, output } = capturedLogger();

    // Act
    logServiceEvent(logger, { type: 'delivery-failed', channel: 'SMS', error: new DeliveryFailedError('missed-call provider answered 503') });
    logServiceEvent(logger, { type: 'delivery-failed', channel: 'SMS', error: new Error('rejected +919900001234 code 482913') });

    // Assess
    const logs = output.join('');
    expect(logs).toContain('missed-call provider answered 503');
    expect(logs).not.toContain('919900001234');
    expect(logs).not.toContain('482913');
  });
});
