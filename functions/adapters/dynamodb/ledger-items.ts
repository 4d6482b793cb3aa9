import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import type { BalanceHolder } from '../../core/model';
import { AdjustmentType } from '../../core/ports/adjustment-ledger';
import type { LedgerEntry, RedemptionRecord, ReversalRecord } from '../../core/ports/points-ledger';
import type { ItemKey } from './item-reader';
import { ItemKeys, LEDGER_PREFIX } from './item-keys';

/**
 * The ledger's items (item-keys.ts), how they are written inside a transaction and read back. Every
 * write here creates an item on the condition that it does not exist, or changes a balance on the
 * condition that it still holds what was read: a transaction of them commits a decision or nothing.
 */

const whole = v.pipe(v.number(), v.safeInteger());
const HolderSchema = v.variant('kind', [
  v.object({ kind: v.literal('customer'), customerId: whole }),
  v.object({ kind: v.literal('group'), groupId: whole, memberId: whole }),
]);
const ChangeSchema = v.object({ holder: HolderSchema, programId: whole, points: whole, before: whole, after: whole });
const optionalText = v.optional(v.string());

export const RedemptionItemSchema = v.object({
  orgId: v.string(),
  redemptionId: v.string(),
  reference: optionalText,
  customerId: whole,
  identifier: v.object({ type: v.picklist(['mobile', 'email', 'external_id', 'id', 'card_number', 'card_external_id']), value: v.string() }),
  // Empty echo fields are not stored (DynamoDB Local refuses empty strings): absent reads as ''.
  customer: v.object({ mobile: v.optional(v.string(), ''), email: v.optional(v.string(), ''), externalId: v.optional(v.string(), '') }),
  programId: whole,
  points: whole,
  redeemValue: v.number(),
  debit: ChangeSchema,
  group: v.optional(v.object({ id: whole, externalId: optionalText, primaryCustomerId: whole, source: optionalText, accountId: optionalText })),
  earnedIn: v.optional(v.object({ programId: whole, points: whole, pointValue: v.string() })),
  reversedPoints: whole,
  restoredPoints: whole,
  at: whole,
  keyLabel: v.string(),
  transactionNumber: optionalText,
  notes: optionalText,
  redemptionTime: optionalText,
});

export const ReversalItemSchema = v.object({
  orgId: v.string(),
  reversalId: v.string(),
  redemptionId: v.string(),
  customerId: whole,
  reference: optionalText,
  points: whole,
  credit: ChangeSchema,
  reversedBefore: whole,
  restoredBefore: whole,
  at: whole,
  keyLabel: v.string(),
});

export const LedgerEntryItemSchema = v.object({
  entryId: v.string(),
  type: v.picklist(['REDEMPTION', 'REVERSAL', 'ADJUSTMENT']),
  programId: whole,
  points: whole,
  before: whole,
  after: whole,
  at: whole,
  keyLabel: v.string(),
  reference: optionalText,
  redemptionId: optionalText,
  customerId: v.optional(whole),
  adjustmentType: v.optional(v.picklist(Object.values(AdjustmentType))),
});

/** Creates an item, on the condition that its key is free. UpdateItem, not PutItem: the role may not replace items. */
export function createWrite(tableName: string, key: ItemKey, attributes: object): TransactWriteItem {
  const entries = Object.entries(withoutEmptyStrings(attributes)).filter(([, value]) => value !== undefined);
  return {
    Update: {
      TableName: tableName,
      Key: marshall(key),
      UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
      ConditionExpression: 'attribute_not_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
      ExpressionAttributeValues: marshall(Object.fromEntries(entries.map(([, value], i) => [`:a${i}`, value])), { removeUndefinedValues: true }),
    },
  };
}

/** The value without empty strings at any depth: DynamoDB Local (unlike DynamoDB) refuses them in expression values. */
function withoutEmptyStrings(value: object): Record<string, unknown> {
  const clean = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(clean);
    if (item === null || typeof item !== 'object') return item === '' ? undefined : item;
    return Object.fromEntries(Object.entries(item).flatMap(([name, inner]) => (clean(inner) === undefined ? [] : [[name, clean(inner)]])));
  };
  return clean(value) as Record<string, unknown>;
}

