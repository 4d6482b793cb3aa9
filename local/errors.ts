import { PointsRedemptionError } from '../functions/core/errors';

/**
 * Failures of the local stack (`npm start`): what stops it from starting, each with a message that
 * says what to do.
 */

/** Base of the local stack's errors. */
export class LocalStackError extends PointsRedemptionError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** The port is taken (by another `npm start`, say). */
export class PortInUseError extends LocalStackError {
  constructor(
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(`port ${port} on 127.0.0.1 is in use`, options);
    this.name = 'PortInUseError';
  }
}

/** No Java, or one too old, for DynamoDB Local; the message says what to install. */
export class JavaRuntimeError extends LocalStackError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JavaRuntimeError';
  }
}
