import type { CustomerIdentifier, Group, GroupMember } from '../model';

/** How a group wallet is looked up; the use case turns each `user_group2_*` way into one of these. */
export type GroupLookup =
  | { readonly by: 'id'; readonly groupId: number }
  | { readonly by: 'external-id'; readonly externalId: string }
  | { readonly by: 'primary-member'; readonly customerId: number }
  /** The primary member named by one of their identifiers (not by id). */
  | { readonly by: 'primary-member-identifier'; readonly identifier: CustomerIdentifier };

/** Finds an org's group wallets, their pooled balances and, one at a time, their members. */
export interface GroupDirectory {
  /** Undefined when no group of the org answers to the lookup. */
  findGroup(orgId: string, lookup: GroupLookup): Promise<Group | undefined>;
  /** The customer's membership of the group; undefined when they are not a member. One read, whatever the group's size. */
  findMember(orgId: string, groupId: number, customerId: number): Promise<GroupMember | undefined>;
}
