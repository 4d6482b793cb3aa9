import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GroupSeed } from '../../functions/schemas/seed-file/seed-groups';
import { groupFromItem } from '../../functions/adapters/dynamodb/dynamodb-group-directory';
import { ItemKeys } from '../../functions/adapters/dynamodb/item-keys';
import { storable } from '../../functions/adapters/dynamodb/storable';
import { transact, type GuardedWrite, type WriteRefusal } from './guarded-transaction';

export type GroupWriteResult = { readonly kind: 'written' } | WriteRefusal;

/** A pointer item never points at two groups; an absent one may be claimed. */
const POINTER_IS_FREE_OR_OURS = 'attribute_not_exists(pk) OR groupId = :groupId';

/**
 * Writes one group of a seed file in one transaction: the GROUP item, its external id item and its
 * primary member item (item-keys.ts), each pointer conditioned on not belonging to another group, and
 * the deletion of the pointers a re-imported group no longer has. A group is never half written.
 */
export async function writeGroup(documents: DynamoDBDocumentClient, tableName: string, orgId: string, group: GroupSeed): Promise<GroupWriteResult> {
  const { Item: existing } = await documents.send(new GetCommand({ TableName: tableName, Key: ItemKeys.group(orgId, group.id), ConsistentRead: true }));
  const previous = existing ? groupFromItem(orgId, existing) : undefined;
  const ownership = { ':groupId': group.id };
  const notImported = `group ${group.id} was not imported`;
  const claim = (key: { pk: string; sk: string }, onConditionFailed: GuardedWrite['onConditionFailed']): GuardedWrite => ({
    write: {
      Put: {
        TableName: tableName,
        Item: { ...key, groupId: group.id },
        ConditionExpression: POINTER_IS_FREE_OR_OURS,
        ExpressionAttributeValues: ownership,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    onConditionFailed,
  });
  const release = (key: { pk: string; sk: string }, what: string): GuardedWrite => ({
    write: { Delete: { TableName: tableName, Key: key, ConditionExpression: POINTER_IS_FREE_OR_OURS, ExpressionAttributeValues: ownership } },
    onConditionFailed: () => ({ kind: 'failed', path: [], message: `group ${group.id}'s previous ${what} now belongs to another group; ${notImported}` }),
  });

  const operations: GuardedWrite[] = [
    { write: { Put: { TableName: tableName, Item: storable({ ...ItemKeys.group(orgId, group.id), ...groupAttributes(group) }) } } },
    claim(ItemKeys.groupPrimary(orgId, group.primaryCustomerId), (owner) => ({
      kind: 'failed',
      path: ['primaryCustomerId'],
      message: `customer ${group.primaryCustomerId} is already the primary member of ${owner === undefined ? 'another group' : `group ${owner}`}; ${notImported}`,
    })),
  ];
  if (group.externalId !== undefined) {
    operations.push(
      claim(ItemKeys.identifier(orgId, 'group_external_id', group.externalId), (owner) => ({
        kind: 'failed',
        path: ['externalId'],
        message: `this group external id is already used by ${owner === undefined ? 'another group' : `group ${owner}`}; ${notImported}`,
      })),
    );
  }
  if (previous && previous.primaryCustomerId !== group.primaryCustomerId) {
    operations.push(release(ItemKeys.groupPrimary(orgId, previous.primaryCustomerId), 'primary member'));
  }
  if (previous?.externalId !== undefined && previous.externalId !== group.externalId) {
    operations.push(release(ItemKeys.identifier(orgId, 'group_external_id', previous.externalId), 'external id'));
  }

  return (await transact(documents, operations, 'groupId', `group ${group.id}`)) ?? { kind: 'written' };
}

/** The GROUP item's attributes (layout: item-keys.ts, read by dynamodb-group-directory.ts). */
function groupAttributes(group: GroupSeed): Record<string, unknown> {
  return {
    groupId: group.id,
    externalId: group.externalId,
    primaryCustomerId: group.primaryCustomerId,
    members: group.members.map((m) => ({ customerId: m.customerId, canRedeem: m.canRedeem })),
    programs: Object.fromEntries(
      Object.entries(group.programs).map(([programId, b]) => [
        programId,
        { currentPoints: b.currentPoints, lifetimePoints: b.lifetimePoints, lifetimePurchases: b.lifetimePurchases },
      ]),
    ),
  };
}
