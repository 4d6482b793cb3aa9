import { defaultItemMessage, ItemCode } from '../item-codes';
import type { Customer, OtpRules, Partner, Program, RedemptionRules } from '../model';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { GroupDirectory } from '../ports/group-directory';
import type { ProgramCatalog } from '../ports/program-catalog';
import { ValidationChannel, type ValidationCodes, type VerifyFailureReason } from '../ports/validation-codes';
import { effectiveRules, groupRules, redemptionPossible } from '../rules/effective-rules';
import { evaluateAmount, type RuleViolation } from '../rules/evaluate-amount';
import { canonicalDecimal, pointsForCurrency, pointsToCover, redeemValue } from '../rules/point-value';
import type { OtpOutcome, RedemptionCheckResult } from './redemption-check-result';
import { ValidationType, type RedemptionCheckRequest } from './redemption-request';
import { groupLookupOf, resolveWallet } from './redemption-wallet';
import { linkedEarnProgram, selectProgram } from './select-program';
import { customerEcho, requestEcho } from './customer-echo';

export interface CheckRedeemableDeps {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
  readonly validationCodes: ValidationCodes;
}

/**
 * isredeemable: may this customer redeem this amount in this program right now?
 *
 * Order: program (1101/895), redemption enabled for anyone (827), customer (816), fraud (809), then
 * whose points (redemption-wallet.ts): programs linked (898), group rules (828), group (1632),
 * member allowed (897), group wallet in the program (828), redemption enabled for this tier or
 * group (827), registration (881); then validation code (808), minimum/maximum (821/819),
 * eligibility (804/805/806), multiple (807), balance (818). The first failing check is the item
 * status; every failing check from 808 on is listed in the explanation. A passing check with
 * `issueOtp` sends a code.
 */
export async function checkRedeemable(
  deps: CheckRedeemableDeps,
  partner: Partner,
  request: RedemptionCheckRequest,
): Promise<RedemptionCheckResult> {
  const asked = requestEcho(request.identifier);
  const requestedPoints = request.amount.kind === 'points' ? request.amount.points : 0;
  const base = {
    customer: asked,
    identifiedBy: request.identifier.type,
    points: requestedPoints,
    input: request.amount.kind === 'points' ? { type: 'points' as const } : { type: 'currency' as const, currencyValue: request.amount.currencyValue },
  };

  const catalog = await deps.programs.programsOf(partner.orgId);
  const selection = selectProgram(catalog, partner, request.programId);
  if (selection.kind === 'failed') return refused(base, selection.code);
  const program = selection.program;

  const programLevel = { ...base, programId: program.id, ...valued(program.rules, amountIn(program.rules, request)) };
  if (!redemptionPossible(program.rules)) return refused(programLevel, ItemCode.REDEMPTION_DISABLED);

  // A group named without reference to the customer is read alongside the customer.
  const lookup = request.group && groupRules(program.rules) ? groupLookupOf(request.group) : undefined;
  const [customer, namedGroup] = await Promise.all([
    deps.customers.findCustomer(partner.orgId, request.identifier),
    lookup ? deps.groups.findGroup(partner.orgId, lookup) : undefined,
  ]);
  if (!customer) return refused(programLevel, ItemCode.CUSTOMER_NOT_FOUND);
  const earnProgram = request.groupRedemption ? linkedEarnProgram(catalog, partner, program) : undefined;
  // Nothing about a blocked customer is revealed beyond the code: no balances, tier, group or identifiers.
  if (isBlocked(customer, program, earnProgram, request)) return refused(programLevel, ItemCode.FRAUD);

  const identified = { ...base, customer: customerEcho(customer), programId: program.id };
  const wallet = await resolveWallet(deps.groups, { customer, program, earnProgram, request, namedGroup });
  if (wallet.kind === 'refused') {
    return refused({ ...identified, ...valued(wallet.rules, amountIn(wallet.rules, request)) }, wallet.code, { rule: wallet.rule, message: wallet.message });
  }

  const rules = wallet.rules;
  const points = amountIn(rules, request);
  const known = {
    ...identified,
    ...valued(rules, points),
    ...(wallet.group && { group: wallet.group }),
    ...(wallet.earned && {
      earnedIn: {
        programId: wallet.earned.programId,
        points: pointsToCover(points, rules.pointValue, wallet.earned.pointValue),
        pointValue: canonicalDecimal(wallet.earned.pointValue),
      },
    }),
  };

  // A code belongs to the customer and the program, whichever wallet a check spends: its shape and
  // limits are the program's rules for the customer's tier, never a group's overrides, so a group
  // check cannot bring laxer limits to a code a plain check issued (or the other way round).
  const codeRules = effectiveRules(program.rules, tierIn(customer, program)).otp;
  const validation = await validationViolation(deps, partner, customer, program, { codeRules, walletRules: rules.otp }, request, points);
  const amount = evaluateAmount(rules, wallet.balance, points);
  const failedChecks = [...(validation ? [validation] : []), ...amount.violations];
  const first = failedChecks[0];
  if (first) {
    return {
      ...known,
      redeemable: false,
      status: { code: first.code, message: itemMessage(first) },
      explanation: { failedChecks, ...(amount.range && { redeemableRange: amount.range }), ...(amount.nearest && { nearest: amount.nearest }) },
    };
  }

  if (!request.issueOtp) return { ...known, redeemable: true, status: status(ItemCode.REDEEMABLE) };
  const otp = await issueCode(deps, partner, customer, program, codeRules, request, points);
  return {
    ...known,
    redeemable: true,
    status: otp.outcome === 'issued' ? status(ItemCode.REDEEMABLE) : status(ItemCode.OTP_FAILED_AFTER_PASS),
    otp,
  };
}

