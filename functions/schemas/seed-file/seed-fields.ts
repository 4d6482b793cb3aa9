import * as v from 'valibot';

/**
 * Field schemas shared by the sections of the seed file (seed-file.ts, seed-customers.ts,
 * seed-catalog.ts, seed-groups.ts). Every number of the file has a bound: what the API can be asked
 * about, and what DynamoDB stores exactly (a JSON number is a double; the text of the file is also
 * checked digit by digit, seed-json.ts).
 */

/** A whole number in [min, max], refused with one message that states the range. */
export const wholeNumber = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`),
  );

/** The contract's `int`: points in requests and answers, balances, group ids (`user_group2_id`). */
export const MAX_INT = 2_147_483_647;
/** Program ids as `program_id` accepts them: any positive whole number a double holds exactly. */
export const MAX_PROGRAM_ID = Number.MAX_SAFE_INTEGER;
/** Customer ids are looked up as `id=<digits>`, which accepts up to 15 digits. */
export const MAX_CUSTOMER_ID = 999_999_999_999_999;
/**
 * Amounts (lifetime purchases, in the currency's unit): up to 999,999,999,999.999, at most 3 decimals
 * (the most any currency's minor unit has in common use). 15 significant digits: a double holds each
 * such value exactly as written, and DynamoDB stores it as written.
 */
export const MAX_AMOUNT = 999_999_999_999.999;
export const MAX_AMOUNT_DECIMALS = 3;

export const ProgramIdSchema = wholeNumber(1, MAX_PROGRAM_ID);
export const CustomerIdSchema = wholeNumber(1, MAX_CUSTOMER_ID);
export const GroupIdSchema = wholeNumber(1, MAX_INT);
export const PointsSchema = wholeNumber(0, MAX_INT);

/** Decimal places of a number as JavaScript writes it (exponent forms only for values far below 0.001). */
function decimalPlaces(n: number): number {
  const text = String(n);
  if (/e/i.test(text)) return Number.POSITIVE_INFINITY;
  return text.split('.')[1]?.length ?? 0;
}

export const AmountSchema = v.pipe(
  v.number(),
  v.check(
    (n) => n >= 0 && n <= MAX_AMOUNT && decimalPlaces(n) <= MAX_AMOUNT_DECIMALS,
    `must be an amount from 0 to ${MAX_AMOUNT} with at most ${MAX_AMOUNT_DECIMALS} decimals`,
  ),
);

/** A program id as a JSON object key (memberships and balances by program): digits, within MAX_PROGRAM_ID. */
export const ProgramKeySchema = v.pipe(
  v.string(),
  v.check((key) => /^[1-9][0-9]{0,15}$/.test(key) && Number(key) <= MAX_PROGRAM_ID, 'must be a program id'),
);

/** A display name (org, program). */
export const NameSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200));
