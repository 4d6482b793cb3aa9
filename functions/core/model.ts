/** The domain's nouns. Plain data: no behaviour, no AWS. */

export const IdentifierType = {
  MOBILE: 'mobile',
  EMAIL: 'email',
  EXTERNAL_ID: 'external_id',
  ID: 'id',
  CARD_NUMBER: 'card_number',
  CARD_EXTERNAL_ID: 'card_external_id',
} as const;
export type IdentifierType = (typeof IdentifierType)[keyof typeof IdentifierType];

/**
 * When a request names several identifiers, the first in this order decides; the others are not
 * consulted (the response says which one was used).
 */
export const IDENTIFIER_PRECEDENCE: readonly IdentifierType[] = [
  IdentifierType.MOBILE,
  IdentifierType.EMAIL,
  IdentifierType.EXTERNAL_ID,
  IdentifierType.ID,
  IdentifierType.CARD_NUMBER,
  IdentifierType.CARD_EXTERNAL_ID,
];

/** An identifier as stored and looked up: already normalised (see core/identifiers.ts). */
export interface CustomerIdentifier {
  readonly type: IdentifierType;
  readonly value: string;
}

/**
 * What a partner key may do (ours: README, "Partner keys"): `check` (isredeemable, validationcode),
 * `redeem` (redeem, reverse), `adjust` (balance adjustments, by direct invocation only).
 */
export const KeyScope = { CHECK: 'check', REDEEM: 'redeem', ADJUST: 'adjust' } as const;
export type KeyScope = (typeof KeyScope)[keyof typeof KeyScope];
/** The scopes of a key whose seed names none: a till's, which may check and redeem but never credit points. */
export const DEFAULT_KEY_SCOPES: readonly KeyScope[] = [KeyScope.CHECK, KeyScope.REDEEM];

/** Who is calling: derived from the credential, never from the request. */
export interface Partner {
  readonly orgId: string;
  /** Programs this credential may use; undefined means every program of the org. */
  readonly programIds?: readonly number[];
  /** A non-secret label of the credential, for logs. */
  readonly keyLabel: string;
  /** What this credential may do; absent: DEFAULT_KEY_SCOPES. */
  readonly scopes?: readonly KeyScope[];
  /**
   * The HTTP status of an answer whose item carries a refusal: 200 as the reference answers (the
   * default), or 400 for a partner that asks for REST-style statuses (README, "Answers").
   */
  readonly failedCheckHttpStatus?: 200 | 400;
}

/** What the amount rules are checked against: a customer's membership, or a group's wallet. */
export interface PointsBalance {
  readonly currentPoints: number;
  readonly lifetimePoints: number;
  readonly lifetimePurchases: number;
}

export interface ProgramMembership extends PointsBalance {
  readonly registered: boolean;
  readonly tier?: string;
}

export interface Card {
  readonly number: string;
  readonly externalId?: string;
}

export interface Customer {
  readonly orgId: string;
  readonly id: number;
  readonly mobile?: string;
  readonly email?: string;
  readonly externalId?: string;
  readonly cards: readonly Card[];
  /** NONE, INTERNAL, MARKED, CONFIRMED, RECONFIRMED ... ; which ones block is the program's rule. */
  readonly fraudStatus: string;
  /** Memberships by program id (as a string key). */
  readonly programs: Readonly<Record<string, ProgramMembership>>;
  /** The group `use_default_user_group2=true` means. */
  readonly defaultGroupId?: number;
}

export interface GroupMember {
  readonly customerId: number;
  /** Whether this member may redeem the group's points. */
  readonly canRedeem: boolean;
}

/** The item that holds a wallet's balance: the customer's, or the group's (used by one of its members). */
export type BalanceHolder =
  | { readonly kind: 'customer'; readonly customerId: number }
  | { readonly kind: 'group'; readonly groupId: number; readonly memberId: number };

/** A group wallet (the contract's user_group2): members who pool their points, per program. Members are read one at a time (GroupDirectory.findMember). */
export interface Group {
  readonly orgId: string;
  readonly id: number;
  readonly externalId?: string;
  readonly primaryCustomerId: number;
  /** The pooled balances by program id (as a string key). */
  readonly programs: Readonly<Record<string, PointsBalance>>;
}

export const OtpAlphabet = { NUMERIC: 'numeric', ALPHANUMERIC: 'alphanumeric' } as const;
export type OtpAlphabet = (typeof OtpAlphabet)[keyof typeof OtpAlphabet];

export interface OtpRules {
  /** A passing check needs a valid validation code (unless skipping is allowed and asked for). */
  readonly required: boolean;
  /** Whether `skip_validation=true` may bypass a required code. */
  readonly allowSkipValidation: boolean;
  readonly length: number;
  readonly alphabet: OtpAlphabet;
  readonly validityMinutes: number;
  readonly maxAttempts: number;
  readonly resendCooldownSeconds: number;
  readonly maxPerDay: number;
  readonly missedCallEnabled: boolean;
  /** SMS text; `{code}` is replaced by the code, `{points}` by the amount, `{program}` by the program name. */
  readonly smsTemplate?: string;
}

/** The rules one redemption is checked against (a program's, with its tier's overrides applied). */
export interface RedemptionRules {
  readonly redemptionEnabled: boolean;
  readonly minPoints: number;
  /** null: no maximum. */
  readonly maxPointsPerRedemption: number | null;
  readonly multipleOf: number;
  readonly minCurrentPoints: number;
  readonly minLifetimePoints: number;
  readonly minLifetimePurchases: number;
  /** Currency per point, as a decimal string (up to 10 decimals), e.g. "0.5". */
  readonly pointValue: string;
  readonly blockedFraudStatuses: readonly string[];
  readonly otp: OtpRules;
}

export type TierOverrides = Partial<Omit<RedemptionRules, 'otp'>> & { readonly otp?: Partial<OtpRules> };

/**
 * Redemption from group wallets: absent or not enabled, a group check answers 828. The other fields
 * override the program's rules for group wallets (a group has no tier).
 */
export type GroupRedemptionRules = TierOverrides & { readonly enabled: boolean };

export interface ProgramRules extends RedemptionRules {
  /** Per-tier overrides, by tier name (as stored on the membership). */
  readonly tiers: Readonly<Record<string, TierOverrides>>;
  readonly groupRedemption?: GroupRedemptionRules;
}

export interface Program {
  readonly orgId: string;
  readonly id: number;
  readonly name: string;
  /** The program used when a request names none. */
  readonly isDefault: boolean;
  readonly rules: ProgramRules;
  /**
   * The program whose points this one redeems with `group_redemption=true` (the org's programLinks,
   * earnProgramId -> redeemProgramId); undefined: not linked.
   */
  readonly earnProgramId?: number;
}
