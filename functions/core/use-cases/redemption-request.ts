import type { CustomerIdentifier } from '../model';

/** How the amount was given: points, or money converted with the point value. */
export type RedemptionAmount =
  | { readonly kind: 'points'; readonly points: number }
  | { readonly kind: 'currency'; readonly currencyValue: string };

export const ValidationType = { SMS: 'SMS', MISSED_CALL: 'MISSED_CALL', INVALID: 'INVALID' } as const;
export type ValidationType = (typeof ValidationType)[keyof typeof ValidationType];

/** How the group wallet is named (user_group2_*); exactly one way per request. */
export type GroupSelector =
  | { readonly by: 'id'; readonly groupId: number }
  | { readonly by: 'external-id'; readonly externalId: string }
  | { readonly by: 'primary-user-id'; readonly customerId: number }
  | {
      readonly by: 'primary-user-identifier';
      readonly source?: string;
      readonly accountId?: string;
      readonly identifier: CustomerIdentifier;
    }
  | { readonly by: 'default-group' };

/** A parsed, validated isredeemable request: what both entry points hand to the use case. */
export interface RedemptionCheckRequest {
  readonly identifier: CustomerIdentifier;
  /** Undefined: the org's default program. */
  readonly programId?: number;
  readonly amount: RedemptionAmount;
  readonly issueOtp: boolean;
  readonly validationCode?: string;
  readonly skipValidation: boolean;
  readonly validationType?: ValidationType;
  readonly group?: GroupSelector;
  readonly groupRedemption: boolean;
}
