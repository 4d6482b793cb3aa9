import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Mobile numbers (ours: README, "Mobile numbers"). A number is read in two steps, because how a
 * number without `+` is meant depends on the org:
 *
 * 1. as written (`writtenMobile`), before the org is known: only what no country could accept is
 *    refused (other characters, a `+` not in front, too few or too many digits, a `+` number that
 *    cannot be a number anywhere);
 * 2. in the org (`mobileInOrg`): with the org's default country, a number without `+` is read as
 *    that country would dial it (a national number, a trunk `0`, the international prefix, or the
 *    country code first); without one, as international. The result is the one stored form,
 *    E.164 without the `+` (`919900000001`), for the numbers the importer stores and the numbers
 *    requests ask for alike.
 *
 * Possibility, not validity, decides (libphonenumber's `isPossible`: the length fits the country):
 * validity follows the allocated ranges, and a reserved or newly opened range must still work.
 */

/** Separators a written number may carry: spaces, dashes, dots, brackets. */
const SEPARATORS = /[\s\-().]/g;
/** Digits a written number may have, prefixes included ("0011" + 15 digits is 19). */
const WRITTEN_DIGITS = /^\+?[0-9]{4,20}$/;

/**
 * A mobile number as written, without separators: `+` and digits (`+919900000001`) or digits
 * alone (`09900000001`, `00919900000001`, `9900000001`). Undefined when the text cannot be a
 * number in any country.
 */
export function writtenMobile(raw: string): string | undefined {
  const compact = raw.trim().replace(SEPARATORS, '');
  if (!WRITTEN_DIGITS.test(compact)) return undefined;
  return compact.startsWith('+') && international(compact) === undefined ? undefined : compact;
}

/**
 * The stored form (E.164 digits, country code first, no `+`) of a number as written, read in an
 * org whose default country is `defaultCountry` (ISO 3166-1 alpha-2; absent: numbers without `+`
 * are international). With a country, a number that cannot be one there is read as international,
 * the form this service has always taken (`919900000001` in an org of `GB`). Undefined when the
 * number cannot be a number either way.
 */
export function mobileInOrg(written: string, defaultCountry: string | undefined): string | undefined {
  const compact = writtenMobile(written);
  if (compact === undefined) return undefined;
  if (compact.startsWith('+')) return international(compact);
  const national = defaultCountry !== undefined && isKnownCountry(defaultCountry) ? possible(compact, defaultCountry) : undefined;
  return national ?? international(`+${compact}`);
}

/** Why a number as written cannot be read in an org whose default country is `defaultCountry`. */
export function unreadableMobileMessage(defaultCountry: string | undefined): string {
  return `cannot be a mobile number ${defaultCountry === undefined ? 'as an international number (country code first)' : `in ${defaultCountry} or as an international number`}`;
}

/** Whether libphonenumber knows the country (ISO 3166-1 alpha-2, upper case): an org's default country must be one. */
export function isKnownCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

function international(withPlus: string): string | undefined {
  return possible(withPlus, undefined);
}

/**
 * Numbers already read, by country and text: libphonenumber's parse was a twentieth of a check's own
 * CPU, and a warm function sees the same customers' numbers again and again. Bounded: past
 * POSSIBLE_MEMO_ENTRIES the oldest reading is dropped. Holds stored forms only, never logged.
 */
const possibleMemo = new Map<string, string | undefined>();
const POSSIBLE_MEMO_ENTRIES = 1000;

function possible(text: string, country: CountryCode | undefined): string | undefined {
  const key = `${country ?? ''}|${text}`;
  if (possibleMemo.has(key)) return possibleMemo.get(key);
  const parsed = parsePhoneNumberFromString(text, country === undefined ? { extract: false } : { defaultCountry: country, extract: false });
  const stored = parsed?.isPossible() ? parsed.number.slice(1) : undefined;
  if (possibleMemo.size >= POSSIBLE_MEMO_ENTRIES) possibleMemo.delete(possibleMemo.keys().next().value as string);
  possibleMemo.set(key, stored);
  return stored;
}
