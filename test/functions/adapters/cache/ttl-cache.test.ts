import { CachedPartnerDirectory } from '../../../../functions/adapters/cache/cached-partner-directory';
import { CachedProgramCatalog } from '../../../../functions/adapters/cache/cached-program-catalog';
import { TtlCache } from '../../../../functions/adapters/cache/ttl-cache';
import type { Partner, Program } from '../../../../functions/core/model';
import type { Clock } from '../../../../functions/core/ports/clock';

class FakeClock implements Clock {
  private time = 1_000_000;
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TtlCache', () => {
  it('serves a loaded value until the TTL has passed, then loads it again', async () => {
    // Prepare
    const clock = new FakeClock();
    const cache = new TtlCache<string, number>({ ttlMs: 1000, clock });
    let loads = 0;
    const load = async () => ++loads;

    // Act
    const first = await cache.get('org', load);
    clock.advance(999);
    const withinTtl = await cache.get('org', load);
    clock.advance(1);
    const afterTtl = await cache.get('org', load);

    // Assess
    expect([first, withinTtl, afterTtl]).toEqual([1, 1, 2]);
  });

  it('counts the TTL from when the load finished, not from when it started', async () => {
    // Prepare
    const clock = new FakeClock();
    const cache = new TtlCache<string, string>({ ttlMs: 1000, clock });
    const slow = deferred<string>();
    const pending = cache.get('org', () => slow.promise);
    clock.advance(800);
    slow.resolve('loaded');
    await pending;
    const load = jest.fn(async () => 'reloaded');

    // Act
    clock.advance(900);
    const value = await cache.get('org', load);

    // Assess
    expect(value).toBe('loaded');
    expect(load).not.toHaveBeenCalled();
  });

  it('loads every time when the TTL is 0', async () => {
    // Prepare
    const cache = new TtlCache<string, number>({ ttlMs: 0, clock: new FakeClock() });
    let loads = 0;

    // Act
    await cache.get('org', async () => ++loads);
    await cache.get('org', async () => ++loads);

    // Assess
    expect(loads).toBe(2);
  });

  it('shares one load between concurrent misses for the same key', async () => {
    // Prepare
    const cache = new TtlCache<string, string>({ ttlMs: 1000, clock: new FakeClock() });
    const pending = deferred<string>();
    const load = jest.fn(() => pending.promise);

    // Act
    const first = cache.get('org', load);
    const second = cache.get('org', load);
    pending.resolve('programs');

    // Assess
    await expect(Promise.all([first, second])).resolves.toEqual(['programs', 'programs']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failed load: every waiting caller sees the failure and the next call loads again', async () => {
    // Prepare
    const cache = new TtlCache<string, string>({ ttlMs: 1000, clock: new FakeClock() });
    const failing = deferred<string>();
    const waiting = [cache.get('org', () => failing.promise), cache.get('org', () => failing.promise)];
    failing.reject(new Error('throttled'));
    await Promise.allSettled(waiting);

    // Act
    const retried = await cache.get('org', async () => 'programs');

    // Assess
    await expect(waiting[0]).rejects.toThrow('throttled');
    await expect(waiting[1]).rejects.toThrow('throttled');
    expect(retried).toBe('programs');
  });

  it('does not cache a load that throws before returning a promise', async () => {
    // Prepare
    const cache = new TtlCache<string, string>({ ttlMs: 1000, clock: new FakeClock() });

    // Act
    const failed = cache.get('org', () => {
      throw new Error('bug');
    });

    // Assess
    await expect(failed).rejects.toThrow('bug');
    await expect(cache.get('org', async () => 'programs')).resolves.toBe('programs');
  });

  it('caches a negative result (undefined) like any other', async () => {
    // Prepare
    const cache = new TtlCache<string, string | undefined>({ ttlMs: 1000, clock: new FakeClock() });
    const load = jest.fn(async () => undefined);

    // Act
    await cache.get('unknown-key', load);
    const again = await cache.get('unknown-key', load);

    // Assess
    expect(again).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('holds at most maxEntries, dropping the oldest first', async () => {
    // Prepare
    const cache = new TtlCache<string, string>({ ttlMs: 60_000, clock: new FakeClock(), maxEntries: 2 });
    const load = jest.fn(async (key: string) => `value of ${key}`);
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    load.mockClear();

    // Act
    await cache.get('c', load);
    await cache.get('b', load);
    await cache.get('a', load);

    // Assess
    expect(cache.size).toBe(2);
    expect(load.mock.calls.map(([key]) => key)).toEqual(['a']);
  });
});

describe('the cached catalog and partner directory', () => {
  const program: Program = {
    orgId: 'demo',
    id: 1,
    name: 'Demo Rewards',
    isDefault: true,
    rules: {} as Program['rules'],
  };

  it('reads an org catalog once per TTL and an empty catalog too', async () => {
    // Prepare
    const clock = new FakeClock();
    const inner = { catalogOf: jest.fn(async (orgId: string) => ({ programs: orgId === 'demo' ? [program] : [], settings: {} })) };
    const catalog = new CachedProgramCatalog({ catalog: inner, ttlMs: 5000, clock });

    // Act
    const demo = [await catalog.programsOf('demo'), await catalog.programsOf('demo')];
    const missing = [await catalog.programsOf('nobody'), await catalog.programsOf('nobody')];
    clock.advance(5000);
    await catalog.programsOf('demo');

    // Assess
    expect(demo).toEqual([[program], [program]]);
    expect(missing).toEqual([[], []]);
    expect(inner.catalogOf.mock.calls.map(([orgId]) => orgId)).toEqual(['demo', 'nobody', 'demo']);
  });

  it('remembers an unknown key for the TTL, and keeps keys of different digests apart', async () => {
    // Prepare
    const partner: Partner = { orgId: 'demo', keyLabel: 'demo-pos' };
    const inner = { findByKeyDigest: jest.fn(async (digest: string) => (digest === 'known' ? partner : undefined)) };
    const directory = new CachedPartnerDirectory({ directory: inner, ttlMs: 5000, clock: new FakeClock() });

    // Act
    const unknown = [await directory.findByKeyDigest('wrong'), await directory.findByKeyDigest('wrong')];
    const known = await directory.findByKeyDigest('known');

    // Assess
    expect(unknown).toEqual([undefined, undefined]);
    expect(known).toEqual(partner);
    expect(inner.findByKeyDigest).toHaveBeenCalledTimes(2);
  });
});
