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
    expect(endpoint.received.map((publish) => publish.outcome)).toEqual(['failed']);
    expect(outbox.list()).toEqual([]);
  });
});
