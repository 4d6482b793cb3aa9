import { parseIsRedeemableQuery } from '../../../../functions/schemas/http/isredeemable-query';

const valid = { mobile: '919900000001', points: '100', program_id: '1' };
const errorOf = (params: Record<string, string>) => {
  const result = parseIsRedeemableQuery(params);
  if (result.ok) throw new Error(`expected a refusal for ${JSON.stringify(params)}`);
  return result.error;
};

describe('parseIsRedeemableQuery', () => {
  it('reads a plain request', () => {
    expect(parseIsRedeemableQuery(valid)).toEqual({
      ok: true,
      value: {
        identifier: { type: 'mobile', value: '919900000001' },
        programId: 1,
        amount: { kind: 'points', points: 100 },
        issueOtp: false,
        skipValidation: false,
        groupRedemption: false,
      },
    });
  });

  it.each([
    [{}, 'points'],
    [{ points: 'abc' }, 'points'],
    [{ points: '-5' }, 'points'],
    [{ points: '0' }, 'points'],
    [{ points: '1e3' }, 'points'],
    [{ points: '10.5' }, 'points'],
    [{ points: String(2 ** 40) }, 'points'],
    [{ points: '1'.repeat(10_000) }, 'points'],
    [{ points: '' }, 'points'],
  ])('801 for points %j', (change, parameter) => {
    const params: Record<string, string> = { ...valid, ...change };
    if (!('points' in change)) delete params.points;
    expect(errorOf(params)).toMatchObject({ code: 801, parameter });
  });

  it.each([
    [{ mobile: '' }, 'mobile'],
    [{ mobile: '12ab' }, 'mobile'],
    [{ mobile: '9'.repeat(10_240) }, 'mobile'],
    [{ mobile: undefined, email: 'not-an-email' }, 'email'],
    [{ mobile: undefined, id: '-3' }, 'id'],
    [{ mobile: undefined }, 'mobile'],
  ])('802 for identifier %j', (change, parameter) => {
    const params = Object.fromEntries(Object.entries({ ...valid, ...change }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(errorOf(params)).toMatchObject({ code: 802, parameter });
  });

  it.each([['abc'], ['0'], ['-1'], ['1.5'], ['99999999999999999999']])('1101 for program_id=%s', (programId) => {
    expect(errorOf({ ...valid, program_id: programId })).toMatchObject({ code: 1101, parameter: 'program_id' });
  });

  it.each([
    ['issue_otp', 'maybe'],
    ['skip_validation', 'yes'],
    ['validation_type', 'PIGEON'],
    ['format', 'yaml'],
    ['group_redemption', '1'],
  ])('400 naming %s=%s', (name, value) => {
    const error = errorOf({ ...valid, [name]: value });
    expect(error).toMatchObject({ code: 400, parameter: name });
    expect(error.message).toContain(name);
  });

  it.each([
    ['user_group2_id', 'x'],
    ['user_group2_primary_user_source', 'MYSPACE'],
    ['user_group2_primary_user_identifier_type', 'passport'],
    ['use_default_user_group2', 'perhaps'],
  ])('1632 for a malformed group parameter %s=%s', (name, value) => {
    expect(errorOf({ ...valid, [name]: value })).toMatchObject({ code: 1632, parameter: name });
  });

  it('a malformed identifier is refused even when precedence would not read it', () => {
    expect(errorOf({ ...valid, external_id: 'x'.repeat(10_240) })).toMatchObject({ code: 802, parameter: 'external_id' });
    expect(errorOf({ ...valid, email: 'nope' })).toMatchObject({ code: 802, parameter: 'email' });
  });

  it('an unknown parameter is ignored, unless it is absurdly long', () => {
    expect(parseIsRedeemableQuery({ ...valid, utm_source: 'pos' }).ok).toBe(true);
    expect(errorOf({ ...valid, utm_source: 'x'.repeat(10_240) })).toMatchObject({ code: 400, parameter: 'utm_source' });
  });

  it('the first identifier in precedence order wins: mobile over email', () => {
    const result = parseIsRedeemableQuery({ ...valid, email: 'ravi@example.com' });
    expect(result.ok && result.value.identifier).toEqual({ type: 'mobile', value: '919900000001' });
  });

  it('normalises identifiers: +91 99000-00001 is written +919900000001 (the org reads it: core/mobile-numbers); emails are case-insensitive', () => {
    for (const written of ['+91 99000-00001', '(+91) 99000 00001', '+91.99000.00001']) {
      const mobile = parseIsRedeemableQuery({ ...valid, mobile: written });
      expect(mobile.ok && mobile.value.identifier.value).toBe('+919900000001');
    }
    const email = parseIsRedeemableQuery({ email: ' Asha@Example.COM ', points: '10' });
    expect(email.ok && email.value.identifier).toEqual({ type: 'email', value: 'asha@example.com' });
  });

  it('currency input: currency_value replaces points', () => {
    const { points: _points, ...rest } = valid;
    const result = parseIsRedeemableQuery({ ...rest, currency_input: 'true', currency_value: '12.50' });
    expect(result.ok && result.value.amount).toEqual({ kind: 'currency', currencyValue: '12.50' });
    expect(errorOf({ ...rest, currency_input: 'true' })).toMatchObject({ code: 801, parameter: 'currency_value' });
    expect(errorOf({ ...valid, currency_input: 'true', currency_value: '5' })).toMatchObject({ code: 801, parameter: 'points' });
    expect(errorOf({ ...rest, currency_input: 'true', currency_value: '-5' })).toMatchObject({ code: 801, parameter: 'currency_value' });
    expect(errorOf({ ...valid, currency_value: '5' })).toMatchObject({ code: 801, parameter: 'currency_value' });
  });

  it('reads every group selector, and refuses two at once', () => {
    const read = (extra: Record<string, string>) => {
      const result = parseIsRedeemableQuery({ ...valid, ...extra });
      return result.ok ? result.value.group : result.error;
    };
    expect(read({ user_group2_id: '7' })).toEqual({ by: 'id', groupId: 7 });
    expect(read({ user_group2_external_id: 'FAM-1' })).toEqual({ by: 'external-id', externalId: 'FAM-1' });
    expect(read({ user_group2_primary_user_id: '1001' })).toEqual({ by: 'primary-user-id', customerId: 1001 });
    expect(read({ use_default_user_group2: 'true' })).toEqual({ by: 'default-group' });
    expect(
      read({ user_group2_primary_user_source: 'INSTORE', user_group2_primary_user_identifier_type: 'mobile', user_group2_primary_user_identifier_value: '919900000001' }),
    ).toEqual({ by: 'primary-user-identifier', source: 'INSTORE', identifier: { type: 'mobile', value: '919900000001' } });
    expect(read({ user_group2_id: '7', use_default_user_group2: 'true' })).toMatchObject({ code: 1632 });
    expect(read({ user_group2_primary_user_identifier_type: 'mobile' })).toMatchObject({ code: 1632 });
  });

  it('validation parameters', () => {
    const result = parseIsRedeemableQuery({ ...valid, validation_code: '123456', skip_validation: 'false', validation_type: 'sms', issue_otp: 'TRUE' });
    expect(result.ok && result.value).toMatchObject({ validationCode: '123456', skipValidation: false, validationType: 'SMS', issueOtp: true });
    expect(errorOf({ ...valid, validation_code: '12' })).toMatchObject({ code: 808 });
    expect(errorOf({ ...valid, issue_otp: 'true', validation_type: 'INVALID' })).toMatchObject({ code: 400, parameter: 'validation_type' });
    expect(errorOf({ ...valid, validation_type: 'INVALID' })).toMatchObject({ code: 400, parameter: 'validation_type' });
    expect(parseIsRedeemableQuery({ ...valid, validation_type: 'INVALID', skip_validation: 'true' }).ok).toBe(true);
  });

  it('reads an empty parameter as not given, as the reference does (a POS sends validation_code= until there is a code)', () => {
    expect(parseIsRedeemableQuery({ ...valid, validation_code: '' })).toEqual(parseIsRedeemableQuery(valid));
    expect(parseIsRedeemableQuery({ ...valid, validation_code: '  ', skip_validation: '', issue_otp: '', user_group2_id: '' })).toEqual(parseIsRedeemableQuery(valid));
    const byEmail = parseIsRedeemableQuery({ mobile: '', email: 'asha@example.com', points: '100' });
    expect(byEmail.ok && byEmail.value.identifier).toEqual({ type: 'email', value: 'asha@example.com' });
    // A required parameter that is empty is missing, and said to be.
    expect(errorOf({ ...valid, points: '' })).toMatchObject({ code: 801, parameter: 'points', message: 'points: is required (a positive whole number)' });
    expect(errorOf({ mobile: '', points: '100' })).toMatchObject({ code: 802 });
  });
});
