import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  CodeState,
  type CodeKey,
  type NewCode,
  type ReserveAttemptResult,
  type SaveCodeResult,
  type StoredCode,
  type ValidationCodeStore,
} from '../../core/ports/validation-code-store';
import { errorName } from '../../core/errors';
import { cancellationReasons, isConditionalCheckFailure } from './condition-failures';
import { codeItemOf, plainItem, ValidationCodeKeys, type CodeItem } from './validation-code-items';
import { dayCounterWrites, onlyInFlight, pendingCodeWrite, whyNotSaved, type TransactWriteEntry } from './validation-code-writes';

/** The table and, optionally, the client (as Powertools' DynamoDBPersistenceLayer takes them). */
export interface DynamoDbValidationCodeStoreOptions {
  readonly tableName: string;
  /** The client to use (its plain values are marshalled here); default: one made with clientConfig. */
  readonly client?: DynamoDBClient;
  /** Settings of the client made when none is given. */
  readonly clientConfig?: DynamoDBClientConfig;
  /** Retries of the issue transaction when DynamoDB cancels it for a conflicting concurrent write. Default 8. */
  readonly maxConflictRetries?: number;
  /**
   * How long (ms) an attempt reservation refused only because verifications are in flight is
   * retried. Default 2500: well inside the function's 6 s timeout.
   */
  readonly reservationPatienceMs?: number;
}

/** The position of each write in the issue transaction, to read its CancellationReasons. */
const TX_CODE = 0;

/**
 * Codes and day counters in the service table (layout: validation-code-items.ts).
 *
 * A new code is written as `pending` beside the live one and only `activate` makes it the live
 * code, after its message was accepted. So the previous code keeps working until its successor was
 * delivered, and if the function is stopped anywhere in between (its Lambda timeout, a crash), the
 * new code stays pending: unusable, never a working code the caller was told had failed.
 */
