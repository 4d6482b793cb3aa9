import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '../functions/config/aws-clients';

type Sent = Parameters<DynamoDBClient['send']>[0];

/**
 * The service's own DynamoDB requests, replayed without the service: for each of `cases` calls of
 * `invoke` (made warm, so rules and the key come from the caches), the commands the production
 * function sent, captured as it sent them; the contender returned sends case `round % cases`'s
 * commands again, one after another, through a client set up as the function's
 * (functions/config/aws-clients.ts, `cacheMiddleware`). Beside the floor it splits the difference
 * in two: the SDK calls as the service makes them, and the function's own work around them
 * (README, "Performance").
 */
export async function ownRequests(cases: number, invoke: (i: number) => Promise<unknown>): Promise<{ replay: (round: number) => Promise<void>; destroy: () => void }> {
  const captured: Sent[][] = [];
  const send = DynamoDBClient.prototype.send;
  let current: Sent[] = [];
  DynamoDBClient.prototype.send = function capture(this: DynamoDBClient, command: Sent, ...rest: unknown[]) {
    current.push(command);
    return (send as (...args: unknown[]) => Promise<unknown>).call(this, command, ...rest);
  } as DynamoDBClient['send'];
  try {
    for (let i = 0; i < cases; i += 1) {
      current = [];
      await invoke(i);
      captured.push(current);
    }
  } finally {
    DynamoDBClient.prototype.send = send;
  }
  const client = dynamoDbClient({ cacheMiddleware: true });
  return {
    replay: async (round) => {
      for (const command of captured[round % cases]!) {
        const Command = command.constructor as new (input: unknown) => Sent;
        await client.send(new Command(command.input));
      }
    },
    destroy: () => client.destroy(),
  };
}
