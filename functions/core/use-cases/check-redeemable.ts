import { ItemCode } from '../item-codes';
import type { Partner } from '../model';
import { ValidationChannel, type ValidationCodes, type VerifyCodeResult } from '../ports/validation-codes';
import { evaluateRedemption, type EvaluateRedemptionDeps, type RedemptionDecision } from './evaluate-redemption';
import { itemMessage, itemStatus, type OtpOutcome, type RedemptionCheckResult } from './redemption-check-result';
import { ValidationType, type RedemptionCheckRequest } from './redemption-request';
import { codeViolation } from './validation-code-check';

export interface CheckRedeemableDeps extends EvaluateRedemptionDeps {
  readonly validationCodes: ValidationCodes;
}

type Evaluated = Extract<RedemptionDecision, { kind: 'evaluated' }>;

/**
 * isredeemable: may this customer redeem this amount in this program right now? (contract,
 * "GET /v1.1/points/isredeemable")
 *
 * The rules decide first (evaluate-redemption.ts); a given code is then verified (never used up by a
 * check); the first failing check is the item status, every failing check from 808 on is listed in
 * the explanation. A passing check with `issueOtp` sends a code.
 */
export async function checkRedeemable(deps: CheckRedeemableDeps, partner: Partner, request: RedemptionCheckRequest): Promise<RedemptionCheckResult> {
  const decision = await evaluateRedemption(deps, partner, request);
  if (decision.kind === 'refused') return decision.result;
  const verdict = decision.code.kind === 'verify' ? await deps.validationCodes.verify(decision.code.request) : undefined;
  const result = checkResultOf(decision, verdict);
  if (!result.redeemable || !request.issueOtp) return result;
  const otp = await issueCode(deps.validationCodes, partner, decision, request);
  return { ...result, status: itemStatus(otp.outcome === 'issued' ? ItemCode.REDEEMABLE : ItemCode.OTP_FAILED_AFTER_PASS), otp };
}

/**
 * The check's verdict on an evaluated redemption, given what the code's verification answered (if a
 * code was verified): 808 first, then the amount rules in the reference order.
 */
export function checkResultOf(decision: Evaluated, verdict: VerifyCodeResult | undefined): RedemptionCheckResult {
  const validation = codeViolation(decision.code, verdict);
  const { amount } = decision;
  const failedChecks = [...(validation ? [validation] : []), ...amount.violations];
  const first = failedChecks[0];
  if (!first) return { ...decision.summary, redeemable: true, status: itemStatus(ItemCode.REDEEMABLE) };
  return {
    ...decision.summary,
    redeemable: false,
    status: { code: first.code, message: itemMessage(first) },
    explanation: { failedChecks, ...(amount.range && { redeemableRange: amount.range }), ...(amount.nearest && { nearest: amount.nearest }) },
  };
}

async function issueCode(validationCodes: ValidationCodes, partner: Partner, decision: Evaluated, request: RedemptionCheckRequest): Promise<OtpOutcome> {
  const { customer, program, codeRules } = decision;
  const channel = request.validationType === ValidationType.MISSED_CALL ? ValidationChannel.MISSED_CALL : ValidationChannel.SMS;
  if (channel === ValidationChannel.MISSED_CALL && !codeRules.missedCallEnabled) return { outcome: 'not-issued', reason: 'channel-disabled' };
  if (!customer.mobile) return { outcome: 'not-issued', reason: 'no-mobile' };
  const result = await validationCodes.issue({
    orgId: partner.orgId,
    customerId: customer.id,
    programId: program.id,
    points: decision.summary.points,
    channel,
    mobile: customer.mobile,
    programName: program.name,
    otp: codeRules,
  });
  return result.kind === 'issued'
    ? { outcome: 'issued', channel: result.channel, expiresAt: result.expiresAt }
    : { outcome: 'not-issued', reason: result.reason };
}
