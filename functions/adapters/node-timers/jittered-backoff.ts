import { setTimeout as sleep } from 'node:timers/promises';
import type { Backoff } from '../../core/ports/backoff';

export interface JitteredBackoffOptions {
  /** The first retry waits up to this many ms. Default 10. */
  readonly baseMs?: number;
  /** No wait is longer than this. Default 250. */
  readonly capMs?: number;
}

/** "Full jitter": a uniformly random wait in [0, min(cap, base x 2^attempt)) ms. */
export class JitteredBackoff implements Backoff {
  readonly #baseMs: number;
  readonly #capMs: number;

  constructor(options: JitteredBackoffOptions = {}) {
    this.#baseMs = options.baseMs ?? 10;
    this.#capMs = options.capMs ?? 250;
  }

  async wait(attempt: number): Promise<void> {
    await sleep(Math.random() * Math.min(this.#capMs, this.#baseMs * 2 ** attempt));
  }
}
