import { ItemCode } from '../../core/item-codes';
import type { RedemptionCheckResult } from '../../core/use-cases/redemption-check-result';
import type { ParameterError } from '../../schemas/http/query-fields';
import type { OperationInput } from '../operation';
import { echoParam, echoPoints, flag, refusalAnswer, REQUEST_FAILED_STATUS, status, type HttpAnswer } from '../envelope';

/**
 * isredeemable's answer (contract, "GET /v1.1/points/isredeemable"). Fields beyond the reference
 * (`identified_by`, `program_id`, `explanation`, `validation_code_sent`, `user_group2`,
 * `group_redemption`, ...) are added next to the reference's; clients that do not know them ignore them.
 */

/** isredeemable: 200 when redeemable (800, or 876 when only the code could not be sent), else a refusal (REST status 400). */
export function redemptionCheckAnswer(result: RedemptionCheckResult): HttpAnswer {
  const points = { redeemable: checkItem(result) };
  return result.redeemable
    ? { statusCode: 200, body: { response: { status: status(true, 200, 'Success'), points } } }
    : refusalAnswer(400, { response: { status: REQUEST_FAILED_STATUS, points } });
}

/** The item of a check's answer (`points.redeemable`); a refused redemption answers with the same fields. */
export function checkItem(result: RedemptionCheckResult) {
  const itemSuccess = result.redeemable && result.status.code === ItemCode.REDEEMABLE;
  return {
    mobile: result.customer.mobile,
    email: result.customer.email,
    external_id: result.customer.externalId,
    points: result.points,
    is_redeemable: flag(result.redeemable),
    points_redeem_value: result.valuation?.redeemValue ?? 0,
    points_redeem_local_value: result.valuation?.redeemValue ?? 0,
    input_type: result.input.type === 'currency' ? 'currency' : 'points',
    points_currency_ratio: result.valuation?.pointValue ?? '',
    item_status: status(itemSuccess, result.status.code, result.status.message),
    ...(result.invalidParameter !== undefined && { invalid_parameter: result.invalidParameter }),
    ...(result.input.type === 'currency' && { currency_value: result.input.currencyValue }),
    identified_by: result.identifiedBy,
    ...(result.programId !== undefined && { program_id: result.programId }),
    ...(result.otp?.outcome === 'issued' && {
      validation_code_sent: { channel: result.otp.channel, expires_at: new Date(result.otp.expiresAt).toISOString() },
    }),
    ...(result.otp?.outcome === 'not-issued' && { validation_code_failure: result.otp.reason }),
    ...(result.group && {
      user_group2: {
        id: result.group.id,
        external_id: result.group.externalId ?? '',
        primary_user_id: result.group.primaryCustomerId,
        ...(result.group.source !== undefined && { primary_user_source: result.group.source }),
        ...(result.group.accountId !== undefined && { primary_user_account_id: result.group.accountId }),
      },
    }),
    ...(result.earnedIn && {
      group_redemption: {
        earn_program_id: result.earnedIn.programId,
        earn_points: result.earnedIn.points,
        earn_points_currency_ratio: result.earnedIn.pointValue,
      },
    }),
    ...(result.explanation && {
      explanation: {
        failed_checks: result.explanation.failedChecks.map((check) => ({
          code: check.code,
          rule: check.rule,
          message: check.message,
          ...(check.limit !== undefined && { limit: check.limit }),
          ...(check.actual !== undefined && { actual: check.actual }),
        })),
        ...(result.explanation.redeemableRange && {
          redeemable_range: {
            min: result.explanation.redeemableRange.min,
            max: result.explanation.redeemableRange.max,
            multiple_of: result.explanation.redeemableRange.multipleOf,
          },
        }),
        ...(result.explanation.nearest && { nearest_redeemable_points: result.explanation.nearest }),
      },
    }),
  };
}

/** A malformed isredeemable request: 400, status 400 naming the parameter, the item code telling which. */
export function invalidRedemptionRequestAnswer(error: ParameterError, { params }: OperationInput): HttpAnswer {
  return {
    statusCode: 400,
    body: {
      response: {
        status: status(false, 400, error.message),
        points: {
          redeemable: {
            mobile: echoParam(params.mobile),
            email: echoParam(params.email),
            external_id: echoParam(params.external_id),
            points: echoPoints(params.points),
            is_redeemable: 'false',
            item_status: status(false, error.code, error.message),
            invalid_parameter: error.parameter,
          },
        },
      },
    },
  };
}
