import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { writeInBatches } from '../../../scripts/seed-import/batch-writer';
import { UnprocessedWritesError } from '../../../scripts/seed-import/errors';

/** What DynamoDB Local never does on demand: leave writes unprocessed, as a throttled table does. */
describe('writeInBatches (mocked DynamoDB client)', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  afterEach(() => dynamo.reset());
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const puts = (count: number) => Array.from({ length: count }, (_, i) => ({ put: { pk: `P#${i}`, sk: 'S', n: i } }));
  type Request = { PutRequest?: { Item: { pk: string } } };
  const keysOf = (call: number) => (dynamo.commandCalls(BatchWriteCommand)[call]?.args[0].input.RequestItems?.t ?? []).map((r) => (r as Request).PutRequest?.Item.pk);

  it('sends 25 writes a call and retries only what was left unprocessed', async () => {
    // Prepare
    let first = true;
    dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => {
      const requests = input.RequestItems.t ?? [];
      if (first && requests.length === 25) {
        first = false;
        return { UnprocessedItems: { t: requests.slice(20) } };
      }
      return { UnprocessedItems: {} };
    });

    // Act
    await writeInBatches(documents, 't', puts(30), { concurrency: 1, baseDelayMs: 1 });

    // Assess
    expect(dynamo.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.t?.length)).toEqual([25, 5, 5]);
    expect(keysOf(1)).toEqual(['P#20', 'P#21', 'P#22', 'P#23', 'P#24']);
    expect(keysOf(2)).toEqual(['P#25', 'P#26', 'P#27', 'P#28', 'P#29']);
  });

  it('gives up after its attempts with an error counting what was never written', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => ({ UnprocessedItems: { t: (input.RequestItems.t ?? []).slice(0, 2) } }));

    // Act
    const attempt = writeInBatches(documents, 't', puts(3), { maxAttempts: 3, baseDelayMs: 1 });

    // Assess
    await expect(attempt).rejects.toThrow(new UnprocessedWritesError(2, 3));
    await expect(attempt).rejects.toMatchObject({ name: 'UnprocessedWritesError', unprocessed: 2 });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });
});
