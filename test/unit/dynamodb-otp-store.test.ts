import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbOtpStore } from '../../functions/adapters/dynamodb/dynamodb-otp-store';
import type { NewCode } from '../../functions/core/ports/otp-store';

/** The edges DynamoDB Local does not produce on demand: transaction conflicts. */
describe('DynamoDbOtpStore.saveNew (mocked client)', () => {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const dynamo = mockClient(documentClient);
  afterEach(() => dynamo.reset());

  const code: NewCode = {
    key: { orgId: 'acme', customerId: 1, programId: 1 },
    mobile: '919900000001',
    codeId: 'c1',
    codeHash: 'ab'.repeat(32),
    channel: 'SMS',
    issuedAt: 0,
    validUntil: 60_000,
    retainUntil: 60_000,
    replacesIssuedAtOrBefore: -30_000,
    day: '2099-01-01',
    maxPerDay: 5,
  };
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });

  it('retries a transaction cancelled by a conflicting write, then saves', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict', 'None')).resolves({});
    const store = new DynamoDbOtpStore({ documentClient, tableName: 't' });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'saved' });
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('answers from the conflicting retry when it finds a limit reached', async () => {
    // Prepare
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    const store = new DynamoDbOtpStore({ documentClient, tableName: 't' });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'daily-limit' });
  });

  it('gives up after maxConflictRetries and throws', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    const store = new DynamoDbOtpStore({ documentClient, tableName: 't', maxConflictRetries: 2 });

    // Act
    const saving = store.saveNew(code);

    // Assess
    await expect(saving).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });

  it('prefers daily-limit over cooldown when both conditions failed', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'));
    const store = new DynamoDbOtpStore({ documentClient, tableName: 't' });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'daily-limit' });
  });
});
