import { ItemCode } from '../item-codes';
import type { BalanceHolder, Customer, Group, PointsBalance, Program, RedemptionRules } from '../model';
import type { GroupDirectory, GroupLookup } from '../ports/group-directory';
import { effectiveRules, groupRules } from '../rules/effective-rules';
import { pointsWorth } from '../rules/point-value';
import type { GroupEcho } from './redemption-check-result';
import type { GroupSelector, RedemptionCheckRequest } from './redemption-request';

/** Where a wallet's points are, as read: the holder, the program of the balance (the earn program for cross-program) and the balance in that program's points. */
export interface WalletSource {
  readonly holder: BalanceHolder;
  readonly programId: number;
  readonly balance: PointsBalance;
}

export type Wallet =
  | {
      readonly kind: 'wallet';
      readonly rules: RedemptionRules;
      /** In the named program's points. */
      readonly balance: PointsBalance;
      readonly source: WalletSource;
      readonly group?: GroupEcho;
      /** Cross-program: where the points were earned and what one of them is worth there. */
      readonly earned?: { readonly programId: number; readonly pointValue: string };
    }
  | {
      readonly kind: 'refused';
      readonly code: ItemCode;
      readonly rule: string;
      readonly message: string;
      /** The rules the answer is valued with. */
      readonly rules: RedemptionRules;
    };

export interface WalletContext {
  readonly customer: Customer;
  /** The program named by the request (program_id, or the default). */
  readonly program: Program;
  /** The linked earn program, when the request asks for cross-program redemption and there is one. */
  readonly earnProgram: Program | undefined;
  readonly request: RedemptionCheckRequest;
  /** The group named by the request, read alongside the customer; unused for the default group. */
  readonly namedGroup: Group | undefined;
}

/**
 * Whose points a check spends and under which rules (README, "Group wallets" and
 * "Cross-program redemption"):
 *
 * - plain: the customer's membership of the named program, under its rules for the customer's tier;
 * - group (`user_group2_*`): the group's pooled balance, under the program's `groupRedemption` rules
 *   (no tier); the requesting customer must be a member allowed to redeem;
 * - cross-program (`group_redemption=true`): the balance earned in the linked earn program, under
 *   the named program's rules for the customer's tier in it, converted into the named program's
 *   points at the two point values, rounded down;
 * - both: the group's balance in the earn program, under the named program's group rules.
 *
 * In every case the requesting customer must be registered in the program whose balance is used.
 */
export async function resolveWallet(groups: GroupDirectory, context: WalletContext): Promise<Wallet> {
  const { customer, program, earnProgram, request } = context;
  const ownRules = effectiveRules(program.rules, customer.programs[String(program.id)]?.tier);
  const refuse: Refuse = (code, rule, message, rules = ownRules) => ({ kind: 'refused', code, rule, message, rules });

  if (request.groupRedemption && !earnProgram) {
    return refuse(ItemCode.PROGRAMS_NOT_LINKED, 'programLinks', `No program of the org is linked to redeem its points in program ${program.id}`);
  }
  const balanceProgram = earnProgram ?? program;

  let rules = ownRules;
  let pooled: PointsBalance | undefined;
  let group: GroupEcho | undefined;
  let holder: BalanceHolder = { kind: 'customer', customerId: customer.id };
  if (request.group) {
    const found = await groupWallet(groups, context, request.group, balanceProgram.id, refuse);
    if (found.kind === 'refused') return found;
    ({ rules, pooled, group, holder } = found);
  }

  if (!rules.redemptionEnabled) return refuse(ItemCode.REDEMPTION_DISABLED, 'redemptionEnabled', 'Points redemption is disabled', rules);
  const membership = customer.programs[String(balanceProgram.id)];
  if (!membership?.registered) {
    const message = earnProgram
      ? `Customer is not registered into program ${earnProgram.id}, whose points program ${program.id} redeems`
      : 'Customer is not registered into the loyalty program';
    return refuse(ItemCode.NOT_REGISTERED, 'registered', message, rules);
  }

  const balance = pooled ?? membership;
  const source: WalletSource = { holder, programId: balanceProgram.id, balance };
  if (!earnProgram) return { kind: 'wallet', rules, balance, source, ...(group && { group }) };
  // A group has no tier, so its points are worth the earn program's own point value.
  const earnValue = group ? earnProgram.rules.pointValue : effectiveRules(earnProgram.rules, membership.tier).pointValue;
  return {
    kind: 'wallet',
    rules,
    balance: {
      currentPoints: pointsWorth(balance.currentPoints, earnValue, rules.pointValue),
      lifetimePoints: pointsWorth(balance.lifetimePoints, earnValue, rules.pointValue),
      lifetimePurchases: balance.lifetimePurchases,
    },
    source,
    ...(group && { group }),
    earned: { programId: earnProgram.id, pointValue: earnValue },
  };
}

