import type { OtpRules, RedemptionRules } from '../model';

/** What a program gets for every rule it does not set. Documented in the README ("Rules"). */
export const DEFAULT_OTP_RULES: OtpRules = {
  required: false,
  allowSkipValidation: true,
  length: 6,
  alphabet: 'numeric',
  validityMinutes: 15,
  maxAttempts: 5,
  resendCooldownSeconds: 30,
  maxPerDay: 5,
  missedCallEnabled: false,
};

export const DEFAULT_REDEMPTION_RULES: RedemptionRules = {
  redemptionEnabled: true,
  minPoints: 1,
  maxPointsPerRedemption: null,
  multipleOf: 1,
  minCurrentPoints: 0,
  minLifetimePoints: 0,
  minLifetimePurchases: 0,
  pointValue: '1',
  blockedFraudStatuses: ['MARKED', 'CONFIRMED', 'RECONFIRMED'],
  otp: DEFAULT_OTP_RULES,
};
