import { apiKeyDigest } from '../api-key';
import { DEFAULT_KEY_SCOPES, type KeyScope, type Partner } from '../model';
import type { PartnerDirectory } from '../ports/partner-directory';

/**
 * Whether a partner key may run an operation that needs `scope` (ours: README, "Partner keys"): its
 * seed's `scopes`, or DEFAULT_KEY_SCOPES (check and redeem) when it names none.
 */
export function hasScope(partner: Partner, scope: KeyScope): boolean {
  return (partner.scopes ?? DEFAULT_KEY_SCOPES).includes(scope);
}

/** Who a key belongs to and whether it may do what is asked. */
export type PartnerAccess =
  | { readonly kind: 'granted'; readonly partner: Partner }
  /** No key, or one the directory does not know (or a disabled one): 401. */
  | { readonly kind: 'unknown-key' }
  /** A known key without the scope the operation needs: 403. */
  | { readonly kind: 'missing-scope'; readonly partner: Partner; readonly scope: KeyScope };

/**
 * The one way from a credential to a partner, for every entry point (API Gateway, direct
 * invocation, the adjustments queue): the key's digest through the (cached) directory, then the
 * scope the operation needs. The org and the permissions come from the key, never from the request.
 */
export async function partnerAccess(partners: PartnerDirectory, apiKey: string | undefined, scope: KeyScope): Promise<PartnerAccess> {
  // Trimmed here, for every entry point, as the x-api-key header is: a key pasted with a space or a newline is the key.
  const key = apiKey?.trim();
  const partner = key ? await partners.findByKeyDigest(apiKeyDigest(key)) : undefined;
  if (!partner) return { kind: 'unknown-key' };
  return hasScope(partner, scope) ? { kind: 'granted', partner } : { kind: 'missing-scope', partner, scope };
}
