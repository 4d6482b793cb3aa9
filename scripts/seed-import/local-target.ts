import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../../local/dynamodb-local/dynamodb-local';
import { localServiceFile, readLocalServiceFile } from '../../local/local-service-file';
import { UsageError } from './errors';

/** The table of the service `npm start` runs on this machine, and a client for its DynamoDB Local. */
export interface LocalTarget {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly url: string;
}

const START_ONE = 'start one with `npm start`, then import again';

/**
 * Finds the running local service from the file `npm start` writes (local/local-service-file.ts):
 * its process must be alive and its DynamoDB Local must have the table. Throws a UsageError that says
 * which of these failed and how to fix it.
 */
export async function findLocalTarget(env: NodeJS.ProcessEnv = process.env): Promise<LocalTarget> {
  const file = localServiceFile(env);
  const record = await readLocalServiceFile(file).catch((error: unknown) => {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  });
  if (!record) throw new UsageError(`no local service is running (there is no ${file}): ${START_ONE}`);
  if (!isAlive(record.pid)) throw new UsageError(`the local service named in ${file} (process ${record.pid}) is not running any more: ${START_ONE}`);
  const client = new DynamoDBClient({ ...localClientConfig(record.dynamoDbEndpoint), maxAttempts: 1 });
  try {
    await client.send(new DescribeTableCommand({ TableName: record.tableName }));
  } catch (error) {
    client.destroy();
    throw new UsageError(`the local service's DynamoDB (${record.dynamoDbEndpoint}, table ${record.tableName}) does not answer: ${(error as Error).message}; ${START_ONE}`, { cause: error });
  }
  return { client, tableName: record.tableName, url: record.url };
}

/** Whether a process of that id exists (signal 0 checks without signalling; EPERM: it exists, as another user's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
