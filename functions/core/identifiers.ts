import { IdentifierType, type CustomerIdentifier } from './model';

/**
 * One normal form per identifier, used both when customers are stored and when they are looked up,
 * so that "+91 99000-00001" and "919900000001" find the same customer.
 * Returns undefined when the value cannot be an identifier of that type.
 */
export function normaliseIdentifier(type: IdentifierType, raw: string): CustomerIdentifier | undefined {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_IDENTIFIER_LENGTH) return undefined;
  switch (type) {
    case IdentifierType.MOBILE: {
      // Separators first, then the leading +: "(+91) 99000-00001" is 919900000001.
      const digits = trimmed.replace(/[\s\-().]/g, '').replace(/^\+/, '');
      return /^[1-9][0-9]{7,14}$/.test(digits) ? { type, value: digits } : undefined;
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
