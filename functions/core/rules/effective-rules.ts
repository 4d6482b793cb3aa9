import type { ProgramRules, RedemptionRules } from '../model';

/** The program's rules with the overrides of the customer's tier applied (field by field). */
export function effectiveRules(rules: ProgramRules, tier: string | undefined): RedemptionRules {
  const { tiers, ...base } = rules;
  const overrides = tier === undefined ? undefined : tiers[tier];
  if (!overrides) return base;
  const { otp, ...rest } = overrides;
  return { ...base, ...definedOnly(rest), otp: { ...base.otp, ...definedOnly(otp ?? {}) } };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
