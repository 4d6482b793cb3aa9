import {
  codeLifetime,
  cooldownCutoff,
  isCountryAllowed,
  isExpired,
  issueRefusal,
  utcDay,
  whyNotVerifiable,
} from '../../../../functions/core/validation-codes/policy';
import type { StoredCode } from '../../../../functions/core/ports/validation-code-store';
import type { IssueCodeRequest, ValidationChannel } from '../../../../functions/core/ports/validation-codes';
import { otpRules } from '../../../support/validation-code-fakes';

const NOW = Date.UTC(2099, 0, 1, 12, 0, 0);

describe('expiry', () => {
  it('is valid until the last millisecond before validUntil and expired from validUntil on', () => {
    // Act
    const before = isExpired(NOW + 1, NOW);
    const at = isExpired(NOW, NOW);
    const after = isExpired(NOW - 1, NOW);

    // Assess
    expect([before, at, after]).toEqual([false, true, true]);
  });

  it('computes validity from the program rules and keeps the record through the cooldown', () => {
    // Act
    const short = codeLifetime(NOW, { validityMinutes: 15, resendCooldownSeconds: 30 });
    const longCooldown = codeLifetime(NOW, { validityMinutes: 1, resendCooldownSeconds: 600 });

    // Assess
    expect(short).toEqual({ validUntil: NOW + 15 * 60_000, retainUntil: NOW + 15 * 60_000 });
    expect(longCooldown).toEqual({ validUntil: NOW + 60_000, retainUntil: NOW + 600_000 });
  });
});

describe('cooldown', () => {
  it('lets a previous code be replaced once it was issued resendCooldownSeconds ago or earlier', () => {
    // Act
    const cutoff = cooldownCutoff(NOW, 30);
    const noCooldown = cooldownCutoff(NOW, 0);

    // Assess
    expect([cutoff, noCooldown]).toEqual([NOW - 30_000, NOW]);
  });
});

describe('daily limit', () => {
  it('counts by UTC calendar day', () => {
    // Act
    const lastMs = utcDay(Date.UTC(2099, 0, 1, 23, 59, 59, 999));
    const firstMs = utcDay(Date.UTC(2099, 0, 2, 0, 0, 0, 0));

    // Assess
    expect([lastMs, firstMs]).toEqual(['2099-01-01', '2099-01-02']);
  });
});

describe('issueRefusal', () => {
  const both = new Set<ValidationChannel>(['SMS', 'MISSED_CALL']);
  const request = (overrides: Partial<IssueCodeRequest> = {}): IssueCodeRequest => ({
    orgId: 'acme',
    customerId: 1,
    programId: 1,
    points: 100,
    channel: 'SMS',
    mobile: '919900000001',
    programName: 'Rewards',
    otp: otpRules(),
    ...overrides,
  });
  const context = { allowedCountryCodes: ['91', '44'], availableChannels: both };

  it.each([
    ['an SMS to an allowed country', request(), undefined],
    ['a formatted allowed number', request({ mobile: '+91 99000-00001' }), undefined],
    ['no mobile', request({ mobile: undefined }), 'no-mobile'],
    ['a number that is not one', request({ mobile: '12ab' }), 'no-mobile'],
    ['a country outside the list', request({ mobile: '15550100200' }), 'country-not-allowed'],
    ['a missed call when the program disables it', request({ channel: 'MISSED_CALL', otp: otpRules({ missedCallEnabled: false }) }), 'channel-disabled'],
    ['a missed call with an alphanumeric code', request({ channel: 'MISSED_CALL', otp: otpRules({ alphabet: 'alphanumeric' }) }), 'alphabet-not-callable'],
    ['a missed call to a country outside the list', request({ channel: 'MISSED_CALL', mobile: '15550100200' }), 'country-not-allowed'],
    ['a numeric missed call to an allowed country', request({ channel: 'MISSED_CALL' }), undefined],
  ])('for %s: %s', (_, input, expected) => {
    // Act
    const refusal = issueRefusal(input, context);

    // Assess
    expect(refusal).toBe(expected);
  });

  it('refuses a channel no sender is configured for', () => {
    // Prepare
    const smsOnly = { ...context, availableChannels: new Set<ValidationChannel>(['SMS']) };
    const none = { ...context, availableChannels: new Set<ValidationChannel>() };

    // Act
    const missedCall = issueRefusal(request({ channel: 'MISSED_CALL' }), smsOnly);
    const sms = issueRefusal(request(), none);

    // Assess
    expect([missedCall, sms]).toEqual(['channel-disabled', 'channel-disabled']);
  });

  it('refuses every number when no country is allowed', () => {
    // Act
    const refusal = issueRefusal(request(), { ...context, allowedCountryCodes: [] });

    // Assess
    expect(refusal).toBe('country-not-allowed');
  });
});

describe('isCountryAllowed', () => {
  it('matches the country calling code at the start of the number only', () => {
    // Act
    const results = [
      isCountryAllowed('447700900123', ['44']),
      isCountryAllowed('14155550100', ['1']),
      isCountryAllowed('919944000000', ['44']),
      isCountryAllowed('919900000001', ['']),
    ];

    // Assess
    expect(results).toEqual([true, true, false, false]);
  });
});

describe('whyNotVerifiable', () => {
  const stored = (overrides: Partial<StoredCode> = {}): StoredCode => ({
    codeId: 'c1',
    codeHash: 'ab'.repeat(32),
    channel: 'SMS',
    state: 'active',
    issuedAt: NOW - 60_000,
    validUntil: NOW + 60_000,
    attempts: 5,
    wrongAttempts: 5,
    maxAttempts: 5,
    ...overrides,
  });

  it('explains a refused reservation', () => {
    // Act
    const reasons = [
      whyNotVerifiable(undefined, NOW),
      whyNotVerifiable(stored({ state: 'pending', attempts: 0 }), NOW),
      whyNotVerifiable(stored({ validUntil: NOW }), NOW),
      whyNotVerifiable(stored(), NOW),
    ];

    // Assess
    expect(reasons).toEqual(['no-code', 'no-code', 'expired', 'attempts-exhausted']);
  });

  it('says a used code was used, whatever else is true of it', () => {
    // Act
    const reasons = [
      whyNotVerifiable(stored({ state: 'used', attempts: 0 }), NOW),
      whyNotVerifiable(stored({ state: 'used', validUntil: NOW }), NOW),
    ];

    // Assess
    expect(reasons).toEqual(['used', 'used']);
  });
});
