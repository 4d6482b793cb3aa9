import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as v from 'valibot';
import type { Group, GroupMember } from '../../core/model';
import type { GroupDirectory, GroupLookup } from '../../core/ports/group-directory';
import { readItem, type ItemKey } from './item-reader';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbGroupDirectoryOptions {
  /** The SDK client (the caller decides its settings: timeouts, retries, endpoint). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

const BalanceItemSchema = v.looseObject({
  currentPoints: v.number(),
  lifetimePoints: v.number(),
  lifetimePurchases: v.number(),
});

/** The GROUP item. Loose, so attributes a later version adds do not break this one. */
export const GroupItemSchema = v.looseObject({
  groupId: v.pipe(v.number(), v.integer()),
  externalId: v.optional(v.string()),
  primaryCustomerId: v.pipe(v.number(), v.integer()),
  programs: v.optional(v.record(v.string(), BalanceItemSchema), {}),
});

/** A MEMBER item, in the group's partition. */
const MemberItemSchema = v.looseObject({ customerId: v.pipe(v.number(), v.integer()), canRedeem: v.boolean() });

const GroupPointerItemSchema = v.looseObject({ groupId: v.pipe(v.number(), v.integer()) });
const CustomerPointerItemSchema = v.looseObject({ customerId: v.pipe(v.number(), v.integer()) });

/** The model of a stored GROUP item; throws StoredItemCorruptError when it is not one. */
export function groupFromItem(orgId: string, item: unknown): Group {
  const id = (item as { groupId?: unknown } | undefined)?.groupId;
  const stored = parseStoredItem(GroupItemSchema, item, `ORG#${orgId}#GROUP#${typeof id === 'number' ? id : '?'}/GROUP`);
  return {
    orgId,
    id: stored.groupId,
    ...(stored.externalId !== undefined && { externalId: stored.externalId }),
    primaryCustomerId: stored.primaryCustomerId,
    programs: Object.fromEntries(
      Object.entries(stored.programs).map(([programId, b]) => [
        programId,
        { currentPoints: b.currentPoints, lifetimePoints: b.lifetimePoints, lifetimePurchases: b.lifetimePurchases },
      ]),
    ),
  };
}

/**
 * Round trips per lookup, each one GetItem: by id 1; by external id 2 (IDENT, GROUP); by primary
 * member id 2 (IDENT, GROUP); by the primary member's other identifier 3 (the customer's IDENT,
 * the primary IDENT, GROUP). A member is its own item (MEMBER#<customer id>): one GetItem, whatever
 * the group's size. Every read is strongly consistent: the pointers are written in the
 * group's transaction, so a consistent read never follows a pointer the group no longer has, and the
 * balances decide the answer. The group found is still checked against what was asked.
 */
export class DynamoDbGroupDirectory implements GroupDirectory {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: DynamoDbGroupDirectoryOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async findGroup(orgId: string, lookup: GroupLookup): Promise<Group | undefined> {
    switch (lookup.by) {
      case 'id':
        return this.#groupById(orgId, lookup.groupId);
      case 'external-id': {
        const pointer = await this.#read(ItemKeys.identifier(orgId, 'group_external_id', lookup.externalId));
        const groupId = pointer && parseStoredItem(GroupPointerItemSchema, pointer, `ORG#${orgId}#IDENT#group_external_id#…`).groupId;
        const group = groupId === undefined ? undefined : await this.#groupById(orgId, groupId);
        return group?.externalId === lookup.externalId ? group : undefined;
      }
      case 'primary-member':
        return this.#groupOfPrimary(orgId, lookup.customerId);
      case 'primary-member-identifier': {
        const { type, value } = lookup.identifier;
        const pointer = await this.#read(ItemKeys.identifier(orgId, type, value));
        // The key holds the identifier's value (personal data), so the error names only its type.
        const customerId = pointer && parseStoredItem(CustomerPointerItemSchema, pointer, `ORG#${orgId}#IDENT#${type}#…`).customerId;
        return customerId === undefined ? undefined : this.#groupOfPrimary(orgId, customerId);
      }
    }
  }

  async findMember(orgId: string, groupId: number, customerId: number): Promise<GroupMember | undefined> {
    const item = await this.#read(ItemKeys.groupMember(orgId, groupId, customerId));
    if (!item) return undefined;
    const member = parseStoredItem(MemberItemSchema, item, `ORG#${orgId}#GROUP#${groupId}/MEMBER#${customerId}`);
    return { customerId: member.customerId, canRedeem: member.canRedeem };
  }

  async #groupOfPrimary(orgId: string, customerId: number): Promise<Group | undefined> {
    const pointer = await this.#read(ItemKeys.groupPrimary(orgId, customerId));
    const groupId = pointer && parseStoredItem(GroupPointerItemSchema, pointer, `ORG#${orgId}#IDENT#group_primary#${customerId}`).groupId;
    const group = groupId === undefined ? undefined : await this.#groupById(orgId, groupId);
    return group?.primaryCustomerId === customerId ? group : undefined;
  }

  async #groupById(orgId: string, groupId: number): Promise<Group | undefined> {
    const item = await this.#read(ItemKeys.group(orgId, groupId));
    return item && groupFromItem(orgId, item);
  }

  #read(key: ItemKey): Promise<Record<string, unknown> | undefined> {
    return readItem(this.#client, this.#tableName, key, { consistent: true });
  }
}
