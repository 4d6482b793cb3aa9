import * as v from 'valibot';
import { checkItemEntries } from './check-answer-schemas';
import { customerEchoEntries, IdentifiedBySchema, InvalidParameterSchema, ItemStatusSchema, StatusSchema } from './envelope-schemas';

/** The points redeemed, as a string of digits (the reference's). */
const PointsRedeemedSchema = v.pipe(v.string(), v.regex(/^[0-9]+$/), v.description('Points, as a string of digits'));

/** A redemption (`responses.points`): the reference's fields, then ours. */
export const RedeemedItemSchema = v.strictObject({
  ...customerEchoEntries,
  user_id: v.number(),
  redemption_id: v.string(),
  points_redeemed: PointsRedeemedSchema,
  redeemed_value: v.number(),
  redeemed_local_value: v.number(),
  balance: v.pipe(v.number(), v.description('What is left in the balance the points came from (for cross-program, the earn program’s)')),
  item_status: ItemStatusSchema,
  program_id: v.number(),
  identified_by: IdentifiedBySchema,
  redeemed_at: v.string(),
  external_reference_number: v.optional(v.string()),
  transaction_number: v.optional(v.string()),
  user_group2: v.optional(v.strictObject({ id: v.number(), external_id: v.string(), primary_user_id: v.number() })),
  group_redemption: v.optional(v.strictObject({ earn_program_id: v.number(), earn_points: v.number(), earn_points_currency_ratio: v.string() })),
});

/** A refused redemption: the item of a failed check, and the points asked for. */
export const RefusedRedemptionItemSchema = v.strictObject({ ...checkItemEntries, points_redeemed: PointsRedeemedSchema });

/** POST redeem, a request that was read: redeemed (or a repeat of it) or refused (744, 801 to 1632, 899). */
export const RedeemAnswerSchema = v.strictObject({
  response: v.strictObject({ status: StatusSchema, responses: v.strictObject({ points: v.union([RedeemedItemSchema, RefusedRedemptionItemSchema]) }) }),
});

/** POST redeem, a malformed request (query, body field, or a body that is not JSON). */
export const InvalidRedeemAnswerSchema = v.strictObject({
  response: v.strictObject({
    status: StatusSchema,
    responses: v.strictObject({
      points: v.strictObject({ ...customerEchoEntries, points_redeemed: PointsRedeemedSchema, item_status: ItemStatusSchema, invalid_parameter: InvalidParameterSchema }),
    }),
  }),
});
