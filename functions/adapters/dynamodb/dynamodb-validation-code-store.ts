import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import {
  CodeState,
  type NewCode,
  type CodeKey,
  type ValidationCodeStore,
  type ReserveAttemptResult,
  type SaveCodeResult,
  type StoredCode,
} from '../../core/ports/validation-code-store';
import { ValidationChannelSchema } from '../../core/ports/validation-codes';
import { errorName } from '../../core/validation-codes/errors';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbValidationCodeStoreOptions {
  readonly tableName: string;
  /** The client to use (its plain values are marshalled here); default: one made with clientConfig. */
  readonly client?: DynamoDBClient;
  /** Settings of the client made when none is given. */
  readonly clientConfig?: DynamoDBClientConfig;
  /** Retries of the issue transaction when DynamoDB cancels it for a conflicting concurrent write. Default 8. */
  readonly maxConflictRetries?: number;
}

/** Counters outlive their day by a day, so a request at 23:59:59 still finds its counter. */
const COUNTER_RETENTION_SECONDS = 2 * 24 * 3600;
/** TTL deletion is lazy and only tidies up; correctness never depends on it. */
const CODE_RETENTION_MARGIN_SECONDS = 3600;

/** The position of each write in the issue transaction, to read its CancellationReasons. */
const TX_CODE = 0;

/**
 * The OTP item (`ItemKeys.otp`): codeId, codeHash, channel, state, issuedAt, validUntil (ms),
 * attempts, maxAttempts, expiresAt (TTL, s). Counter items (`ItemKeys.otpDailyCounter`, scope
 * `CUSTOMER#<id>` or `PHONE#<digits>`): issued, expiresAt.
 *
 * A code is written PENDING and only `activate` makes it verifiable, after its message was sent. So
 * if the function is stopped anywhere in between (its Lambda timeout, a crash), the code stays
 * PENDING: unusable, never a working code the caller was told had failed.
 */
export class DynamoDbValidationCodeStore implements ValidationCodeStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #maxConflictRetries: number;

  constructor(options: DynamoDbValidationCodeStoreOptions) {
    this.#client = DynamoDBDocumentClient.from(options.client ?? new DynamoDBClient(options.clientConfig ?? {}));
    this.#tableName = options.tableName;
    this.#maxConflictRetries = options.maxConflictRetries ?? 8;
  }

  /**
   * One TransactWriteItems: [0] Put the new code (condition: no code, or the previous one was
   * issued before the cooldown cutoff), [1] and [2] increment the day's counters for the customer
   * and the number (condition: below maxPerDay). Either all three happen or none, so concurrent
   * requests can never both pass a limit. Which condition failed is read from CancellationReasons.
   *
   * The code's id is the transaction's ClientRequestToken: when the SDK resends a commit that
   * succeeded (its answer was lost), DynamoDB answers success without applying it again, instead
   * of a false 'cooldown' over a pending code and counters counted once more. A retry after a
   * conflict follows a cancelled (unapplied) attempt, so it is a new request with its own token.
   */
  async saveNew(code: NewCode): Promise<SaveCodeResult> {
    const counterTtl = Math.floor(Date.parse(`${code.day}T00:00:00Z`) / 1000) + COUNTER_RETENTION_SECONDS;
    const counter = (scope: string) => ({
      Update: {
        TableName: this.#tableName,
        Key: ItemKeys.otpDailyCounter(code.key.orgId, scope, code.day),
        UpdateExpression: 'ADD #issued :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ConditionExpression: 'attribute_not_exists(#issued) OR #issued < :max',
        ExpressionAttributeNames: { '#issued': 'issued', '#ttl': 'expiresAt' },
        ExpressionAttributeValues: { ':one': 1, ':max': code.maxPerDay, ':ttl': counterTtl },
      },
    });
    const transactItems = [
      {
        Put: {
          TableName: this.#tableName,
          Item: {
            ...ItemKeys.otp(code.key.orgId, code.key.customerId, code.key.programId),
            codeId: code.codeId,
            codeHash: code.codeHash,
            channel: code.channel,
            state: CodeState.PENDING,
            issuedAt: code.issuedAt,
            validUntil: code.validUntil,
            attempts: 0,
            maxAttempts: code.maxAttempts,
            expiresAt: Math.ceil(code.retainUntil / 1000) + CODE_RETENTION_MARGIN_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR issuedAt <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': code.replacesIssuedAtOrBefore },
        },
      },
      counter(`CUSTOMER#${code.key.customerId}`),
      counter(`PHONE#${code.mobile}`),
    ];

    for (let attempt = 0; ; attempt += 1) {
      try {
        const clientRequestToken = attempt === 0 ? code.codeId : `${code.codeId}-${attempt}`;
        await this.#client.send(new TransactWriteCommand({ TransactItems: transactItems, ClientRequestToken: clientRequestToken }));
        return { kind: 'saved' };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const failed = reasons.map((reason) => reason.Code === 'ConditionalCheckFailed');
        // A limit outlasts a cooldown, so it is the more useful answer when both apply.
        if (failed.some((isFailed, index) => isFailed && index !== TX_CODE)) return { kind: 'refused', reason: 'daily-limit' };
        if (failed[TX_CODE]) return { kind: 'refused', reason: 'cooldown' };
        const conflict = reasons.some((reason) => reason.Code === 'TransactionConflict');
        if (!conflict || attempt >= this.#maxConflictRetries) throw error;
        // Another transaction held one of the items; its outcome decides ours on the next try.
        await sleep(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
      }
    }
  }

  async activate(key: CodeKey, codeId: string): Promise<'activated' | 'superseded'> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: ItemKeys.otp(key.orgId, key.customerId, key.programId),
          UpdateExpression: 'SET #state = :active',
          ConditionExpression: 'codeId = :codeId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':active': CodeState.ACTIVE, ':codeId': codeId },
        }),
      );
      return 'activated';
    } catch (error) {
      if (isConditionalCheckFailure(error)) return 'superseded';
      throw error;
    }
  }

  async discard(key: CodeKey, codeId: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: ItemKeys.otp(key.orgId, key.customerId, key.programId),
          ConditionExpression: 'codeId = :codeId',
          ExpressionAttributeValues: { ':codeId': codeId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }

  /** The limit is the item's own maxAttempts (set at issue), whatever the verifying request's rules say. */
  async reserveAttempt(key: CodeKey): Promise<ReserveAttemptResult> {
    const itemKey = ItemKeys.otp(key.orgId, key.customerId, key.programId);
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: itemKey,
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: 'attribute_exists(pk) AND #state = :active AND attempts < maxAttempts',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':one': 1, ':active': CodeState.ACTIVE },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'reserved', code: toStoredCode(key, Attributes) };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      // DynamoDB returns the item that failed the condition; an error without one means there is no
      // item, or a server that ignores the option (DynamoDB Local does: the read below is what the
      // local tests exercise).
      const failed = conditionFailureItem(error);
      if (failed !== undefined) return { kind: 'not-reserved', current: toStoredCode(key, failed) };
    }
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: itemKey, ConsistentRead: true }));
    return Item === undefined ? { kind: 'not-reserved' } : { kind: 'not-reserved', current: toStoredCode(key, Item) };
  }

  async releaseAttempt(key: CodeKey, codeId: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: ItemKeys.otp(key.orgId, key.customerId, key.programId),
          UpdateExpression: 'SET attempts = attempts - :one',
          ConditionExpression: 'codeId = :codeId AND attempts > :zero',
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':codeId': codeId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }
}

