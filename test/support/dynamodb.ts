import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServiceTable } from '../../local/dynamodb-local/create-table';
import { localClientConfig } from '../../local/dynamodb-local/dynamodb-local';

export interface TestTable {
  readonly tableName: string;
  readonly endpoint: string;
  /** A real SDK client pointed at DynamoDB Local. */
  readonly client: DynamoDBClient;
  destroy(): Promise<void>;
}

export function testDynamoEndpoint(): string {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: DynamoDB Local is started by jest globalSetup');
  return endpoint;
}

/** A fresh, empty service table in the run's DynamoDB Local. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = testDynamoEndpoint();
  // Enough sockets for the tests that send hundreds of requests at once (no queueing, no SDK warning).
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) } });
  const tableName = `test-${randomUUID()}`;
  await createServiceTable(client, tableName);
  return {
    tableName,
    endpoint,
    client,
    destroy: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      client.destroy();
    },
  };
}