/**
 * The fraud gate is about the requesting customer, whatever wallet is used: blocked when any rule
 * set the check consults lists their status: the named program's rules for their tier, its group
 * rules (group check), and the earn program's rules for their tier there (cross-program).
 */
function isBlocked(customer: Customer, program: Program, earnProgram: Program | undefined, request: RedemptionCheckRequest): boolean {
  const consulted: (RedemptionRules | undefined)[] = [
    effectiveRules(program.rules, tierIn(customer, program)),
    request.group ? groupRules(program.rules) : undefined,
    earnProgram ? effectiveRules(earnProgram.rules, tierIn(customer, earnProgram)) : undefined,
  ];
  return consulted.some((rules) => rules?.blockedFraudStatuses.includes(customer.fraudStatus));
}

function tierIn(customer: Customer, program: Program): string | undefined {
  return customer.programs[String(program.id)]?.tier;
}

/** The amount in points: as given, or the money converted at the (tier's) point value, rounded down. */
function amountIn(rules: RedemptionRules, request: RedemptionCheckRequest): number {
  return request.amount.kind === 'points' ? request.amount.points : pointsForCurrency(request.amount.currencyValue, rules.pointValue);
}

function valued(rules: RedemptionRules, points: number) {
  return { points, valuation: { pointValue: canonicalDecimal(rules.pointValue), redeemValue: redeemValue(points, rules.pointValue) } };
}

/** The OTP rules a check consults: the code's own (program and tier) and those of the wallet it spends. */
interface CheckOtpRules {
  readonly codeRules: OtpRules;
  readonly walletRules: OtpRules;
}

/**
 * When a code is verified (README, "Validation codes"):
 * - a code is given: it is verified, unless `skip_validation=true` and the program allows skipping
 *   (or does not require codes at all);
 * - no code: fine unless the program requires one; then `skip_validation=true` passes only where the
 *   program allows skipping, and `issue_otp=true` passes (the check is how a code is asked for);
 *   anything else is 808.
 * "The program" is both rule sets the check consults: a code is required when either requires one,
 * and may be skipped only when each that requires one allows skipping. So a group check never skips
 * a code the customer's own rules require, and group rules may still require one.
 */
