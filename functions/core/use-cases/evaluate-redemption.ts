import { ItemCode } from '../item-codes';
import type { Customer, CustomerIdentifier, OtpRules, Partner, Program, RedemptionRules } from '../model';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { GroupDirectory } from '../ports/group-directory';
import type { ProgramCatalog } from '../ports/program-catalog';
import { effectiveRules, groupRules, redemptionPossible } from '../rules/effective-rules';
import { evaluateAmount, type AmountEvaluation } from '../rules/evaluate-amount';
import { canonicalDecimal, pointsToCover } from '../rules/point-value';
import { customerEcho, requestEcho } from './customer-echo';
import { earnPointsWithinBounds, pointsOf, shownPoints, valued } from './redemption-amount';
import { refusedCheck, type CheckSummary, type RedemptionCheckResult, type RefusalDetail } from './redemption-check-result';
import type { RedemptionCheckRequest } from './redemption-request';
import { groupLookupOf, resolveWallet, type Wallet, type WalletSource } from './redemption-wallet';
import { requestInOrg } from './request-in-org';
import { knownToKey, linkedEarnProgram, membershipsToRead, selectProgram } from './select-program';
import { codeCheckOf, type CodeCheck } from './validation-code-check';

export interface EvaluateRedemptionDeps {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
}

/**
 * The points a redemption would take, from the exact item that holds them: `source` as read (its
 * balance in its own program's points), `points` in that same program's points (for cross-program,
 * the fewest earn-program points worth the amount, rounded up: README, "Cross-program redemption").
 */
export interface WalletDebit extends WalletSource {
  readonly points: number;
}

/**
 * What the rules decide about a redemption, before any validation code is verified.
 * - refused: a gate refused it (identifier 802, program 1101/895/827, customer 816, fraud 809,
 *   wallet 898/828/1632/897/827/881, amount 801);
 * - evaluated: the wallet is known; `amount` holds every broken amount rule (possibly none) and
 *   `code` what the validation code still needs. A check answers from it; a redemption commits it.
 */
export type RedemptionDecision =
  | {
      readonly kind: 'refused';
      readonly result: RedemptionCheckResult;
      /** The customer identifier as the org stores it (as given, when it cannot be one there). */
      readonly identifier: CustomerIdentifier;
    }
  | {
      readonly kind: 'evaluated';
      readonly summary: CheckSummary;
      /** The customer identifier as the org stores it (a mobile number in its stored form). */
      readonly identifier: CustomerIdentifier;
      readonly customer: Customer;
      readonly program: Program;
      /** The rules the amount was checked against (tier, group or cross-program as the wallet says). */
      readonly rules: RedemptionRules;
      /** The program's OTP rules for the customer's tier: a code's shape and limits, whatever the wallet. */
      readonly codeRules: OtpRules;
      readonly debit: WalletDebit;
      readonly amount: AmountEvaluation;
      readonly code: CodeCheck;
    };

/**
 * Evaluates a redemption of `request` for `partner`'s org, in the reference's order (contract,
/**
 * Evaluates a redemption of `given` for `partner`'s org, in the reference's order (contract,
 * "Order of checks"): identifiers in the org (802: a mobile number that cannot be one there),
 * program (1101/895), redemption enabled for anyone (827), customer (816, also for a customer the
 * key may not know: select-program.ts `knownToKey`), fraud (809), then whose points
 * (redemption-wallet.ts: 898, 828, 1632, 897, 827, 881); then the amount rules (821/819,
 * 804/805/806, 807, 818) against that wallet. An amount worth more than MAX_POINTS points at the
 * wallet's point value, or in the earn program's points, is 801. Reads the catalog, the customer and the
 * group; verifies nothing and writes nothing. Infrastructure failures are thrown. `reread`: a
 * redemption deciding again reads the customer it found by id (the answer still names the
 * identifier the request used).
 */
