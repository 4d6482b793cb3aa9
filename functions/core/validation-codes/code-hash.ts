import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CodeBinding } from '../ports/validation-codes';

/** Version tag of the canonical encoding; a new encoding gets a new tag, so old hashes never match by accident. */
const ENCODING = 'otp-code/v1';

/**
 * The canonical bytes a code's hash covers: a JSON array, so every field is delimited and escaped
 * and no two different bindings encode the same (org "a#1" with customer 2 vs org "a" with customer "1#2").
 */
export function canonicalCodeMessage(binding: CodeBinding, code: string): string {
  return JSON.stringify([ENCODING, binding.orgId, binding.customerId, binding.programId, binding.points, code]);
}

/**
 * HMAC-SHA256 (hex) of the code and what it is bound to, under a server secret. Only this is
 * stored; without the secret a stored hash does not reveal the code, even for short numeric codes.
 */
export function hashCode(secret: string | Uint8Array, binding: CodeBinding, code: string): string {
  return createHmac('sha256', secret).update(canonicalCodeMessage(binding, code), 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time (for equal lengths; a length mismatch is never a match). */
export function hashesMatch(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  if (expected.length === 0 || expected.length !== actual.length) return false;
  return timingSafeEqual(expected, actual);
}
