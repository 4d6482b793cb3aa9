import type { Clock } from '../ports/clock';
import type { CodeMessage, CodeSender } from '../ports/code-sender';
import type { CodeKey, NewCode, ValidationCodeStore } from '../ports/validation-code-store';
import type { RandomSource } from '../ports/random-source';
import {
  ValidationChannel,
  type IssueCodeRequest,
  type IssueCodeResult,
  type IssueFailureReason,
  type ValidationCodes,
  type VerifyCodeRequest,
  type VerifyCodeResult,
} from '../ports/validation-codes';
import { generateCode, generateCodeId, normaliseCode } from './code';
import { DeliveryFailedError, DeliveryOutcome } from './errors';
import { hashCode, hashesMatch } from './code-hash';
import {
  abandonCutoff,
  codeLifetime,
  cooldownCutoff,
  destinationOf,
  isExpired,
  issueRefusal,
  tooLateToActivate,
  utcDay,
  whyNotVerifiable,
} from './policy';
import { renderSmsText } from './sms-text';

/** Something went wrong that the result does not say in detail; for logs and metrics. Never holds a code. */
export type ValidationCodeServiceEvent =
  | { readonly type: 'delivery-failed'; readonly channel: ValidationChannel; readonly error: unknown }
  | {
      readonly type: 'store-failed';
      readonly operation: 'save' | 'activate' | 'discard' | 'release' | 'record-wrong';
      readonly error: unknown;
    };

/** The ports and settings the service works with. */
export interface ValidationCodeServiceOptions {
  readonly store: ValidationCodeStore;
  /** A sender per channel; a channel without one is refused as 'channel-disabled'. */
  readonly senders: Partial<Record<ValidationChannel, CodeSender>>;
  readonly random: RandomSource;
  readonly clock: Clock;
  /** Server secret the code hashes are keyed with (at least 32 bytes). */
  readonly hmacSecret: string | Uint8Array;
  /** Country calling codes messages may go to, e.g. ["91", "44"]. Empty: every number is refused. */
  readonly allowedCountryCodes: readonly string[];
  readonly onEvent?: (event: ValidationCodeServiceEvent) => void;
}

const MIN_SECRET_BYTES = 32;

/**
 * Issues and verifies validation codes.
 *
 * Issue: refusals that need no I/O first; then ONE store write that sets the new code PENDING
 * beside the live one and counts it against the day's limits (atomically, with the resend cooldown
 * and "one issue in flight" as conditions); then the message; then the pending code replaces the
 * live one. A code is therefore never usable unless its message was accepted, and the previous
 * code works until then: a failed send discards the pending code, and a crash between the steps
 * leaves it pending, which verification never accepts.
 *
 * Verify: one attempt is reserved with a conditional increment (wrong attempts plus verifications
 * in flight < maxAttempts) before the hashes are compared; a right code gives its attempt back, a
 * wrong one is counted as wrong and keeps it. However many guesses run concurrently, at most
 * maxAttempts of them are ever compared; right codes verified in parallel wait for a free attempt
 * rather than being refused; a right code after maxAttempts wrong ones is refused. A check does not
 * use the code up (a redemption does: consumeCodeWrite). maxAttempts is the one stored with the
 * code when it was issued, never the verifying request's: a caller cannot raise the limit of a
 * live code by sending other rules.
 */
export class ValidationCodeService implements ValidationCodes {
  readonly #options: ValidationCodeServiceOptions;
  readonly #availableChannels: ReadonlySet<ValidationChannel>;

