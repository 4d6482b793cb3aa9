import type { Program } from '../../core/model';
import type { ProgramCatalog } from '../../core/ports/program-catalog';
import { TtlCache, type TtlCacheOptions } from './ttl-cache';

/**
 * Program rules change by import, rarely; every request needs them. A catalog change therefore
 * reaches a warm container within the TTL, which the README states.
 */
export class CachedProgramCatalog implements ProgramCatalog {
  private readonly cache: TtlCache<string, readonly Program[]>;

  constructor(
    private readonly catalog: ProgramCatalog,
    options: TtlCacheOptions,
  ) {
    this.cache = new TtlCache(options);
  }

  programsOf(orgId: string): Promise<readonly Program[]> {
    return this.cache.get(orgId, (id) => this.catalog.programsOf(id));
  }
}