export class DynamoDbValidationCodeStore implements ValidationCodeStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #maxConflictRetries: number;
  readonly #reservationPatienceMs: number;

  constructor(options: DynamoDbValidationCodeStoreOptions) {
    this.#client = DynamoDBDocumentClient.from(options.client ?? new DynamoDBClient(options.clientConfig ?? {}));
    this.#tableName = options.tableName;
    this.#maxConflictRetries = options.maxConflictRetries ?? 8;
    this.#reservationPatienceMs = options.reservationPatienceMs ?? 2_500;
  }

  /**
   * One TransactWriteItems: [0] set the new code as `pending` (condition: the live and any pending
   * code were issued at or before the cooldown cutoff, and no other pending code is still being
   * sent), [1] and [2] increment the day's counters (condition: below maxPerDay). All or nothing,
   * so concurrent requests can never both pass a limit, and one issue at a time is in flight.
   * Which condition failed is read from CancellationReasons, and for the code, from the item.
   *
   * The code's id is the transaction's ClientRequestToken: when the SDK resends a commit that
   * succeeded (its answer was lost), DynamoDB answers success without applying it again, instead
   * of a false refusal over its own pending code and counters counted once more. A retry after a
   * cancellation follows an unapplied attempt, so it is a new request with its own token.
   */
  async saveNew(code: NewCode): Promise<SaveCodeResult> {
    const transactItems = [pendingCodeWrite(this.#tableName, code), ...dayCounterWrites(this.#tableName, code, 'count')];
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
        if (failed[TX_CODE]) {
          const refusal = whyNotSaved(code, await this.#codeItemAfterRefusal(code.key, reasons[TX_CODE]?.Item));
          if (refusal !== undefined) return { kind: 'refused', reason: refusal };
        } else if (!reasons.some((reason) => reason.Code === 'TransactionConflict')) {
          throw error;
        }
        if (attempt >= this.#maxConflictRetries) throw error;
        // Another write held or changed the item; its outcome decides ours on the next try.
        await sleep(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
      }
    }
  }

  /** Copies the pending code over the live one in one update, on condition that it is still this code. */
  async activate(key: CodeKey, codeId: string): Promise<'activated' | 'superseded'> {
    const outcome = await this.#update({
      Key: ValidationCodeKeys.code(key),
      UpdateExpression:
        'SET codeId = #pending.codeId, codeHash = #pending.codeHash, channel = #pending.channel, issuedAt = #pending.issuedAt, ' +
        'validUntil = #pending.validUntil, maxAttempts = #pending.maxAttempts, #state = :active, attempts = :zero, wrongAttempts = :zero ' +
        'REMOVE #pending',
      ConditionExpression: '#pending.codeId = :codeId',
      ExpressionAttributeNames: { '#pending': 'pending', '#state': 'state' },
      ExpressionAttributeValues: { ':active': CodeState.ACTIVE, ':zero': 0, ':codeId': codeId },
    });
    return outcome === 'done' ? 'activated' : 'superseded';
  }

  /**
   * Removes the pending code (the whole item when it holds no live code); the live code stays.
   * Giving the day's slots back is one transaction whose token is derived from the code's id, so an
   * SDK retry of it never takes a slot off twice.
   */
  async discard(code: NewCode, options: { readonly giveBackDaySlots: boolean }): Promise<void> {
    const thisPending = {
      Key: ValidationCodeKeys.code(code.key),
      ExpressionAttributeNames: { '#pending': 'pending' },
      ExpressionAttributeValues: { ':codeId': code.codeId },
    };
    const deleted = await this.#delete({ ...thisPending, ConditionExpression: '#pending.codeId = :codeId AND attribute_not_exists(codeId)' });
    if (deleted !== 'done') {
      await this.#update({ ...thisPending, UpdateExpression: 'REMOVE #pending', ConditionExpression: '#pending.codeId = :codeId' });
    }
    if (!options.giveBackDaySlots) return;
    try {
      const giveBack = dayCounterWrites(this.#tableName, code, 'give-back');
      await this.#client.send(new TransactWriteCommand({ TransactItems: giveBack, ClientRequestToken: `${code.codeId}-back` }));
    } catch (error) {
      // A counter already at zero (the day's counters expired or were reset): nothing to give back.
      if (!cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw error;
    }
  }

  /**
   * The limit is the item's own maxAttempts (set at issue), whatever the verifying request's rules
   * say. `attempts` counts wrong attempts and verifications in flight, so parallel guesses are held
   * to maxAttempts comparisons; a reservation refused only because verifications are in flight
   * (fewer than maxAttempts of the attempts were wrong) is retried briefly, as each of those ends
   * within a round trip or two. Past reservationPatienceMs the refusal stands, the safe reading.
   */
  async reserveAttempt(key: CodeKey): Promise<ReserveAttemptResult> {
    const giveUpAt = Date.now() + this.#reservationPatienceMs;
    for (let retry = 0; ; retry += 1) {
      const outcome = await this.#reserveOnce(key);
      if (outcome.kind !== 'busy' && !(outcome.kind === 'not-reserved' && onlyInFlight(outcome.current))) return outcome;
      if (Date.now() >= giveUpAt) return { kind: 'not-reserved', current: outcome.current };
      // Full jitter, so the waiting verifications spread out instead of retrying together.
      await sleep(Math.floor(Math.random() * Math.min(200, 10 * 2 ** retry)));
    }
  }

  async #reserveOnce(key: CodeKey): Promise<ReserveAttemptResult | { kind: 'busy'; current?: StoredCode }> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: ValidationCodeKeys.code(key),
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: '#state = :active AND attempts < maxAttempts',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':one': 1, ':active': CodeState.ACTIVE },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const { live } = codeItemOf(key, Attributes);
      if (live !== undefined) return { kind: 'reserved', code: live };
    } catch (error) {
      // A transaction (an issue, a redemption using the code up) holds the item for a moment.
      if (errorName(error) === 'TransactionConflictException') return { kind: 'busy' };
      if (!isConditionalCheckFailure(error)) throw error;
      return { kind: 'not-reserved', current: (await this.#codeItemAfterRefusal(key, (error as { Item?: unknown }).Item)).live };
    }
    return { kind: 'not-reserved' };
  }

  /** Counts a reserved attempt as wrong; its reservation stays taken. */
  async recordWrongAttempt(key: CodeKey, codeId: string): Promise<void> {
    await this.#update({
      Key: ValidationCodeKeys.code(key),
      UpdateExpression: 'SET wrongAttempts = if_not_exists(wrongAttempts, :zero) + :one',
      ConditionExpression: 'codeId = :codeId',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':codeId': codeId },
    });
  }

  async releaseAttempt(key: CodeKey, codeId: string): Promise<void> {
    await this.#update({
      Key: ValidationCodeKeys.code(key),
      UpdateExpression: 'SET attempts = attempts - :one',
      ConditionExpression: 'codeId = :codeId AND attempts > :zero',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':codeId': codeId },
    });
  }

  /**
   * The code item as a refused condition saw it: DynamoDB returns it with the refusal; without it
   * (no item, or a server that ignores the option: DynamoDB Local does) it is read again.
   */
  async #codeItemAfterRefusal(key: CodeKey, returned: unknown): Promise<CodeItem> {
    const item = plainItem(returned);
    if (item !== undefined) return codeItemOf(key, item);
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: ValidationCodeKeys.code(key), ConsistentRead: true }));
    return codeItemOf(key, Item);
  }

  /** One conditional update; 'condition-failed' when its condition did not hold (nothing changed). */
  #update(input: Omit<UpdateCommandInput, 'TableName'>): Promise<'done' | 'condition-failed'> {
    return conditionally(this.#client.send(new UpdateCommand({ TableName: this.#tableName, ...input })));
  }

  /** One conditional delete; 'condition-failed' when its condition did not hold (nothing changed). */
  #delete(input: Omit<DeleteCommandInput, 'TableName'>): Promise<'done' | 'condition-failed'> {
    return conditionally(this.#client.send(new DeleteCommand({ TableName: this.#tableName, ...input })));
  }
}

/** A conditional write's outcome: a refused condition is an answer, any other failure is thrown. */
async function conditionally(write: Promise<unknown>): Promise<'done' | 'condition-failed'> {
  try {
    await write;
    return 'done';
  } catch (error) {
    if (isConditionalCheckFailure(error)) return 'condition-failed';
    throw error;
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

/**
 * The write that uses a code up, for a redemption's own transaction (beside the points it deducts):
 * it marks the live code USED, on condition that it is still the code that was verified (same
 * codeId), ACTIVE (never used), not blocked by maxAttempts wrong codes and, with `now`,
 * unexpired. A code still pending is never the live one, so it cannot be used. If the condition
 * fails, DynamoDB cancels the whole transaction: no points move and the code stays as it was. A USED code never verifies again (reason 'used').
 */
export function consumeCodeWrite(input: ConsumeCodeWriteInput): TransactWriteEntry {
  const unexpired = input.now === undefined ? '' : ' AND validUntil > :now';
  return {
    Update: {
      TableName: input.tableName,
      Key: ValidationCodeKeys.code(input.key),
      UpdateExpression: 'SET #state = :used',
      ConditionExpression: `codeId = :codeId AND #state = :active AND wrongAttempts < maxAttempts${unexpired}`,
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
