import type { IncomingMessage } from 'node:http';
import type { LocalAnswer } from './api-gateway-emulator';
import type { InvokableHandler } from './lambda-endpoint';
import { LocalQueue, type DeadLetter } from './local-queue';

/**
 * The local run's adjustments queue, over HTTP (local mode only; README, "The adjustments queue"):
 * POST /local/events enqueues, GET /local/events counts, GET /local/dead-letters lists what died.
 */

/** The adjustments consumer's timeout in AWS (lib/stacks/service-stack.ts), enforced locally too. */
export const ADJUSTMENTS_CONSUMER_TIMEOUT_MS = 30_000;

/** How the local queue redelivers: short, so that a demo sees a bad message die within seconds. */
export interface LocalQueueSettings {
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
}

/**
 * From LOCAL_QUEUE_VISIBILITY_TIMEOUT_SECONDS (default 2) and ADJUSTMENTS_MAX_RECEIVE_COUNT (default
 * 3); a value that is not a positive whole number stops the start with a message naming it.
 */
export function localQueueSettings(env: Readonly<Record<string, string | undefined>>): LocalQueueSettings {
  const whole = (name: string, fallback: number) => {
    const value = env[name] ?? String(fallback);
    if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new Error(`${name} must be a positive whole number, not "${value}"`);
    return Number(value);
  };
  return { visibilityTimeoutMs: whole('LOCAL_QUEUE_VISIBILITY_TIMEOUT_SECONDS', 2) * 1000, maxReceiveCount: whole('ADJUSTMENTS_MAX_RECEIVE_COUNT', 3) };
}

/** The queue, and the local-only routes that reach it (for the API Gateway emulator). */
export interface LocalAdjustments {
  readonly queue: LocalQueue;
  readonly routes: Readonly<Record<string, (request: IncomingMessage) => unknown>>;
  readonly postRoutes: Readonly<Record<string, (body: string) => LocalAnswer>>;
}

/**
 * The adjustments queue with the consumer's production entry draining it, as the SQS event source
 * runs them in AWS. Call it once the environment is set: the entry reads it when loaded.
 */
export async function startAdjustmentsQueue(env: Readonly<Record<string, string | undefined>>): Promise<LocalAdjustments> {
  const queue = new LocalQueue({
    name: 'points-redemption-adjustments',
    handler: (await import('../functions/adjustments-consumer')).handler as unknown as InvokableHandler,
    functionTimeoutMs: ADJUSTMENTS_CONSUMER_TIMEOUT_MS,
    ...localQueueSettings(env),
  });
  return {
    queue,
    routes: { '/local/events': () => queue.counts(), '/local/dead-letters': () => deadLetterView(queue) },
    postRoutes: { '/local/events': (body) => enqueueEvents(queue, body) },
  };
}

const MAX_MESSAGES_PER_POST = 1000;
const refusal = (statusCode: number, message: string): LocalAnswer => ({ statusCode, body: { response: { status: { success: 'false', code: statusCode, message } } } });

/**
 * POST /local/events: one message or a list of them, as JSON. An object is sent as its JSON text; a
 * string is sent as it is (so a malformed message can be tried). Answers 202 with the message ids.
 */
export function enqueueEvents(queue: LocalQueue, text: string): LocalAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refusal(400, 'body: is not valid JSON: send one message, or a list of them');
  }
  const messages = Array.isArray(parsed) ? parsed : [parsed];
  if (messages.length === 0 || messages.length > MAX_MESSAGES_PER_POST) return refusal(400, `body: send 1 to ${MAX_MESSAGES_PER_POST} messages`);
  const messageIds = queue.send(messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))));
  return { statusCode: 202, body: { queued: messageIds.length, messageIds } };
}

/** GET /local/dead-letters: the messages that died, oldest first, anything that may be a partner key cut to its readable start. */
export function deadLetterView(queue: LocalQueue): (DeadLetter & { readonly body: string })[] {
  return queue.deadLetters().map((letter) => ({ ...letter, body: withoutKeys(letter.body) }));
}

/**
 * A key in a message is a credential, wherever the message put it (`apiKey`, another field, a list,
 * text that is not JSON): every run of 22 or more letters, digits, `-` and `_` (a key carries at
 * least 128 bits, so it is one) shows only its first 10 characters (a demo key's prefix).
 */
export function withoutKeys(body: string): string {
  return body.replace(/[A-Za-z0-9_-]{22,}/g, (run) => `${run.slice(0, 10)}…`);
}
