import * as v from 'valibot';
import { customerEchoEntries, FlagSchema, InvalidParameterSchema, ItemCodeSchema, StatusSchema } from './envelope-schemas';

/** validationcode's item status: 200 when a code was issued, else the item code of the refusal. */
const CodeItemStatusSchema = v.strictObject({
  success: FlagSchema,
  code: v.union([v.pipe(v.literal(200), v.description('Validation Code Issued by SMS / by Missed Call')), ItemCodeSchema]),
  message: v.string(),
});

/** GET validationcode, a request that was read: issued (the code itself is never in it) or refused. */
export const ValidationCodeAnswerSchema = v.strictObject({
  response: v.strictObject({
    status: StatusSchema,
    validation_code: v.strictObject({
      code: v.strictObject({ ...customerEchoEntries, points: v.number(), item_status: CodeItemStatusSchema, expires_at: v.optional(v.string()) }),
    }),
  }),
});

/** GET validationcode, a malformed request. */
export const InvalidValidationCodeAnswerSchema = v.strictObject({
  response: v.strictObject({
    status: StatusSchema,
    validation_code: v.strictObject({
      code: v.strictObject({ ...customerEchoEntries, points: v.number(), item_status: CodeItemStatusSchema, invalid_parameter: InvalidParameterSchema }),
    }),
  }),
});
