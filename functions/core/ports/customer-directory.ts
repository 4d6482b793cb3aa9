import type { Customer, CustomerIdentifier } from '../model';

/** Finds a customer of an org by any one of their registered identifiers. */
export interface CustomerDirectory {
  findCustomer(orgId: string, identifier: CustomerIdentifier): Promise<Customer | undefined>;
}
