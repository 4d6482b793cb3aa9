import { ItemCode } from '../core/item-codes';
import type { IssueValidationCodeResult } from '../core/use-cases/issue-validation-code';
import type { RedemptionCheckResult } from '../core/use-cases/redemption-check-result';
import type { ParameterError } from '../schemas/http/query-fields';

/**
 * Domain results -> the Capillary v1.1 JSON envelope and HTTP status. Booleans are the strings
 * "true"/"false" and the ratio is a string, as the reference sends them. Fields beyond the
 * reference (`identified_by`, `program_id`, `explanation`, `validation_code_sent`, `user_group2`,
 * `group_redemption`, ...) are added next to them; clients that do not know them ignore them.
 */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

const flag = (value: boolean) => (value ? 'true' : 'false');

const status = (success: boolean, code: number, message: string) => ({ success: flag(success), code, message });

export const REQUEST_FAILED_STATUS = status(false, 500, 'All requests have failed due to errors');

/** isredeemable: 200 when redeemable (800, or 876 when only the code could not be sent), else 400. */
export function redemptionCheckAnswer(result: RedemptionCheckResult): HttpAnswer {
  const itemSuccess = result.redeemable && result.status.code === ItemCode.REDEEMABLE;
  const redeemable = {
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
  return {
    statusCode: result.redeemable ? 200 : 400,
    body: {
      response: {
        status: result.redeemable ? status(true, 200, 'Success') : REQUEST_FAILED_STATUS,
        points: { redeemable },
      },
    },
  };
}

const channelName = { SMS: 'SMS', MISSED_CALL: 'Missed Call' } as const;

/** validationcode: 200 "Validation Code Issued by SMS", or 400 with the refusal (816, 860 ...). The code is never in it. */
export function validationCodeAnswer(result: IssueValidationCodeResult): HttpAnswer {
  const issued = result.kind === 'issued';
  const code = {
    mobile: result.customer.mobile,
    email: result.customer.email,
    external_id: result.customer.externalId,
    points: result.points,
    item_status: issued
      ? status(true, 200, `Validation Code Issued by ${channelName[result.channel]}`)
      : status(false, result.code, result.message),
    ...(issued && { expires_at: new Date(result.expiresAt).toISOString() }),
  };
  return {
    statusCode: issued ? 200 : 400,
    body: {
      response: {
        status: issued ? status(true, 200, 'Operation Successful') : REQUEST_FAILED_STATUS,
        validation_code: { code },
      },
    },
  };
}

/** A malformed validationcode request: 400 naming the parameter. */
export function invalidValidationCodeRequestAnswer(error: ParameterError, params: Readonly<Record<string, string>>): HttpAnswer {
  return {
    statusCode: 400,
    body: {
      response: {
        status: status(false, 400, error.message),
        validation_code: {
          code: {
            mobile: echoParam(params.mobile),
            email: echoParam(params.email),
            external_id: echoParam(params.external_id),
            points: /^[0-9]{1,9}$/.test(params.points ?? '') ? Number(params.points) : 0,
            item_status: status(false, error.code, error.message),
            invalid_parameter: error.parameter,
          },
        },
      },
    },
  };
}

/** A malformed isredeemable request: 400, status 400 naming the parameter, the item code telling which. */
export function invalidRedemptionRequestAnswer(error: ParameterError, params: Readonly<Record<string, string>>): HttpAnswer {
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
            points: /^[0-9]{1,9}$/.test(params.points ?? '') ? Number(params.points) : 0,
            is_redeemable: 'false',
            item_status: status(false, error.code, error.message),
            invalid_parameter: error.parameter,
          },
        },
      },
    },
  };
}

/** Echo only short, printable values: a 10 kB parameter must not come back in the answer. */
function echoParam(value: string | undefined): string {
  return value !== undefined && value.length <= 128 && /^[\x20-\x7e]*$/.test(value) ? value : '';
}

/** No credential, or one we do not know: the same answer as the API Gateway authorizer's 401. */
export function unauthorizedAnswer(): HttpAnswer {
  return {
    statusCode: 401,
    body: { response: { status: status(false, 401, 'Unauthorized: a valid x-api-key header is required') } },
  };
}

export function notFoundAnswer(path: string): HttpAnswer {
  return { statusCode: 404, body: { response: { status: status(false, 404, `No such resource: ${path.slice(0, 100)}`) } } };
}

export function methodNotAllowedAnswer(): HttpAnswer {
  return { statusCode: 405, body: { response: { status: status(false, 405, 'Method not allowed: use GET') } } };
}

/** A dependency failed (throttled, unreachable): nothing was changed; the partner may retry. */
export function unavailableAnswer(requestId: string): HttpAnswer {
  return {
    statusCode: 503,
    body: {
      response: {
        status: status(false, 503, `Service temporarily unavailable, nothing was changed; retry shortly (request ${requestId})`),
      },
    },
  };
}
