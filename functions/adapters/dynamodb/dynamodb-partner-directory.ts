import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import type { Partner } from '../../core/model';
import type { PartnerDirectory } from '../../core/ports/partner-directory';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbPartnerDirectoryOptions {
  readonly tableName: string;
}

const ApiKeyItemSchema = v.looseObject({
  orgId: v.pipe(v.string(), v.nonEmpty()),
  label: v.string(),
  programIds: v.optional(v.array(v.pipe(v.number(), v.integer()))),
  disabled: v.optional(v.boolean(), false),
});

/** One read per key digest: `APIKEY#<sha256 of key>`. */
export class DynamoDbPartnerDirectory implements PartnerDirectory {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBClient, options: DynamoDbPartnerDirectoryOptions) {
    this.documents = DynamoDBDocumentClient.from(client);
    this.tableName = options.tableName;
  }

  async findByKeyDigest(keyDigest: string): Promise<Partner | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: ItemKeys.apiKey(keyDigest) }));
    if (!Item) return undefined;
    // A digest is not a secret, but it is needlessly specific in a log line: a prefix identifies the item.
    const item = parseStoredItem(ApiKeyItemSchema, Item, `APIKEY#${keyDigest.slice(0, 12)}…`);
    // A disabled key is kept rather than deleted so that the org still owns it (see the importer).
    if (item.disabled) return undefined;
    return { orgId: item.orgId, keyLabel: item.label, programIds: item.programIds };
  }
}