/** A wallet that may not be used, and why. */
type Refused = Extract<Wallet, { readonly kind: 'refused' }>;
/** Makes a refusal, valued with the given rules (by default the customer's own in the program). */
type Refuse = (code: ItemCode, rule: string, message: string, rules?: RedemptionRules) => Refused;

/** A group's wallet as a check uses it: the program's group rules, the pooled balance, the echo and the holder. */
interface GroupWallet {
  readonly kind: 'group';
  readonly rules: RedemptionRules;
  readonly pooled: PointsBalance;
  readonly group: GroupEcho;
  readonly holder: BalanceHolder;
}

/**
 * The group wallet a request names (or the customer's default group), holding points of
 * `balanceProgramId`; refused when the program takes no group redemptions, there is no such group,
 * the customer may not redeem its points, or it has none in that program.
 */
async function groupWallet(
  groups: GroupDirectory,
  context: WalletContext,
  selector: GroupSelector,
  balanceProgramId: number,
  refuse: Refuse,
): Promise<GroupWallet | Refused> {
  const { customer, program } = context;
  const forGroups = groupRules(program.rules);
  if (!forGroups) return refuse(ItemCode.GROUP_NOT_CONFIGURED, 'groupRedemption', `Program ${program.id} does not allow redemption from group wallets`);
  const found = selector.by === 'default-group' ? await defaultGroup(groups, customer) : context.namedGroup;
  if (!found) {
    const message = selector.by === 'default-group' && customer.defaultGroupId === undefined ? 'The customer has no default group' : 'No such group';
    return refuse(ItemCode.INVALID_GROUP, 'group', message, forGroups);
  }
  const member = await groups.findMember(customer.orgId, found.id, customer.id);
  if (!member?.canRedeem) {
    const message = member ? 'The customer is a member of the group but may not redeem its points' : 'The customer is not a member of the group';
    return refuse(ItemCode.GROUP_MEMBER_NOT_ALLOWED, 'groupMember', message, forGroups);
  }
  const pooled = found.programs[String(balanceProgramId)];
  if (!pooled) return refuse(ItemCode.GROUP_NOT_CONFIGURED, 'groupWallet', `The group has no points in program ${balanceProgramId}`, forGroups);
  return { kind: 'group', rules: forGroups, pooled, group: groupEcho(found, selector), holder: { kind: 'group', groupId: found.id, memberId: customer.id } };
}

/**
 * The lookup for a group named in the request, or undefined for the default group (which needs the
 * customer first). Source and account id do not take part: an org has one customer directory.
 */
export function groupLookupOf(selector: GroupSelector): GroupLookup | undefined {
  switch (selector.by) {
    case 'id':
      return { by: 'id', groupId: selector.groupId };
    case 'external-id':
      return { by: 'external-id', externalId: selector.externalId };
    case 'primary-user-id':
      return { by: 'primary-member', customerId: selector.customerId };
    case 'primary-user-identifier':
      return selector.identifier.type === 'id'
        ? { by: 'primary-member', customerId: Number(selector.identifier.value) }
        : { by: 'primary-member-identifier', identifier: selector.identifier };
    case 'default-group':
      return undefined;
  }
}

async function defaultGroup(groups: GroupDirectory, customer: Customer): Promise<Group | undefined> {
  if (customer.defaultGroupId === undefined) return undefined;
  return groups.findGroup(customer.orgId, { by: 'id', groupId: customer.defaultGroupId });
}

function groupEcho(group: Group, selector: GroupSelector): GroupEcho {
  return {
    id: group.id,
    ...(group.externalId !== undefined && { externalId: group.externalId }),
    primaryCustomerId: group.primaryCustomerId,
    ...(selector.by === 'primary-user-identifier' && selector.source !== undefined && { source: selector.source }),
    ...(selector.by === 'primary-user-identifier' && selector.accountId !== undefined && { accountId: selector.accountId }),
  };
}
