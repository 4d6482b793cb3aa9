import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SnsSmsSender } from '../../../../functions/adapters/sns/sns-sms-sender';
import { DeliveryFailedError } from '../../../../functions/core/validation-codes/errors';

describe('SnsSmsSender (mocked SNS client)', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => sns.reset());

  const sms = { channel: 'SMS' as const, mobile: '919900000001', text: '482913 is your code' };

  it('publishes a transactional SMS to the E.164 number, without optional attributes when unset', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const sender = new SnsSmsSender({ client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    await sender.send(sms);

    // Assess
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+919900000001',
      Message: '482913 is your code',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('adds the sender ID and origination number when configured', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const sender = new SnsSmsSender({ client: new SNSClient({ region: 'eu-west-1' }), senderId: 'ACME', originationNumber: '+447700900001' });

    // Act
    await sender.send(sms);

    // Assess
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'ACME' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+447700900001' },
    });
  });

  it.each([
    ['throttling', new SNSServiceException({ name: 'ThrottledException', $fault: 'client', $metadata: {}, message: 'Rate exceeded' })],
    ['opted-out or invalid number', new SNSServiceException({ name: 'InvalidParameterException', $fault: 'client', $metadata: {}, message: 'Invalid parameter: PhoneNumber +919900000001' })],
    ['a network error', Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' })],
  ])('turns %s into a DeliveryFailedError that does not repeat the number', async (_, error) => {
    // Prepare
    sns.on(PublishCommand).rejects(error);
    const sender = new SnsSmsSender({ client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    const sending = sender.send(sms);

    // Assess
    await expect(sending).rejects.toBeInstanceOf(DeliveryFailedError);
    await expect(sending).rejects.toMatchObject({ message: expect.not.stringContaining('9900000001'), cause: error });
  });

  it('refuses a message for another channel instead of publishing it', async () => {
    // Prepare
    const sender = new SnsSmsSender({ client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    const sending = sender.send({ channel: 'MISSED_CALL', mobile: '919900000001', code: '482913' });

    // Assess
    await expect(sending).rejects.toThrow(TypeError);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});
