import { ItemCode } from '../item-codes';
import type { OtpRules } from '../model';
import type { VerifyCodeRequest, VerifyCodeResult, VerifyFailureReason } from '../ports/validation-codes';
import type { RuleViolation } from '../rules/evaluate-amount';
import type { RedemptionCheckRequest } from './redemption-request';

/** What a redemption's validation code needs, decided before any code is verified. */
export type CodeCheck =
  /** No code to verify: none is required, skipping is allowed and asked for, or a check asks for one. */
  | { readonly kind: 'none' }
  /** A code was given and must be verified with this request. */
  | { readonly kind: 'verify'; readonly request: VerifyCodeRequest }
  /** A code is required and none was given: 808, with what to do. */
  | { readonly kind: 'missing'; readonly violation: RuleViolation };

/** The OTP rules a redemption consults: the code's own (program and tier) and those of the wallet it spends. */
export interface ConsultedOtpRules {
  readonly codeRules: OtpRules;
  readonly walletRules: OtpRules;
}

/**
 * When a code is verified (README, "When a code is verified, and when it may be skipped"):
 * - a code is given: it is verified, unless `skip_validation=true` and the program allows skipping
 *   (or does not require codes at all);
 * - no code: fine unless the program requires one; then `skip_validation=true` passes only where the
 *   program allows skipping, and `issue_otp=true` passes (the check is how a code is asked for);
 *   anything else is 808.
 * "The program" is both rule sets the check consults: a code is required when either requires one,
 * and may be skipped only when each that requires one allows skipping. So a group check never skips
 * a code the customer's own rules require, and group rules may still require one.
 *
 * An amount of 0 points (money worth less than one point) can have no code: a code is bound to a
 * positive amount, so none is verified or asked for, and the amount's own refusal (821) answers
 * (ours: README, "Currency input").
 */
export function codeCheckOf(
  { codeRules, walletRules }: ConsultedOtpRules,
  request: Pick<RedemptionCheckRequest, 'validationCode' | 'skipValidation' | 'issueOtp'>,
  binding: Omit<VerifyCodeRequest, 'code' | 'otp'>,
): CodeCheck {
  if (binding.points < 1) return { kind: 'none' };
  const consulted = [codeRules, walletRules];
  const required = consulted.some((otp) => otp.required);
  const skipAllowed = request.skipValidation && consulted.every((otp) => !otp.required || otp.allowSkipValidation);
  if (request.validationCode !== undefined) {
    return skipAllowed ? { kind: 'none' } : { kind: 'verify', request: { ...binding, code: request.validationCode, otp: codeRules } };
  }
  if (!required || skipAllowed || request.issueOtp) return { kind: 'none' };
  return {
    kind: 'missing',
    violation: {
      code: ItemCode.INVALID_VALIDATION_CODE,
      rule: 'validationCode',
      message: request.skipValidation
        ? 'This program does not allow skipping validation: pass the validation_code sent to the customer'
        : 'This program requires a validation code: ask for one with issue_otp=true, then pass it as validation_code',
    },
  };
}

/** The 808 a verification's answer makes, if any. */
export function codeViolation(check: CodeCheck, verdict: VerifyCodeResult | undefined): RuleViolation | undefined {
  if (check.kind === 'missing') return check.violation;
  if (check.kind === 'none' || verdict === undefined || verdict.kind === 'valid') return undefined;
  return { code: ItemCode.INVALID_VALIDATION_CODE, rule: 'validationCode', message: invalidCodeMessage[verdict.reason] };
}

const invalidCodeMessage: Record<VerifyFailureReason, string> = {
  'no-code': 'No validation code is live for this customer and program: ask for one with issue_otp=true',
  wrong: 'Validation code is invalid (wrong code, or issued for another amount)',
  expired: 'Validation code has expired: ask for a new one',
  'attempts-exhausted': 'Validation code is blocked after too many wrong attempts: ask for a new one',
  used: 'Validation code has already been used',
};
