import { createHash } from 'node:crypto';
import type { RandomSource } from './ports/random-source';

/** Lower-case base32 (RFC 4648 letters, no padding): ids that survive any URL, log or spreadsheet. */
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 20 symbols of 5 bits: 100 bits, unique without coordination. */
const ID_LENGTH = 20;

/** A new random id (redemptions without a reference, reversals): 20 base32 symbols, uniformly drawn. */
export function randomId(random: RandomSource): string {
  let id = '';
  for (let i = 0; i < ID_LENGTH; i += 1) id += ID_ALPHABET[random.randomInt(ID_ALPHABET.length)] ?? '';
  return id;
}

/**
 * The id a caller's reference gives a record (ours: README, "Exactly once"): the same org, kind and
 * reference always give the same id, so the record's own key makes the reference unique, and a
 * record can be found by its reference with one read. SHA-256 over a delimited encoding; 20 base32
 * symbols of it. The reference is not recoverable from the id.
 */
export function referenceId(orgId: string, kind: string, reference: string): string {
  const digest = createHash('sha256').update(JSON.stringify(['ref/v1', orgId, kind, reference]), 'utf8').digest();
  let id = '';
  for (let i = 0; i < ID_LENGTH; i += 1) id += ID_ALPHABET[(digest[i] ?? 0) % 32] ?? '';
  return id;
}
