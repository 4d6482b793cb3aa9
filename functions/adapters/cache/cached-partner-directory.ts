import type { Partner } from '../../core/model';
import type { PartnerDirectory } from '../../core/ports/partner-directory';
import { TtlCache, type TtlCacheOptions } from './ttl-cache';

export interface CachedPartnerDirectoryOptions extends TtlCacheOptions {
  /** Where a key's partner is read from when the cache has none (the table's adapter). */
  readonly directory: PartnerDirectory;
}

/**
 * Keys are looked up on every request. Unknown keys are cached too, so a caller retrying a wrong key
 * does not cost a read each time; the price is that a newly imported or disabled key takes effect
 * within the TTL rather than at once.
 */
export class CachedPartnerDirectory implements PartnerDirectory {
  readonly #directory: PartnerDirectory;
  readonly #cache: TtlCache<string, Partner | undefined>;

  constructor(options: CachedPartnerDirectoryOptions) {
    this.#directory = options.directory;
    this.#cache = new TtlCache(options);
  }

  findByKeyDigest(keyDigest: string): Promise<Partner | undefined> {
    return this.#cache.get(keyDigest, (digest) => this.#directory.findByKeyDigest(digest));
  }
}
