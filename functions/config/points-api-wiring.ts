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
import type { PartnerDirectory } from '../core/ports/partner-directory';
import type { RandomSource } from '../core/ports/random-source';
import type { ValidationCodes } from '../core/ports/validation-codes';
import type { PointsApiPorts } from '../operations/points-api-operations';

export interface PointsApiWiring {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long program rules are served from memory (ms); 0 reads them on every request. */
  readonly rulesCacheTtlMs: number;
  /** How long a key -> partner mapping is served from memory (ms). */
  readonly partnerCacheTtlMs: number;
  readonly validationCodes: ValidationCodes;
  /** Default: the wall clock. */
  readonly clock?: Clock;
  /** Default: the operating system's CSPRNG. */
  readonly random?: RandomSource;
  /** Default: full jitter, 10 ms doubling to 250 ms. */
  readonly backoff?: Backoff;
}

/**
 * The points API's ports over the one table: the production wiring, which the entry and the tests
 * share (tests pass their own client, table, caches and validation codes).
 */
export function pointsApiPorts(wiring: PointsApiWiring): PointsApiPorts & { readonly partners: PartnerDirectory } {
  const table = { client: wiring.client, tableName: wiring.tableName };
  const clock = wiring.clock ?? { now: () => Date.now() };
  return {
    programs: new CachedProgramCatalog(new DynamoDbProgramCatalog(table), { ttlMs: wiring.rulesCacheTtlMs, clock }),
    customers: new DynamoDbCustomerDirectory(table),
    groups: new DynamoDbGroupDirectory(table),
    partners: new CachedPartnerDirectory(new DynamoDbPartnerDirectory(table), { ttlMs: wiring.partnerCacheTtlMs, clock }),
    validationCodes: wiring.validationCodes,
    ledger: new DynamoDbPointsLedger(table),
    clock,
    random: wiring.random ?? new CryptoRandomSource(),
    backoff: wiring.backoff ?? new JitteredBackoff(),
  };
}
