import * as v from 'valibot';
import type { GroupSelector, RedemptionCheckRequest } from '../../core/use-cases/redemption-request';
import { normaliseIdentifier } from '../../core/identifiers';
import type { IdentifierType } from '../../core/model';
import {
  booleanFlag,
  chooseIdentifier,
  CurrencyValueSchema,
  FormatSchema,
  identifierFields,
  parameterError,
  PointsSchema,
  positiveWhole,
  ProgramIdSchema,
  text,
  ValidationTypeSchema,
  type RequestParseResult,
} from './query-fields';
import { queryRequest } from './request-spec';

export const GROUP_USER_SOURCES = [
  'FACEBOOK', 'WEB_ENGAGE', 'WECHAT', 'INSTORE', 'MARTJACK', 'TMALL', 'TAOBAO', 'JD', 'ECOMMERCE', 'WEBSITE', 'LINE', 'MOBILE_APP',
] as const;
export const GROUP_IDENTIFIER_TYPES = ['mobile', 'email', 'cardnumber', 'cardExternalId', 'id'] as const;

/** GET /v1.1/points/isredeemable: every parameter of the contract's table. Unknown parameters are ignored. */
export const IsRedeemableQuerySchema = v.object({
  ...identifierFields,
  program_id: v.optional(ProgramIdSchema),
  points: v.optional(PointsSchema),
  currency_input: v.optional(booleanFlag),
  currency_value: v.optional(CurrencyValueSchema),
  issue_otp: v.optional(booleanFlag),
  validation_code: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{4,12}$/, 'must be 4 to 12 letters or digits'))),
  skip_validation: v.optional(booleanFlag),
  validation_type: v.optional(ValidationTypeSchema),
  group_redemption: v.optional(booleanFlag),
  user_group2_id: v.optional(positiveWhole(2_147_483_647, 'must be a positive whole number')),
  user_group2_external_id: v.optional(text()),
  user_group2_primary_user_id: v.optional(positiveWhole(Number.MAX_SAFE_INTEGER, 'must be a positive whole number')),
  user_group2_primary_user_source: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.picklist(GROUP_USER_SOURCES, `must be one of ${GROUP_USER_SOURCES.join(', ')}`))),
  user_group2_primary_user_accountId: v.optional(text()),
  user_group2_primary_user_identifier_type: v.optional(v.pipe(v.string(), v.trim(), v.picklist(GROUP_IDENTIFIER_TYPES, `must be one of ${GROUP_IDENTIFIER_TYPES.join(', ')}`))),
  user_group2_primary_user_identifier_value: v.optional(text()),
  use_default_user_group2: v.optional(booleanFlag),
  format: v.optional(FormatSchema),
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
  if (q.validation_type === 'INVALID' && q.skip_validation !== true) {
    return parameterError('validation_type', 'INVALID goes with skip_validation=true');
  }

  const group = groupSelector(q);
  if (!group.ok) return group;

  return {
    ok: true,
    value: {
      identifier: identifier.value,
      ...(q.program_id !== undefined && { programId: q.program_id }),
      amount,
      issueOtp: q.issue_otp ?? false,
      ...(q.validation_code !== undefined && { validationCode: q.validation_code }),
      skipValidation: q.skip_validation ?? false,
      ...(q.validation_type !== undefined && { validationType: q.validation_type }),
      ...(group.value && { group: group.value }),
      groupRedemption: q.group_redemption ?? false,
    },
  };
}

const groupIdentifierType: Record<(typeof GROUP_IDENTIFIER_TYPES)[number], IdentifierType> = {
  mobile: 'mobile',
  email: 'email',
  cardnumber: 'card_number',
  cardExternalId: 'card_external_id',
  id: 'id',
};

/** At most one way of naming the group; the primary member's identifier comes as a type/value pair. */
function groupSelector(q: IsRedeemableQueryOutput): RequestParseResult<GroupSelector | undefined> {
  const ways: GroupSelector[] = [];
  if (q.user_group2_id !== undefined) ways.push({ by: 'id', groupId: q.user_group2_id });
  if (q.user_group2_external_id !== undefined) ways.push({ by: 'external-id', externalId: q.user_group2_external_id });
  if (q.user_group2_primary_user_id !== undefined) ways.push({ by: 'primary-user-id', customerId: q.user_group2_primary_user_id });
  const type = q.user_group2_primary_user_identifier_type;
  const value = q.user_group2_primary_user_identifier_value;
  if ((type === undefined) !== (value === undefined)) {
    return parameterError(type === undefined ? 'user_group2_primary_user_identifier_type' : 'user_group2_primary_user_identifier_value', 'user_group2_primary_user_identifier_type and _value go together');
  }
  if (type !== undefined && value !== undefined) {
    const identifier = normaliseIdentifier(groupIdentifierType[type], value);
    if (!identifier) return parameterError('user_group2_primary_user_identifier_value', `is not a valid ${type}`);
    ways.push({
      by: 'primary-user-identifier',
      identifier,
      ...(q.user_group2_primary_user_source !== undefined && { source: q.user_group2_primary_user_source }),
      ...(q.user_group2_primary_user_accountId !== undefined && { accountId: q.user_group2_primary_user_accountId }),
    });
  } else if (q.user_group2_primary_user_source !== undefined || q.user_group2_primary_user_accountId !== undefined) {
    return parameterError('user_group2_primary_user_identifier_type', 'is required with user_group2_primary_user_source or _accountId');
  }
  if (q.use_default_user_group2 === true) ways.push({ by: 'default-group' });
  if (ways.length > 1) return parameterError('user_group2_id', 'name the group one way only');
  return { ok: true, value: ways[0] };
}
