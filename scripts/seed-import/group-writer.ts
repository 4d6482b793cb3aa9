import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import type { GroupSeed } from '../../functions/schemas/seed-file/seed-groups';
import { ItemKeys } from '../../functions/adapters/dynamodb/item-keys';
import { storable } from '../../functions/adapters/dynamodb/storable';
import { parseStoredItem } from '../../functions/adapters/dynamodb/stored-item';
import { UnprocessedWritesError } from './errors';
import { memberChanges, storedMembers, writeMemberChanges } from './group-members';
import type { OrgTarget } from './org-target';
import { transact, type GuardedWrite, type WriteRefusal } from './guarded-transaction';


export type GroupWriteResult = { readonly kind: 'written'; readonly membersWritten: number; readonly membersRemoved: number } | WriteRefusal;

/** A pointer item never points at two groups; an absent one may be claimed. */
const POINTER_IS_FREE_OR_OURS = 'attribute_not_exists(pk) OR groupId = :groupId';

/**
 * Writes one group of a seed file. Reads the stored group item and members first. Then one
 * transaction (at most 6 items): the GROUP item, its primary member's MEMBER# item (when new or
 * changed), its external id and primary member pointers (item-keys.ts), each pointer conditioned on
 * not belonging to another group, and the deletion of the pointers a re-imported group no longer
 * has. A refused group is left as it was, members included. Then the other members that are new or
 * changed, and the deletion of those the file no longer lists, in batches (group-members.ts): a reader
 * may see the new group with part of its new members until the import ends. A group whose member
 * batches DynamoDB kept throttling is reported; importing again completes it.
 */
export async function writeGroup(target: OrgTarget, group: GroupSeed): Promise<GroupWriteResult> {
  const [previous, stored] = await Promise.all([readGroupPointers(target, group.id), storedMembers(target, group.id)]);
  const changes = memberChanges(target.orgId, group, stored);
  const primary = changes.puts.find(({ put }) => put.customerId === group.primaryCustomerId);
  const writes = groupWrites(target, group, previous);
  if (primary) writes.push({ write: { Put: { TableName: target.tableName, Item: primary.put } } });
  const refusal = await transact(target.documents, writes, 'groupId', `group ${group.id}`);
  if (refusal) return refusal;
  try {
    await writeMemberChanges(target, [...changes.puts.filter((put) => put !== primary), ...changes.deletes]);
  } catch (error) {
    if (!(error instanceof UnprocessedWritesError)) throw error;
    return { kind: 'failed', path: ['members'], message: `group ${group.id} was written, but ${error.unprocessed} of its member changes were not (${error.message}); import again` };
  }
  return { kind: 'written', membersWritten: changes.puts.length, membersRemoved: changes.deletes.length };
}

const GroupPointersSchema = v.looseObject({
  externalId: v.optional(v.string()),
  primaryCustomerId: v.pipe(v.number(), v.integer()),
});
type GroupPointers = v.InferOutput<typeof GroupPointersSchema>;

/** What the stored GROUP item points from (external id, primary member), if there is one. */
async function readGroupPointers(target: OrgTarget, groupId: number): Promise<GroupPointers | undefined> {
  const key = ItemKeys.group(target.orgId, groupId);
  const { Item } = await target.documents.send(new GetCommand({ TableName: target.tableName, Key: key, ConsistentRead: true }));
  return Item && parseStoredItem(GroupPointersSchema, Item, `${key.pk}/${key.sk}`);
}

/** The group's transaction: its item, its pointers claimed, its old pointers released. */
function groupWrites(target: OrgTarget, group: GroupSeed, previous: GroupPointers | undefined): GuardedWrite[] {
  const { tableName, orgId } = target;
  const ownership = { ':groupId': group.id };
  const notImported = `group ${group.id} was not imported`;
  const claim = (key: { pk: string; sk: string }, path: string, taken: string): GuardedWrite => ({
    write: {
      Put: {
        TableName: tableName,
        Item: { ...key, groupId: group.id },
        ConditionExpression: POINTER_IS_FREE_OR_OURS,
        ExpressionAttributeValues: ownership,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed: (owner) => ({ kind: 'failed', path: [path], message: `${taken} ${owner === undefined ? 'another group' : `group ${owner}`}; ${notImported}` }),
  });
  const release = (key: { pk: string; sk: string }, what: string): GuardedWrite => ({
    write: { Delete: { TableName: tableName, Key: key, ConditionExpression: POINTER_IS_FREE_OR_OURS, ExpressionAttributeValues: ownership } },
    onConditionFailed: () => ({ kind: 'failed', path: [], message: `group ${group.id}'s previous ${what} now belongs to another group; ${notImported}` }),
  });
  const writes: GuardedWrite[] = [
    { write: { Put: { TableName: tableName, Item: storable({ ...ItemKeys.group(orgId, group.id), ...groupAttributes(group) }) } } },
    claim(ItemKeys.groupPrimary(orgId, group.primaryCustomerId), 'primaryCustomerId', `customer ${group.primaryCustomerId} is already the primary member of`),
  ];
  if (group.externalId !== undefined) {
    writes.push(claim(ItemKeys.identifier(orgId, 'group_external_id', group.externalId), 'externalId', 'this group external id is already used by'));
  }
  if (previous && previous.primaryCustomerId !== group.primaryCustomerId) {
    writes.push(release(ItemKeys.groupPrimary(orgId, previous.primaryCustomerId), 'primary member'));
  }
  if (previous?.externalId !== undefined && previous.externalId !== group.externalId) {
    writes.push(release(ItemKeys.identifier(orgId, 'group_external_id', previous.externalId), 'external id'));
  }
  return writes;
}

/** The GROUP item's attributes (layout: item-keys.ts): no members, which are items of their own. */
function groupAttributes(group: GroupSeed): Record<string, unknown> {
  return {
    groupId: group.id,
    externalId: group.externalId,
    primaryCustomerId: group.primaryCustomerId,
    programs: Object.fromEntries(
      Object.entries(group.programs).map(([programId, b]) => [
        programId,
        { currentPoints: b.currentPoints, lifetimePoints: b.lifetimePoints, lifetimePurchases: b.lifetimePurchases },
      ]),
    ),
  };
}
