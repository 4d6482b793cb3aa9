import type { Partner } from '../../core/model';
import type { PartnerDirectory } from '../../core/ports/partner-directory';
import { TtlCache, type TtlCacheOptions } from './ttl-cache';

/**
 * Keys are looked up on every request. Unknown keys are cached too, so a caller retrying a wrong key
 * does not cost a read each time; the price is that a newly imported or disabled key takes effect
 * within the TTL rather than at once.
 */
export class CachedPartnerDirectory implements PartnerDirectory {
  private readonly cache: TtlCache<string, Partner | undefined>;

  constructor(
    private readonly directory: PartnerDirectory,
    options: TtlCacheOptions,
  ) {
    this.cache = new TtlCache(options);
  }

  findByKeyDigest(keyDigest: string): Promise<Partner | undefined> {
    return this.cache.get(keyDigest, (digest) => this.directory.findByKeyDigest(digest));
  }
}
