import type { ValidationChannel } from '../functions/core/ports/validation-codes';

/** What a local stand-in "sent" instead of a real SMS or call; shown by the local run for demos and read by tests. */
export type OutboxEntry =
  | { readonly channel: typeof ValidationChannel.SMS; readonly destination: string; readonly text: string; readonly sentAt: string }
  | { readonly channel: typeof ValidationChannel.MISSED_CALL; readonly destination: string; readonly callerNumber: string; readonly sentAt: string };

type WithoutSentAt<T> = T extends unknown ? Omit<T, 'sentAt'> : never;
export type NewOutboxEntry = WithoutSentAt<OutboxEntry>;

export interface OutboxOptions {
  /** Entries kept; older ones are dropped. Default 200. */
  readonly capacity?: number;
  /** For sentAt; default the wall clock. */
  readonly now?: () => number;
}

export class Outbox {
  readonly #entries: OutboxEntry[] = [];
  readonly #capacity: number;
  readonly #now: () => number;

  constructor(options: OutboxOptions = {}) {
    this.#capacity = options.capacity ?? 200;
    this.#now = options.now ?? Date.now;
  }

  record(entry: NewOutboxEntry): OutboxEntry {
    const recorded = { ...entry, sentAt: new Date(this.#now()).toISOString() } as OutboxEntry;
    this.#entries.push(recorded);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
    return recorded;
  }

  /** Newest first. */
  list(): OutboxEntry[] {
    return [...this.#entries].reverse();
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
