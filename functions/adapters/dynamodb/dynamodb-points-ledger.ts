import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryCommand, TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { BalanceHolder } from '../../core/model';
import type { AdjustmentCommit, AdjustmentRecord } from '../../core/ports/adjustment-ledger';
import type {
  BalanceRef,
  CodeToConsume,
  LedgerEntry,
  PointsLedger,
  RedemptionCommit,
  RedemptionRecord,
  ReversalCommit,
  ReversalRecord,
} from '../../core/ports/points-ledger';
import { AdjustmentItemSchema, adjustmentWrites } from './adjustment-items';
import { cancellationReasons } from './condition-failures';
import { consumeCodeWrite } from './dynamodb-validation-code-store';
import type { TransactWriteEntry } from './validation-code-writes';
import { readItem } from './item-reader';
import { ItemKeys } from './item-keys';
import {
  balanceWrite,
  createWrite,
  groupMemberCheck,
  reversedPointsWrite,
  historyQuery,
  LedgerEntryItemSchema,
  ledgerEntryWrite,
  RedemptionItemSchema,
  redemptionEntry,
  reversalEntry,
  ReversalItemSchema,
} from './ledger-items';
import { parseStoredItem } from './stored-item';

export interface DynamoDbPointsLedgerOptions {
  /** The SDK client (the caller decides its settings: timeouts, retries, endpoint). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Retries of a transaction DynamoDB cancelled only for a concurrent transaction on the same items. Default 3. */
  readonly maxConflictRetries?: number;
}

/**
 * The points ledger on the one table (README, "The ledger"): one TransactWriteItems per change, at
 * most five items (DynamoDB Local takes ten): the balance, the record, the ledger entry, and for a
 * redemption the code it uses up. Redemptions, reversals and adjustments all write here. Records and entries are created with UpdateItem on the condition
 * that they are new, so the function's role needs no PutItem and can replace nothing.
 */
export class DynamoDbPointsLedger implements PointsLedger {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #maxConflictRetries: number;

  constructor(options: DynamoDbPointsLedgerOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#maxConflictRetries = options.maxConflictRetries ?? 3;
  }

  /**
   * Writes: the balance, the redemption record, its ledger entry; for a group's balance, a check that
   * the member may still redeem it; for a verified code, the write that uses it up.
   */
  async commitRedemption(record: RedemptionRecord, code?: CodeToConsume): Promise<RedemptionCommit> {
    const table = this.#tableName;
    const { holder } = record.debit;
    const writes = {
      balance: balanceWrite(table, record.orgId, record.debit),
      record: createWrite(table, ItemKeys.redemption(record.orgId, record.redemptionId), record),
      entry: ledgerEntryWrite(table, record.orgId, holder, redemptionEntry(record)),
      ...(holder.kind === 'group' && { member: groupMemberCheck(table, record.orgId, holder, 'may-redeem') }),
      ...(code && {
        code: lowLevel(consumeCodeWrite({ tableName: table, key: { orgId: record.orgId, customerId: code.customerId, programId: code.programId }, codeId: code.codeId, now: record.at })),
      }),
    };
    const failed = await this.#transact(writes);
    if (failed === undefined) return { kind: 'committed' };
    if (failed.has('record')) return { kind: 'duplicate' };
    if (failed.has('code')) return { kind: 'code-not-live' };
    return { kind: 'stale' };
  }

