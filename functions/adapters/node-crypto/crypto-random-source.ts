import { randomInt } from 'node:crypto';
import type { RandomSource } from '../../core/ports/random-source';

/** The operating system's CSPRNG; node's randomInt rejects out-of-range draws, so it is unbiased. */
export class CryptoRandomSource implements RandomSource {
  randomInt(maxExclusive: number): number {
    return randomInt(maxExclusive);
  }
}
