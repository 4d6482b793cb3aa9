import { ValidationCodeKeys } from '../../functions/adapters/dynamodb/validation-code-items';
import type { Clock } from '../../functions/core/ports/clock';
import type { CodeMessage, CodeSender } from '../../functions/core/ports/code-sender';
import type { RandomSource } from '../../functions/core/ports/random-source';
import type { OtpRules } from '../../functions/core/model';
import { DEFAULT_OTP_RULES } from '../../functions/core/rules/defaults';

/**
 * A clock the test moves by hand. It starts far in the future: DynamoDB Local runs TTL deletion
 * against the wall clock, and would remove items whose `expiresAt` a past fake time put behind it.
 */
export const TEST_EPOCH = Date.UTC(2099, 10, 3, 10, 0, 0);
export class ManualClock implements Clock {
  #current: number;
  constructor(start = TEST_EPOCH) {
    this.#current = start;
  }
  now(): number {
    return this.#current;
  }
  advance(ms: number): void {
    this.#current += ms;
  }
  set(ms: number): void {
    this.#current = ms;
  }
}

/** Returns the given values in turn (each must be in range for the draw it is used for), then repeats. */
export class SequenceRandom implements RandomSource {
  #index = 0;
  readonly #values: readonly number[];
  constructor(values: readonly number[]) {
    this.#values = values;
  }
  randomInt(maxExclusive: number): number {
    const value = this.#values[this.#index % this.#values.length] ?? 0;
    this.#index += 1;
    return value % maxExclusive;
  }
}

/** Remembers every message; can be told to fail. */
export class CapturingSender implements CodeSender {
  readonly sent: CodeMessage[] = [];
  failWith: Error | undefined;
  async send(message: CodeMessage): Promise<void> {
    this.sent.push(message);
    if (this.failWith) throw this.failWith;
  }
  /** The code carried by the most recent message. */
  lastCode(): string {
    const last = this.sent.at(-1);
    if (!last) throw new Error('nothing was sent');
    return codeOf(last);
  }
}

/**
 * A sender whose sends wait until each of `expected` issues has either reached its send or
 * answered, so issues that overlap stay overlapped whatever the scheduling. Wrap each issue in
 * `track`.
 */
export class GatedSender implements CodeSender {
  readonly sent: CodeMessage[] = [];
  readonly #expected: number;
  readonly #gate: Promise<void>;
  #open: () => void = () => undefined;
  #waiting = 0;
  #answered = 0;

  constructor(expected: number) {
    this.#expected = expected;
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  async send(message: CodeMessage): Promise<void> {
    this.sent.push(message);
    this.#waiting += 1;
    this.#check();
    await this.#gate;
  }

  track<T>(issue: Promise<T>): Promise<T> {
    return issue.finally(() => {
      this.#answered += 1;
      this.#check();
    });
  }

  #check(): void {
    if (this.#waiting + this.#answered >= this.#expected) this.#open();
  }
}

/** The code a message carries (in an SMS: the first run of 4+ code characters; the default template starts with it). */
export function codeOf(message: CodeMessage): string {
  if (message.channel === 'MISSED_CALL') return message.code;
  const match = /\b[0-9A-Z]{4,10}\b/.exec(message.text);
  if (!match) throw new Error('no code in the text');
  return match[0];
}

export const HMAC_SECRET = 'test-secret-test-secret-test-secret-0123';

export function otpRules(overrides: Partial<OtpRules> = {}): OtpRules {
  return { ...DEFAULT_OTP_RULES, required: true, missedCallEnabled: true, ...overrides };
}

/**
 * The key of a day's counter, named as tests name it: `CUSTOMER#<id>` (that customer's codes in
 * the program) or `PHONE#<digits>` (the number's codes across orgs and programs).
 */
export function dayCounterKey(orgId: string, programId: number, scope: string, day: string): { pk: string; sk: string } {
  const [kind, value = ''] = scope.split('#');
  return kind === 'CUSTOMER'
    ? ValidationCodeKeys.customerDay({ orgId, customerId: Number(value), programId }, day)
    : ValidationCodeKeys.phoneDay(value, day);
}
