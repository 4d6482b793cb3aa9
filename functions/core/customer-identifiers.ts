import { IdentifierType, type Customer, type CustomerIdentifier } from './model';

type IdentifiedCustomer = Pick<Customer, 'mobile' | 'email' | 'externalId' | 'cards'>;

/**
 * Every identifier a customer can be looked up by, other than their id (which is the customer's own
 * key). Values are expected to be normalised already.
 */
export function identifiersOf(customer: IdentifiedCustomer): CustomerIdentifier[] {
  const identifiers: CustomerIdentifier[] = [];
  if (customer.mobile !== undefined) identifiers.push({ type: IdentifierType.MOBILE, value: customer.mobile });
  if (customer.email !== undefined) identifiers.push({ type: IdentifierType.EMAIL, value: customer.email });
  if (customer.externalId !== undefined) identifiers.push({ type: IdentifierType.EXTERNAL_ID, value: customer.externalId });
  for (const card of customer.cards) {
    identifiers.push({ type: IdentifierType.CARD_NUMBER, value: card.number });
    if (card.externalId !== undefined) identifiers.push({ type: IdentifierType.CARD_EXTERNAL_ID, value: card.externalId });
  }
  return identifiers;
}

export function sameIdentifier(a: CustomerIdentifier, b: CustomerIdentifier): boolean {
  return a.type === b.type && a.value === b.value;
}

/** Whether the customer is (still) registered under this identifier. */
export function hasIdentifier(customer: IdentifiedCustomer & Pick<Customer, 'id'>, identifier: CustomerIdentifier): boolean {
  if (identifier.type === IdentifierType.ID) return identifier.value === String(customer.id);
  return identifiersOf(customer).some((own) => sameIdentifier(own, identifier));
}
