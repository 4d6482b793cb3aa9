import { referenceId } from '../ids';
import { defaultItemMessage, ItemCode } from '../item-codes';
import type { BalanceHolder, Customer, CustomerIdentifier, Partner, PointsBalance } from '../model';
import type { AdjustedBalance, AdjustmentLedger, AdjustmentRecord, AdjustmentType } from '../ports/adjustment-ledger';
import type { Clock } from '../ports/clock';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { GroupDirectory } from '../ports/group-directory';
import type { ProgramCatalog } from '../ports/program-catalog';
import { adjustBalance, adjustedBalanceOf, signedPoints } from './adjustment-balance';
import { customerEcho } from './customer-echo';
import type { GroupEcho } from './redemption-check-result';
import type { GroupSelector } from './redemption-request';
import { groupLookupOf } from './redemption-wallet';
import { requestInOrg } from './request-in-org';
import { knownToKey, membershipsToRead, selectProgram } from './select-program';

/** What adjust reads and writes through: the org's programs, customers, groups, the ledger and the clock. */
export interface AdjustPointsDeps {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
  readonly ledger: AdjustmentLedger;
  readonly clock: Clock;
}

/** adjust's request (ours: README, "Adjustments"), parsed: the same from a direct invocation and from the queue. */
export interface AdjustRequest {
  /** The caller's reference: makes the adjustment idempotent per org, for good. */
  readonly reference: string;
  readonly type: AdjustmentType;
  /** EARN, DEDUCT, EXPIRE: a positive whole number of points; ADJUST: signed, never 0. */
  readonly points: number;
  /** EARN only: money added to lifetime purchases, canonical decimal text (up to 3 decimals). */
  readonly lifetimePurchases?: string;
  readonly identifier: CustomerIdentifier;
  /** Undefined: the org's default program. */
  readonly programId?: number;
  /** A group wallet (the `user_group2_*` fields): its balance changes instead of the customer's. */
  readonly group?: GroupSelector;
  readonly notes?: string;
}

/** What an adjustment came to; expected refusals are values, infrastructure failures are thrown. */
export type AdjustResult =
  /** The balance changed, now or, for a repeat of the same request (`replayed`), earlier. */
  | { readonly kind: 'adjusted'; readonly record: AdjustmentRecord; readonly replayed: boolean }
  /**
   * Nothing changed: 1101/895 (program), 816 (customer), 881 (not registered), 1632/897/828 (group),
   * 818 (below zero), 801/400 (past a bound), 744 (the reference names another adjustment), 899
   * (the balance kept changing: retry with the same reference).
   */
  | { readonly kind: 'refused'; readonly code: ItemCode; readonly message: string; readonly request: AdjustRequest };

/** How often an adjustment re-reads and re-decides when the balance changed under it before it answers 899. */
export const MAX_ADJUSTMENT_ATTEMPTS = 6;

type Decision =
  | { readonly kind: 'refused'; readonly code: ItemCode; readonly message: string }
  | {
      readonly kind: 'decided';
      readonly customer: Customer;
      readonly programId: number;
      readonly holder: BalanceHolder;
      readonly before: AdjustedBalance;
      readonly after: AdjustedBalance;
      readonly group?: GroupEcho;
    };

/**
 * adjust: changes a balance exactly once (README, "Exactly once"). The decision (program, customer,
 * wallet, balance as read, balance after) is committed by one transaction whose conditions keep it
 * true: the balance still holds what was read, the record's id (from the org and the reference) is
 * new. A repeat of the request answers the recorded adjustment and changes nothing; the reference
 * with other content is 744. A balance that changed under it is re-read (at most
 * MAX_ADJUSTMENT_ATTEMPTS times, then 899).
 */
export async function adjustPoints(deps: AdjustPointsDeps, partner: Partner, given: AdjustRequest): Promise<AdjustResult> {
  // The customer as the org stores them (a national mobile number in the org's country, README
  // "Mobile numbers"), so that a repeat naming them otherwise is the same request.
  const { settings } = await deps.programs.catalogOf(partner.orgId);
  const inOrg = requestInOrg(given, settings.defaultCountry);
  if (!inOrg.ok) {
    // The customer's identifiers are under `customer` in adjust's body; the group's fields are at its top.
    const message = inOrg.parameter === given.identifier.type ? `customer.${inOrg.message}` : inOrg.message;
    return { kind: 'refused', code: ItemCode.INVALID_IDENTIFIER, message, request: given };
  }
  const request = inOrg.request;
  const adjustmentId = referenceId(partner.orgId, 'adjustment', request.reference);
  const requestKey = requestKeyOf(request);
  const settle = (refusal: { code: ItemCode; message: string }) => refusedOrReplayed(deps, partner.orgId, { adjustmentId, requestKey, request }, refusal);
  for (let attempt = 0; attempt < MAX_ADJUSTMENT_ATTEMPTS; attempt += 1) {
    const decision = await decide(deps, partner, request);
    if (decision.kind === 'refused') return settle(decision);
    const record: AdjustmentRecord = {
      orgId: partner.orgId,
      adjustmentId,
      reference: request.reference,
      type: request.type,
      requestKey,
      customerId: decision.customer.id,
      identifier: request.identifier,
      customer: customerEcho(decision.customer),
      programId: decision.programId,
      holder: decision.holder,
      points: signedPoints(request),
      ...(request.lifetimePurchases !== undefined && { lifetimePurchases: request.lifetimePurchases }),
      before: decision.before,
      after: decision.after,
      ...(decision.group && { group: decision.group }),
      ...(request.notes !== undefined && { notes: request.notes }),
      at: deps.clock.now(),
      keyLabel: partner.keyLabel,
    };
    const commit = await deps.ledger.commitAdjustment(record);
    if (commit.kind === 'committed') return { kind: 'adjusted', record, replayed: false };
    if (commit.kind === 'duplicate') return settle({ code: ItemCode.BALANCE_BUSY, message: BUSY_MESSAGE });
  }
  return { kind: 'refused', code: ItemCode.BALANCE_BUSY, message: BUSY_MESSAGE, request };
}

