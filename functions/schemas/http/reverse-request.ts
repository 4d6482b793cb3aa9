import * as v from 'valibot';
import { normaliseIdentifier } from '../../core/identifiers';
import { ItemCode } from '../../core/item-codes';
import { IdentifierType } from '../../core/model';
import type { ReverseRequest } from '../../core/use-cases/reverse-redemption';
import { bodyPoints, FormatSchema, optionalText, type RequestParseResult } from './query-fields';
import { queryAndBodyRequest } from './request-spec';

/** The contract's identifier types (v2), any case, and the identifier each names. */
export const REVERSAL_IDENTIFIER_TYPES = {
  ID: IdentifierType.ID,
  MOBILE: IdentifierType.MOBILE,
  EMAIL: IdentifierType.EMAIL,
  EXTERNAL_ID: IdentifierType.EXTERNAL_ID,
  CARD_NUMBER: IdentifierType.CARD_NUMBER,
  CARD_EXTERNAL_ID: IdentifierType.CARD_EXTERNAL_ID,
} as const;
const TYPE_NAMES = Object.keys(REVERSAL_IDENTIFIER_TYPES) as (keyof typeof REVERSAL_IDENTIFIER_TYPES)[];

const token = (what: string) => v.pipe(v.string(`must be a string`), v.trim(), v.nonEmpty(`must not be empty`), v.maxLength(128, `must be at most 128 characters`), v.regex(/^[\x21-\x7e]+$/, `must be ${what} without spaces`));

/** POST /v2/points/reverse's body (contract, "POST /v2/points/reverse"). */
export const ReverseBodySchema = v.object(
  {
    // Empty reads as not given, as every optional field does: the other one then names the redemption.
    redemptionId: optionalText(token('a redemption id')),
    externalReferenceNumber: optionalText(v.pipe(v.string('must be a string'), v.maxLength(128, 'must be at most 128 characters'), v.regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'))),
    pointsToBeReversed: v.optional(bodyPoints('must be a number')),
    identifier: v.object(
      {
        type: v.pipe(v.string('must be a string'), v.trim(), v.toUpperCase(), v.picklist(TYPE_NAMES, `must be one of ${TYPE_NAMES.join(', ')}`)),
        value: v.union([v.pipe(v.string(), v.maxLength(128, 'must be at most 128 characters')), v.pipe(v.number(), v.integer(), v.transform(String))], 'must be a string'),
      },
      'must be {"type": ..., "value": ...}',
    ),
    /** (ours) Makes the reversal idempotent: a repeat with the same reference gives nothing back twice. */
    // Empty reads as not given, as redeem's external_reference_number does.
    reversalReference: optionalText(v.pipe(v.string('must be a string'), v.maxLength(128, 'must be at most 128 characters'), v.regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'))),
  },
  'must be an object',
);

export const ReverseQuerySchema = v.object({ format: v.optional(FormatSchema) });

export const reverseRequest = queryAndBodyRequest(ReverseQuerySchema, ReverseBodySchema, reverseRequestOf);

function reverseRequestOf(_query: unknown, body: v.InferOutput<typeof ReverseBodySchema>): RequestParseResult<ReverseRequest> {
  const named = [body.redemptionId, body.externalReferenceNumber].filter((value) => value !== undefined).length;
  if (named !== 1) {
    return { ok: false, error: { parameter: 'redemptionId', code: ItemCode.INVALID_REDEMPTION, message: 'redemptionId: give either redemptionId or externalReferenceNumber, exactly one' } };
  }
  const identifier = normaliseIdentifier(REVERSAL_IDENTIFIER_TYPES[body.identifier.type], body.identifier.value);
  if (!identifier) {
    return { ok: false, error: { parameter: 'identifier.value', code: ItemCode.INVALID_IDENTIFIER, message: `identifier.value: is not a valid ${body.identifier.type.toLowerCase()}` } };
  }
  return {
    ok: true,
    value: {
      redemption: body.redemptionId !== undefined ? { by: 'id', redemptionId: body.redemptionId } : { by: 'reference', reference: body.externalReferenceNumber as string },
      ...(body.pointsToBeReversed !== undefined && { points: body.pointsToBeReversed }),
      identifier,
      ...(body.reversalReference !== undefined && { reference: body.reversalReference }),
    },
  };
}
