import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** An item's key in the one table (item-keys.ts). */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Which attributes to read: top-level ones, and of a map attribute only some entries (e.g. one program's balance). */
export interface Projection {
  readonly attributes: readonly string[];
  readonly mapEntries?: { readonly map: string; readonly keys: readonly (string | number)[] };
}

/**
 * One GetItem on the bare client, unmarshalled to plain values; undefined when there is no item.
 * The hot reads of a check go through here rather than the document client: its extra middleware
 * and whole-item unmarshalling were most of the CPU a check spent on top of the SDK's own (README,
 * "Performance"). With a projection only the attributes named are read and paid for.
 */
export async function readItem(
  client: DynamoDBClient,
  tableName: string,
  key: ItemKey,
  options: { readonly consistent: boolean; readonly projection?: Projection },
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: options.consistent,
      ...(options.projection && projectionOf(options.projection)),
    }),
  );
  return Item && unmarshall(Item);
}

/** Every name goes through a placeholder: attribute names may be reserved words, and map keys may be digits. */
function projectionOf({ attributes, mapEntries }: Projection) {
  const names: Record<string, string> = {};
  const paths = attributes.map((attribute, index) => {
    names[`#a${index}`] = attribute;
    return `#a${index}`;
  });
  if (mapEntries && mapEntries.keys.length > 0) {
    names['#m'] = mapEntries.map;
    mapEntries.keys.forEach((key, index) => {
      names[`#k${index}`] = String(key);
      paths.push(`#m.#k${index}`);
    });
  }
  return { ProjectionExpression: paths.join(', '), ExpressionAttributeNames: names };
}