/** What consumeCodeWrite needs: the table, whose code (org, customer, program) and which code. */
export interface ConsumeCodeWriteInput {
  readonly tableName: string;
  readonly key: CodeKey;
  /** The codeId a `valid` verification answered with. */
  readonly codeId: string;
  /** Epoch ms: when given, the code must also be unexpired at this time. */
  readonly now?: number;
}

/** One entry of a TransactWriteItems (lib-dynamodb document shape). */
export type TransactWriteEntry = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The write that uses a code up, for a redemption's own transaction (beside the points it deducts):
 * it marks the live code USED, on condition that it is still the code that was verified (same
 * codeId), ACTIVE (never used) and, with `now`, unexpired. If the condition fails, DynamoDB
 * cancels the whole transaction: no points move and the code stays as it was. A USED code never verifies again (reason 'used').
 */
export function consumeCodeWrite(input: ConsumeCodeWriteInput): TransactWriteEntry {
  const unexpired = input.now === undefined ? '' : ' AND validUntil > :now';
  return {
    Update: {
      TableName: input.tableName,
      Key: ItemKeys.otp(input.key.orgId, input.key.customerId, input.key.programId),
      UpdateExpression: 'SET #state = :used',
      ConditionExpression: `codeId = :codeId AND #state = :active${unexpired}`,
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':used': CodeState.USED,
        ':active': CodeState.ACTIVE,
        ':codeId': input.codeId,
        ...(input.now === undefined ? {} : { ':now': input.now }),
      },
    },
  };
}

interface CancellationReason {
  readonly Code?: string;
}

function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (errorName(error) !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: unknown }).CancellationReasons;
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : undefined;
}

function isConditionalCheckFailure(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}

/**
 * The item a ConditionalCheckFailedException carries (ReturnValuesOnConditionCheckFailure), as plain
 * values. The document client does not unmarshall errors; an OTP item holds only strings and numbers.
 */
function conditionFailureItem(error: unknown): Record<string, unknown> | undefined {
  const item = (error as { Item?: unknown }).Item;
  if (typeof item !== 'object' || item === null) return undefined;
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    if ('S' in value && typeof value.S === 'string') plain[name] = value.S;
    else if ('N' in value && typeof value.N === 'string') plain[name] = Number(value.N);
  }
  return plain;
}

/** The OTP item. Loose, so attributes a later version adds do not break this one. */
const CodeItemSchema = v.looseObject({
  codeId: v.pipe(v.string(), v.nonEmpty()),
  codeHash: v.pipe(v.string(), v.nonEmpty()),
  channel: ValidationChannelSchema,
  state: v.picklist(Object.values(CodeState)),
  issuedAt: v.number(),
  validUntil: v.number(),
  attempts: v.pipe(v.number(), v.integer()),
  maxAttempts: v.pipe(v.number(), v.integer()),
});

/** Reads an OTP item; one without the stored shape is a bug (StoredItemCorruptError), not a wrong code. */
function toStoredCode(key: CodeKey, item: unknown): StoredCode {
  const { codeId, codeHash, channel, state, issuedAt, validUntil, attempts, maxAttempts } = parseStoredItem(
    CodeItemSchema,
    item,
    `ORG#${key.orgId}#OTP#${key.customerId}/PROGRAM#${key.programId}`,
  );
  return { codeId, codeHash, channel, state, issuedAt, validUntil, attempts, maxAttempts };
}
