import * as v from 'valibot';
import type { RedeemRequest } from '../../core/use-cases/redeem-points';
import { MAX_POINTS } from '../../core/bounds';
import { bodyPoints, chooseIdentifier, inBody, optionalText, ValidationCodeSchema, type RequestParseResult } from './query-fields';
import { redemptionOptionsOf, redemptionQueryFields } from './redemption-query';
import { queryAndBodyRequest } from './request-spec';


/** The contract's date-time form: `2026-11-30 10:00:00` (a `T` between date and time is taken too). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Whether a DATE_TIME text names a moment that exists: month 1-12, a day of that month, 00:00:00 to 23:59:59. */
function isCalendarDateTime(text: string): boolean {
  const [, year, month, day, hour, minute, second] = (DATE_TIME.exec(text) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

const printable = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`), v.regex(/^[\x20-\x7e]*$/, 'must be printable ASCII'));

/** Points to redeem: a whole number 1..MAX_POINTS, as a JSON number or a string of digits (contract: int). */
const PointsRedeemedSchema = v.union(
  [
    bodyPoints(),
    // Each alternative checks its own range, so that the API document describes both as they are sent.
    v.pipe(v.string(), v.trim(), v.regex(/^[0-9]{1,20}$/, 'must be a positive whole number'), v.transform(Number), v.minValue(1, 'must be a positive whole number'), v.maxValue(MAX_POINTS, `must be at most ${MAX_POINTS}`)),
  ],
  'must be a positive whole number',
);

/** The customer, by any identifier a check takes; an `id` may be a JSON number. */
const CustomerSchema = v.object(
  {
    mobile: optionalText(v.string()),
    email: optionalText(v.string()),
    external_id: optionalText(v.string()),
    id: v.optional(v.union([v.pipe(v.number(), v.integer(), v.transform(String)), v.string()], 'must be a customer id')),
    card_number: optionalText(v.string()),
    card_external_id: optionalText(v.string()),
  },
  'must be an object naming the customer, e.g. {"mobile": "919900000001"}',
);

/** One redemption (contract, "POST /v1.1/points/redeem"). */
export const RedeemEntrySchema = v.object({
  points_redeemed: PointsRedeemedSchema,
  customer: CustomerSchema,
  /** Idempotency: the same reference never redeems twice (ours: README, "Exactly once"). */
  external_reference_number: optionalText(printable(128)),
  transaction_number: optionalText(printable(128)),
  validation_code: optionalText(ValidationCodeSchema),
  notes: optionalText(v.pipe(v.string(), v.maxLength(1000, 'must be at most 1000 characters'))),
  redemption_time: optionalText(
    v.pipe(v.string(), v.regex(DATE_TIME, 'must be YYYY-MM-DD HH:MM:SS'), v.check(isCalendarDateTime, 'must be a date and time that exists (YYYY-MM-DD HH:MM:SS)')),
  ),
});

/** `{"root": {"redeem": [one entry]}}`: one redemption per request (ours: each its own reference, answer and transaction). */
export const RedeemBodySchema = v.object(
  {
    root: v.object(
      {
        redeem: v.pipe(
          v.array(RedeemEntrySchema, 'must be a list of redemptions'),
          v.minLength(1, 'must hold one redemption'),
          v.maxLength(1, 'holds one redemption per request: send each as a request of its own'),
        ),
      },
      'must be an object with a redeem list',
    ),
  },
  'must be {"root": {"redeem": [...]}}',
);

/** The query a redeem takes: the program and the wallet, as on a check. */
export const RedeemQuerySchema = v.object(redemptionQueryFields);

/** POST redeem's request: query and body, cross-checked into what the redeem use case takes. */
export const redeemRequest = queryAndBodyRequest(RedeemQuerySchema, RedeemBodySchema, redeemRequestOf);

function redeemRequestOf(query: v.InferOutput<typeof RedeemQuerySchema>, body: v.InferOutput<typeof RedeemBodySchema>): RequestParseResult<RedeemRequest> {
  const entry = body.root.redeem[0] as v.InferOutput<typeof RedeemEntrySchema>;
  const identifier = chooseIdentifier(entry.customer);
  if (!identifier.ok) return inBody(identifier, 'root.redeem[0].customer');
  const options = redemptionOptionsOf(query);
  if (!options.ok) return options;
  return {
    ok: true,
    value: {
      check: {
        identifier: identifier.value,
        amount: { kind: 'points', points: entry.points_redeemed },
        issueOtp: false,
        ...(entry.validation_code !== undefined && { validationCode: entry.validation_code }),
        ...options.value,
      },
      ...(entry.external_reference_number !== undefined && { reference: entry.external_reference_number }),
      ...(entry.transaction_number !== undefined && { transactionNumber: entry.transaction_number }),
      ...(entry.notes !== undefined && { notes: entry.notes }),
      ...(entry.redemption_time !== undefined && { redemptionTime: entry.redemption_time }),
    },
  };
}
