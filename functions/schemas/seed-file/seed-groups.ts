import * as v from 'valibot';
import type { Problem } from './issue-paths';
import { AmountSchema, CustomerIdSchema, GroupIdSchema, PointsSchema, ProgramIdSchema, ProgramKeySchema } from './seed-fields';
import { safeRecord } from '../safe-record';

/**
 * The seed file's group wallets and program links (README, "Seed file"). Validated like the rest:
 * strict objects, then references and uniqueness within the org (`groupProblems`).
 */

/** `{"earnProgramId": 4, "redeemProgramId": 1}`: points earned in 4 may be redeemed in 1 (group_redemption=true). */
export const ProgramLinkSeedSchema = v.strictObject({
  earnProgramId: ProgramIdSchema,
  redeemProgramId: ProgramIdSchema,
});

const GroupBalanceSeedSchema = v.strictObject({
  currentPoints: PointsSchema,
  lifetimePoints: PointsSchema,
  lifetimePurchases: AmountSchema,
});

const GroupMemberSeedSchema = v.strictObject({
  customerId: CustomerIdSchema,
  /** Whether this member may redeem the group's points. */
  canRedeem: v.boolean(),
});

/**
 * Each member is an item of its own (item-keys.ts, `MEMBER#`), so a group is not bounded by DynamoDB's
 * item size. Every member must be a customer of the same file, which is the practical limit: a file
 * with a million customers is several hundred MB of JSON to read into memory.
 */
export const MAX_GROUP_MEMBERS = 1_000_000;

export const GroupSeedSchema = v.strictObject({
  id: GroupIdSchema,
  /** Found by `user_group2_external_id`; unique within the org. */
  externalId: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable characters without spaces'))),
  /** Found by `user_group2_primary_user_*`; one of the members, and the primary member of no other group. */
  primaryCustomerId: CustomerIdSchema,
  members: v.pipe(v.array(GroupMemberSeedSchema), v.minLength(1, 'must list at least the primary member'), v.maxLength(MAX_GROUP_MEMBERS)),
  /** The pooled balances, by program id. */
  programs: v.optional(safeRecord(ProgramKeySchema, GroupBalanceSeedSchema), {}),
});

export type ProgramLinkSeed = v.InferOutput<typeof ProgramLinkSeedSchema>;
export type GroupSeed = v.InferOutput<typeof GroupSeedSchema>;

interface OrgSections {
  readonly programs: readonly { readonly id: number }[];
  readonly customers: readonly { readonly id: number; readonly defaultGroupId?: number }[];
  readonly programLinks: readonly ProgramLinkSeed[];
  readonly groups: readonly GroupSeed[];
}

/** References and uniqueness of the org's program links, groups and default groups. */
export function groupProblems(org: OrgSections): Problem[] {
  const programIds = new Set(org.programs.map((p) => p.id));
  return [...linkProblems(org, programIds), ...groupEntryProblems(org, programIds), ...defaultGroupProblems(org)];
}

const notAProgram = (id: number | string) => `program ${id} is not a program of this org`;
const notACustomer = (id: number) => `customer ${id} is not a customer of this org`;

/** Each link between programs of the org, and one earn program per redeem program. */
function linkProblems(org: OrgSections, programIds: ReadonlySet<number>): Problem[] {
  const problems: Problem[] = [];
  const redeemedFrom = new Map<number, number>();
  org.programLinks.forEach((link, i) => {
    const at = (field: string) => ['programLinks', i, field];
    if (!programIds.has(link.earnProgramId)) problems.push({ path: at('earnProgramId'), message: notAProgram(link.earnProgramId) });
    if (!programIds.has(link.redeemProgramId)) problems.push({ path: at('redeemProgramId'), message: notAProgram(link.redeemProgramId) });
    if (link.earnProgramId === link.redeemProgramId) {
      problems.push({ path: at('redeemProgramId'), message: 'a program cannot be linked to itself' });
    }
    const earlier = redeemedFrom.get(link.redeemProgramId);
    // One earn program per redeem program: a check must know whose points it spends.
    if (earlier !== undefined) {
      problems.push({ path: at('redeemProgramId'), message: `program ${link.redeemProgramId} already redeems the points of program ${earlier}` });
    } else redeemedFrom.set(link.redeemProgramId, link.earnProgramId);
  });
  return problems;
}

/** Ids, external ids and primary members unique; members customers of the org, once each; balances in its programs. */
function groupEntryProblems(org: OrgSections, programIds: ReadonlySet<number>): Problem[] {
  const customerIds = new Set(org.customers.map((c) => c.id));
  const problems: Problem[] = [];
  const groupIndex = new Map<number, number>();
  const externalIds = new Map<string, number>();
  const primaryOf = new Map<number, number>();
  org.groups.forEach((group, i) => {
    const at = (...path: (string | number)[]) => ['groups', i, ...path];
    const first = groupIndex.get(group.id);
    if (first !== undefined) problems.push({ path: at('id'), message: `group ${group.id} is already defined at groups[${first}]` });
    else groupIndex.set(group.id, i);

    if (group.externalId !== undefined) {
      const owner = externalIds.get(group.externalId);
      if (owner !== undefined) problems.push({ path: at('externalId'), message: `this group external id is already used by group ${owner}` });
      else externalIds.set(group.externalId, group.id);
    }

    if (!customerIds.has(group.primaryCustomerId)) problems.push({ path: at('primaryCustomerId'), message: notACustomer(group.primaryCustomerId) });
    else if (!group.members.some((m) => m.customerId === group.primaryCustomerId)) {
      problems.push({ path: at('primaryCustomerId'), message: `customer ${group.primaryCustomerId} must be one of the group's members` });
    }
    const primaryElsewhere = primaryOf.get(group.primaryCustomerId);
    if (primaryElsewhere !== undefined) {
      problems.push({ path: at('primaryCustomerId'), message: `customer ${group.primaryCustomerId} is already the primary member of group ${primaryElsewhere}` });
    } else primaryOf.set(group.primaryCustomerId, group.id);

    const seen = new Set<number>();
    group.members.forEach((member, j) => {
      if (!customerIds.has(member.customerId)) problems.push({ path: at('members', j, 'customerId'), message: notACustomer(member.customerId) });
      if (seen.has(member.customerId)) {
        problems.push({ path: at('members', j, 'customerId'), message: `customer ${member.customerId} is already a member of this group` });
      }
      seen.add(member.customerId);
    });

    for (const programKey of Object.keys(group.programs)) {
      if (!programIds.has(Number(programKey))) problems.push({ path: at('programs', programKey), message: notAProgram(programKey) });
    }
  });
  return problems;
}

/** A customer's default group is a group of the org of which the customer is a member (sets: groups may be large). */
function defaultGroupProblems(org: OrgSections): Problem[] {
  const membersOf = new Map<number, ReadonlySet<number>>();
  for (const group of org.groups) {
    if (!membersOf.has(group.id)) membersOf.set(group.id, new Set(group.members.map((m) => m.customerId)));
  }
  const problems: Problem[] = [];
  org.customers.forEach((customer, i) => {
    if (customer.defaultGroupId === undefined) return;
    const members = membersOf.get(customer.defaultGroupId);
    if (!members) {
      problems.push({ path: ['customers', i, 'defaultGroupId'], message: `group ${customer.defaultGroupId} is not a group of this org` });
    } else if (!members.has(customer.id)) {
      problems.push({ path: ['customers', i, 'defaultGroupId'], message: `customer ${customer.id} is not a member of group ${customer.defaultGroupId}` });
    }
  });
  return problems;
}
