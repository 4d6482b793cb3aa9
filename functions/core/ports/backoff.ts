/**
 * The wait before a change that lost a race to another writer tries again (ours: README, "Exactly
 * once"). Spreading the retries of those that lost keeps them from colliding again at once.
 */
export interface Backoff {
  /** Resolves after a pause for the `attempt`-th retry (1, 2, ...); longer, and randomised, as attempts grow. */
  wait(attempt: number): Promise<void>;
}
