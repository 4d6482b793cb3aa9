import type { OtpRules } from '../model';

export const ValidationChannel = { SMS: 'SMS', MISSED_CALL: 'MISSED_CALL' } as const;
export type ValidationChannel = (typeof ValidationChannel)[keyof typeof ValidationChannel];

/** What a code is bound to: a code issued for one of these fails for any other. */
export interface CodeBinding {
  readonly orgId: string;
  readonly customerId: number;
  readonly programId: number;
  readonly points: number;
}

export interface IssueCodeRequest extends CodeBinding {
  readonly channel: ValidationChannel;
  /** The customer's registered mobile (digits, country code first), if any. */
  readonly mobile?: string;
  readonly programName: string;
  /** The program's OTP rules for the customer's tier (never a group's overrides): the code's shape and limits. */
  readonly otp: OtpRules;
}

export type IssueCodeResult =
  | { readonly kind: 'issued'; readonly channel: ValidationChannel; readonly expiresAt: number }
  | {
      readonly kind: 'refused';
      readonly reason: 'cooldown' | 'daily-limit' | 'no-mobile' | 'country-not-allowed' | 'channel-disabled' | 'alphabet-not-callable';
    }
  | { readonly kind: 'failed'; readonly reason: 'delivery-failed' | 'store-unavailable' | 'unreachable' };

export interface VerifyCodeRequest extends CodeBinding {
  readonly code: string;
  /**
   * The program's OTP rules for the customer's tier. The attempt limit is not read from here: a code
   * keeps the maxAttempts it was issued with.
   */
  readonly otp: OtpRules;
}

export type VerifyCodeResult =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly reason: 'no-code' | 'wrong' | 'expired' | 'attempts-exhausted' };

/**
 * Issues and verifies one-time validation codes. The check does not know how this is reached
 * (in production: the validation-codes Lambda through the Lambda Invoke API).
 */
export interface ValidationCodes {
  issue(request: IssueCodeRequest): Promise<IssueCodeResult>;
  verify(request: VerifyCodeRequest): Promise<VerifyCodeResult>;
}
