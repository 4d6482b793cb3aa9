import * as v from 'valibot';

/** Field schemas shared by the sections of the seed file (seed-file.ts, seed-groups.ts). */

export const ProgramIdSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
/** Customer ids are looked up as `id=<digits>`, so they stay within what an id identifier accepts. */
export const CustomerIdSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999_999_999_999_999));
/** Group ids are looked up as `user_group2_id=<digits>`, which accepts up to 2^31 - 1. */
export const GroupIdSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2_147_483_647));
export const PointsSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
export const AmountSchema = v.pipe(v.number(), v.finite(), v.minValue(0));
/** A program id as a JSON object key (memberships and balances by program). */
export const ProgramKeySchema = v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/, 'must be a program id'));
/** A display name (org, program). */
export const NameSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200));
