/** Randomness, injected so the core is deterministic under test. Production: a CSPRNG. */
export interface RandomSource {
  /**
   * A uniformly distributed integer in [0, maxExclusive). Implementations must be unbiased
   * (rejection sampling, not `x % max`): the strength of a code depends on it.
   */
  randomInt(maxExclusive: number): number;
}
