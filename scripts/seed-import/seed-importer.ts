import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { apiKeyDigest } from '../../functions/core/api-key';
import { identifiersOf, sameIdentifier } from '../../functions/core/customer-identifiers';
import { formatPath } from '../../functions/schemas/seed-file/issue-paths';
import {
  identifierLabel,
  parseSeedFile,
  seededIdentifiers,
  type ApiKeySeed,
  type CustomerSeed,
  type OrgSeed,
  type SeedFileParseResult,
} from '../../functions/schemas/seed-file/seed-file';
import { parseSeedJson } from '../../functions/schemas/seed-file/seed-json';
import { customerFromItem } from '../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { writeGroup } from './group-writer';
import { refusalOf, type GuardedWrite, type WriteRefusal } from './guarded-transaction';
import { ItemKeys } from '../../functions/adapters/dynamodb/item-keys';
import { storable } from '../../functions/adapters/dynamodb/storable';

export interface DynamoDbSeedImporterOptions {
  readonly tableName: string;
  /** Customers imported at the same time. */
  readonly concurrency?: number;
}

export interface SeedImportCounts {
  readonly orgs: number;
  readonly programs: number;
  readonly apiKeys: number;
  readonly customers: number;
  /** IDENT items written (each identifier of each imported customer). */
  readonly identifiers: number;
  /** IDENT items deleted because a re-imported customer no longer has that identifier. */
  readonly identifiersRemoved: number;
  /** Group wallets (each with its external id and primary member IDENT items). */
  readonly groups: number;
}

/** A part of the file that was not written, and why; everything else was. */
export interface SeedImportFailure {
  /** Where in the file, e.g. `orgs[0].customers[3].mobile`. */
  readonly path: string;
  readonly message: string;
}

export type SeedImportOutcome =
  /** The file is malformed: nothing was written. Each problem names the bad field by its path. */
  | { readonly kind: 'refused'; readonly problems: readonly string[] }
  | { readonly kind: 'imported'; readonly written: SeedImportCounts; readonly failures: readonly SeedImportFailure[] };

/** A written identifier never points at two customers; an absent one may be claimed. */
const IDENTIFIER_IS_FREE_OR_OURS = 'attribute_not_exists(pk) OR customerId = :customerId';

/**
 * Imports a seed file (functions/schemas/seed-file.ts) as an upsert: running it twice writes the same
 * items, and nothing that is absent from the file is deleted, except the identifier items of a
 * customer whose identifiers changed.
 *
 * The file as a whole cannot be written atomically: a DynamoDB transaction holds at most 100 items,
 * and one customer alone can need up to 87 (see MAX_CARDS_PER_CUSTOMER). What is guaranteed instead:
 * - the whole file is validated before the first write, so a malformed file writes nothing;
 * - an org's settings and its programs are written in one transaction;
 * - each customer is written in one transaction with all of its identifier items, each conditioned on
 *   not belonging to another customer, so a customer is never half written and an identifier never
 *   resolves to two customers. A customer that fails is reported and the import goes on; running the
 *   import again after fixing the cause completes it;
 * - each group likewise, with its external id and primary member items (group-writer.ts).
 */
export class DynamoDbSeedImporter {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly concurrency: number;

