import type { Customer, CustomerIdentifier } from '../model';

/** Which parts of a customer a lookup needs. */
export interface CustomerReadOptions {
  /** The memberships to read; the customer's others are left out of `programs`. Absent: all of them. */
  readonly programIds?: readonly number[];
}

/** Finds a customer of an org by any one of their registered identifiers. */
export interface CustomerDirectory {
  /** Undefined when the org has no customer with that identifier. Infrastructure failures are thrown. */
  findCustomer(orgId: string, identifier: CustomerIdentifier, options?: CustomerReadOptions): Promise<Customer | undefined>;
}