const BUSY_MESSAGE = 'The balance kept changing during the adjustment; nothing changed, retry with the same reference';

/**
 * A refused adjustment may be the repeat of one that went through (a redelivered message whose
 * DEDUCT would now go below zero): the record decides. Costs one read, on this path only.
 */
async function refusedOrReplayed(
  deps: AdjustPointsDeps,
  orgId: string,
  asked: { adjustmentId: string; requestKey: string; request: AdjustRequest },
  refusal: { code: ItemCode; message: string },
): Promise<AdjustResult> {
  const existing = await deps.ledger.findAdjustment(orgId, asked.adjustmentId);
  if (existing?.requestKey === asked.requestKey) return { kind: 'adjusted', record: existing, replayed: true };
  if (existing) {
    const message = `${defaultItemMessage[ItemCode.REFERENCE_EXISTS]}: it names an adjustment with other content`;
    return { kind: 'refused', code: ItemCode.REFERENCE_EXISTS, message, request: asked.request };
  }
  return { kind: 'refused', code: refusal.code, message: refusal.message, request: asked.request };
}

/** Reads what the adjustment depends on and decides it; writes nothing. */
async function decide(deps: AdjustPointsDeps, partner: Partner, request: AdjustRequest): Promise<Decision> {
  const selection = selectProgram(await deps.programs.programsOf(partner.orgId), partner, request.programId);
  if (selection.kind === 'failed') return refused(selection.code);
  const programId = selection.program.id;
  const customer = await deps.customers.findCustomer(partner.orgId, request.identifier, { programIds: membershipsToRead(partner, [programId]) });
  // A customer a program-limited key may not know is answered as unknown (select-program.ts `knownToKey`).
  if (!customer || !knownToKey(customer, partner)) return refused(ItemCode.CUSTOMER_NOT_FOUND);
  const membership = customer.programs[String(programId)];
  // Ours: an adjustment never enrols. Adding points needs a registered member; taking points needs only a balance.
  if (signedPoints(request) > 0 && !membership?.registered) return refused(ItemCode.NOT_REGISTERED);

  const wallet = request.group ? await groupWallet(deps.groups, customer, programId, request.group) : customerWallet(customer, membership);
  if (wallet.kind === 'refused') return wallet;
  const before = adjustedBalanceOf(wallet.balance);
  const change = adjustBalance(before, request);
  if (change.kind === 'refused') return change;
  return { kind: 'decided', customer, programId, holder: wallet.holder, before, after: change.after, ...(wallet.group && { group: wallet.group }) };
}

type Wallet =
  | { readonly kind: 'wallet'; readonly holder: BalanceHolder; readonly balance: PointsBalance; readonly group?: GroupEcho }
  | { readonly kind: 'refused'; readonly code: ItemCode; readonly message: string };

function customerWallet(customer: Customer, membership: PointsBalance | undefined): Wallet {
  if (!membership) return refused(ItemCode.NOT_REGISTERED);
  return { kind: 'wallet', holder: { kind: 'customer', customerId: customer.id }, balance: membership };
}

/**
 * A group wallet named as a redemption names it (README, "Group wallets"): the customer must be a
 * member (any member: `canRedeem` is about spending at a till), and the group must hold a balance
 * in the program. The program's group redemption rules do not apply to adjustments.
 */
async function groupWallet(groups: GroupDirectory, customer: Customer, programId: number, selector: GroupSelector): Promise<Wallet> {
  const lookup = groupLookupOf(selector) ?? (customer.defaultGroupId === undefined ? undefined : { by: 'id' as const, groupId: customer.defaultGroupId });
  const group = lookup && (await groups.findGroup(customer.orgId, lookup));
  if (!group) return refused(ItemCode.INVALID_GROUP, lookup ? 'No such group' : 'The customer has no default group');
  if (!(await groups.findMember(customer.orgId, group.id, customer.id))) {
    return refused(ItemCode.GROUP_MEMBER_NOT_ALLOWED, 'The customer is not a member of the group');
  }
  const balance = group.programs[String(programId)];
  if (!balance) return refused(ItemCode.GROUP_NOT_CONFIGURED, `The group has no points in program ${programId}`);
  const echo: GroupEcho = { id: group.id, ...(group.externalId !== undefined && { externalId: group.externalId }), primaryCustomerId: group.primaryCustomerId };
  return { kind: 'wallet', holder: { kind: 'group', groupId: group.id, memberId: customer.id }, balance, group: echo };
}

/**
 * The request's content, normalised (identifiers normalised, amounts canonical): what makes a
 * repeat the same request. Ours: README, "Exactly once".
 */
export function requestKeyOf(request: AdjustRequest): string {
  const { reference, type, points, lifetimePurchases, identifier, programId, group, notes } = request;
  return JSON.stringify([reference, type, points, lifetimePurchases ?? null, identifier.type, identifier.value, programId ?? null, group ?? null, notes ?? null]);
}

function refused(code: ItemCode, message: string = defaultItemMessage[code]): { kind: 'refused'; code: ItemCode; message: string } {
  return { kind: 'refused', code, message };
}
