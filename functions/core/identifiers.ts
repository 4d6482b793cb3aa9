import { mobileInOrg, writtenMobile } from './mobile-numbers';
import { IdentifierType, type CustomerIdentifier } from './model';

/**
 * One normal form per identifier, used both when customers are stored and when they are looked up,
 * so that "ASHA@example.com" and "asha@example.com" find the same customer. A mobile number is
 * only brought to its written form here (`+919900000001`, `09900000001`): which number it is
 * depends on the org's default country, and `identifierInOrg` makes it the stored form.
 * Returns undefined when the value cannot be an identifier of that type.
 */
export function normaliseIdentifier(type: IdentifierType, raw: string): CustomerIdentifier | undefined {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_IDENTIFIER_LENGTH) return undefined;
  switch (type) {
    case IdentifierType.MOBILE: {
      const written = writtenMobile(trimmed);
      return written === undefined ? undefined : { type, value: written };
    }
    case IdentifierType.EMAIL: {
      const email = trimmed.toLowerCase();
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? { type, value: email } : undefined;
    }
    case IdentifierType.ID:
      return /^[1-9][0-9]{0,14}$/.test(trimmed) ? { type, value: trimmed } : undefined;
    default:
      return /^[\x21-\x7e]+$/.test(trimmed) ? { type, value: trimmed } : undefined;
  }
}

export const MAX_IDENTIFIER_LENGTH = 128;

/**
 * An identifier as stored and looked up in an org whose default country is `defaultCountry`: a
 * mobile number in its stored form (E.164 digits without `+`, mobile-numbers.ts), any other as
 * normalised. Undefined when the value cannot be an identifier of that type in that org.
 */
export function identifierInOrg(identifier: CustomerIdentifier, defaultCountry: string | undefined): CustomerIdentifier | undefined {
  const normalised = normaliseIdentifier(identifier.type, identifier.value);
  if (normalised?.type !== IdentifierType.MOBILE) return normalised;
  const stored = mobileInOrg(normalised.value, defaultCountry);
  return stored === undefined ? undefined : { type: normalised.type, value: stored };
}

/** Mask personal data for logs: keeps enough to correlate, never enough to contact. */
export function maskIdentifier(identifier: CustomerIdentifier): string {
  const { type, value } = identifier;
  if (type === IdentifierType.EMAIL) {
    const [local = '', domain = ''] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (type === IdentifierType.ID) return value;
  return value.length <= 4 ? '****' : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
