import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import type { Program } from '../../core/model';
import type { OrgCatalog, ProgramCatalog } from '../../core/ports/program-catalog';
import { ProgramRulesSchema } from '../../schemas/stored/program-rules';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbProgramCatalogOptions {
  /** The SDK client (the caller decides its settings: timeouts, retries, endpoint). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** Loose: attributes a later version adds must not make this version fail. */
const OrgItemSchema = v.looseObject({
  defaultProgramId: v.optional(v.pipe(v.number(), v.integer())),
  /** Cross-program redemption: the points of earnProgramId are redeemed in redeemProgramId. */
  programLinks: v.optional(
    v.array(v.looseObject({ earnProgramId: v.pipe(v.number(), v.integer()), redeemProgramId: v.pipe(v.number(), v.integer()) })),
    [],
  ),
  /** Where mobile numbers without `+` are read (ISO 3166-1 alpha-2); checked on import, so only its shape here. */
  defaultCountry: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/))),
});

const ProgramItemSchema = v.looseObject({
  name: v.string(),
  rules: v.optional(v.unknown(), {}),
});

const PROGRAM_SORT_KEY = new RegExp(`^${ItemKeys.programSortKeyPrefix}([1-9][0-9]*)$`);

/**
 * An org's settings and programs share one partition (`ORG#<org>`), so one Query loads the whole
 * catalog, program links and default country included. Stored rules are the rules as imported; the schema fills in defaults on every read.
 */
export class DynamoDbProgramCatalog implements ProgramCatalog {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: DynamoDbProgramCatalogOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async programsOf(orgId: string): Promise<readonly Program[]> {
    return (await this.catalogOf(orgId)).programs;
  }

  async catalogOf(orgId: string): Promise<OrgCatalog> {
    const items = await this.#orgPartition(orgId);
    const orgItem = items.find((item) => item.sk === ItemKeys.org(orgId).sk);
    const org = orgItem ? parseStoredItem(OrgItemSchema, orgItem, `ORG#${orgId}/ORG`) : undefined;

    const programs: Omit<Program, 'isDefault'>[] = [];
    for (const item of items) {
      const match = typeof item.sk === 'string' ? PROGRAM_SORT_KEY.exec(item.sk) : null;
      if (!match) continue;
      const where = `ORG#${orgId}/${item.sk as string}`;
      const { name, rules } = parseStoredItem(ProgramItemSchema, item, where);
      programs.push({ orgId, id: Number(match[1]), name, rules: parseStoredItem(ProgramRulesSchema, rules, `${where} (rules)`) });
    }
    programs.sort((a, b) => a.id - b.id);

    // An org with a single program needs no setting to say which one a request means.
    const defaultId = org?.defaultProgramId ?? (programs.length === 1 ? programs[0]?.id : undefined);
    const earnProgramOf = new Map((org?.programLinks ?? []).map((link) => [link.redeemProgramId, link.earnProgramId]));
    return {
      programs: programs.map((program) => {
        const earnProgramId = earnProgramOf.get(program.id);
        return { ...program, isDefault: program.id === defaultId, ...(earnProgramId !== undefined && { earnProgramId }) };
      }),
      settings: { ...(org?.defaultCountry !== undefined && { defaultCountry: org.defaultCountry }) },
    };
  }

  async #orgPartition(orgId: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: ItemKeys.orgPartition(orgId) } },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
