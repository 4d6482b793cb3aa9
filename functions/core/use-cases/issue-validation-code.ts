import { defaultItemMessage, ItemCode } from '../item-codes';
import type { CustomerIdentifier, Partner } from '../model';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { ProgramCatalog } from '../ports/program-catalog';
import { ValidationChannel, type ValidationCodes } from '../ports/validation-codes';
import { effectiveRules } from '../rules/effective-rules';
import type { CustomerEcho } from './redemption-check-result';
import { selectProgram } from './select-program';
import { customerEcho, requestEcho } from './customer-echo';

export interface IssueValidationCodeRequest {
  readonly identifier: CustomerIdentifier;
  readonly programId?: number;
  readonly points: number;
  readonly channel: ValidationChannel;
}

export type IssueValidationCodeResult =
  | { readonly kind: 'issued'; readonly customer: CustomerEcho; readonly points: number; readonly channel: ValidationChannel; readonly expiresAt: number }
  | { readonly kind: 'refused'; readonly customer: CustomerEcho; readonly points: number; readonly code: ItemCode; readonly message: string };

export interface IssueValidationCodeDeps {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly validationCodes: ValidationCodes;
}

/**
 * validationcode: send the customer a code bound to this amount, without a redemption check.
 * Refusals: 1101/895 (program), 816 (no such customer), 809 (blocked customer), 881 (not
 * registered), 823 (missed call not enabled), 860 (could not issue: limits, destination, delivery).
 */
export async function issueValidationCode(
  deps: IssueValidationCodeDeps,
  partner: Partner,
  request: IssueValidationCodeRequest,
): Promise<IssueValidationCodeResult> {
  const asked = requestEcho(request.identifier);
  const refuse = (code: ItemCode, customer = asked, message = defaultItemMessage[code]): IssueValidationCodeResult => ({
    kind: 'refused',
    customer,
    points: request.points,
    code,
    message,
  });

  const selection = selectProgram(await deps.programs.programsOf(partner.orgId), partner, request.programId);
  if (selection.kind === 'failed') return refuse(selection.code);
  const program = selection.program;
  const customer = await deps.customers.findCustomer(partner.orgId, request.identifier, { programIds: [program.id] });
  if (!customer) return refuse(ItemCode.CUSTOMER_NOT_FOUND);
  const membership = customer.programs[String(program.id)];
  // The tier's rules, as on a check: a tier may block (or unblock) a fraud status.
  const rules = effectiveRules(program.rules, membership?.tier);
  if (rules.blockedFraudStatuses.includes(customer.fraudStatus)) return refuse(ItemCode.FRAUD);
  if (!membership?.registered) return refuse(ItemCode.NOT_REGISTERED);

  const echo = customerEcho(customer);
  if (request.channel === ValidationChannel.MISSED_CALL && !rules.otp.missedCallEnabled) return refuse(ItemCode.MISSED_CALL_DISABLED, echo);
  if (!customer.mobile) return refuse(ItemCode.OTP_NOT_ISSUED, echo, 'Unable to issue OTP: the customer has no registered mobile number');

  const result = await deps.validationCodes.issue({
    orgId: partner.orgId,
    customerId: customer.id,
    programId: program.id,
    points: request.points,
    channel: request.channel,
    mobile: customer.mobile,
    programName: program.name,
    otp: rules.otp,
  });
  if (result.kind === 'issued') return { kind: 'issued', customer: echo, points: request.points, channel: result.channel, expiresAt: result.expiresAt };
  return refuse(ItemCode.OTP_NOT_ISSUED, echo, `Unable to issue OTP (${result.reason})`);
}
