import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { NewCode, StoredCode } from '../../core/ports/validation-code-store';
import { CodeState } from '../../core/ports/validation-code-store';
import { pendingAttribute, ValidationCodeKeys, type CodeItem } from './validation-code-items';

/** One entry of a TransactWriteItems (lib-dynamodb document shape). */
export type TransactWriteEntry = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Counters outlive their day by a day, so a request at 23:59:59 still finds its counter. */
const COUNTER_RETENTION_SECONDS = 2 * 24 * 3600;
/**
 * TTL deletion is lazy and only tidies up; correctness never depends on it. A day's margin: the
 * item also holds the live code while a new one is pending, and that code, issued earlier under
 * rules that may have changed since, may be valid for up to a day (the longest validityMinutes).
 */
const CODE_RETENTION_MARGIN_SECONDS = 24 * 3600;

/**
 * The issue transaction's write of the code item: the new code as `pending` beside the live one,
 * on condition that the live and any pending code were issued at or before the cooldown cutoff and
 * that no other pending code is still being sent. The item comes back with a refusal (DynamoDB
 * does; DynamoDB Local ignores it), to tell which.
 */
export function pendingCodeWrite(tableName: string, code: NewCode): TransactWriteEntry {
  return {
    Update: {
      TableName: tableName,
      Key: ValidationCodeKeys.code(code.key),
      UpdateExpression: 'SET #pending = :pending, #ttl = :ttl',
      ConditionExpression:
        '(attribute_not_exists(issuedAt) OR issuedAt <= :cutoff) AND (attribute_not_exists(#pending) OR #pending.issuedAt <= :pendingCutoff)',
      ExpressionAttributeNames: { '#pending': 'pending', '#ttl': 'expiresAt' },
      ExpressionAttributeValues: {
        ':pending': pendingAttribute(code),
        ':ttl': Math.ceil(code.retainUntil / 1000) + CODE_RETENTION_MARGIN_SECONDS,
        ':cutoff': code.replacesIssuedAtOrBefore,
        ':pendingCutoff': Math.min(code.replacesIssuedAtOrBefore, code.abandonsPendingIssuedAtOrBefore),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * The writes of the day's counters a code counts against (the customer's in the program, the
 * number's across every org and program): `count`
 * adds one, on condition that each is below maxPerDay; `give-back` takes one off again (for a
 * message that was never sent), never below zero.
 */
export function dayCounterWrites(tableName: string, code: NewCode, change: 'count' | 'give-back'): TransactWriteEntry[] {
  const counterTtl = Math.floor(Date.parse(`${code.day}T00:00:00Z`) / 1000) + COUNTER_RETENTION_SECONDS;
  const write = (Key: { pk: string; sk: string }): TransactWriteEntry => ({
    Update: {
      TableName: tableName,
      Key,
      ...(change === 'count'
        ? {
            UpdateExpression: 'ADD #issued :one SET #ttl = if_not_exists(#ttl, :ttl)',
            ConditionExpression: 'attribute_not_exists(#issued) OR #issued < :max',
            ExpressionAttributeNames: { '#issued': 'issued', '#ttl': 'expiresAt' },
            ExpressionAttributeValues: { ':one': 1, ':max': code.maxPerDay, ':ttl': counterTtl },
          }
        : {
            UpdateExpression: 'ADD #issued :minusOne',
            ConditionExpression: '#issued > :zero',
            ExpressionAttributeNames: { '#issued': 'issued' },
            ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
          }),
    },
  });
  return [write(ValidationCodeKeys.customerDay(code.key, code.day)), write(ValidationCodeKeys.phoneDay(code.mobile, code.day))];
}

/**
 * Why the new code could not be set as pending, from the code item as it is: the resend cooldown
 * (the live or the pending code is too recent), or another issue in flight (a pending code not yet
 * abandoned). Undefined when neither holds any more (the item changed since): try again.
 */
export function whyNotSaved(code: NewCode, item: CodeItem): 'cooldown' | 'in-progress' | undefined {
  const latest = Math.max(item.live?.issuedAt ?? -Infinity, item.pendingIssuedAt ?? -Infinity);
  if (latest > code.replacesIssuedAtOrBefore) return 'cooldown';
  if (item.pendingIssuedAt !== undefined && item.pendingIssuedAt > code.abandonsPendingIssuedAtOrBefore) return 'in-progress';
  return undefined;
}

/**
 * A reservation on an active code with fewer than maxAttempts wrong attempts was refused only
 * because verifications were in flight (by the time the code is read, one may have ended).
 */
export function onlyInFlight(current: StoredCode | undefined): boolean {
  return current?.state === CodeState.ACTIVE && current.wrongAttempts < current.maxAttempts;
}
