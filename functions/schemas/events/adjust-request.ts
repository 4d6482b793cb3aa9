import * as v from 'valibot';
import { ItemCode } from '../../core/item-codes';
import { AdjustmentType } from '../../core/ports/adjustment-ledger';
import type { AdjustRequest } from '../../core/use-cases/adjust-points';
import { LIFETIME_PURCHASES_DECIMALS, MAX_LIFETIME_PURCHASES, MAX_POINTS } from '../../core/bounds';
import { canonicalAmount } from '../../core/use-cases/adjustment-balance';
import { chooseIdentifier, FormatSchema, inBody, parameterError, safeParseQuery, type RequestParseResult } from '../http/query-fields';
import { RedeemEntrySchema } from '../http/redeem-request';
import { redemptionOptionsOf, redemptionQueryFields } from '../http/redemption-query';
import { queryAndBodyRequest, type RequestSpec } from '../http/request-spec';

/**
 * adjust's body (ours: README, "Adjustments"), the same in a direct invocation's `body` and in a
 * queue message's `body`:
 *
 *   {"reference": "ORD-881-earn", "program_id": 1, "customer": {"mobile": "919900000001"},
 *    "points": 150, "type": "EARN", "lifetime_purchases": 37.5}
 *
 * plus, for a group wallet, the `user_group2_*` fields a redemption takes in its query.
 */
const WALLET_FIELDS = [
  'program_id',
  'user_group2_id',
  'user_group2_external_id',
  'user_group2_primary_user_id',
  'user_group2_primary_user_identifier_type',
  'user_group2_primary_user_identifier_value',
  'user_group2_primary_user_source',
  'user_group2_primary_user_accountId',
  'use_default_user_group2',
] as const;
type WalletField = (typeof WALLET_FIELDS)[number];

/** A wallet field as JSON gives it; read as the query parameter of the same name would be. */
const ScalarSchema = v.optional(v.union([v.string(), v.number(), v.boolean()], 'must be a string, number or boolean'));

/** Points: a whole number, as a JSON number or a string of digits; signed only for ADJUST (checked with the type). */
const PointsSchema = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.trim(), v.regex(/^-?[0-9]{1,20}$/, 'must be a whole number'), v.transform(Number))], 'must be a whole number of points'),
  v.integer('must be a whole number of points'),
  v.check((n) => n !== 0 && Math.abs(n) <= MAX_POINTS, `must be a whole number from 1 to ${MAX_POINTS} (for ADJUST, or from -${MAX_POINTS} to -1)`),
);

/** Money added to lifetime purchases: 0 to MAX_LIFETIME_PURCHASES, at most 3 decimals, kept as exact decimal text. */
const LifetimePurchasesSchema = v.pipe(
  v.union([v.pipe(v.number(), v.transform(String)), v.pipe(v.string(), v.trim())], 'must be an amount'),
  v.regex(new RegExp(`^[0-9]{1,12}(\\.[0-9]{1,${LIFETIME_PURCHASES_DECIMALS}})?$`), `must be an amount from 0 to ${MAX_LIFETIME_PURCHASES} with at most ${LIFETIME_PURCHASES_DECIMALS} decimals`),
  v.transform((amount: string) => canonicalAmount(amount)),
);

/** adjust's body, field by field (README, "Adjustments"); the cross-field rules are in adjustRequestOf. */
export const AdjustBodySchema = v.object(
  {
    reference: v.pipe(
      v.string('is required, as text: the adjustment is idempotent by it'),
      v.trim(),
      v.nonEmpty('is required: the adjustment is idempotent by it'),
      v.maxLength(128, 'must be at most 128 characters'),
      v.regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'),
    ),
    type: v.pipe(v.string('must be EARN, DEDUCT, EXPIRE or ADJUST'), v.trim(), v.toUpperCase(), v.picklist(Object.values(AdjustmentType), 'must be EARN, DEDUCT, EXPIRE or ADJUST')),
    points: PointsSchema,
    customer: RedeemEntrySchema.entries.customer,
    // Empty text reads as not given, as every optional field does.
    lifetime_purchases: v.optional(v.pipe(v.unknown(), v.transform((amount) => (typeof amount === 'string' && amount.trim() === '' ? undefined : amount)), v.optional(LifetimePurchasesSchema))),
    notes: v.optional(v.pipe(v.string(), v.maxLength(1000, 'must be at most 1000 characters'))),
    ...(Object.fromEntries(WALLET_FIELDS.map((field) => [field, ScalarSchema])) as Record<WalletField, typeof ScalarSchema>),
  },
  'must be an adjustment: {"reference", "type", "points", "customer", ...}',
);

/** The program and the group wallet, read by the same schema as a redemption's query parameters of the same names. */
const WalletSchema = v.omit(v.object(redemptionQueryFields), ['skip_validation', 'validation_type', 'group_redemption', 'format']);

/** adjust's request: the body only (a direct invocation's `params` are not read). */
export const adjustRequest: RequestSpec<AdjustRequest> = withTypeAsParameter(
  // No query parameters (format aside): every field is in the body. Shared with redeem and reverse:
  // misspelt body fields and body fields sent as parameters are refused, naming the intended one.
  queryAndBodyRequest(v.object({ format: v.optional(FormatSchema) }), AdjustBodySchema, (_query, body) => adjustRequestOf(body)),
);

/** `type` is the adjustment's kind here, not an identifier's type: a bad one is 400, not 802. */
function withTypeAsParameter(spec: RequestSpec<AdjustRequest>): RequestSpec<AdjustRequest> {
  return {
    ...spec,
    parse(input) {
      const parsed = spec.parse(input);
      return !parsed.ok && parsed.error.parameter === 'type' ? { ok: false, error: { ...parsed.error, code: ItemCode.INVALID_PARAMETER } } : parsed;
    },
  };
}

function adjustRequestOf(body: v.InferOutput<typeof AdjustBodySchema>): RequestParseResult<AdjustRequest> {
  if (body.points < 0 && body.type !== AdjustmentType.ADJUST) {
    return parameterError('points', `must be positive for ${body.type}: only ADJUST takes a signed change`);
  }
  if (body.lifetime_purchases !== undefined && body.type !== AdjustmentType.EARN) return parameterError('lifetime_purchases', 'goes with type EARN only');
  const identifier = chooseIdentifier(body.customer);
  if (!identifier.ok) return inBody(identifier, 'customer');
  const walletParams = Object.fromEntries(WALLET_FIELDS.flatMap((field) => (body[field] === undefined ? [] : [[field, String(body[field])]])));
  const wallet = safeParseQuery(WalletSchema, walletParams);
  if (!wallet.ok) return wallet;
  const options = redemptionOptionsOf(wallet.value);
  if (!options.ok) return options;
  return {
    ok: true,
    value: {
      reference: body.reference,
      type: body.type,
      points: body.points,
      ...(body.lifetime_purchases !== undefined && { lifetimePurchases: body.lifetime_purchases }),
      identifier: identifier.value,
      ...(options.value.programId !== undefined && { programId: options.value.programId }),
      ...(options.value.group && { group: options.value.group }),
      ...(body.notes !== undefined && body.notes.trim() !== '' && { notes: body.notes }),
    },
  };
}
