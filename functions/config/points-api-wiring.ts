import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CachedPartnerDirectory } from '../adapters/cache/cached-partner-directory';
import { CachedProgramCatalog } from '../adapters/cache/cached-program-catalog';
import { DynamoDbCustomerDirectory } from '../adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbGroupDirectory } from '../adapters/dynamodb/dynamodb-group-directory';
import { DynamoDbPartnerDirectory } from '../adapters/dynamodb/dynamodb-partner-directory';
import { DynamoDbPointsLedger } from '../adapters/dynamodb/dynamodb-points-ledger';
import { DynamoDbProgramCatalog } from '../adapters/dynamodb/dynamodb-program-catalog';
import { CryptoRandomSource } from '../adapters/node-crypto/crypto-random-source';
import { JitteredBackoff } from '../adapters/node-timers/jittered-backoff';
import type { Backoff } from '../core/ports/backoff';
import type { Clock } from '../core/ports/clock';
import type { CustomerDirectory } from '../core/ports/customer-directory';
import type { GroupDirectory } from '../core/ports/group-directory';
import type { PartnerDirectory } from '../core/ports/partner-directory';
import type { PointsLedger } from '../core/ports/points-ledger';
import type { ProgramCatalog } from '../core/ports/program-catalog';
import type { RandomSource } from '../core/ports/random-source';
import type { ValidationCodes } from '../core/ports/validation-codes';
import type { PointsApiPorts } from '../operations/points-api-operations';

/** What the table's ports are built from: the client, the table and the caches' lifetimes. */
export interface TableWiring {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long program rules are served from memory (ms); 0 reads them on every request. */
  readonly rulesCacheTtlMs: number;
  /** How long a key -> partner mapping is served from memory (ms). */
  readonly partnerCacheTtlMs: number;
  /** Default: the wall clock. */
  readonly clock?: Clock;
}

export interface PointsApiWiring extends TableWiring {
  readonly validationCodes: ValidationCodes;
  /** Default: the operating system's CSPRNG. */
  readonly random?: RandomSource;
  /** Default: full jitter, 10 ms doubling to 250 ms. */
  readonly backoff?: Backoff;
}

/** The ports over the one table that every function writing balances shares (the points API, the adjustments consumer). */
export interface TablePorts {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
  readonly partners: PartnerDirectory;
  readonly ledger: PointsLedger;
  readonly clock: Clock;
}

/** The table's ports with their production adapters and caches (the adjustments consumer's whole wiring). */
export function tablePorts(wiring: TableWiring): TablePorts {
  const table = { client: wiring.client, tableName: wiring.tableName };
  const clock = wiring.clock ?? { now: () => Date.now() };
  return {
    programs: new CachedProgramCatalog({ catalog: new DynamoDbProgramCatalog(table), ttlMs: wiring.rulesCacheTtlMs, clock }),
    customers: new DynamoDbCustomerDirectory(table),
    groups: new DynamoDbGroupDirectory(table),
    partners: new CachedPartnerDirectory({ directory: new DynamoDbPartnerDirectory(table), ttlMs: wiring.partnerCacheTtlMs, clock }),
    ledger: new DynamoDbPointsLedger(table),
    clock,
  };
}

/**
 * The points API's ports over the one table: the production wiring, which the entry and the tests
 * share (tests pass their own client, table, caches and validation codes).
 */
export function pointsApiPorts(wiring: PointsApiWiring): PointsApiPorts & { readonly partners: PartnerDirectory } {
  return {
    ...tablePorts(wiring),
    validationCodes: wiring.validationCodes,
    random: wiring.random ?? new CryptoRandomSource(),
    backoff: wiring.backoff ?? new JitteredBackoff(),
  };
}
