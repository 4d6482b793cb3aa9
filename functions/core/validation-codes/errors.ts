/** A message carrying a code was not accepted by its provider, or its outcome is unknown (timeout). */
export class DeliveryFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryFailedError';
  }
}

/**
 * The validation-code service could not answer (unreachable, function error, unreadable reply).
 * Thrown by verify: a check cannot proceed without knowing whether the code is valid.
 */
export class ValidationCodesUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValidationCodesUnavailableError';
  }
}

/** A RandomSource returned a value outside [0, max): a bug in the source, never ignored. */
export class RandomSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RandomSourceError';
  }
}

/**
 * The `name` of anything thrown. Not `instanceof Error`: errors from another realm (fetch's
 * DOMException under a test VM, for one) fail that check while still naming themselves.
 */
export function errorName(error: unknown): string | undefined {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}
