import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { ItemKeys } from '../../functions/adapters/dynamodb/item-keys';
import { parseStoredItem } from '../../functions/adapters/dynamodb/stored-item';
import type { GroupSeed } from '../../functions/schemas/seed-file/seed-groups';
import { writeInBatches, type BatchWrite } from './batch-writer';
import type { OrgTarget } from './org-target';

/** What makes the group's MEMBER# items those of the file. */
export interface MemberChanges {
  /** The members that are new or whose `canRedeem` changed. */
  readonly puts: readonly MemberPut[];
  /** The members the file no longer lists. */
  readonly deletes: readonly BatchWrite[];
}

type MemberPut = { readonly put: { pk: string; sk: string; customerId: number; canRedeem: boolean } };

/** Compares the file's members with the stored ones (storedMembers): unchanged members cost no write. */
export function memberChanges(orgId: string, group: GroupSeed, stored: ReadonlyMap<number, boolean>): MemberChanges {
  const listed = new Set(group.members.map((member) => member.customerId));
  const puts = group.members
    .filter((member) => stored.get(member.customerId) !== member.canRedeem)
    .map((member) => ({ put: { ...ItemKeys.groupMember(orgId, group.id, member.customerId), customerId: member.customerId, canRedeem: member.canRedeem } }));
  const deletes = [...stored.keys()]
    .filter((customerId) => !listed.has(customerId))
    .map((customerId) => ({ delete: ItemKeys.groupMember(orgId, group.id, customerId) }));
  return { puts, deletes };
}

/**
 * Writes member changes in BatchWriteItem calls of 25 (batch-writer.ts); for 100,000 new members,
 * 4,000 calls. Throws UnprocessedWritesError when DynamoDB kept throttling a batch.
 */
export async function writeMemberChanges(target: OrgTarget, writes: readonly BatchWrite[]): Promise<void> {
  await writeInBatches(target.documents, target.tableName, writes);
}

const MemberItemSchema = v.looseObject({ customerId: v.pipe(v.number(), v.integer()), canRedeem: v.boolean() });

/**
 * The group's stored members, customer id -> canRedeem: one strongly consistent Query of its
 * partition's MEMBER# items, a page per MB (about 10,000 members).
 */
export async function storedMembers(target: OrgTarget, groupId: number): Promise<Map<number, boolean>> {
  const { pk } = ItemKeys.group(target.orgId, groupId);
  const members = new Map<number, boolean>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await target.documents.send(
      new QueryCommand({
        TableName: target.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
        ExpressionAttributeValues: { ':pk': pk, ':member': ItemKeys.groupMemberSortKeyPrefix },
        ProjectionExpression: 'customerId, canRedeem',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const member = parseStoredItem(MemberItemSchema, item, `${pk}/MEMBER#…`);
      members.set(member.customerId, member.canRedeem);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return members;
}
