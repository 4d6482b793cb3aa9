import fc from 'fast-check';
import { CryptoRandomSource } from '../../../../functions/adapters/node-crypto/crypto-random-source';
import { CODE_ALPHABETS, generateCode, generateCodeId, normaliseCode } from '../../../../functions/core/validation-codes/code';
import { RandomSourceError } from '../../../../functions/core/validation-codes/errors';
import type { RandomSource } from '../../../../functions/core/ports/random-source';
import { SequenceRandom } from '../../../support/validation-code-fakes';

/** A source that records each range it was asked for and answers from fast-check's draws. */
const arbitrarySource = fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })).map((stream) => {
  const iterator = stream[Symbol.iterator]();
  const source: RandomSource = { randomInt: (max) => Math.floor((iterator.next().value as number) * max) };
  return source;
});

describe('generateCode', () => {
  it('makes codes of the configured length from the configured alphabet', () => {
    fc.assert(
      fc.property(arbitrarySource, fc.integer({ min: 4, max: 10 }), fc.constantFrom('numeric', 'alphanumeric' as const), (random, length, alphabet) => {
        // Act
        const code = generateCode(random, length, alphabet);

        // Assess
        expect(code).toHaveLength(length);
        expect([...code].every((symbol) => CODE_ALPHABETS[alphabet].includes(symbol))).toBe(true);
      }),
    );
  });

  it('uses an upper-case alphanumeric alphabet without 0, O, 1 or I', () => {
    // Prepare
    const alphabet = CODE_ALPHABETS.alphanumeric;

    // Act
    const ambiguous = [...'0O1I'].filter((symbol) => alphabet.includes(symbol));

    // Assess
    expect(ambiguous).toEqual([]);
    expect(alphabet).toMatch(/^[2-9A-Z]{32}$/);
    expect(new Set(alphabet).size).toBe(alphabet.length);
  });

  it('asks the source for exactly the alphabet size, so every symbol is equally likely', () => {
    // Prepare
    const ranges: number[] = [];
    const counts = new Map<string, number>();
    let next = 0;
    const cycling: RandomSource = {
      randomInt: (max) => {
        ranges.push(max);
        return next++ % max;
      },
    };

    // Act
    const code = Array.from({ length: 10 }, () => generateCode(cycling, 32, 'alphanumeric')).join('');
    for (const symbol of code) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);

    // Assess
    expect(new Set(ranges)).toEqual(new Set([32]));
    expect([...counts.values()]).toEqual(Array(32).fill(10));
  });

  it('maps the source draws to symbols in order', () => {
    // Prepare
    const random = new SequenceRandom([4, 8, 1, 5, 0, 9]);

    // Act
    const code = generateCode(random, 6, 'numeric');

    // Assess
    expect(code).toBe('481509');
  });

  it('refuses a source that answers out of range instead of producing a weaker code', () => {
    // Prepare
    const broken: RandomSource = { randomInt: (max) => max };
    const fractional: RandomSource = { randomInt: () => 0.5 };

    // Act
    const outOfRange = () => generateCode(broken, 6, 'numeric');
    const notInteger = () => generateCode(fractional, 6, 'numeric');

    // Assess
    expect(outOfRange).toThrow(RandomSourceError);
    expect(notInteger).toThrow(RandomSourceError);
  });

  it('draws uniformly with the crypto source (chi-square far below a one-in-a-billion bound)', () => {
    // Prepare
    const random = new CryptoRandomSource();
    const draws = 100_000;
    const counts = new Map<string, number>();

    // Act
    let code = '';
    while (code.length < draws) code += generateCode(random, 50, 'numeric');
    for (const symbol of code) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    const expected = draws / 10;
    const chiSquare = [...counts.values()].reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);

    // Assess: 9 degrees of freedom; P(chi2 > 50) is about 1e-7, so a failure means real bias.
    expect(counts.size).toBe(10);
    expect(chiSquare).toBeLessThan(50);
  });
});

describe('generateCodeId', () => {
  it('makes 26-character identifiers that do not repeat', () => {
    // Prepare
    const random = new CryptoRandomSource();

    // Act
    const ids = Array.from({ length: 1000 }, () => generateCodeId(random));

    // Assess
    expect(ids.every((id) => /^[a-z2-7]{26}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe('normaliseCode', () => {
  it('drops surrounding spaces and upper-cases letters', () => {
    // Act
    const normalised = normaliseCode('  ab7k9z \n');

    // Assess
    expect(normalised).toBe('AB7K9Z');
  });
});
