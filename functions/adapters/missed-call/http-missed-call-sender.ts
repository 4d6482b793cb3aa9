import { errorName } from '../../core/errors';
import { DeliveryFailedError, DeliveryOutcome } from '../../core/validation-codes/errors';
import type { CodeMessage, CodeSender } from '../../core/ports/code-sender';
import { ValidationChannel } from '../../core/ports/validation-codes';

/** Where the provider is, its credential and how long to wait for it. */
export interface HttpMissedCallSenderOptions {
  /** The provider's base URL, e.g. https://api.flashcall.example (no trailing path). */
  readonly baseUrl: string;
  /** The provider API credential, sent as a bearer token. */
  readonly apiKey: string;
  /** Abandon the request after this long (and report a failure). Default 2000 ms. */
  readonly timeoutMs?: number;
}

/** How long a flash-call request may take by default (ms); at most 4000 is configurable. */
export const DEFAULT_MISSED_CALL_TIMEOUT_MS = 2000;

/**
 * Places a "flash call" (a missed call) whose calling number ends in the code, through any provider
 * that offers, or is fronted by a small proxy offering, this contract:
 *
 *   POST {baseUrl}/v1/flash-calls
 *   Authorization: Bearer <apiKey>
 *   Content-Type: application/json
 *   {"to": "+919900000001", "callerIdSuffix": "482913"}
 *
 *   2xx (typically 202, body e.g. {"id": "<call id>"}): the call is placed from a number that ends
 *        in callerIdSuffix; the customer reads or types the last digits.
 *   400: the number or suffix is not acceptable; 401/403: bad credential; 429/5xx: try later.
 *
 * Anything but a 2xx within the timeout is a DeliveryFailedError, and the caller makes the code
 * unusable. An answer other than 2xx, or a refused connection, means the call was not placed
 * (outcome `not-sent`); no answer in time means it may have been (`unknown`).
 */
export class HttpMissedCallSender implements CodeSender {
  readonly #endpoint: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;

  constructor(options: HttpMissedCallSenderOptions) {
    this.#endpoint = `${options.baseUrl.replace(/\/+$/, '')}/v1/flash-calls`;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_MISSED_CALL_TIMEOUT_MS;
  }

  async send(message: CodeMessage): Promise<void> {
    if (message.channel !== ValidationChannel.MISSED_CALL) throw new TypeError(`HttpMissedCallSender cannot send ${message.channel}`);
    let response: Response;
    try {
      response = await fetch(this.#endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.#apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ to: `+${message.mobile}`, callerIdSuffix: message.code }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const timedOut = errorName(error) === 'TimeoutError' || errorName(error) === 'AbortError';
      // Refused connection: the request never reached the provider. Anything else may have.
      const neverConnected = (error as { cause?: { code?: unknown } }).cause?.code === 'ECONNREFUSED';
      throw new DeliveryFailedError(timedOut ? `missed-call provider timed out after ${this.#timeoutMs} ms` : 'missed-call provider unreachable', {
        cause: error,
        outcome: neverConnected ? DeliveryOutcome.NOT_SENT : DeliveryOutcome.UNKNOWN,
      });
    }
    // Drain the body so the connection can be reused; its content is not needed.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw new DeliveryFailedError(`missed-call provider answered ${response.status}`, { outcome: DeliveryOutcome.NOT_SENT });
    }
  }
}
