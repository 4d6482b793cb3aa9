import * as v from 'valibot';
import { ItemCodeSchema } from './envelope-schemas';

/** One entry of `errors` (and of `warnings`, which is always empty today): the code and its message; `field` names a malformed one. */
export const ReverseErrorSchema = v.strictObject({ code: ItemCodeSchema, message: v.string(), field: v.optional(v.string()) });

/**
 * POST /v2/points/reverse, every answer: the v2 shape, without the v1.1 envelope. A refusal changes
 * nothing: `pointsReversed` 0, `errors` says why (README, "POST /v2/points/reverse").
 */
export const ReverseAnswerSchema = v.strictObject({
  orgId: v.pipe(v.string(), v.description('The caller’s org, from its key (refusals included)')),
  identifier: v.nullable(v.strictObject({ type: v.string(), value: v.string() })),
  customerId: v.nullable(v.number()),
  redemptionId: v.nullable(v.string()),
  reversalId: v.nullable(v.string()),
  pointsToBeReversed: v.nullable(v.number()),
  pointsReversed: v.number(),
  pointsReversedDetails: v.strictObject({ available: v.number(), expired: v.number() }),
  pointsRemaining: v.optional(v.pipe(v.number(), v.description('(ours) What is left to reverse of the redemption'))),
  restored: v.optional(
    v.pipe(v.strictObject({ programId: v.number(), points: v.number(), balance: v.number() }), v.description('(ours) What the balance got back, in its own program’s points, and the balance after')),
  ),
  warnings: v.array(ReverseErrorSchema),
  errors: v.array(ReverseErrorSchema),
});
