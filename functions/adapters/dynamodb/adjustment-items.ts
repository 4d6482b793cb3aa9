import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import { AdjustmentType, type AdjustmentRecord } from '../../core/ports/adjustment-ledger';
import type { LedgerEntry } from '../../core/ports/points-ledger';
import { ItemKeys } from './item-keys';
import { createWrite, ledgerEntryWrite, groupMemberCheck, RedemptionItemSchema } from './ledger-items';

/**
 * An adjustment's items (README, "The ledger"): the balance it changes, its record
 * (`ORG#<org>#ADJUSTMENT#<id>`) and its ledger entry in the balance holder's partition, written as
 * one transaction of three items; of four for a group's balance, whose member item must still exist.
 */

const whole = v.pipe(v.number(), v.safeInteger());
const BalanceSchema = v.object({ currentPoints: whole, lifetimePoints: whole, lifetimePurchases: v.string() });
const redemptionFields = RedemptionItemSchema.entries;
/** The customer's identifiers as answers repeat them; one the customer lacks is not stored (DynamoDB Local refuses empty strings). */
const CustomerEchoSchema = v.object({ mobile: v.optional(v.string(), ''), email: v.optional(v.string(), ''), externalId: v.optional(v.string(), '') });

/** The ADJUSTMENT record as stored (`ORG#<org>#ADJUSTMENT#<id>`); read back by `findAdjustment`. */
export const AdjustmentItemSchema = v.object({
  orgId: v.string(),
  adjustmentId: v.string(),
  reference: v.string(),
  type: v.picklist(Object.values(AdjustmentType)),
  requestKey: v.string(),
  customerId: whole,
  identifier: redemptionFields.identifier,
  customer: CustomerEchoSchema,
  programId: whole,
  holder: redemptionFields.debit.entries.holder,
  points: whole,
  lifetimePurchases: v.optional(v.string()),
  before: BalanceSchema,
  after: BalanceSchema,
  group: redemptionFields.group,
  notes: v.optional(v.string()),
  at: whole,
  keyLabel: v.string(),
});

/**
 * An adjustment's writes, by name, in transaction order: the balance, the adjustment record (if its
 * id is new), its ledger entry; for a group's balance, the check that the customer is still a member.
 */
export type AdjustmentWrites = {
  readonly balance: TransactWriteItem;
  readonly record: TransactWriteItem;
  readonly entry: TransactWriteItem;
  readonly member?: TransactWriteItem;
};

/** The writes of one adjustment, and its membership check for a group's balance (README, "Exactly once"). */
export function adjustmentWrites(tableName: string, record: AdjustmentRecord): AdjustmentWrites {
  return {
    balance: balanceAdjustmentWrite(tableName, record),
    record: createWrite(tableName, ItemKeys.adjustment(record.orgId, record.adjustmentId), {
      ...record,
      customer: Object.fromEntries(Object.entries(record.customer).filter(([, value]) => value !== '')),
    }),
    entry: ledgerEntryWrite(tableName, record.orgId, record.holder, adjustmentEntry(record)),
    ...(record.holder.kind === 'group' && { member: groupMemberCheck(tableName, record.orgId, record.holder, 'member') }),
  };
}

/**
 * Sets each balance field the adjustment changes to its value after, on the condition that each
 * still holds its value before: current points always; for EARN also lifetime points and lifetime
 * purchases. Money goes to DynamoDB as the decimal text itself (a Number attribute is exact to 38
 * digits), never through a binary fraction.
 */
export function balanceAdjustmentWrite(tableName: string, record: AdjustmentRecord): TransactWriteItem {
  const fields: [name: string, before: string, after: string][] = [['currentPoints', String(record.before.currentPoints), String(record.after.currentPoints)]];
  if (record.type === AdjustmentType.EARN) {
    fields.push(['lifetimePoints', String(record.before.lifetimePoints), String(record.after.lifetimePoints)]);
    fields.push(['lifetimePurchases', record.before.lifetimePurchases, record.after.lifetimePurchases]);
  }
  const names: Record<string, string> = { '#programs': 'programs', '#program': String(record.programId) };
  const values: Record<string, AttributeValue> = {};
  fields.forEach(([name, before, after], i) => {
    names[`#f${i}`] = name;
    values[`:before${i}`] = { N: before };
    values[`:after${i}`] = { N: after };
  });
  return {
    Update: {
      TableName: tableName,
      Key: marshall(ItemKeys.balanceHolder(record.orgId, record.holder)),
      UpdateExpression: `SET ${fields.map((_, i) => `#programs.#program.#f${i} = :after${i}`).join(', ')}`,
      ConditionExpression: fields.map((_, i) => `#programs.#program.#f${i} = :before${i}`).join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The ledger entry an adjustment leaves: the change of current points, before and after. */
export function adjustmentEntry(record: AdjustmentRecord): LedgerEntry {
  return {
    entryId: record.adjustmentId,
    type: 'ADJUSTMENT',
    adjustmentType: record.type,
    programId: record.programId,
    points: record.points,
    before: record.before.currentPoints,
    after: record.after.currentPoints,
    at: record.at,
    keyLabel: record.keyLabel,
    reference: record.reference,
    customerId: record.customerId,
  };
}
