import type { Clock } from '../../core/ports/clock';

export interface TtlCacheOptions {
  /** How long a loaded value is served, from when its load finished. 0 disables caching. */
  readonly ttlMs: number;
  readonly clock: Clock;
  /** Beyond this many entries the oldest is dropped. */
  readonly maxEntries?: number;
}

export const DEFAULT_MAX_ENTRIES = 1000;

interface Entry<V> {
  readonly value: Promise<V>;
  /** Infinity while the load is in flight: callers share it rather than start their own. */
  expiresAt: number;
}

/**
 * A small in-memory cache of async loads for a warm Lambda container. Values that hardly change
 * (catalogs, credentials) are read once per TTL instead of once per request. Any value is cached,
 * `undefined` and empty lists included, so unknown keys do not reach the table on every request
 * either; a failed load is never cached, so a blip does not outlive its request.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #maxEntries: number;

  constructor(options: TtlCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#clock = options.clock;
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  }

  get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    if (this.#ttlMs <= 0) return load(key);
    const cached = this.#entries.get(key);
    if (cached && cached.expiresAt > this.#clock.now()) return cached.value;
    if (cached) this.#entries.delete(key);

    const loading = Promise.resolve().then(() => load(key));
    const entry: Entry<V> = {
      value: loading.then(
        (value) => {
          if (this.#entries.get(key) === entry) entry.expiresAt = this.#clock.now() + this.#ttlMs;
          return value;
        },
        (error: unknown) => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw error;
        },
      ),
      expiresAt: Number.POSITIVE_INFINITY,
    };
    this.#entries.set(key, entry);
    // A Map iterates in insertion order, and an expired entry is re-inserted, so the first is the oldest.
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    return entry.value;
  }

  /** Entries held, in flight or loaded (expired ones are dropped lazily). */
  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
