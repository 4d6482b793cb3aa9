import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as v from 'valibot';
import { hasIdentifier } from '../../core/customer-identifiers';
import { IdentifierType, type Customer, type CustomerIdentifier } from '../../core/model';
import type { CustomerDirectory, CustomerReadOptions } from '../../core/ports/customer-directory';
import { readItem } from './item-reader';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbCustomerDirectoryOptions {
  /** The SDK client (the caller decides its settings: timeouts, retries, endpoint). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** The CUSTOMER item's attributes other than the memberships, which are read one program at a time. */
const PROFILE_ATTRIBUTES = ['customerId', 'mobile', 'email', 'externalId', 'cards', 'fraudStatus', 'defaultGroupId'] as const;

const MembershipItemSchema = v.looseObject({
  registered: v.boolean(),
  tier: v.optional(v.string()),
  currentPoints: v.number(),
  lifetimePoints: v.number(),
  lifetimePurchases: v.number(),
});

/** The CUSTOMER item. Loose, so attributes a later version adds do not break this one. */
export const CustomerItemSchema = v.looseObject({
  customerId: v.pipe(v.number(), v.integer()),
  mobile: v.optional(v.string()),
  email: v.optional(v.string()),
  externalId: v.optional(v.string()),
  cards: v.optional(v.array(v.looseObject({ number: v.string(), externalId: v.optional(v.string()) })), []),
  fraudStatus: v.optional(v.string(), 'NONE'),
  programs: v.optional(v.record(v.string(), MembershipItemSchema), {}),
  defaultGroupId: v.optional(v.pipe(v.number(), v.integer())),
});

const IdentifierItemSchema = v.looseObject({ customerId: v.pipe(v.number(), v.integer()) });

/** The model of a stored CUSTOMER item; throws StoredItemCorruptError when it is not one. */
export function customerFromItem(orgId: string, item: unknown): Customer {
  const stored = parseStoredItem(CustomerItemSchema, item, describeCustomerItem(orgId, item));
  return {
    orgId,
    id: stored.customerId,
    mobile: stored.mobile,
    email: stored.email,
    externalId: stored.externalId,
    cards: stored.cards.map((card) => ({ number: card.number, externalId: card.externalId })),
    fraudStatus: stored.fraudStatus,
    programs: Object.fromEntries(
      Object.entries(stored.programs).map(([programId, m]) => [
        programId,
        {
          registered: m.registered,
          tier: m.tier,
          currentPoints: m.currentPoints,
          lifetimePoints: m.lifetimePoints,
          lifetimePurchases: m.lifetimePurchases,
        },
      ]),
    ),
    defaultGroupId: stored.defaultGroupId,
  };
}

/**
 * Every key starts with the org, so a lookup can only ever reach the caller's own org. An id is the
 * customer's own key (one read); any other identifier is an IDENT item pointing at the customer
 * (two reads). Never a Scan, and no index to lag behind. With `programIds`, only those memberships
 * are read: a customer of many programs costs a check no more than a customer of one.
 */
export class DynamoDbCustomerDirectory implements CustomerDirectory {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: DynamoDbCustomerDirectoryOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async findCustomer(orgId: string, identifier: CustomerIdentifier, options: CustomerReadOptions = {}): Promise<Customer | undefined> {
    const customerId = identifier.type === IdentifierType.ID ? Number(identifier.value) : await this.#customerIdOf(orgId, identifier);
    if (customerId === undefined || !Number.isSafeInteger(customerId)) return undefined;

    // Consistent: the balances decide the answer, and a redemption may have just changed them.
    const item = await readItem(this.#client, this.#tableName, ItemKeys.customer(orgId, customerId), {
      consistent: true,
      ...(options.programIds && { projection: { attributes: PROFILE_ATTRIBUTES, mapEntries: { map: 'programs', keys: options.programIds } } }),
    });
    if (!item) return undefined;
    const customer = customerFromItem(orgId, item);
    // The IDENT read is eventually consistent: just after an identifier moved to another customer it
    // can still point at the previous owner, who must not answer for it.
    return hasIdentifier(customer, identifier) ? customer : undefined;
  }

  async #customerIdOf(orgId: string, identifier: CustomerIdentifier): Promise<number | undefined> {
    const key = ItemKeys.identifier(orgId, identifier.type, identifier.value);
    const item = await readItem(this.#client, this.#tableName, key, { consistent: false, projection: { attributes: ['customerId'] } });
    if (!item) return undefined;
    // The key holds the identifier's value (personal data), so the error names only its type.
    return parseStoredItem(IdentifierItemSchema, item, `ORG#${orgId}#IDENT#${identifier.type}#…`).customerId;
  }
}

function describeCustomerItem(orgId: string, item: unknown): string {
  const id = (item as { customerId?: unknown } | undefined)?.customerId;
  return `ORG#${orgId}#CUSTOMER#${typeof id === 'number' ? id : '?'}/CUSTOMER`;
}
