import { randomUUID } from 'node:crypto';
import { GetItemCommand, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/** What the floor applies: one adjustment of a customer named by mobile, in program 1. */
export interface FloorAdjustment {
  readonly reference: string;
  readonly mobile: string;
  /** Signed change of current points. */
  readonly points: number;
}

/**
 * The floor an adjustment is compared with: the same DynamoDB round trips, made with a bare SDK
 * client and nothing else (no schema, no partner key, no rules, no logging): the identifier item,
 * the customer's balance in the program (consistent), and one TransactWriteItems of the same three
 * writes (the balance on the condition that it holds what was read, the record if new, the ledger
 * entry). It does no lifetime fields and no decimal arithmetic.
 */
export function makeAdjustmentFloor(client: DynamoDBClient, tableName: string, orgId: string) {
  const get = async (pk: string, sk: string, consistent: boolean, projection?: string) =>
    (
      await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: { pk: { S: pk }, sk: { S: sk } },
          ConsistentRead: consistent,
          ...(projection && { ProjectionExpression: projection, ExpressionAttributeNames: { '#p': 'programs', '#one': '1' } }),
        }),
      )
    ).Item;
  const create = (pk: string, sk: string, attributes: Record<string, unknown>) => ({
    Update: {
      TableName: tableName,
      Key: { pk: { S: pk }, sk: { S: sk } },
      UpdateExpression: `SET ${Object.keys(attributes).map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
      ConditionExpression: 'attribute_not_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(Object.keys(attributes).map((name, i) => [`#a${i}`, name])),
      ExpressionAttributeValues: marshall(Object.fromEntries(Object.values(attributes).map((value, i) => [`:a${i}`, value]))),
    },
  });

  return async (adjustment: FloorAdjustment): Promise<void> => {
    const ident = await get(`ORG#${orgId}#IDENT#mobile#${adjustment.mobile}`, 'IDENT', false);
    const customerId = ident?.customerId?.N;
    if (customerId === undefined) throw new Error('floor: no such customer');
    const customer = await get(`ORG#${orgId}#CUSTOMER#${customerId}`, 'CUSTOMER', true, 'customerId, #p.#one');
    const before = Number((customer?.programs?.M?.['1']?.M?.currentPoints as AttributeValue.NMember | undefined)?.N);
    const after = before + adjustment.points;
    const at = Date.now();
    const id = randomUUID();
    const fields = { reference: adjustment.reference, customerId: Number(customerId), programId: 1, points: adjustment.points, before, after, at };
    await client.send(
      new TransactWriteItemsCommand({
        ClientRequestToken: randomUUID(),
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: { pk: { S: `ORG#${orgId}#CUSTOMER#${customerId}` }, sk: { S: 'CUSTOMER' } },
              UpdateExpression: 'SET #p.#one.currentPoints = :after',
              ConditionExpression: '#p.#one.currentPoints = :before',
              ExpressionAttributeNames: { '#p': 'programs', '#one': '1' },
              ExpressionAttributeValues: { ':before': { N: String(before) }, ':after': { N: String(after) } },
            },
          },
          create(`ORG#${orgId}#ADJUSTMENT#${id}`, 'ADJUSTMENT', { adjustmentId: id, ...fields }),
          create(`ORG#${orgId}#CUSTOMER#${customerId}`, `LEDGER#${new Date(at).toISOString()}#${id}`, { entryId: id, type: 'ADJUSTMENT', ...fields }),
        ],
      }),
    );
  };
}
