import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatPath, type Path } from '../../functions/schemas/seed-file/issue-paths';
import { parseSeedFile, type OrgSeed, type SeedFileParseResult } from '../../functions/schemas/seed-file/seed-file';
import { parseSeedJson } from '../../functions/schemas/seed-file/seed-json';
import { writeApiKey, writeCatalog } from './catalog-writer';
import { mapConcurrently } from './concurrency';
import { writeCustomer } from './customer-writer';
import { writeGroup } from './group-writer';

export interface DynamoDbSeedImporterOptions {
  readonly tableName: string;
  /** Customers (and groups) written at the same time. */
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

/** MEMBER# items of group wallets: put (new members, or `canRedeem` changed) and deleted (no longer in the file). */
export interface GroupMemberCounts {
  readonly written: number;
  readonly removed: number;
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
  | {
      readonly kind: 'imported';
      readonly written: SeedImportCounts;
      readonly groupMembers: GroupMemberCounts;
      readonly failures: readonly SeedImportFailure[];
    };

/** Reports a part of the org that was not written: its path within the org, and why. */
type Fail = (path: Path, message: string) => void;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Counts = Mutable<SeedImportCounts>;

/**
 * Imports a seed file (functions/schemas/seed-file/) as an upsert: running it twice writes the same
 * items, and nothing that is absent from the file is deleted, except the identifier items of a
 * customer whose identifiers changed and the pointers of a group whose external id or primary
 * member changed.
 *
 * The file as a whole cannot be written atomically, and no transaction holds more than 10 items
 * (guarded-transaction.ts). What is guaranteed instead:
 * - the whole file is validated before the first write, so a malformed file writes nothing;
 * - an org's programs are written before the org's settings that name them (catalog-writer.ts);
 * - a customer with up to 9 identifiers is written in one transaction with all of its identifier
 *   items, each conditioned on not belonging to another customer; a larger one in steps that never
 *   let an identifier answer for the wrong customer (customer-writer.ts). A customer that is refused
 *   is reported with the path of the field at fault, left as it was, and the import goes on; running
 *   the import again after fixing the cause completes it;
 * - each group likewise, with its external id and primary member items (group-writer.ts).
 * An infrastructure failure (network, permissions, throttling beyond retries) stops the import with
 * an error; what was written stays, and running the same file again completes it.
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
    const written: Counts = { orgs: 0, programs: 0, apiKeys: 0, customers: 0, identifiers: 0, identifiersRemoved: 0, groups: 0 };
    const groupMembers: Mutable<GroupMemberCounts> = { written: 0, removed: 0 };
    const failures: SeedImportFailure[] = [];
    for (const [orgIndex, org] of parsed.seed.orgs.entries()) {
      const fail = (path: Path, message: string) => failures.push({ path: formatPath(['orgs', orgIndex, ...path]), message });
      await this.importOrg(org, written, fail);
      await this.importGroups(org, written, groupMembers, fail);
    }
    return { kind: 'imported', written, groupMembers, failures };
  }

  /** Writes one org but its groups, adding to `written` and reporting each part not written through `fail`. */
  private async importOrg(org: OrgSeed, written: Counts, fail: Fail): Promise<void> {
    const { documents, tableName } = this;
    await writeCatalog(documents, tableName, org);
    written.orgs += 1;
    written.programs += org.programs.length;

    for (const [keyIndex, apiKey] of org.apiKeys.entries()) {
      const failure = await writeApiKey(documents, tableName, org.id, apiKey);
      if (failure) fail(['apiKeys', keyIndex], failure);
      else written.apiKeys += 1;
    }

    const target = { documents, tableName, orgId: org.id };
    const customers = await mapConcurrently(org.customers, this.concurrency, (customer) => writeCustomer(target, customer));
    customers.forEach((result, customerIndex) => {
      if (result.kind === 'failed') return fail(['customers', customerIndex, ...result.path], result.message);
      written.customers += 1;
      written.identifiers += result.identifiers;
      written.identifiersRemoved += result.identifiersRemoved;
    });
  }

  /** Writes the org's groups, after its customers (every member is a customer of the file). */
  private async importGroups(org: OrgSeed, written: Counts, members: Mutable<GroupMemberCounts>, fail: Fail): Promise<void> {
    const target = { documents: this.documents, tableName: this.tableName, orgId: org.id };
    const groups = await mapConcurrently(org.groups, this.concurrency, (group) => writeGroup(target, group));
    groups.forEach((result, groupIndex) => {
      if (result.kind === 'failed') return fail(['groups', groupIndex, ...result.path], result.message);
      written.groups += 1;
      members.written += result.membersWritten;
      members.removed += result.membersRemoved;
    });
  }
}