export async function evaluateRedemption(
  deps: EvaluateRedemptionDeps,
  partner: Partner,
  given: RedemptionCheckRequest,
  reread: { readonly customerId?: number } = {},
): Promise<RedemptionDecision> {
  const { programs: catalog, settings } = await deps.programs.catalogOf(partner.orgId);
  const inOrg = requestInOrg(given, settings.defaultCountry);
  const request = inOrg.ok ? inOrg.request : given;
  const base: CheckSummary = {
    customer: requestEcho(request.identifier),
    identifiedBy: request.identifier.type,
    points: request.amount.kind === 'points' ? request.amount.points : 0,
    input: request.amount.kind === 'points' ? { type: 'points' } : { type: 'currency', currencyValue: request.amount.currencyValue },
  };
  const refuse = (summary: CheckSummary, code: ItemCode, detail?: RefusalDetail): RedemptionDecision => ({ kind: 'refused', result: refusedCheck(summary, code, detail), identifier: request.identifier });
  if (!inOrg.ok) return refuse(base, ItemCode.INVALID_IDENTIFIER, inOrg);

  const selection = selectProgram(catalog, partner, request.programId);
  if (selection.kind === 'failed') return refuse(base, selection.code);
  const program = selection.program;

  // Valued at the program's own point value until the customer's tier (or the group) says which applies.
  const programLevel = { ...base, programId: program.id, ...valued(program.rules, shownPoints(program.rules, request.amount)) };
  if (!redemptionPossible(program.rules)) return refuse(programLevel, ItemCode.REDEMPTION_DISABLED);

  const earnProgram = request.groupRedemption ? linkedEarnProgram(catalog, partner, program) : undefined;
  // Only the memberships the rules consult (and those the key's grant needs) are read; a group
  // named without reference to the customer is read alongside the customer.
  const programIds = membershipsToRead(partner, earnProgram ? [program.id, earnProgram.id] : [program.id]);
  const lookup = request.group && groupRules(program.rules) ? groupLookupOf(request.group) : undefined;
  const [customer, namedGroup] = await Promise.all([
    deps.customers.findCustomer(partner.orgId, reread.customerId === undefined ? request.identifier : { type: 'id', value: String(reread.customerId) }, { programIds }),
    lookup ? deps.groups.findGroup(partner.orgId, lookup) : undefined,
  ]);
  // A customer the key may not know is answered as one that does not exist: nothing of theirs, not even 809.
  if (!customer || !knownToKey(customer, partner)) return refuse(programLevel, ItemCode.CUSTOMER_NOT_FOUND);
  // Nothing about a blocked customer is revealed beyond the code: no balances, tier, group or identifiers.
  if (isBlocked(customer, program, earnProgram, request)) return refuse(programLevel, ItemCode.FRAUD);

  const identified = { ...base, customer: customerEcho(customer), programId: program.id };
  const wallet = await resolveWallet(deps.groups, { customer, program, earnProgram, request, namedGroup });
  if (wallet.kind === 'refused') {
    return refuse({ ...identified, ...valued(wallet.rules, shownPoints(wallet.rules, request.amount)) }, wallet.code, { rule: wallet.rule, message: wallet.message });
  }
  return evaluatedIn(wallet, { partner, request, customer, program, identified }, refuse);
}

interface Identified {
  readonly partner: Partner;
  readonly request: RedemptionCheckRequest;
  readonly customer: Customer;
  readonly program: Program;
  /** What the answer says before the wallet's rules value the amount. */
  readonly identified: CheckSummary;
}

type Refuse = (summary: CheckSummary, code: ItemCode, detail?: RefusalDetail) => RedemptionDecision;

/** The amount evaluated against the wallet: its points under the wallet's rules, the debit, what the code needs. */
function evaluatedIn(wallet: Extract<Wallet, { kind: 'wallet' }>, { partner, request, customer, program, identified }: Identified, refuse: Refuse): RedemptionDecision {
  const { rules } = wallet;
  const amount = pointsOf(rules, request.amount);
  if (!amount.ok) return refuse({ ...identified, ...valued(rules, 0) }, ItemCode.INVALID_POINTS, amount);
  const points = amount.points;
  const debit = wallet.earned ? earnPointsWithinBounds(request.amount, pointsToCover(points, rules.pointValue, wallet.earned.pointValue), wallet.earned.programId) : amount;
  if (!debit.ok) return refuse({ ...identified, ...valued(rules, points) }, ItemCode.INVALID_POINTS, debit);
  const summary: CheckSummary = {
    ...identified,
    ...valued(rules, points),
    ...(wallet.group && { group: wallet.group }),
    ...(wallet.earned && {
      earnedIn: { programId: wallet.earned.programId, points: debit.points, pointValue: canonicalDecimal(wallet.earned.pointValue) },
    }),
  };
  // A code belongs to the customer and the program, whichever wallet a check spends: its shape and
  // limits are the program's rules for the customer's tier, never a group's overrides, so a group
  // check cannot bring laxer limits to a code a plain check issued (or the other way round).
  const codeRules = effectiveRules(program.rules, tierIn(customer, program)).otp;
  const binding = { orgId: partner.orgId, customerId: customer.id, programId: program.id, points };
  return {
    kind: 'evaluated',
    summary,
    identifier: request.identifier,
    customer,
    program,
    rules,
    codeRules,
    debit: { ...wallet.source, points: debit.points },
    amount: evaluateAmount(rules, wallet.balance, points),
    code: codeCheckOf({ codeRules, walletRules: rules.otp }, request, binding),
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