  constructor(client: DynamoDBClient, options: DynamoDbSeedImporterOptions) {
    this.documents = DynamoDBDocumentClient.from(client);
    this.tableName = options.tableName;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  /** Imports a seed file already parsed from JSON (its numbers are checked against their bounds only). */
  async importSeed(input: unknown): Promise<SeedImportOutcome> {
    return this.importParsed(parseSeedFile(input));
  }

  /** Imports a seed file from its text: also refuses a number that JSON cannot read as written (seed-json.ts). */
  async importSeedJson(text: string): Promise<SeedImportOutcome> {
    return this.importParsed(parseSeedJson(text));
  }

  private async importParsed(parsed: SeedFileParseResult): Promise<SeedImportOutcome> {
    if (!parsed.success) return { kind: 'refused', problems: parsed.problems };

    const written = { orgs: 0, programs: 0, apiKeys: 0, customers: 0, identifiers: 0, identifiersRemoved: 0, groups: 0 };
    const failures: SeedImportFailure[] = [];
    for (const [orgIndex, org] of parsed.seed.orgs.entries()) {
      const at = (...path: (string | number)[]) => formatPath(['orgs', orgIndex, ...path]);

      await this.writeCatalog(org);
      written.orgs += 1;
      written.programs += org.programs.length;

      for (const [keyIndex, apiKey] of org.apiKeys.entries()) {
        const failure = await this.writeApiKey(org.id, apiKey);
        if (failure) failures.push({ path: at('apiKeys', keyIndex), message: failure });
        else written.apiKeys += 1;
      }

      const results = await mapConcurrently(org.customers, this.concurrency, (customer) => this.writeCustomer(org.id, customer));
      results.forEach((result, customerIndex) => {
        if (result.kind === 'failed') {
          failures.push({ path: at('customers', customerIndex, ...result.path), message: result.message });
          return;
        }
        written.customers += 1;
        written.identifiers += result.identifiers;
        written.identifiersRemoved += result.identifiersRemoved;
      });

      const groups = await mapConcurrently(org.groups, this.concurrency, (group) => writeGroup(this.documents, this.tableName, org.id, group));
      groups.forEach((result, groupIndex) => {
        if (result.kind === 'failed') failures.push({ path: at('groups', groupIndex, ...result.path), message: result.message });
        else written.groups += 1;
      });
    }
    return { kind: 'imported', written, failures };
  }

  private async writeCatalog(org: OrgSeed): Promise<void> {
    await this.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: storable({
                ...ItemKeys.org(org.id),
                orgId: org.id,
                name: org.name,
                defaultProgramId: org.defaultProgramId,
                programLinks: org.programLinks.length > 0 ? org.programLinks : undefined,
              }),
            },
          },
          ...org.programs.map((program) => ({
            Put: {
              TableName: this.tableName,
              // The rules as written in the file: defaults are applied when they are read.
              Item: storable({ ...ItemKeys.program(org.id, program.id), programId: program.id, name: program.name, rules: program.rules }),
            },
          })),
        ],
      }),
    );
  }

  /** Returns why the key was not written, if it was not. */
  private async writeApiKey(orgId: string, apiKey: ApiKeySeed): Promise<string | undefined> {
    const digest = apiKeyDigest(apiKey.key);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: storable({
            ...ItemKeys.apiKey(digest),
            orgId,
            label: apiKey.label ?? `key-${digest.slice(0, 8)}`,
            programIds: apiKey.programIds,
            disabled: apiKey.disabled || undefined,
          }),
          // A seed file for one org must not be able to take over another org's credential.
          ConditionExpression: 'attribute_not_exists(pk) OR orgId = :orgId',
          ExpressionAttributeValues: { ':orgId': orgId },
        }),
      );
      return undefined;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return 'this API key already belongs to another org; it was left unchanged';
    }
  }

  private async writeCustomer(orgId: string, customer: CustomerSeed): Promise<CustomerResult> {
    const customerKey = ItemKeys.customer(orgId, customer.id);
    const { Item: existing } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: customerKey, ConsistentRead: true }),
    );
    const identifiers = seededIdentifiers(customer);
    const previous = existing ? identifiersOf(customerFromItem(orgId, existing)) : [];
    const stale = previous.filter((old) => !identifiers.some((current) => sameIdentifier(current, old)));

    const ownership = { ':customerId': customer.id };
    const operations: GuardedWrite[] = [
      { write: { Put: { TableName: this.tableName, Item: storable({ ...customerKey, ...customerAttributes(customer) }) } } },
      ...identifiers.map(
        (identifier): GuardedWrite => ({
          write: {
            Put: {
              TableName: this.tableName,
              Item: { ...ItemKeys.identifier(orgId, identifier.type, identifier.value), customerId: customer.id },
              ConditionExpression: IDENTIFIER_IS_FREE_OR_OURS,
              ExpressionAttributeValues: ownership,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          onConditionFailed: (owner) => ({
            kind: 'failed',
            path: identifier.path,
            message: `this ${identifierLabel(identifier.type)} is already registered to ${owner === undefined ? 'another customer' : `customer ${owner}`}; customer ${customer.id} was not imported`,
          }),
        }),
      ),
      ...stale.map(
        (identifier): GuardedWrite => ({
          write: {
            Delete: {
              TableName: this.tableName,
              Key: ItemKeys.identifier(orgId, identifier.type, identifier.value),
              ConditionExpression: IDENTIFIER_IS_FREE_OR_OURS,
              ExpressionAttributeValues: ownership,
            },
          },
          onConditionFailed: () => ({
            kind: 'failed',
            path: [],
            message: `customer ${customer.id}'s previous ${identifierLabel(identifier.type)} is now registered to another customer; customer ${customer.id} was not imported`,
          }),
        }),
      ),
    ];

    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: operations.map((operation) => operation.write) }));
    } catch (error) {
      const failure = refusalOf(error, operations, 'customerId', `customer ${customer.id}`);
      if (failure) return failure;
      throw error;
    }
    return { kind: 'written', identifiers: identifiers.length, identifiersRemoved: stale.length };
  }
}

type CustomerResult = { readonly kind: 'written'; readonly identifiers: number; readonly identifiersRemoved: number } | WriteRefusal;

/** The CUSTOMER item's attributes (layout: item-keys.ts), from a validated seed entry. */
function customerAttributes(customer: CustomerSeed): Record<string, unknown> {
  return {
    customerId: customer.id,
    mobile: customer.mobile,
    email: customer.email,
    externalId: customer.externalId,
    cards: customer.cards.map((card) => ({ number: card.number, externalId: card.externalId })),
    fraudStatus: customer.fraudStatus,
    defaultGroupId: customer.defaultGroupId,
    programs: Object.fromEntries(
      Object.entries(customer.programs).map(([programId, membership]) => [
        programId,
        {
          registered: membership.registered,
          tier: membership.tier,
          currentPoints: membership.currentPoints,
          lifetimePoints: membership.lifetimePoints,
          lifetimePurchases: membership.lifetimePurchases,
        },
      ]),
    ),
  };
}

/** Like Promise.all over `items`, at most `limit` at a time; after a failure no new item is started. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
