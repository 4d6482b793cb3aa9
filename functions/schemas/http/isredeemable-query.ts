import * as v from 'valibot';
import type { RedemptionCheckRequest } from '../../core/use-cases/redemption-request';
import {
  booleanFlag,
  chooseIdentifier,
  CurrencyValueSchema,
  identifierFields,
  parameterError,
  PointsSchema,
  ValidationCodeSchema,
  type RequestParseResult,
} from './query-fields';
import { redemptionOptionsOf, redemptionQueryFields } from './redemption-query';
import { queryRequest } from './request-spec';
/** GET /v1.1/points/isredeemable: every parameter of the contract's table. Unknown parameters are ignored. */
export const IsRedeemableQuerySchema = v.object({
  ...identifierFields,
  ...redemptionQueryFields,
  points: v.optional(PointsSchema),
  currency_input: v.optional(booleanFlag),
  currency_value: v.optional(CurrencyValueSchema),
  issue_otp: v.optional(booleanFlag),
  validation_code: v.optional(ValidationCodeSchema),
});
export type IsRedeemableQueryInput = v.InferInput<typeof IsRedeemableQuerySchema>;
export type IsRedeemableQueryOutput = v.InferOutput<typeof IsRedeemableQuerySchema>;

/** GET isredeemable's request: the query, cross-checked into what the check use case takes. */
export const isRedeemableRequest = queryRequest(IsRedeemableQuerySchema, redemptionCheckRequestOf);

/** Parses and cross-checks the query; the result is what the use case takes, or the bad parameter. */
export function parseIsRedeemableQuery(params: Readonly<Record<string, string>>): RequestParseResult<RedemptionCheckRequest> {
  return isRedeemableRequest.parse({ params });
}

function redemptionCheckRequestOf(q: IsRedeemableQueryOutput): RequestParseResult<RedemptionCheckRequest> {
  const identifier = chooseIdentifier(q);
  if (!identifier.ok) return identifier;

  let amount: RedemptionCheckRequest['amount'];
  if (q.currency_input === true) {
    if (q.currency_value === undefined) return parameterError('currency_value', 'is required when currency_input=true');
    if (q.points !== undefined) return parameterError('points', 'give either points or currency_input=true with currency_value, not both');
    amount = { kind: 'currency', currencyValue: q.currency_value };
  } else {
    if (q.currency_value !== undefined) return parameterError('currency_value', 'is only read with currency_input=true');
    if (q.points === undefined) return parameterError('points', 'is required (a positive whole number)');
    amount = { kind: 'points', points: q.points };
  }

  if (q.validation_type === 'INVALID' && q.issue_otp === true) {
    return parameterError('validation_type', 'INVALID cannot deliver a code: use SMS or MISSED_CALL with issue_otp=true');
  }
  const options = redemptionOptionsOf(q);
  if (!options.ok) return options;

  return {
    ok: true,
    value: {
      identifier: identifier.value,
      amount,
      issueOtp: q.issue_otp ?? false,
      ...(q.validation_code !== undefined && { validationCode: q.validation_code }),
      ...options.value,
    },
  };
}
