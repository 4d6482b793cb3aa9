import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import type { NewCode } from '../../../../functions/core/ports/validation-code-store';

const client = new DynamoDBClient({ region: 'eu-west-1' });
const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

/** The edges DynamoDB Local does not produce on demand: transaction conflicts. */
describe('DynamoDbValidationCodeStore.saveNew (mocked client)', () => {
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
    abandonsPendingIssuedAtOrBefore: -10_000,
    day: '2099-01-01',
    maxPerDay: 5,
    maxAttempts: 5,
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
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'saved' });
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it("sends the code's id as the transaction's idempotency token, and a new token after a cancelled attempt", async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict', 'None')).resolves({});
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    await store.saveNew(code);

    // Assess
    const tokens = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(tokens).toEqual(['c1', 'c1-1']);
  });

  it('answers from the conflicting retry when it finds a limit reached', async () => {
    // Prepare
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .rejects(cancelled('None', 'None', 'ConditionalCheckFailed'));
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'daily-limit' });
  });

  it('gives up after maxConflictRetries and throws', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't', maxConflictRetries: 2 });

    // Act
    const saving = store.saveNew(code);

    // Assess
    await expect(saving).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });

  it('explains a refused code write from the item DynamoDB returns with it, without reading it again', async () => {
    // Prepare: a code is still being sent (pending, issued 1 s before this one)
    const inFlight = { pk: { S: 'ORG#acme#OTP#1' }, sk: { S: 'PROGRAM#1' }, pending: { M: { codeId: { S: 'p1' }, codeHash: { S: 'ab'.repeat(32) }, channel: { S: 'SMS' }, issuedAt: { N: '-1000' }, validUntil: { N: '60000' }, maxAttempts: { N: '5' } } } };
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: inFlight as never }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    const result = await store.saveNew({ ...code, replacesIssuedAtOrBefore: 0 });

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'in-progress' });
    expect(dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update).toMatchObject({ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 0);
  });

  it('prefers daily-limit over cooldown when both conditions failed', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'));
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'daily-limit' });
  });
});

/** ReturnValuesOnConditionCheckFailure, which DynamoDB Local ignores. */
describe('DynamoDbValidationCodeStore.reserveAttempt (mocked client)', () => {
  const key = { orgId: 'acme', customerId: 1, programId: 1 };
  const exhausted = {
    pk: { S: 'ORG#acme#OTP#1' },
    sk: { S: 'PROGRAM#1' },
    codeId: { S: 'c1' },
    codeHash: { S: 'ab'.repeat(32) },
    channel: { S: 'SMS' },
    state: { S: 'active' },
    issuedAt: { N: '0' },
    validUntil: { N: '60000' },
    attempts: { N: '2' },
    wrongAttempts: { N: '2' },
    maxAttempts: { N: '2' },
  };
  const refused = (Item?: Record<string, unknown>) =>
    new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, ...(Item && { Item: Item as never }) });

  it('explains a refused reservation from the item the failed condition returned, without reading it again', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(refused(exhausted));
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    const result = await store.reserveAttempt(key);

    // Assess
    expect(result).toEqual({
      kind: 'not-reserved',
      current: { codeId: 'c1', codeHash: 'ab'.repeat(32), channel: 'SMS', state: 'active', issuedAt: 0, validUntil: 60_000, attempts: 2, wrongAttempts: 2, maxAttempts: 2 },
    });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 0);
  });

  it('reads the item when the refusal carries none', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(refused());
    dynamo.on(GetCommand).resolves({});
    const store = new DynamoDbValidationCodeStore({ client, tableName: 't' });

    // Act
    const result = await store.reserveAttempt(key);

    // Assess
    expect(result).toEqual({ kind: 'not-reserved' });
    expect(dynamo).toHaveReceivedCommandTimes(GetCommand, 1);
  });
});
