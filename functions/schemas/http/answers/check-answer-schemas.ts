import * as v from 'valibot';
import { ValidationChannel } from '../../../core/ports/validation-codes';
import { customerEchoEntries, FlagSchema, IdentifiedBySchema, InvalidParameterSchema, ItemCodeSchema, ItemStatusSchema, StatusSchema } from './envelope-schemas';

/** Every rule a refused amount broke, in check order (ours: README, "Answers"). */
export const FailedCheckSchema = v.strictObject({
  code: ItemCodeSchema,
  rule: v.pipe(v.string(), v.description("The rule's name in the program's rules")),
  message: v.string(),
  limit: v.optional(v.number()),
  actual: v.optional(v.number()),
});

/** Why a check failed, in fields the reference does not have (ours). */
export const ExplanationSchema = v.strictObject({
  failed_checks: v.array(FailedCheckSchema),
  redeemable_range: v.optional(v.strictObject({ min: v.number(), max: v.number(), multiple_of: v.number() })),
  nearest_redeemable_points: v.optional(v.strictObject({ below: v.optional(v.number()), above: v.optional(v.number()) })),
});

/**
 * The item of a check (`points.redeemable`), and of a refused redemption (`responses.points`): the
 * reference's fields, then ours (README, "Answers").
 */
export const checkItemEntries = {
  ...customerEchoEntries,
  points: v.number(),
  is_redeemable: FlagSchema,
  points_redeem_value: v.number(),
  points_redeem_local_value: v.number(),
  input_type: v.picklist(['points', 'currency']),
  points_currency_ratio: v.pipe(v.string(), v.description('The point value that applies, as a decimal string; empty until the program is known')),
  item_status: ItemStatusSchema,
  currency_value: v.optional(v.string()),
  identified_by: IdentifiedBySchema,
  program_id: v.optional(v.number()),
  validation_code_sent: v.optional(v.strictObject({ channel: v.picklist(Object.values(ValidationChannel)), expires_at: v.string() })),
  validation_code_failure: v.optional(v.pipe(v.string(), v.description('Why the code was not sent (876): cooldown, in-progress, daily-limit, ...'))),
  user_group2: v.optional(
    v.strictObject({
      id: v.number(),
      external_id: v.string(),
      primary_user_id: v.number(),
      primary_user_source: v.optional(v.string()),
      primary_user_account_id: v.optional(v.string()),
    }),
  ),
  group_redemption: v.optional(v.strictObject({ earn_program_id: v.number(), earn_points: v.number(), earn_points_currency_ratio: v.string() })),
  explanation: v.optional(ExplanationSchema),
  invalid_parameter: v.optional(
    v.pipe(InvalidParameterSchema, v.description('(ours) A parameter well formed on its own that fails once the org is read: 802 a mobile number that cannot be one in the org, 801 an amount worth more than 2147483647 points')),
  ),
};
/** The item of a check that was read: redeemable or refused. */
export const CheckItemSchema = v.strictObject(checkItemEntries);

/** GET isredeemable, a request that was read: redeemable (status 200) or refused (status 500, the item says why). */
export const CheckAnswerSchema = v.strictObject({ response: v.strictObject({ status: StatusSchema, points: v.strictObject({ redeemable: CheckItemSchema }) }) });

/** GET isredeemable, a malformed request: status 400 naming the parameter. */
export const InvalidCheckAnswerSchema = v.strictObject({
  response: v.strictObject({
    status: StatusSchema,
    points: v.strictObject({
      redeemable: v.strictObject({ ...customerEchoEntries, points: v.number(), is_redeemable: FlagSchema, item_status: ItemStatusSchema, invalid_parameter: InvalidParameterSchema }),
    }),
  }),
});
