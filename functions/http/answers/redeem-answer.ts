import { ItemCode } from '../../core/item-codes';
import { IDENTIFIER_PRECEDENCE } from '../../core/model';
import type { RedemptionRecord } from '../../core/ports/points-ledger';
import type { RedeemResult } from '../../core/use-cases/redeem-points';
import type { ParameterError } from '../../schemas/http/query-fields';
import { echoParam, refusalAnswer, REQUEST_FAILED_STATUS, status, type HttpAnswer } from '../envelope';
import type { OperationInput } from '../operation';
import { checkItem } from './redemption-check-answer';

/**
 * redeem's answer (contract, "POST /v1.1/points/redeem"): the item at `response.responses.points`.
 * Points redeemed: HTTP 200, item 800 "Points Redeemed", `balance` the points left in the balance
 * they came from (for cross-program, the earn program's). A repeat of the same request answers the
 * same. Refused (801 to 1632, 808, 744, 899): the item of a failed check, a refusal (HTTP 200; REST
 * status 400, and 409 for 899, which is worth retrying with the same reference).
 */
export function redeemAnswer(result: RedeemResult): HttpAnswer {
  if (result.kind === 'redeemed') {
    return { statusCode: 200, body: { response: { status: status(true, 200, 'Success'), responses: { points: redeemedItem(result.redemption) } } } };
  }
  const { invalidParameter } = result.check;
  const item = {
    ...checkItem(result.check),
    points_redeemed: String(result.check.points),
    ...(invalidParameter !== undefined && { invalid_parameter: bodyFieldOf(invalidParameter) }),
  };
  return refusalAnswer(result.kind === 'busy' ? 409 : 400, { response: { status: REQUEST_FAILED_STATUS, responses: { points: item } } });
}

/** Where the redeem body writes what a check names by its query parameter (`points`, `mobile`); group parameters stay in the query. */
function bodyFieldOf(parameter: string): string {
  if (parameter === 'points') return 'root.redeem[0].points_redeemed';
  return (IDENTIFIER_PRECEDENCE as readonly string[]).includes(parameter) ? `root.redeem[0].customer.${parameter}` : parameter;
}

function redeemedItem(redemption: RedemptionRecord) {
  return {
    mobile: redemption.customer.mobile,
    email: redemption.customer.email,
    external_id: redemption.customer.externalId,
    user_id: redemption.customerId,
    redemption_id: redemption.redemptionId,
    points_redeemed: String(redemption.points),
    redeemed_value: redemption.redeemValue,
    redeemed_local_value: redemption.redeemValue,
    balance: redemption.debit.after,
    item_status: status(true, ItemCode.REDEEMABLE, 'Points Redeemed'),
    program_id: redemption.programId,
    identified_by: redemption.identifier.type,
    redeemed_at: new Date(redemption.at).toISOString(),
    ...(redemption.reference !== undefined && { external_reference_number: redemption.reference }),
    ...(redemption.transactionNumber !== undefined && { transaction_number: redemption.transactionNumber }),
    ...(redemption.group && { user_group2: { id: redemption.group.id, external_id: redemption.group.externalId ?? '', primary_user_id: redemption.group.primaryCustomerId } }),
    ...(redemption.earnedIn && {
      group_redemption: { earn_program_id: redemption.earnedIn.programId, earn_points: redemption.earnedIn.points, earn_points_currency_ratio: redemption.earnedIn.pointValue },
    }),
  };
}

/** A malformed redeem request: 400, status 400 naming the field, the item code telling which. */
export function invalidRedeemRequestAnswer(error: ParameterError, { body }: OperationInput): HttpAnswer {
  const entry = (body as { root?: { redeem?: { customer?: Record<string, unknown>; points_redeemed?: unknown }[] } } | undefined)?.root?.redeem?.[0];
  const text = (value: unknown) => echoParam(typeof value === 'string' ? value : undefined);
  return {
    statusCode: 400,
    body: {
      response: {
        status: status(false, 400, error.message),
        responses: {
          points: {
            mobile: text(entry?.customer?.mobile),
            email: text(entry?.customer?.email),
            external_id: text(entry?.customer?.external_id),
            points_redeemed: typeof entry?.points_redeemed === 'number' && Number.isSafeInteger(entry.points_redeemed) ? String(entry.points_redeemed) : '0',
            item_status: status(false, error.code, error.message),
            invalid_parameter: error.parameter,
          },
        },
      },
    },
  };
}
