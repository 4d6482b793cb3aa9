import type { Customer, CustomerIdentifier } from '../model';
import type { CustomerEcho } from './redemption-check-result';

/** A found customer's identifiers, as the answers repeat them (the contract's mobile/email/external_id). */
export function customerEcho(customer: Customer): CustomerEcho {
  return { mobile: customer.mobile ?? '', email: customer.email ?? '', externalId: customer.externalId ?? '' };
}

/** Before the customer is known, or when nothing about them may be revealed: only what the request itself said. */
export function requestEcho(identifier: CustomerIdentifier): CustomerEcho {
  const { type, value } = identifier;
  return { mobile: type === 'mobile' ? value : '', email: type === 'email' ? value : '', externalId: type === 'external_id' ? value : '' };
}
