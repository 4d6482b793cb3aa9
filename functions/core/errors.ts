/**
 * The base of every error the service throws, and what all its errors share. Each area has one
 * `errors.ts` with its own classes (validation codes, handlers, the DynamoDB adapters, the seed
 * import, the local stack), all extending PointsRedemptionError. Expected outcomes (a wrong code,
 * a limit reached, a malformed request) are values, never these: these are bugs, misconfiguration
 * and infrastructure failures, thrown and mapped at the edge. Every class sets its `name` itself (a
 * minified bundle renames classes) and passes `cause` on through the ES2022 error options.
 */

/** The base of every error class of the service; thrown directly only for a failure no area names. */
export class PointsRedemptionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PointsRedemptionError';
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
