import { OtpAlphabet } from '../model';
import type { RandomSource } from '../ports/random-source';
import { RandomSourceError } from './errors';

/**
 * The characters a code is made of. The alphanumeric set is upper case and leaves out 0/O and 1/I,
 * which are misread on screens and over the phone: 32 symbols, 5 bits each.
 */
export const CODE_ALPHABETS: Readonly<Record<OtpAlphabet, string>> = {
  [OtpAlphabet.NUMERIC]: '0123456789',
  [OtpAlphabet.ALPHANUMERIC]: '23456789ABCDEFGHJKLMNPQRSTUVWXYZ',
};

const CODE_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const CODE_ID_LENGTH = 26; // 130 bits: unique without coordination

function draw(random: RandomSource, alphabet: string): string {
  const index = random.randomInt(alphabet.length);
  const symbol = Number.isInteger(index) ? alphabet[index] : undefined;
  if (symbol === undefined) throw new RandomSourceError(`random source returned ${index} for a range of ${alphabet.length}`);
  return symbol;
}

function drawMany(random: RandomSource, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += draw(random, alphabet);
  return out;
}

/**
 * A new code: each character drawn independently and uniformly from the alphabet (the random
 * source guarantees uniformity over [0, n); nothing here folds a wider range onto a narrower one).
 */
export function generateCode(random: RandomSource, length: number, alphabet: OtpAlphabet): string {
  if (!Number.isInteger(length) || length < 1 || length > 64) throw new RangeError(`invalid code length ${length}`);
  return drawMany(random, CODE_ALPHABETS[alphabet], length);
}

/** Identifies one issued code, so that writes about it never touch a newer code that replaced it. */
export function generateCodeId(random: RandomSource): string {
  return drawMany(random, CODE_ID_ALPHABET, CODE_ID_LENGTH);
}

/**
 * The form a typed code is compared in: surrounding spaces dropped, letters upper-cased (the
 * alphanumeric alphabet has upper case only, so "ab7k" is read as "AB7K").
 */
export function normaliseCode(typed: string): string {
  return typed.trim().toUpperCase();
}
