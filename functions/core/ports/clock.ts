/** Time, injected so the core never reads the wall clock itself. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
