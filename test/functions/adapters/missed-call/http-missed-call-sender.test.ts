import { createServer, type Server } from 'node:http';
import { HttpMissedCallSender } from '../../../../functions/adapters/missed-call/http-missed-call-sender';
import { DeliveryFailedError } from '../../../../functions/core/validation-codes/errors';
import { startMissedCallProvider, type MissedCallProvider } from '../../../../local/missed-call-provider';
import { Outbox } from '../../../../local/outbox';

describe('HttpMissedCallSender against the local missed-call provider', () => {
  let outbox: Outbox;
  let provider: MissedCallProvider;

  beforeEach(async () => {
    outbox = new Outbox();
    provider = await startMissedCallProvider({ outbox, apiKey: 'provider-key' });
  });
  afterEach(() => provider.close());

  const call = { channel: 'MISSED_CALL' as const, mobile: '919900000001', code: '482913' };

  it('places a flash call whose calling number ends in the code', async () => {
    // Prepare
    const sender = new HttpMissedCallSender({ baseUrl: `${provider.url}/`, apiKey: 'provider-key', timeoutMs: 2000 });

    // Act
    await sender.send(call);

    // Assess
    expect(provider.received).toEqual([{ to: '+919900000001', callerIdSuffix: '482913', authorized: true, outcome: 'placed' }]);
    expect(outbox.list()).toEqual([
      { channel: 'MISSED_CALL', destination: '+919900000001', callerNumber: '+1555000482913', sentAt: expect.any(String) },
    ]);
  });

  it('fails when the provider answers 5xx', async () => {
    // Prepare
    provider.setMode('fail');
    const sender = new HttpMissedCallSender({ baseUrl: provider.url, apiKey: 'provider-key' });

    // Act
    const sending = sender.send(call);

    // Assess
    await expect(sending).rejects.toEqual(new DeliveryFailedError('missed-call provider answered 503'));
    await expect(sending).rejects.toMatchObject({ outcome: 'not-sent' });
    expect(outbox.list()).toEqual([]);
  });

  it('fails when the provider refuses the credential', async () => {
    // Prepare
    const sender = new HttpMissedCallSender({ baseUrl: provider.url, apiKey: 'wrong-key' });

    // Act
    const sending = sender.send(call);

    // Assess
    await expect(sending).rejects.toEqual(new DeliveryFailedError('missed-call provider answered 401'));
    await expect(sending).rejects.toMatchObject({ outcome: 'not-sent' });
    expect(provider.received).toMatchObject([{ authorized: false, outcome: 'rejected' }]);
  });

  it('gives up on a provider that does not answer within the timeout', async () => {
    // Prepare
    provider.setMode('hang');
    const sender = new HttpMissedCallSender({ baseUrl: provider.url, apiKey: 'provider-key', timeoutMs: 200 });

    // Act
    const sending = sender.send(call);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'DeliveryFailedError', message: 'missed-call provider timed out after 200 ms' });
    await expect(sending).rejects.toMatchObject({ outcome: 'unknown' });
    expect(provider.received).toMatchObject([{ outcome: 'hung' }]);
    expect(outbox.list()).toEqual([]);
  });

  it('fails when nothing listens at the address', async () => {
    // Prepare
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = new HttpMissedCallSender({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'provider-key', timeoutMs: 1000 });

    // Act
    const sending = sender.send(call);

    // Assess
    await expect(sending).rejects.toEqual(new DeliveryFailedError('missed-call provider unreachable'));
    await expect(sending).rejects.toMatchObject({ outcome: 'not-sent' });
  });
});
