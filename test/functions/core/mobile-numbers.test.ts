import { identifierInOrg, maskIdentifier, normaliseIdentifier } from '../../../functions/core/identifiers';
import { isKnownCountry, mobileInOrg, writtenMobile } from '../../../functions/core/mobile-numbers';

describe('mobile numbers as written (before the org is known)', () => {
  it.each([
    ['+91 99000-00001', '+919900000001'],
    ['(+91) 99000 00001', '+919900000001'],
    ['9900000001', '9900000001'],
    ['099000 00001', '09900000001'],
    ['0091 99000 00001', '00919900000001'],
  ])('%s is written %s', (raw, written) => {
    expect(writtenMobile(raw)).toBe(written);
  });

  it.each([
    ['letters', '12ab'],
    ['a + inside', '91+9900000001'],
    ['two +', '++919900000001'],
    ['too few digits', '123'],
    ['more digits than any prefix and number', '1'.repeat(21)],
    ['a + number of no country (+999)', '+999999999999'],
    ['a + number too short for its country', '+9112'],
    ['an extension', '+91 9900000001 ext. 5'],
  ])('%s cannot be a number anywhere: %s', (_why, raw) => {
    expect(writtenMobile(raw)).toBeUndefined();
  });
});

describe('mobile numbers in an org (the stored form: E.164 digits, no +)', () => {
  it.each(['9900000001', '09900000001', '919900000001', '+919900000001', '00919900000001', '+91 99000-00001', '91-99000 00001'])(
    'in an org of IN, %s is 919900000001',
    (written) => {
      expect(mobileInOrg(written, 'IN')).toBe('919900000001');
    },
  );

  it.each(['07700900001', '7700900001', '00447700900001', '447700900001', '+44 7700 900001'])(
    'in an org of GB, %s is 447700900001, a reserved range: possible, though not valid',
    (written) => {
      expect(mobileInOrg(written, 'GB')).toBe('447700900001');
    },
  );

  it('in an org of GB, a number that cannot be British is read as international, as this service always read it', () => {
    expect(mobileInOrg('919900000001', 'GB')).toBe('919900000001');
  });

  it('in an org of US, the US international prefix (011) works', () => {
    expect(mobileInOrg('011 91 99000 00001', 'US')).toBe('919900000001');
  });

  it('without a default country, a number without + is international (country code first), as before', () => {
    expect(mobileInOrg('919900000001', undefined)).toBe('919900000001');
    expect(mobileInOrg('+919900000001', undefined)).toBe('919900000001');
    expect(mobileInOrg('15550100200', undefined)).toBe('15550100200');
  });

  it('a number that cannot be one in the org, nor internationally, is nobody\'s', () => {
    expect(mobileInOrg('9900000001', undefined)).toBeUndefined(); // +990: no such country code
    expect(mobileInOrg('12345', 'IN')).toBeUndefined();
    expect(mobileInOrg('12ab', 'IN')).toBeUndefined();
  });

  it('the stored form reads as itself without a country: what a destination is (policy.destinationOf)', () => {
    for (const stored of ['919900000001', '447700900001', '15550100200']) expect(mobileInOrg(stored, undefined)).toBe(stored);
  });

  it('a number read before is read again by its country: remembering readings never answers for another org', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(mobileInOrg('07700900001', 'GB')).toBe('447700900001');
      expect(mobileInOrg('07700900001', 'US')).toBeUndefined(); // not a US number, nor an international one
      expect(mobileInOrg('9900000001', 'IN')).toBe('919900000001');
      expect(mobileInOrg('9900000001', undefined)).toBeUndefined();
    }
  });

  it('past the remembered readings, the oldest is dropped and every number still reads right', () => {
    const numbers = Array.from({ length: 2500 }, (_, i) => `99${String(i).padStart(8, '0')}`);
    for (const round of [0, 1]) for (const number of numbers) expect([round, mobileInOrg(number, 'IN')]).toEqual([round, `91${number}`]);
  });

  it('an org country must be one libphonenumber knows, in capitals', () => {
    expect(['IN', 'GB', 'US'].every(isKnownCountry)).toBe(true);
    expect(['XX', 'in', 'IND', ''].some(isKnownCountry)).toBe(false);
  });
});

describe('identifiers in an org', () => {
  it('a mobile is read in the org; other identifiers are as normalised', () => {
    const written = normaliseIdentifier('mobile', '099000 00001')!;
    expect(identifierInOrg(written, 'IN')).toEqual({ type: 'mobile', value: '919900000001' });
    expect(identifierInOrg(written, undefined)).toBeUndefined();
    expect(identifierInOrg({ type: 'email', value: 'Asha@Example.com' }, 'IN')).toEqual({ type: 'email', value: 'asha@example.com' });
  });

  it('a written number is masked like a stored one: only its last four digits', () => {
    expect(maskIdentifier(normaliseIdentifier('mobile', '+91 99000-00001')!)).toBe('*********0001');
  });
});
