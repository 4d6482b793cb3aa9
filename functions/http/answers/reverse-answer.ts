import { ItemCode } from '../../core/item-codes';
import type { Partner } from '../../core/model';
import type { ReverseResult } from '../../core/use-cases/reverse-redemption';
import type { ParameterError } from '../../schemas/http/query-fields';
import { echoParam, type HttpAnswer } from '../envelope';
import type { OperationInput } from '../operation';

/**
 * reverse's answer (contract, "POST /v2/points/reverse"): the v2 shape, not the v1.1 envelope;
 * `orgId` is the caller's org (from its key), refusals included.
 * Reversed: 200 with `pointsReversed`. Refused, nothing changed: `pointsReversed` 0 and
 * `errors: [{code, message}]` with a 4xx: 814 and 816 404, 812, 744 and 899 409, 810 400, whatever
 * the key's `failedCheckHttpStatus`: v2 is a REST API without the v1.1 envelope, and its clients read
 * the status (README, "POST /v2/points/reverse").
 * (ours) `pointsRemaining`, and `restored` (what the balance got back, in its own program's points).
 */
export function reverseAnswer(result: ReverseResult, input: OperationInput, partner: Partner): HttpAnswer {
  const identifier = identifierEcho(input);
  if (result.kind === 'refused') {
    return {
      statusCode: REFUSAL_STATUS[result.code] ?? 400,
      body: {
        orgId: partner.orgId,
        identifier,
        customerId: result.customerId ?? null,
        redemptionId: result.redemptionId ?? null,
        reversalId: null,
        pointsToBeReversed: requestedPoints(input),
        pointsReversed: 0,
        pointsReversedDetails: { available: 0, expired: 0 },
        warnings: [],
        errors: [{ code: result.code, message: result.message }],
      },
    };
  }
  const { redemption, reversal } = result;
  return {
    statusCode: 200,
    body: {
      orgId: redemption.orgId,
      identifier,
      customerId: redemption.customerId,
      redemptionId: redemption.redemptionId,
      reversalId: reversal.reversalId,
      pointsToBeReversed: requestedPoints(input) ?? reversal.points,
      pointsReversed: reversal.points,
      pointsReversedDetails: { available: reversal.points, expired: 0 },
      pointsRemaining: redemption.points - redemption.reversedPoints,
      restored: { programId: reversal.credit.programId, points: reversal.credit.points, balance: reversal.credit.after },
      warnings: [],
      errors: [],
    },
  };
}

const REFUSAL_STATUS: Partial<Record<ItemCode, number>> = {
  [ItemCode.NO_POINTS_REDEEMED]: 404,
  [ItemCode.CUSTOMER_NOT_FOUND]: 404,
  [ItemCode.ALREADY_REVERSED]: 409,
  [ItemCode.REFERENCE_EXISTS]: 409,
  [ItemCode.BALANCE_BUSY]: 409,
  [ItemCode.REVERSAL_POINTS_MISMATCH]: 400,
};

/** A malformed reverse request: 400 with the error naming the field. */
export function invalidReverseRequestAnswer(error: ParameterError, input: OperationInput, partner: Partner): HttpAnswer {
  return {
    statusCode: 400,
    body: {
      orgId: partner.orgId,
      identifier: identifierEcho(input),
      customerId: null,
      redemptionId: null,
      reversalId: null,
      pointsToBeReversed: requestedPoints(input),
      pointsReversed: 0,
      pointsReversedDetails: { available: 0, expired: 0 },
      warnings: [],
      errors: [{ code: error.code, message: error.message, field: error.parameter }],
    },
  };
}

/** The identifier as the request wrote it (short printable values only). */
function identifierEcho({ body }: OperationInput): { type: string; value: string } | null {
  const given = (body as { identifier?: { type?: unknown; value?: unknown } } | undefined)?.identifier;
  if (given === undefined || given === null || typeof given !== 'object') return null;
  const text = (value: unknown) => echoParam(typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
  return { type: text(given.type), value: text(given.value) };
}

function requestedPoints({ body }: OperationInput): number | null {
  const points = (body as { pointsToBeReversed?: unknown } | undefined)?.pointsToBeReversed;
  return typeof points === 'number' && Number.isSafeInteger(points) ? points : null;
}
