import crypto from 'node:crypto';
import { canonicalCodeMessage, hashCode, hashesMatch } from '../../../../functions/core/validation-codes/code-hash';
import type { CodeBinding } from '../../../../functions/core/ports/validation-codes';
import { HMAC_SECRET } from '../../../support/validation-code-fakes';

const binding: CodeBinding = { orgId: 'acme', customerId: 42, programId: 7, points: 100 };

describe('hashCode', () => {
  it('is HMAC-SHA256 of the canonical binding and code under the secret', () => {
    // Prepare
    const expected = crypto.createHmac('sha256', HMAC_SECRET).update('["otp-code/v1","acme",42,7,100,"123456"]').digest('hex');

    // Act
    const hash = hashCode(HMAC_SECRET, binding, '123456');

    // Assess
    expect(hash).toBe(expected);
    expect(hash).not.toContain('123456');
  });

  it.each([
    ['another org', { orgId: 'acme2' }],
    ['another customer', { customerId: 43 }],
    ['another program', { programId: 8 }],
    ['another amount', { points: 50 }],
  ])('gives a different hash for %s', (_, change) => {
    // Act
    const original = hashCode(HMAC_SECRET, binding, '123456');
    const changed = hashCode(HMAC_SECRET, { ...binding, ...change }, '123456');

    // Assess
    expect(hashesMatch(original, changed)).toBe(false);
  });

  it('gives a different hash for another code or another secret', () => {
    // Act
    const original = hashCode(HMAC_SECRET, binding, '123456');
    const otherCode = hashCode(HMAC_SECRET, binding, '123457');
    const otherSecret = hashCode(`${HMAC_SECRET}x`, binding, '123456');

    // Assess
    expect(hashesMatch(original, otherCode)).toBe(false);
    expect(hashesMatch(original, otherSecret)).toBe(false);
    expect(hashesMatch(original, hashCode(HMAC_SECRET, { ...binding }, '123456'))).toBe(true);
  });

  it('encodes fields unambiguously, so shifting text between fields changes the hash', () => {
    // Act
    const a = canonicalCodeMessage({ ...binding, orgId: 'a","b' }, 'c');
    const b = canonicalCodeMessage({ ...binding, orgId: 'a' }, 'b","c');

    // Assess
    expect(a).not.toBe(b);
    expect(hashCode(HMAC_SECRET, { ...binding, orgId: 'a","b' }, 'c')).not.toBe(hashCode(HMAC_SECRET, { ...binding, orgId: 'a' }, 'b","c'));
  });
});

describe('hashesMatch', () => {
  afterEach(() => jest.restoreAllMocks());

  it('compares equal-length hashes with crypto.timingSafeEqual', () => {
    // Prepare
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    const hash = hashCode(HMAC_SECRET, binding, '123456');

    // Act
    const same = hashesMatch(hash, hash);
    const different = hashesMatch(hash, hashCode(HMAC_SECRET, binding, '654321'));

    // Assess
    expect(same).toBe(true);
    expect(different).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('never matches a hash of another length, or an empty or non-hex one', () => {
    // Prepare
    const hash = hashCode(HMAC_SECRET, binding, '123456');

    // Act
    const results = [hashesMatch(hash, hash.slice(0, 62)), hashesMatch('', ''), hashesMatch('zz', 'zz'), hashesMatch(hash, `${hash}00`)];

    // Assess
    expect(results).toEqual([false, false, false, false]);
  });
});
