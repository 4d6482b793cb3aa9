import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsSmsSender } from '../../../../functions/adapters/sns/sns-sms-sender';
import { DeliveryFailedError } from '../../../../functions/core/validation-codes/errors';
import { Outbox } from '../../../../local/outbox';
import { startSnsEndpoint, type SnsEndpoint } from '../../../../local/sns-endpoint';

describe('SnsSmsSender with the real SNS client against the local SNS endpoint', () => {
  let outbox: Outbox;
  let endpoint: SnsEndpoint;
  let client: SNSClient;

  beforeEach(async () => {
    outbox = new Outbox();
    endpoint = await startSnsEndpoint({ outbox });
    client = new SNSClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('publishes the SMS in E.164 as Transactional with the configured sender ID', async () => {
    // Prepare
    const sender = new SnsSmsSender({ client, senderId: 'ACME', originationNumber: '+447700900001' });

    // Act
    await sender.send({ channel: 'SMS', mobile: '919900000001', text: '482913 is your code' });

    // Assess
    expect(endpoint.received).toEqual([
      {
        phoneNumber: '+919900000001',
        message: '482913 is your code',
        attributes: {
          'AWS.SNS.SMS.SMSType': 'Transactional',
          'AWS.SNS.SMS.SenderID': 'ACME',
          'AWS.MM.SMS.OriginationNumber': '+447700900001',
        },
        outcome: 'accepted',
      },
    ]);
    expect(outbox.list()).toEqual([
      { channel: 'SMS', destination: '+919900000001', text: '482913 is your code', sentAt: expect.any(String) },
    ]);
  });

  it('reports a number SNS rejects (InvalidParameter) as a delivery failure', async () => {
    // Prepare
    const sender = new SnsSmsSender({ client });

    // Act
    const sending = sender.send({ channel: 'SMS', mobile: '12', text: 'x' });

    // Assess
    await expect(sending).rejects.toBeInstanceOf(DeliveryFailedError);
    await expect(sending).rejects.toMatchObject({ cause: { name: 'InvalidParameterException' } });
    expect(outbox.list()).toEqual([]);
  });

  it('reports a service failure as a delivery failure and records nothing as sent', async () => {
    // Prepare
    const sender = new SnsSmsSender({ client });
    endpoint.failNext(1, { status: 400, code: 'Throttling', message: 'Rate exceeded' });

    // Act
    const sending = sender.send({ channel: 'SMS', mobile: '919900000001', text: '482913 is your code' });

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'DeliveryFailedError', message: expect.stringContaining('Throttling') });
    await expect(sending).rejects.toMatchObject({ outcome: 'not-sent' });
    expect(endpoint.received.map((publish) => publish.outcome)).toEqual(['failed']);
    expect(outbox.list()).toEqual([]);
  });

  it('says a message SNS refused was not sent, also when every retry was refused', async () => {
    // Prepare
    const retrying = new SNSClient({ endpoint: endpoint.url, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 2 });
    const sender = new SnsSmsSender({ client: retrying });
    endpoint.failNext(2);

    // Act
    const sending = sender.send({ channel: 'SMS', mobile: '919900000001', text: '482913 is your code' });

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'DeliveryFailedError', outcome: 'not-sent' });
    expect(endpoint.received.map((publish) => publish.outcome)).toEqual(['failed', 'failed']);
    retrying.destroy();
  });

  it('says a message whose first attempt got no answer may have been sent, even when the retry was refused', async () => {
    // Prepare: the first Publish is never answered, the second is refused
    const requests: ServerResponse[] = [];
    const server = createServer((_request, response) => {
      requests.push(response);
      if (requests.length > 1) response.writeHead(500, { 'content-type': 'text/xml' }).end('<ErrorResponse><Error><Code>InternalError</Code><Message>x</Message></Error></ErrorResponse>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new SNSClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 2,
      requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
    });
    const sender = new SnsSmsSender({ client });

    // Act
    const sending = sender.send({ channel: 'SMS', mobile: '919900000001', text: '482913 is your code' }).catch((error: unknown) => error);
    const failure = await sending;

    // Assess
    expect(requests).toHaveLength(2);
    expect(failure).toMatchObject({ name: 'DeliveryFailedError', outcome: 'unknown' });
    client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
