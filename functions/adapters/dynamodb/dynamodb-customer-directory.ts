import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { hasIdentifier } from '../../core/customer-identifiers';
import { IdentifierType, type Customer, type CustomerIdentifier } from '../../core/model';
import type { CustomerDirectory } from '../../core/ports/customer-directory';
import { ItemKeys } from './item-keys';
import { parseStoredItem } from './stored-item';

export interface DynamoDbCustomerDirectoryOptions {
  readonly tableName: string;
}

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
 * (two reads). Never a Scan, and no index to lag behind.
 */
export class DynamoDbCustomerDirectory implements CustomerDirectory {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBClient, options: DynamoDbCustomerDirectoryOptions) {
    this.documents = DynamoDBDocumentClient.from(client);
    this.tableName = options.tableName;
  }

  async findCustomer(orgId: string, identifier: CustomerIdentifier): Promise<Customer | undefined> {
    const customerId = identifier.type === IdentifierType.ID ? Number(identifier.value) : await this.customerIdOf(orgId, identifier);
    if (customerId === undefined || !Number.isSafeInteger(customerId)) return undefined;

    // Consistent: the balances decide the answer, and a redemption may have just changed them.
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: ItemKeys.customer(orgId, customerId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const customer = customerFromItem(orgId, Item);
    // The IDENT read is eventually consistent: just after an identifier moved to another customer it
    // can still point at the previous owner, who must not answer for it.
    return hasIdentifier(customer, identifier) ? customer : undefined;
  }

  private async customerIdOf(orgId: string, identifier: CustomerIdentifier): Promise<number | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: ItemKeys.identifier(orgId, identifier.type, identifier.value) }),
    );
    if (!Item) return undefined;
    // The key holds the identifier's value (personal data), so the error names only its type.
    return parseStoredItem(IdentifierItemSchema, Item, `ORG#${orgId}#IDENT#${identifier.type}#…`).customerId;
  }
}

function describeCustomerItem(orgId: string, item: unknown): string {
  const id = (item as { customerId?: unknown } | undefined)?.customerId;
  return `ORG#${orgId}#CUSTOMER#${typeof id === 'number' ? id : '?'}/CUSTOMER`;
}
