import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * The floor a redemption is compared with: the same DynamoDB round trips with a bare SDK client and
 * nothing else: the IDENT item, the CUSTOMER item, then one TransactWriteItems of the same three
 * writes (the balance, on the condition it holds what was read; a record and a ledger entry of the
 * same size, each created on the condition it is new). No rules, no schemas, no logs.
 */
export function makeRedemptionFloor(client: DynamoDBClient, tableName: string, orgId: string) {
  const get = async (pk: string, sk: string, consistent: boolean) =>
    (await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: consistent }))).Item;
  const create = (pk: string, sk: string, attributes: Record<string, unknown>) => {
    const names = Object.keys(attributes);
    return {
      Update: {
        TableName: tableName,
        Key: marshall({ pk, sk }),
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: 'attribute_not_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
        ExpressionAttributeValues: marshall(Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]]))),
      },
    };
  };

  return async (mobile: string, points: number, id: string): Promise<string> => {
    const ident = await get(`ORG#${orgId}#IDENT#mobile#${mobile}`, 'IDENT', false);
    const customerId = ident?.customerId?.N;
    const customer = customerId && (await get(`ORG#${orgId}#CUSTOMER#${customerId}`, 'CUSTOMER', true));
    const before = Number(customer && customer.programs?.M?.['1']?.M?.currentPoints?.N);
    const at = Date.now();
    const record = { orgId, id, customerId: Number(customerId), programId: 1, points, before, after: before - points, at, keyLabel: 'bench', customer: { mobile, email: 'x@example.com', externalId: 'X' }, reference: id };
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: marshall({ pk: `ORG#${orgId}#CUSTOMER#${customerId}`, sk: 'CUSTOMER' }),
              UpdateExpression: 'SET #p.#id.currentPoints = :after',
              ConditionExpression: '#p.#id.currentPoints = :before',
              ExpressionAttributeNames: { '#p': 'programs', '#id': '1' },
              ExpressionAttributeValues: marshall({ ':before': before, ':after': before - points }),
            },
          },
          create(`ORG#${orgId}#FLOOR#${id}`, 'REDEMPTION', record),
          create(`ORG#${orgId}#CUSTOMER#${customerId}`, `LEDGER#${new Date(at).toISOString()}#${id}`, { ...record, type: 'REDEMPTION' }),
        ],
      }),
    );
    return JSON.stringify({ code: 800, balance: before - points });
  };
}
