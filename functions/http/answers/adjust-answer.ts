import { ItemCode } from '../../core/item-codes';
import type { AdjustedBalance, AdjustmentRecord } from '../../core/ports/adjustment-ledger';
import type { AdjustResult } from '../../core/use-cases/adjust-points';
import type { ParameterError } from '../../schemas/http/query-fields';
import { echoParam, REQUEST_FAILED_STATUS, status, type HttpAnswer } from '../envelope';
import type { OperationInput } from '../operation';

/** The item code of an adjustment that went through (ours). */
export const ADJUSTED_ITEM_CODE = 200;

/** HTTP statuses of refused adjustments (ours: README, "Adjustments"); any other refusal is 400. */
const REFUSAL_STATUS: Partial<Record<ItemCode, number>> = {
  [ItemCode.CUSTOMER_NOT_FOUND]: 404,
  [ItemCode.INVALID_GROUP]: 404,
  [ItemCode.REFERENCE_EXISTS]: 409,
  [ItemCode.BALANCE_BUSY]: 409,
};

/**
 * adjust's answer (ours: README, "Adjustments"), in the v1.1 envelope at `response.adjustment`.
 * Adjusted: HTTP 200, item 200, the balances after the change; a repeat of the same request
 * answers exactly the same. Refused (nothing changed): the item code and its message, HTTP 400,
 * 404 (816, 1632) or 409 (744; 899, retry with the same reference).
 */
export function adjustAnswer(result: AdjustResult): HttpAnswer {
  if (result.kind === 'adjusted') {
    return { statusCode: 200, body: { response: { status: status(true, 200, 'Success'), adjustment: adjustedItem(result.record) } } };
  }
  const { request } = result;
  const item = {
    reference: request.reference,
    type: request.type,
    points: request.points,
    ...(request.programId !== undefined && { program_id: request.programId }),
    item_status: status(false, result.code, result.message),
  };
  return { statusCode: REFUSAL_STATUS[result.code] ?? 400, body: { response: { status: REQUEST_FAILED_STATUS, adjustment: item } } };
}

function adjustedItem(record: AdjustmentRecord) {
  return {
    adjustment_id: record.adjustmentId,
    reference: record.reference,
    type: record.type,
    program_id: record.programId,
    user_id: record.customerId,
    mobile: record.customer.mobile,
    email: record.customer.email,
    external_id: record.customer.externalId,
    points: record.points,
    ...(record.lifetimePurchases !== undefined && { lifetime_purchases: Number(record.lifetimePurchases) }),
    balance: balanceOf(record.after),
    ...(record.group && { user_group2: { id: record.group.id, external_id: record.group.externalId ?? '', primary_user_id: record.group.primaryCustomerId } }),
    item_status: status(true, ADJUSTED_ITEM_CODE, 'Points adjusted'),
    adjusted_at: new Date(record.at).toISOString(),
  };
}

/** Lifetime purchases as a JSON number: at most 15 significant digits, so it reads back exactly as stored. */
function balanceOf(balance: AdjustedBalance) {
  return { current_points: balance.currentPoints, lifetime_points: balance.lifetimePoints, lifetime_purchases: Number(balance.lifetimePurchases) };
}

/** A malformed adjustment: 400, status 400 naming the field, the item code telling which (801 points, 802 customer, 1101 program, 1632 group, 400 other). */
export function invalidAdjustRequestAnswer(error: ParameterError, { body }: OperationInput): HttpAnswer {
  const given = (body ?? {}) as { reference?: unknown; type?: unknown };
  const text = (value: unknown) => echoParam(typeof value === 'string' ? value : undefined);
  const item = { reference: text(given.reference), type: text(given.type), item_status: status(false, error.code, error.message), invalid_parameter: error.parameter };
  return { statusCode: 400, body: { response: { status: status(false, 400, error.message), adjustment: item } } };
}
