import type { IssueRefusalReason, ValidationChannel } from './validation-codes';

/** Whose codes: one live code (and at most one pending) per customer and program. */
export interface CodeKey {
  readonly orgId: string;
  readonly customerId: number;
  readonly programId: number;
}

/** The state of the live code (the `pending` code is kept apart, see ValidationCodeStore.saveNew). */
export const CodeState = {
  /** Only in items written before new codes were kept pending beside the live one: never verifiable. */
  PENDING: 'pending',
  /** The live code: its message was accepted by the provider, and it may be verified. */
  ACTIVE: 'active',
  /** Used up by a redemption (adapters/dynamodb: consumeCodeWrite): it never verifies again. */
  USED: 'used',
} as const;
export type CodeState = (typeof CodeState)[keyof typeof CodeState];

/** The live code as stored. The code itself is never stored, only its keyed hash. */
export interface StoredCode {
  readonly codeId: string;
  /** HMAC-SHA256 (hex) of the code and its binding; see core/validation-codes/code-hash.ts. */
  readonly codeHash: string;
  readonly channel: ValidationChannel;
  readonly state: CodeState;
  /** Epoch ms. */
  readonly issuedAt: number;
  /** Epoch ms; the code is valid while now < validUntil. */
  readonly validUntil: number;
  /** Attempts reserved against the code: its wrong attempts plus verifications in flight. */
  readonly attempts: number;
  /** Wrong codes compared against it. At maxAttempts the code is dead, even for the right value. */
  readonly wrongAttempts: number;
  /** The attempt limit in force when the code was issued. */
  readonly maxAttempts: number;
}

/** A code to save: its hash (never the code), lifetime, and the limits its save is conditioned on. */
export interface NewCode {
  readonly key: CodeKey;
  /** The destination (normalised digits): counted per day besides the customer. */
  readonly mobile: string;
  readonly codeId: string;
  readonly codeHash: string;
  readonly channel: ValidationChannel;
  readonly issuedAt: number;
  readonly validUntil: number;
  /** Epoch ms until which the item must be kept (validity and resend cooldown); storage may drop it later. */
  readonly retainUntil: number;
  /** Resend cooldown: saved only if the live and the pending code (if any) were issued at or before this (epoch ms). */
  readonly replacesIssuedAtOrBefore: number;
  /**
   * One issue at a time: a pending code issued after this (epoch ms) is still being sent, and the
   * new one is refused ('in-progress'); one issued at or before it was abandoned (its function was
   * stopped) and is replaced.
   */
  readonly abandonsPendingIssuedAtOrBefore: number;
  /** The day the issue counts against (UTC, YYYY-MM-DD) and the limit per customer and per number. */
  readonly day: string;
  readonly maxPerDay: number;
  /**
   * Attempts the code allows, stored with it: the limit in force when it was issued holds whatever
   * rules a later verification comes with.
   */
  readonly maxAttempts: number;
}

/** Saved, or refused by one of the save's conditions. */
export type SaveCodeResult =
  | { readonly kind: 'saved' }
  | { readonly kind: 'refused'; readonly reason: Extract<IssueRefusalReason, 'cooldown' | 'in-progress' | 'daily-limit'> };

/** An attempt reserved on the live code (as updated), or none. */
export type ReserveAttemptResult =
  | { readonly kind: 'reserved'; readonly code: StoredCode }
  /** No attempt was reserved; `current` is the live code as it is now (if any), to explain why. */
  | { readonly kind: 'not-reserved'; readonly current?: StoredCode };

/**
 * Stores live and pending codes and the per-day issue counters. Each method is one conditional
 * write (or one transaction), so the limits hold under concurrent requests. Infrastructure
 * failures are thrown; expected outcomes (a limit reached, a code replaced) are returned.
 */
export interface ValidationCodeStore {
  /**
   * Writes the new code as PENDING beside the live one (which stays verifiable) and counts it
   * against the day's limits, all or nothing: refused during the cooldown, while another issue of
   * a code for the same customer and program is in flight, or when a counter is at its limit.
   */
  saveNew(code: NewCode): Promise<SaveCodeResult>;
  /**
   * Makes the pending code the live one (replacing the previous live code), if it is still the
   * pending one; 'superseded' when it no longer is.
   */
  activate(key: CodeKey, codeId: string): Promise<'activated' | 'superseded'>;
  /**
   * Removes the pending code if it is still the pending one; the live code stays. With
   * `giveBackDaySlots`, also takes it off the day's counters: for a message that was never sent.
   */
  discard(code: NewCode, options: { readonly giveBackDaySlots: boolean }): Promise<void>;
  /**
   * Reserves one attempt against the ACTIVE live code, only while its reserved attempts (wrong
   * ones and verifications in flight) are below its own maxAttempts, and returns the code as
   * updated. A reservation refused only because verifications are in flight is retried briefly.
   * The caller gives the attempt back (releaseAttempt) when the code was right, and counts it
   * (recordWrongAttempt) when it was not.
   */
  reserveAttempt(key: CodeKey): Promise<ReserveAttemptResult>;
  /** Gives back an attempt reserved on this code; a no-op if the code was replaced meanwhile. */
  releaseAttempt(key: CodeKey, codeId: string): Promise<void>;
  /** Counts a reserved attempt as wrong (its reservation stays taken); a no-op if the code was replaced meanwhile. */
  recordWrongAttempt(key: CodeKey, codeId: string): Promise<void>;
}