  /** Writes: the redemption's reversed points, the balance, the reversal record, its ledger entry. */
  async commitReversal(reversal: ReversalRecord): Promise<ReversalCommit> {
    const table = this.#tableName;
    const failed = await this.#transact({
      redemption: reversedPointsWrite(table, reversal),
      balance: balanceWrite(table, reversal.orgId, reversal.credit),
      record: createWrite(table, ItemKeys.reversal(reversal.orgId, reversal.reversalId), reversal),
      entry: ledgerEntryWrite(table, reversal.orgId, reversal.credit.holder, reversalEntry(reversal)),
    });
    if (failed === undefined) return { kind: 'committed' };
    if (failed.has('record')) return { kind: 'duplicate' };
    return { kind: 'stale' };
  }

  /** Writes: the balance, the adjustment record, its ledger entry (adjustment-items.ts). */
  async commitAdjustment(record: AdjustmentRecord): Promise<AdjustmentCommit> {
    const failed = await this.#transact(adjustmentWrites(this.#tableName, record));
    if (failed === undefined) return { kind: 'committed' };
    return failed.has('record') ? { kind: 'duplicate' } : { kind: 'stale' };
  }

  async findAdjustment(orgId: string, adjustmentId: string): Promise<AdjustmentRecord | undefined> {
    const item = await readItem(this.#client, this.#tableName, ItemKeys.adjustment(orgId, adjustmentId), { consistent: true });
    return item && parseStoredItem(AdjustmentItemSchema, item, `ORG#${orgId}#ADJUSTMENT#${adjustmentId}`);
  }

  async findRedemption(orgId: string, redemptionId: string): Promise<RedemptionRecord | undefined> {
    const item = await readItem(this.#client, this.#tableName, ItemKeys.redemption(orgId, redemptionId), { consistent: true });
    return item && parseStoredItem(RedemptionItemSchema, item, `ORG#${orgId}#REDEMPTION#${redemptionId}`);
  }

  async findReversal(orgId: string, reversalId: string): Promise<ReversalRecord | undefined> {
    const item = await readItem(this.#client, this.#tableName, ItemKeys.reversal(orgId, reversalId), { consistent: true });
    return item && parseStoredItem(ReversalItemSchema, item, `ORG#${orgId}#REVERSAL#${reversalId}`);
  }

  async readBalance(orgId: string, balance: BalanceRef): Promise<number | undefined> {
    const item = await readItem(this.#client, this.#tableName, ItemKeys.balanceHolder(orgId, balance.holder), {
      consistent: true,
      projection: { attributes: [], mapEntries: { map: 'programs', keys: [balance.programId] } },
    });
    const current = (item?.programs as Record<string, { currentPoints?: unknown }> | undefined)?.[String(balance.programId)]?.currentPoints;
    return typeof current === 'number' ? current : undefined;
  }

  async history(orgId: string, holder: BalanceHolder, limit = 100): Promise<readonly LedgerEntry[]> {
    const { Items = [] } = await this.#client.send(new QueryCommand(historyQuery(this.#tableName, orgId, holder, limit)));
    return Items.map((item) => parseStoredItem(LedgerEntryItemSchema, unmarshall(item), `${ItemKeys.balanceHolder(orgId, holder).pk}/LEDGER`));
  }

  /**
   * One transaction of the named writes. Resolves undefined when it committed, or the names of the
   * writes whose condition failed. A cancellation only for a concurrent transaction on the same items is retried
   * (jittered); when it keeps happening, it is answered as stale (nothing changed). Each attempt has
   * a token of its own: the SDK's resend of a commit whose answer was lost is then a success, not a
   * failed condition, and no two different transactions ever share a token.
   */
  async #transact(named: Readonly<Record<string, TransactWriteItem>>): Promise<ReadonlySet<string> | undefined> {
    const names = Object.keys(named);
    const writes = Object.values(named);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.#client.send(new TransactWriteItemsCommand({ TransactItems: writes, ClientRequestToken: randomUUID() }));
        return undefined;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const failed = new Set(reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [names[index] ?? ''] : [])));
        if (failed.size > 0 || attempt >= this.#maxConflictRetries) return failed.size > 0 ? failed : new Set(['contended']);
        await sleep(5 + Math.random() * 20 * (attempt + 1));
      }
    }
  }
}

/** A lib-dynamodb (document-shaped) transaction write, as the bare client sends it. */
function lowLevel(entry: TransactWriteEntry): TransactWriteItem {
  const update = entry.Update;
  if (!update) throw new TypeError('only Update writes are converted');
  return {
    Update: {
      ...update,
      Key: marshall(update.Key),
      ...(update.ExpressionAttributeValues && { ExpressionAttributeValues: marshall(update.ExpressionAttributeValues) }),
    },
  };
}
