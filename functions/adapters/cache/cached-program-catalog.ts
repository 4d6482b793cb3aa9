import type { Program } from '../../core/model';
import type { OrgCatalog, ProgramCatalog } from '../../core/ports/program-catalog';
import { TtlCache, type TtlCacheOptions } from './ttl-cache';

export interface CachedProgramCatalogOptions extends TtlCacheOptions {
  /** Where a catalog is read from when the cache has none (the table's adapter). */
  readonly catalog: Pick<ProgramCatalog, 'catalogOf'>;
}

/**
 * Program rules and org settings change by import, rarely; every request needs them. A catalog
 * change therefore reaches a warm container within the TTL, which the README states. Programs and
 * settings are one entry: one read of the org's partition fills both.
 */
export class CachedProgramCatalog implements ProgramCatalog {
  readonly #catalog: Pick<ProgramCatalog, 'catalogOf'>;
  readonly #cache: TtlCache<string, OrgCatalog>;

  constructor(options: CachedProgramCatalogOptions) {
    this.#catalog = options.catalog;
    this.#cache = new TtlCache(options);
  }

  catalogOf(orgId: string): Promise<OrgCatalog> {
    return this.#cache.get(orgId, (id) => this.#catalog.catalogOf(id));
  }

  async programsOf(orgId: string): Promise<readonly Program[]> {
    return (await this.catalogOf(orgId)).programs;
  }
}