  constructor(options: ValidationCodeServiceOptions) {
    const secretBytes = typeof options.hmacSecret === 'string' ? Buffer.byteLength(options.hmacSecret) : options.hmacSecret.length;
    if (secretBytes < MIN_SECRET_BYTES) throw new RangeError(`the OTP hash secret must be at least ${MIN_SECRET_BYTES} bytes`);
    this.#options = options;
    this.#availableChannels = new Set(
      Object.values(ValidationChannel).filter((channel) => options.senders[channel] !== undefined),
    );
  }

  async issue(request: IssueCodeRequest): Promise<IssueCodeResult> {
    const { store, clock, random, allowedCountryCodes } = this.#options;
    const refusal = issueRefusal(request, { allowedCountryCodes, availableChannels: this.#availableChannels });
    const mobile = destinationOf(request.mobile);
    const sender = this.#options.senders[request.channel];
    if (refusal !== undefined || mobile === undefined || sender === undefined) {
      return { kind: 'refused', reason: refusal ?? 'channel-disabled' };
    }

    const code = generateCode(random, request.otp.length, request.otp.alphabet);
    const newCode = this.#newCode(request, mobile, code, clock.now());
    let saved;
    try {
      saved = await store.saveNew(newCode);
    } catch (error) {
      this.#emit({ type: 'store-failed', operation: 'save', error });
      return { kind: 'failed', reason: 'store-unavailable' };
    }
    if (saved.kind === 'refused') return { kind: 'refused', reason: saved.reason };
    const failure = await this.#deliverAndActivate(newCode, sender, messageFor(request, mobile, code));
    return failure ?? { kind: 'issued', channel: request.channel, expiresAt: newCode.validUntil };
  }

  /** Throws when the store fails: the result would otherwise have to guess. */
  async verify(request: VerifyCodeRequest): Promise<VerifyCodeResult> {
    const { store, clock, hmacSecret } = this.#options;
    const key = keyOf(request);
    const reservation = await store.reserveAttempt(key);
    const now = clock.now();
    if (reservation.kind === 'not-reserved') return { kind: 'invalid', reason: whyNotVerifiable(reservation.current, now) };

    const stored = reservation.code;
    if (isExpired(stored.validUntil, now)) return { kind: 'invalid', reason: 'expired' };
    const right = hashesMatch(stored.codeHash, hashCode(hmacSecret, request, normaliseCode(request.code)));
    try {
      await (right ? store.releaseAttempt(key, stored.codeId) : store.recordWrongAttempt(key, stored.codeId));
    } catch (error) {
      // The reservation stays taken either way: a right code costs the customer one attempt, and a
      // wrong one still counts against maxAttempts (as if in flight), so no guess escapes the limit.
      this.#emit({ type: 'store-failed', operation: right ? 'release' : 'record-wrong', error });
    }
    return right ? { kind: 'valid', codeId: stored.codeId } : { kind: 'invalid', reason: 'wrong' };
  }

  /** The code as stored: its keyed hash (never the code), its lifetime and the limits it is saved under. */
  #newCode(request: IssueCodeRequest, mobile: string, code: string, now: number): NewCode {
    const { validUntil, retainUntil } = codeLifetime(now, request.otp);
    return {
      key: keyOf(request),
      mobile,
      codeId: generateCodeId(this.#options.random),
      codeHash: hashCode(this.#options.hmacSecret, request, code),
      channel: request.channel,
      issuedAt: now,
      validUntil,
      retainUntil,
      replacesIssuedAtOrBefore: cooldownCutoff(now, request.otp.resendCooldownSeconds),
      abandonsPendingIssuedAtOrBefore: abandonCutoff(now),
      day: utcDay(now),
      maxPerDay: request.otp.maxPerDay,
      maxAttempts: request.otp.maxAttempts,
    };
  }

  /**
   * Sends the message, then makes the pending code live (if the message was accepted within
   * ACTIVATION_DEADLINE_MS). Undefined when the code is live; the failure otherwise, with the
   * pending code discarded (the previous live code stays).
   */
  async #deliverAndActivate(code: NewCode, sender: CodeSender, message: CodeMessage): Promise<IssueCodeResult | undefined> {
    const delivery = { type: 'delivery-failed', channel: code.channel } as const;
    try {
      await sender.send(message);
    } catch (error) {
      // A message that was definitely not sent gives its slots of the day's limits back, so an
      // outage does not use up a customer's codes for the day; one that may have arrived keeps them.
      const notSent = error instanceof DeliveryFailedError && error.outcome === DeliveryOutcome.NOT_SENT;
      return this.#abandon(code, { ...delivery, error }, notSent, 'delivery-failed');
    }
    const now = this.#options.clock.now();
    if (tooLateToActivate(code.issuedAt, now)) {
      const error = new DeliveryFailedError(`the message was accepted ${now - code.issuedAt} ms into the issue, too late to make its code live`);
      return this.#abandon(code, { ...delivery, error }, false, 'delivery-failed');
    }
    let activated;
    try {
      activated = await this.#options.store.activate(code.key, code.codeId);
    } catch (error) {
      return this.#abandon(code, { type: 'store-failed', operation: 'activate', error }, false, 'store-unavailable');
    }
    // Only when this issue outlived ISSUE_IN_FLIGHT_LIMIT_MS and a newer one took its place: the
    // message went out, but its code is not the live one, so the answer must not say 'issued'.
    return activated === 'superseded' ? { kind: 'failed', reason: 'superseded' } : undefined;
  }

  /** Reports why, discards the pending code (the live one stays) and answers the failure. */
  async #abandon(
    code: NewCode,
    event: ValidationCodeServiceEvent,
    giveBackDaySlots: boolean,
    reason: IssueFailureReason,
  ): Promise<IssueCodeResult> {
    this.#emit(event);
    await this.#discard(code, giveBackDaySlots);
    return { kind: 'failed', reason };
  }

  async #discard(code: NewCode, giveBackDaySlots: boolean): Promise<void> {
    try {
      await this.#options.store.discard(code, { giveBackDaySlots });
    } catch (error) {
      // The code stays pending, which verification never accepts: still unusable.
      this.#emit({ type: 'store-failed', operation: 'discard', error });
    }
  }

  #emit(event: ValidationCodeServiceEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // An observer must not change the outcome.
    }
  }
}

function keyOf(request: { orgId: string; customerId: number; programId: number }): CodeKey {
  return { orgId: request.orgId, customerId: request.customerId, programId: request.programId };
}

function messageFor(request: IssueCodeRequest, mobile: string, code: string): CodeMessage {
  if (request.channel === ValidationChannel.MISSED_CALL) return { channel: ValidationChannel.MISSED_CALL, mobile, code };
  return {
    channel: ValidationChannel.SMS,
    mobile,
    text: renderSmsText(request.otp.smsTemplate, {
      code,
      points: request.points,
      programName: request.programName,
      validityMinutes: request.otp.validityMinutes,
    }),
  };
}
