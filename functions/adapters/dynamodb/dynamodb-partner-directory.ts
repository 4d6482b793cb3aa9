import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as v from 'valibot';
import { KeyScope, type Partner } from '../../core/model';
import type { PartnerDirectory } from '../../core/ports/partner-directory';
import { readItem } from './item-reader';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbPartnerDirectoryOptions {
  /** The SDK client (the caller decides its settings: timeouts, retries, endpoint). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

const ApiKeyItemSchema = v.looseObject({
  orgId: v.pipe(v.string(), v.nonEmpty()),
  label: v.string(),
  programIds: v.optional(v.array(v.pipe(v.number(), v.integer()))),
  disabled: v.optional(v.boolean(), false),
  scopes: v.optional(v.array(v.picklist(Object.values(KeyScope)))),
  failedCheckHttpStatus: v.optional(v.picklist([200, 400])),
});

/** One read per key digest: `APIKEY#<sha256 of key>`. */
export class DynamoDbPartnerDirectory implements PartnerDirectory {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: DynamoDbPartnerDirectoryOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async findByKeyDigest(keyDigest: string): Promise<Partner | undefined> {
    const Item = await readItem(this.#client, this.#tableName, ItemKeys.apiKey(keyDigest), { consistent: false });
    if (!Item) return undefined;
    // A digest is not a secret, but it is needlessly specific in a log line: a prefix identifies the item.
    const item = parseStoredItem(ApiKeyItemSchema, Item, `APIKEY#${keyDigest.slice(0, 12)}…`);
    // A disabled key is kept rather than deleted so that the org still owns it (see the importer).
    if (item.disabled) return undefined;
    return {
      orgId: item.orgId,
      keyLabel: item.label,
      programIds: item.programIds,
      ...(item.scopes && { scopes: item.scopes }),
      ...(item.failedCheckHttpStatus !== undefined && { failedCheckHttpStatus: item.failedCheckHttpStatus }),
    };
  }
}