/** Sets a balance to `after`, on the condition that it still holds `before` (the decision's read). */
export function balanceWrite(tableName: string, orgId: string, change: { holder: BalanceHolder; programId: number; before: number; after: number }): TransactWriteItem {
  return {
    Update: {
      TableName: tableName,
      Key: marshall(ItemKeys.balanceHolder(orgId, change.holder)),
      UpdateExpression: 'SET #programs.#program.#current = :after',
      ConditionExpression: '#programs.#program.#current = :before',
      ExpressionAttributeNames: { '#programs': 'programs', '#program': String(change.programId), '#current': 'currentPoints' },
      ExpressionAttributeValues: marshall({ ':before': change.before, ':after': change.after }),
    },
  };
}

/**
 * For a change to a group's balance, a check (not a write) on the customer's member item: that they
 * are still a member (`member`, an adjustment: any member may earn or be charged) or still allowed to
 * spend the group's points (`may-redeem`, a redemption: `canRedeem`).
 */
export function groupMemberCheck(tableName: string, orgId: string, member: { groupId: number; memberId: number }, needs: 'member' | 'may-redeem'): TransactWriteItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: marshall(ItemKeys.groupMember(orgId, member.groupId, member.memberId)),
      ...(needs === 'member'
        ? { ConditionExpression: 'attribute_exists(pk)' }
        : { ConditionExpression: 'canRedeem = :yes', ExpressionAttributeValues: marshall({ ':yes': true }) }),
    },
  };
}

/** A redemption's reversed and restored points move on, on the condition that they are what the reversal read. */
export function reversedPointsWrite(tableName: string, reversal: ReversalRecord): TransactWriteItem {
  return {
    Update: {
      TableName: tableName,
      Key: marshall(ItemKeys.redemption(reversal.orgId, reversal.redemptionId)),
      UpdateExpression: 'SET reversedPoints = :reversed, restoredPoints = :restored',
      ConditionExpression: 'reversedPoints = :reversedBefore AND restoredPoints = :restoredBefore',
      ExpressionAttributeValues: marshall({
        ':reversed': reversal.reversedBefore + reversal.points,
        ':restored': reversal.restoredBefore + reversal.credit.points,
        ':reversedBefore': reversal.reversedBefore,
        ':restoredBefore': reversal.restoredBefore,
      }),
    },
  };
}

/** The ledger entry of a change, in the partition of the item whose balance changed. */
export function ledgerEntryWrite(tableName: string, orgId: string, holder: BalanceHolder, entry: LedgerEntry): TransactWriteItem {
  const key = ItemKeys.ledgerEntry(ItemKeys.balanceHolder(orgId, holder).pk, entry.at, entry.entryId);
  return createWrite(tableName, key, { ...entry, kind: 'LEDGER' });
}

/** The ledger entry a redemption leaves. */
export function redemptionEntry(record: RedemptionRecord): LedgerEntry {
  const { debit } = record;
  return {
    entryId: record.redemptionId,
    type: 'REDEMPTION',
    programId: debit.programId,
    points: -debit.points,
    before: debit.before,
    after: debit.after,
    at: record.at,
    keyLabel: record.keyLabel,
    ...(record.reference !== undefined && { reference: record.reference }),
    redemptionId: record.redemptionId,
    customerId: record.customerId,
  };
}

/** The ledger entry a reversal leaves. */
export function reversalEntry(record: ReversalRecord): LedgerEntry {
  const { credit } = record;
  return {
    entryId: record.reversalId,
    type: 'REVERSAL',
    programId: credit.programId,
    points: credit.points,
    before: credit.before,
    after: credit.after,
    at: record.at,
    keyLabel: record.keyLabel,
    ...(record.reference !== undefined && { reference: record.reference }),
    redemptionId: record.redemptionId,
    customerId: record.customerId,
  };
}

/** The Query that reads a balance's history (newest first). */
export function historyQuery(tableName: string, orgId: string, holder: BalanceHolder, limit: number) {
  return {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: marshall({ ':pk': ItemKeys.balanceHolder(orgId, holder).pk, ':prefix': LEDGER_PREFIX }),
    ScanIndexForward: false,
    Limit: limit,
  };
}
