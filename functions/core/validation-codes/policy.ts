import { mobileInOrg } from '../mobile-numbers';
import { OtpAlphabet, type OtpRules } from '../model';
import { CodeState, type StoredCode } from '../ports/validation-code-store';
import { ValidationChannel, type IssueCodeRequest, type IssueRefusalReason, type VerifyFailureReason } from '../ports/validation-codes';

/**
 * The decisions ValidationCodeService makes itself, as pure functions of their inputs and the clock's `now`
 * (epoch ms). The limits (attempts, resend cooldown, codes per day) are not decided here: each is
 * the condition of a store write (see ValidationCodeStore), which these functions only give inputs to
 * (cooldownCutoff, utcDay) or explain (whyNotVerifiable).
 */

/** The refusals decided before anything is written: the others are conditions of the store's write. */
export type IssueRefusal = Exclude<IssueRefusalReason, 'cooldown' | 'in-progress' | 'daily-limit'>;

/** What issueRefusal checks a request against, besides the request. */
export interface IssueContext {
  /** Country calling codes messages may go to, e.g. ["91", "44", "1"]. Empty: none. */
  readonly allowedCountryCodes: readonly string[];
  /** Channels a sender is configured for. */
  readonly availableChannels: ReadonlySet<ValidationChannel>;
}

/**
 * The destination in its stored form (E.164 digits, country code first, no `+`), or undefined when
 * there is none usable. A customer's number is stored in that form already (core/mobile-numbers.ts),
 * so it is read as international: never in a default country, which this function has no org for.
 */
export function destinationOf(mobile: string | undefined): string | undefined {
  return mobile === undefined ? undefined : mobileInOrg(mobile, undefined);
}

/**
 * Whether the number is in a country messages may go to. Country calling codes are prefix-free
 * (ITU E.164), so a prefix match names exactly one country code.
 */
export function isCountryAllowed(mobile: string, allowedCountryCodes: readonly string[]): boolean {
  return allowedCountryCodes.some((code) => code.length > 0 && mobile.startsWith(code));
}

/**
 * Why a code cannot be issued for this request, before anything is written or sent; undefined
 * when it may be. The allow-list applies to both channels: premium-rate fraud ("SMS pumping",
 * "call pumping") works the same way for calls.
 */
export function issueRefusal(request: IssueCodeRequest, context: IssueContext): IssueRefusal | undefined {
  if (request.channel === ValidationChannel.MISSED_CALL) {
    if (!request.otp.missedCallEnabled || !context.availableChannels.has(ValidationChannel.MISSED_CALL)) return 'channel-disabled';
    // The code becomes the last digits of the calling number: only digits can be dialled.
    if (request.otp.alphabet !== OtpAlphabet.NUMERIC) return 'alphabet-not-callable';
  } else if (!context.availableChannels.has(request.channel)) {
    return 'channel-disabled';
  }
  const mobile = destinationOf(request.mobile);
  if (mobile === undefined) return 'no-mobile';
  if (!isCountryAllowed(mobile, context.allowedCountryCodes)) return 'country-not-allowed';
  return undefined;
}

/** A code is valid while now < validUntil; at validUntil it has expired. */
export function isExpired(validUntil: number, now: number): boolean {
  return now >= validUntil;
}

/** The latest issuedAt a previous code may have for a new one to be sent now. */
export function cooldownCutoff(now: number, resendCooldownSeconds: number): number {
  return now - resendCooldownSeconds * 1000;
}

/**
 * How long one issue may take: longer than the validation-codes function's 6 s timeout, after which
 * Lambda has stopped it. A pending code older than this was abandoned (its issue will never
 * activate or discard it) and no longer holds back a new one.
 */
export const ISSUE_IN_FLIGHT_LIMIT_MS = 10_000;

/**
 * How long after its issue a code may still be made live (ms): less than the function's 6 s
 * timeout, at which Lambda (and the local Invoke stand-in) answers the caller that the function
 * failed, so the partner hears 876. A message accepted later than this is not made live: no code
 * works that the caller may have been told was not sent.
 */
export const ACTIVATION_DEADLINE_MS = 5_000;

/** Whether a code issued at issuedAt is too late to be made live now. */
export function tooLateToActivate(issuedAt: number, now: number): boolean {
  return now - issuedAt >= ACTIVATION_DEADLINE_MS;
}

/** The latest issuedAt a pending code may have to be taken as abandoned now. */
export function abandonCutoff(now: number): number {
  return now - ISSUE_IN_FLIGHT_LIMIT_MS;
}

/** The day an issue counts against: the UTC calendar day, YYYY-MM-DD. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** When a new code stops being valid, and how long its record must be kept to enforce the cooldown. */
export function codeLifetime(now: number, otp: Pick<OtpRules, 'validityMinutes' | 'resendCooldownSeconds'>) {
  const validUntil = now + otp.validityMinutes * 60_000;
  return { validUntil, retainUntil: Math.max(validUntil, now + otp.resendCooldownSeconds * 1000) };
}

/** Why no attempt could be counted against the customer's code (the store's answer explained). */
export function whyNotVerifiable(current: StoredCode | undefined, now: number): Exclude<VerifyFailureReason, 'wrong'> {
  if (current?.state === CodeState.USED) return 'used';
  if (current === undefined || current.state !== CodeState.ACTIVE) return 'no-code';
  if (isExpired(current.validUntil, now)) return 'expired';
  // Also when current.attempts < current.maxAttempts by now: the reservation saw every attempt
  // taken (by wrong codes, or by concurrent verifications still in flight). Refusing is the safe
  // reading.
  return 'attempts-exhausted';
}
