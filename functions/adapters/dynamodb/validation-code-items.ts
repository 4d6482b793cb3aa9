import * as v from 'valibot';
import { CodeState, type CodeKey, type NewCode, type StoredCode } from '../../core/ports/validation-code-store';
import { ValidationChannelSchema } from '../../core/ports/validation-codes';
import { parseStoredItem } from './stored-item';

/**
 * The layout of the validation-code items, known here, in validation-code-writes.ts and in the
 * store (dynamodb-validation-code-store.ts) only.
 *
 * Code item, one per customer and program, `ORG#<org>#OTP#<customer id>` / `PROGRAM#<id>`:
 *   the live code at the top: codeId, codeHash, channel, state (active | used), issuedAt,
 *   validUntil (ms), attempts (wrong ones and verifications in flight), wrongAttempts, maxAttempts;
 *   `pending`: a new code whose message is being sent (codeId, codeHash, channel, issuedAt,
 *   validUntil, maxAttempts), which replaces the live code only once the message was accepted;
 *   expiresAt (TTL, s).
 * Day counters (issued, expiresAt), sk `OTPDAY`:
 *   `ORG#<org>#OTPDAY#CUSTOMER#<customer id>#PROGRAM#<id>#<day>`: the customer's codes in one
 *   program, capped by that program's maxPerDay;
 *   `OTPDAY#PHONE#<digits>#<day>`: every code sent to the number, by any org and program (a number
 *   is one destination, whoever sends to it), capped by the asking program's maxPerDay.
 * Codes and counters have partitions of their own (`ORG#*#OTP#`, `ORG#*#OTPDAY#`, `OTPDAY#PHONE#`),
 * so the validation-codes function's IAM policy names them by leading key and reaches no other item.
 */
export const ValidationCodeKeys = {
  code: (key: CodeKey) => ({ pk: `ORG#${key.orgId}#OTP#${key.customerId}`, sk: `PROGRAM#${key.programId}` }),
  customerDay: (key: CodeKey, day: string) => ({
    pk: `ORG#${key.orgId}#OTPDAY#CUSTOMER#${key.customerId}#PROGRAM#${key.programId}#${day}`,
    sk: 'OTPDAY',
  }),
  phoneDay: (mobile: string, day: string) => ({ pk: `OTPDAY#PHONE#${mobile}#${day}`, sk: 'OTPDAY' }),
} as const;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A code as both the live and the pending one carry it. */
const codeEntries = {
  codeId: v.pipe(v.string(), v.nonEmpty()),
  codeHash: v.pipe(v.string(), v.nonEmpty()),
  channel: ValidationChannelSchema,
  issuedAt: v.number(),
  validUntil: v.number(),
  maxAttempts: count,
};

const PendingCodeSchema = v.looseObject(codeEntries);

/** The code item. Loose, so attributes a later version adds do not break this one. */
const CodeItemSchema = v.looseObject({
  codeId: v.optional(codeEntries.codeId),
  codeHash: v.optional(codeEntries.codeHash),
  channel: v.optional(codeEntries.channel),
  state: v.optional(v.picklist(Object.values(CodeState))),
  issuedAt: v.optional(codeEntries.issuedAt),
  validUntil: v.optional(codeEntries.validUntil),
  attempts: v.optional(count),
  wrongAttempts: v.optional(count),
  maxAttempts: v.optional(count),
  pending: v.optional(PendingCodeSchema),
});
const LiveCodeSchema = v.looseObject({
  ...codeEntries,
  state: v.picklist(Object.values(CodeState)),
  attempts: count,
  // Absent from items written before wrong attempts were counted apart: all their attempts count as wrong.
  wrongAttempts: v.optional(count),
});
const LIVE_ATTRIBUTES = Object.keys(LiveCodeSchema.entries) as (keyof typeof LiveCodeSchema.entries)[];

/** The code item as read: the live code (if any) and the issue times that decide a new code's fate. */
export interface CodeItem {
  readonly live?: StoredCode;
  /** issuedAt of the pending code, if one is being sent. */
  readonly pendingIssuedAt?: number;
}

/**
 * Reads a code item (undefined: none). A malformed one is StoredItemCorruptError naming the item by
 * its key (org, customer id, program): never a phone number or a code.
 */
export function codeItemOf(key: CodeKey, item: unknown): CodeItem {
  const where = `${ValidationCodeKeys.code(key).pk}/${ValidationCodeKeys.code(key).sk}`;
  if (item === undefined) return {};
  const parsed = parseStoredItem(CodeItemSchema, item, where);
  // The live code's attributes come all together or not at all (an item may hold a pending code only).
  const hasLive = LIVE_ATTRIBUTES.some((name) => parsed[name] !== undefined);
  const live = hasLive ? parseStoredItem(LiveCodeSchema, parsed, where) : undefined;
  return {
    live: live && {
      codeId: live.codeId,
      codeHash: live.codeHash,
      channel: live.channel,
      state: live.state,
      issuedAt: live.issuedAt,
      validUntil: live.validUntil,
      attempts: live.attempts,
      wrongAttempts: live.wrongAttempts ?? live.attempts,
      maxAttempts: live.maxAttempts,
    },
    pendingIssuedAt: parsed.pending?.issuedAt,
  };
}

/** The `pending` attribute of a new code. */
export function pendingAttribute(code: NewCode) {
  return {
    codeId: code.codeId,
    codeHash: code.codeHash,
    channel: code.channel,
    issuedAt: code.issuedAt,
    validUntil: code.validUntil,
    maxAttempts: code.maxAttempts,
  };
}

/**
 * An item a failed condition returned (ReturnValuesOnConditionCheckFailure), as plain values: the
 * document client does not unmarshall errors. Code items hold strings, numbers and one map.
 */
export function plainItem(item: unknown): Record<string, unknown> | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    if ('S' in value && typeof value.S === 'string') plain[name] = value.S;
    else if ('N' in value && typeof value.N === 'string') plain[name] = Number(value.N);
    else if ('M' in value) plain[name] = plainItem(value.M);
  }
  return plain;
}
