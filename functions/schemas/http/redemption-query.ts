import * as v from 'valibot';
import { comparableName } from './parameter-names';
import { MAX_GROUP_ID } from '../../core/bounds';
import { normaliseIdentifier } from '../../core/identifiers';
import type { IdentifierType } from '../../core/model';
import type { GroupSelector } from '../../core/use-cases/redemption-request';
import { booleanFlag, FormatSchema, parameterError, positiveWhole, ProgramIdSchema, text, ValidationTypeSchema, type RequestParseResult } from './query-fields';

export const GROUP_USER_SOURCES = [
  'FACEBOOK', 'WEB_ENGAGE', 'WECHAT', 'INSTORE', 'MARTJACK', 'TMALL', 'TAOBAO', 'JD', 'ECOMMERCE', 'WEBSITE', 'LINE', 'MOBILE_APP',
] as const;
export const GROUP_IDENTIFIER_TYPES = ['mobile', 'email', 'cardnumber', 'cardExternalId', 'id'] as const;

/**
 * The query parameters a check and a redemption share (contract, "GET /v1.1/points/isredeemable"
 * and "POST /v1.1/points/redeem"): the program, skipping validation, whose points (group wallets,
 * cross-program), the format. Each means the same on both.
 */
export const redemptionQueryFields = {
  program_id: v.optional(ProgramIdSchema),
  skip_validation: v.optional(booleanFlag),
  validation_type: v.optional(ValidationTypeSchema),
  group_redemption: v.optional(booleanFlag),
  user_group2_id: v.optional(positiveWhole(MAX_GROUP_ID, 'must be a positive whole number')),
  user_group2_external_id: v.optional(text()),
  user_group2_primary_user_id: v.optional(positiveWhole(Number.MAX_SAFE_INTEGER, 'must be a positive whole number')),
  user_group2_primary_user_source: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.picklist(GROUP_USER_SOURCES, `must be one of ${GROUP_USER_SOURCES.join(', ')}`))),
  user_group2_primary_user_accountId: v.optional(text()),
  // Any case, and with or without `_` or `-` (`EMAIL`, `cardNumber`, `card_number`), as every enumeration is read.
  user_group2_primary_user_identifier_type: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.transform((type) => GROUP_IDENTIFIER_TYPES.find((known) => comparableName(known) === comparableName(type)) ?? type),
      v.picklist(GROUP_IDENTIFIER_TYPES, `must be one of ${GROUP_IDENTIFIER_TYPES.join(', ')}`),
    ),
  ),
  user_group2_primary_user_identifier_value: v.optional(text()),
  use_default_user_group2: v.optional(booleanFlag),
  format: v.optional(FormatSchema),
};
const RedemptionQuerySchema = v.object(redemptionQueryFields);
export type RedemptionQueryOutput = v.InferOutput<typeof RedemptionQuerySchema>;

/** The wallet and validation parts of a redemption request, cross-checked. */
export function redemptionOptionsOf(q: RedemptionQueryOutput) {
  if (q.validation_type === 'INVALID' && q.skip_validation !== true) {
    return parameterError('validation_type', 'INVALID goes with skip_validation=true');
  }
  const group = groupSelector(q);
  if (!group.ok) return group;
  return {
    ok: true as const,
    value: {
      ...(q.program_id !== undefined && { programId: q.program_id }),
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
function groupSelector(q: RedemptionQueryOutput): RequestParseResult<GroupSelector | undefined> {
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
