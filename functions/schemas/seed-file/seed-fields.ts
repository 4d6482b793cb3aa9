import * as v from 'valibot';
import { LIFETIME_PURCHASES_DECIMALS, MAX_CUSTOMER_ID, MAX_GROUP_ID, MAX_LIFETIME_PURCHASES, MAX_POINTS, MAX_PROGRAM_ID } from '../../core/bounds';

/**
 * Field schemas shared by the sections of the seed file (seed-file.ts, seed-customers.ts,
 * seed-catalog.ts, seed-groups.ts). Every number of the file has a bound, the service's own
 * (core/bounds.ts): what the API can be asked about, and what DynamoDB stores exactly (a JSON number
 * is a double; the text of the file is also checked digit by digit, seed-json.ts).
 */

/** A whole number in [min, max], refused with one message that states the range. */
export const wholeNumber = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`),
  );

/** The most an amount may be as the file writes it (a JSON number): lifetime purchases, thresholds. */
const MAX_AMOUNT = Number(MAX_LIFETIME_PURCHASES);

/** A program id as a JSON number (the query's `program_id` takes the same range as digits). */
export const ProgramIdSchema = wholeNumber(1, MAX_PROGRAM_ID);
/** A customer id as a JSON number. */
export const CustomerIdSchema = wholeNumber(1, MAX_CUSTOMER_ID);
/** A group id as a JSON number. */
export const GroupIdSchema = wholeNumber(1, MAX_GROUP_ID);
/** A balance's points as a JSON number: 0 or more, within the contract's int. */
export const PointsSchema = wholeNumber(0, MAX_POINTS);

/** Decimal places of a number as JavaScript writes it (exponent forms only for values far below 0.001). */
function decimalPlaces(n: number): number {
  const text = String(n);
  if (/e/i.test(text)) return Number.POSITIVE_INFINITY;
  return text.split('.')[1]?.length ?? 0;
}

/** An amount as a JSON number: 0 or more, within the bound of lifetime purchases and their decimals. */
export const AmountSchema = v.pipe(
  v.number(),
  v.check(
    (n) => n >= 0 && n <= MAX_AMOUNT && decimalPlaces(n) <= LIFETIME_PURCHASES_DECIMALS,
    `must be an amount from 0 to ${MAX_AMOUNT} with at most ${LIFETIME_PURCHASES_DECIMALS} decimals`,
  ),
);

/** A program id as a JSON object key (memberships and balances by program): digits, within MAX_PROGRAM_ID. */
export const ProgramKeySchema = v.pipe(
  v.string(),
  v.check((key) => /^[1-9][0-9]{0,15}$/.test(key) && Number(key) <= MAX_PROGRAM_ID, 'must be a program id'),
);

/** A display name (org, program). */
export const NameSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200));
