import type { ProgramRules, RedemptionRules, TierOverrides } from '../model';

/** The program's rules with the overrides of the customer's tier applied (field by field). */
export function effectiveRules(rules: ProgramRules, tier: string | undefined): RedemptionRules {
  const overrides = tier === undefined ? undefined : rules.tiers[tier];
  return withOverrides(baseRules(rules), overrides);
}

/**
 * The rules for group wallets: the program's rules with its `groupRedemption` overrides applied (a
 * group has no tier). Undefined when the program does not enable redemption from group wallets.
 */
export function groupRules(rules: ProgramRules): RedemptionRules | undefined {
  const group = rules.groupRedemption;
  if (!group?.enabled) return undefined;
  const { enabled: _enabled, ...overrides } = group;
  return withOverrides(baseRules(rules), overrides);
}

/**
 * Whether any customer or group could redeem in the program: false only when redemption is disabled
 * and no tier or group override enables it, so the check can answer 827 before reading anyone.
 */
export function redemptionPossible(rules: ProgramRules): boolean {
  return (
    rules.redemptionEnabled ||
    Object.values(rules.tiers).some((tier) => tier.redemptionEnabled === true) ||
    (rules.groupRedemption?.enabled === true && rules.groupRedemption.redemptionEnabled === true)
  );
}

function baseRules(rules: ProgramRules): RedemptionRules {
  const { tiers: _tiers, groupRedemption: _group, ...base } = rules;
  return base;
}

function withOverrides(base: RedemptionRules, overrides: TierOverrides | undefined): RedemptionRules {
  if (!overrides) return base;
  const { otp, ...rest } = overrides;
  return { ...base, ...definedOnly(rest), otp: { ...base.otp, ...definedOnly(otp ?? {}) } };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
