import { defaultItemMessage, ItemCode } from '../item-codes';
import type { CustomerIdentifier, Partner } from '../model';
import { ValidationChannel, type ValidationCodes } from '../ports/validation-codes';
import { evaluateRedemption, type EvaluateRedemptionDeps } from './evaluate-redemption';
import { itemMessage, type CustomerEcho } from './redemption-check-result';

export interface IssueValidationCodeRequest {
  readonly identifier: CustomerIdentifier;
  readonly programId?: number;
  readonly points: number;
  readonly channel: ValidationChannel;
}

export type IssueValidationCodeResult =
  | { readonly kind: 'issued'; readonly customer: CustomerEcho; readonly points: number; readonly channel: ValidationChannel; readonly expiresAt: number }
  | { readonly kind: 'refused'; readonly customer: CustomerEcho; readonly points: number; readonly code: ItemCode; readonly message: string };

export interface IssueValidationCodeDeps extends EvaluateRedemptionDeps {
  readonly validationCodes: ValidationCodes;
}

/**
 * validationcode: send the customer a code bound to this amount (contract, "GET
 * /v1.1/points/validationcode"). The amount and program are checked first, as a redemption of it
 * would be (ours: a code for a redemption that cannot pass is never sent): 1101/895 (program), 827
 * (disabled), 816 (no such customer), 809 (blocked customer), 881 (not registered), the amount rules
 * (821, 819, 804, 805, 806, 807, 818); then 823 (missed call not enabled) and 860 (could not issue:
 * limits, destination, delivery).
 */
export async function issueValidationCode(
  deps: IssueValidationCodeDeps,
  partner: Partner,
  request: IssueValidationCodeRequest,
): Promise<IssueValidationCodeResult> {
  const decision = await evaluateRedemption(deps, partner, {
    identifier: request.identifier,
    ...(request.programId !== undefined && { programId: request.programId }),
    amount: { kind: 'points', points: request.points },
    issueOtp: true,
    skipValidation: false,
    groupRedemption: false,
  });
  const refuse = (echo: CustomerEcho, code: ItemCode, message = defaultItemMessage[code]): IssueValidationCodeResult => ({
    kind: 'refused',
    customer: echo,
    points: request.points,
    code,
    message,
  });
  if (decision.kind === 'refused') return refuse(decision.result.customer, decision.result.status.code, decision.result.status.message);
  const echo = decision.summary.customer;
  const [violation] = decision.amount.violations;
  if (violation) return refuse(echo, violation.code, itemMessage(violation));

  const { customer, program, codeRules: rules } = decision;
  if (request.channel === ValidationChannel.MISSED_CALL && !rules.missedCallEnabled) return refuse(echo, ItemCode.MISSED_CALL_DISABLED);
  if (!customer.mobile) return refuse(echo, ItemCode.OTP_NOT_ISSUED, 'Unable to issue OTP: the customer has no registered mobile number');

  const result = await deps.validationCodes.issue({
    orgId: partner.orgId,
    customerId: customer.id,
    programId: program.id,
    points: request.points,
    channel: request.channel,
    mobile: customer.mobile,
    programName: program.name,
    otp: rules,
  });
  if (result.kind === 'issued') return { kind: 'issued', customer: echo, points: request.points, channel: result.channel, expiresAt: result.expiresAt };
  return refuse(echo, ItemCode.OTP_NOT_ISSUED, `Unable to issue OTP (${result.reason})`);
}
