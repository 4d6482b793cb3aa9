import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The floor a check is compared with: the same DynamoDB round trips for the same query, made with a
 * bare SDK client and nothing else (no middy, no valibot, no logging, no rules): for an identifier,
 * its IDENT item then the CUSTOMER item; for an id, the CUSTOMER item; for points that are not plain
 * digits, nothing. Rules are cached by the service, so the floor reads none either.
 */
export function makeCheckFloor(client: DynamoDBClient, tableName: string, orgId: string) {
  const get = async (pk: string, sk: string, consistent: boolean) =>
    (await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: consistent }))).Item;

  return async (query: Readonly<Record<string, string>>): Promise<string> => {
    if (!/^[0-9]+$/.test(query.points ?? '')) return '{"code":801}';
    let customerId = query.id;
    if (customerId === undefined) {
      const [type, value] = Object.entries(query).find(([name]) => name === 'mobile' || name === 'email') ?? [];
      const ident = await get(`ORG#${orgId}#IDENT#${type}#${value}`, 'IDENT', false);
      customerId = ident?.customerId?.N;
      if (customerId === undefined) return '{"code":816}';
    }
    const customer = await get(`ORG#${orgId}#CUSTOMER#${customerId}`, 'CUSTOMER', true);
    return JSON.stringify({ code: customer ? 800 : 816, points: Number(query.points) });
  };
}