async function validationViolation(
  deps: CheckRedeemableDeps,
  partner: Partner,
  customer: Customer,
  program: Program,
  { codeRules, walletRules }: CheckOtpRules,
  request: RedemptionCheckRequest,
  points: number,
): Promise<RuleViolation | undefined> {
  const consulted = [codeRules, walletRules];
  const required = consulted.some((otp) => otp.required);
  const skipAllowed = request.skipValidation && consulted.every((otp) => !otp.required || otp.allowSkipValidation);
  if (request.validationCode !== undefined) {
    if (skipAllowed) return undefined;
    const verdict = await deps.validationCodes.verify({
      orgId: partner.orgId,
      customerId: customer.id,
      programId: program.id,
      points,
      code: request.validationCode,
      otp: codeRules,
    });
    if (verdict.kind === 'valid') return undefined;
    return { code: ItemCode.INVALID_VALIDATION_CODE, rule: 'validationCode', message: invalidCodeMessage[verdict.reason] };
  }
  if (!required || skipAllowed || request.issueOtp) return undefined;
  return {
    code: ItemCode.INVALID_VALIDATION_CODE,
    rule: 'validationCode',
    message: request.skipValidation
      ? 'This program does not allow skipping validation: pass the validation_code sent to the customer'
      : 'This program requires a validation code: ask for one with issue_otp=true, then pass it as validation_code',
  };
}

const invalidCodeMessage: Record<VerifyFailureReason, string> = {
  'no-code': 'No validation code is live for this customer and program: ask for one with issue_otp=true',
  wrong: 'Validation code is invalid (wrong code, or issued for another amount)',
  expired: 'Validation code has expired: ask for a new one',
  'attempts-exhausted': 'Validation code is blocked after too many wrong attempts: ask for a new one',
  used: 'Validation code has already been used',
};

async function issueCode(
  deps: CheckRedeemableDeps,
  partner: Partner,
  customer: Customer,
  program: Program,
  codeRules: OtpRules,
  request: RedemptionCheckRequest,
  points: number,
): Promise<OtpOutcome> {
  const channel = request.validationType === ValidationType.MISSED_CALL ? ValidationChannel.MISSED_CALL : ValidationChannel.SMS;
  if (channel === ValidationChannel.MISSED_CALL && !codeRules.missedCallEnabled) return { outcome: 'not-issued', reason: 'channel-disabled' };
  if (!customer.mobile) return { outcome: 'not-issued', reason: 'no-mobile' };
  const result = await deps.validationCodes.issue({
    orgId: partner.orgId,
    customerId: customer.id,
    programId: program.id,
    points,
    channel,
    mobile: customer.mobile,
    programName: program.name,
    otp: codeRules,
  });
  return result.kind === 'issued'
    ? { outcome: 'issued', channel: result.channel, expiresAt: result.expiresAt }
    : { outcome: 'not-issued', reason: result.reason };
}

type Base = Omit<RedemptionCheckResult, 'redeemable' | 'status'>;

/** A refusal before the amount is evaluated; `detail` says more than the reference's message, in the explanation. */
function refused(base: Base, code: ItemCode, detail?: { readonly rule: string; readonly message: string }): RedemptionCheckResult {
  const message = defaultItemMessage[code];
  const failed = { code, rule: detail?.rule ?? ruleOf[code] ?? 'request', message: detail?.message ?? message };
  return { ...base, redeemable: false, status: { code, message }, explanation: { failedChecks: [failed] } };
}

const ruleOf: Partial<Record<ItemCode, string>> = {
  [ItemCode.INVALID_PROGRAM]: 'programId',
  [ItemCode.PROGRAM_NOT_CONFIGURED]: 'programId',
  [ItemCode.REDEMPTION_DISABLED]: 'redemptionEnabled',
  [ItemCode.CUSTOMER_NOT_FOUND]: 'customer',
  [ItemCode.FRAUD]: 'blockedFraudStatuses',
  [ItemCode.NOT_REGISTERED]: 'registered',
};

function status(code: ItemCode) {
  return { code, message: defaultItemMessage[code] };
}

/** The item message keeps the reference's text; only 807 names its multiple, as the reference does. */
function itemMessage(violation: RuleViolation): string {
  return violation.code === ItemCode.NOT_A_MULTIPLE || violation.code === ItemCode.INVALID_VALIDATION_CODE
    ? violation.message
    : defaultItemMessage[violation.code];
}
