import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { customerFromItem } from '../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { ItemKeys } from '../../functions/adapters/dynamodb/item-keys';
import { storable } from '../../functions/adapters/dynamodb/storable';
import { parseStoredItem } from '../../functions/adapters/dynamodb/stored-item';
import { identifiersOf, sameIdentifier } from '../../functions/core/customer-identifiers';
import type { CustomerIdentifier } from '../../functions/core/model';
import { identifierLabel, seededIdentifiers, type CustomerSeed } from '../../functions/schemas/seed-file/seed-file';
import { chunks } from './concurrency';
import type { OrgTarget } from './org-target';
import { MAX_TRANSACTION_ITEMS, transact, type GuardedWrite, type WriteRefusal } from './guarded-transaction';


export type CustomerWriteResult =
  | { readonly kind: 'written'; readonly identifiers: number; readonly identifiersRemoved: number }
  | WriteRefusal;

/** A written identifier never points at two customers; an absent one may be claimed. */
const IDENTIFIER_IS_FREE_OR_OURS = 'attribute_not_exists(pk) OR customerId = :customerId';

/**
 * Writes one customer of a seed file: the CUSTOMER item and an IDENT item per identifier, each claimed
 * on the condition that it is free or already this customer's, and the release of the identifiers the
 * customer no longer has.
 *
 * When all of it fits in one transaction (MAX_TRANSACTION_ITEMS: the customer and up to 9 identifiers
 * and releases) it is one transaction: the customer is written whole or not at all. A customer with
 * more (up to 3 + 2 x 20 identifiers) is written in steps that keep the same guarantees for readers
 * (writeInSteps). Returns a refusal, with the path of the identifier at fault, when another customer
 * owns one of the identifiers; the customer is then left as it was.
 */
export async function writeCustomer(target: OrgTarget, customer: CustomerSeed): Promise<CustomerWriteResult> {
  const stored = await readStoredCustomer(target, customer.id);
  const current = seededIdentifiers(customer);
  const stale = without([...stored.listed, ...stored.unlisted], current);
  const writes = customerWrites(target, customer, current, stale);
  const clearJournal = stored.journal ? [journalDelete(target, customer.id)] : [];
  const written: CustomerWriteResult = { kind: 'written', identifiers: current.length, identifiersRemoved: stale.length };

  const all = [...writes.claims, writes.customer, ...writes.releases, ...clearJournal];
  if (all.length <= MAX_TRANSACTION_ITEMS) return (await transact(target.documents, all, 'customerId', `customer ${customer.id}`)) ?? written;
  return (await writeInSteps(target, customer.id, stored.listed, { current, stale, ...writes })) ?? written;
}

interface StepPlan {
  readonly current: readonly CustomerIdentifier[];
  readonly stale: readonly CustomerIdentifier[];
  readonly claims: readonly GuardedWrite[];
  readonly customer: GuardedWrite;
}

/**
 * A customer too large for one transaction. Readers find a customer through an IDENT item and then
 * confirm on the CUSTOMER item that it lists that identifier, so the order keeps every answer right:
 * 1. the journal (CLAIMS item) records every identifier that may point at the customer without being
 *    listed while this runs; 2. the identifiers are claimed, 10 to a transaction; 3. the CUSTOMER item
 *    is written with the last claims; 4. the old identifiers are released; 5. the journal is deleted.
 * A refused claim releases what this run claimed and leaves the CUSTOMER item as it was. A run that
 * dies half way leaves the journal, and the customer's next import releases what it names.
 */
async function writeInSteps(target: OrgTarget, customerId: number, listed: readonly CustomerIdentifier[], plan: StepPlan): Promise<WriteRefusal | undefined> {
  const unlisted = [...without(plan.current, listed), ...plan.stale];
  await target.documents.send(
    new PutCommand({ TableName: target.tableName, Item: { ...ItemKeys.customerClaims(target.orgId, customerId), identifiers: unlisted.map(plainIdentifier) } }),
  );
  const lastCount = MAX_TRANSACTION_ITEMS - 1;
  const early = plan.claims.slice(0, Math.max(0, plan.claims.length - lastCount));
  const steps = [...chunks(early, MAX_TRANSACTION_ITEMS), [...plan.claims.slice(early.length), plan.customer]];
  for (const step of steps) {
    const refusal = await transact(target.documents, step, 'customerId', `customer ${customerId}`);
    if (refusal) {
      await releaseAll(target, customerId, without(unlisted, listed));
      return refusal;
    }
  }
  await releaseAll(target, customerId, plan.stale);
  return undefined;
}

/** Releases each identifier that is still this customer's (one conditional delete each), then the journal. */
async function releaseAll(target: OrgTarget, customerId: number, identifiers: readonly CustomerIdentifier[]): Promise<void> {
  await Promise.all(
    identifiers.map(async (identifier) => {
      try {
        await target.documents.send(
          new DeleteCommand({
            TableName: target.tableName,
            Key: ItemKeys.identifier(target.orgId, identifier.type, identifier.value),
            ConditionExpression: IDENTIFIER_IS_FREE_OR_OURS,
            ExpressionAttributeValues: { ':customerId': customerId },
          }),
        );
      } catch (error) {
        // Another customer's now: it is not this customer's to release.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }),
  );
  await target.documents.send(new DeleteCommand({ TableName: target.tableName, Key: ItemKeys.customerClaims(target.orgId, customerId) }));
}

/** The customer's CUSTOMER item and journal as stored, and the identifiers each names. */
interface StoredCustomer {
  /** Identifiers the CUSTOMER item lists. */
  readonly listed: readonly CustomerIdentifier[];
  /** Identifiers a journal left by an interrupted import names. */
  readonly unlisted: readonly CustomerIdentifier[];
  readonly journal: boolean;
}

const JournalItemSchema = v.looseObject({
  identifiers: v.array(v.looseObject({ type: v.string(), value: v.string() })),
});

/** One strongly consistent Query of the customer's partition: the CUSTOMER item and the journal, if any. */
async function readStoredCustomer(target: OrgTarget, customerId: number): Promise<StoredCustomer> {
  const { pk } = ItemKeys.customer(target.orgId, customerId);
  const { Items = [] } = await target.documents.send(
    new QueryCommand({ TableName: target.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
  );
  const customerItem = Items.find((item) => item.sk === ItemKeys.customer(target.orgId, customerId).sk);
  const journalItem = Items.find((item) => item.sk === ItemKeys.customerClaims(target.orgId, customerId).sk);
  const journal = journalItem && parseStoredItem(JournalItemSchema, journalItem, `${pk}/CLAIMS`);
  return {
    listed: customerItem ? identifiersOf(customerFromItem(target.orgId, customerItem)) : [],
    unlisted: (journal?.identifiers ?? []) as CustomerIdentifier[],
    journal: journalItem !== undefined,
  };
}

/** The claim of each identifier of the file, the CUSTOMER item, the release of each stale identifier. */
function customerWrites(target: OrgTarget, customer: CustomerSeed, current: ReturnType<typeof seededIdentifiers>, stale: readonly CustomerIdentifier[]) {
  const { orgId, tableName } = target;
  const ownership = { ':customerId': customer.id };
  const claims = current.map(
    (identifier): GuardedWrite => ({
      write: {
        Put: {
          TableName: tableName,
          Item: { ...ItemKeys.identifier(orgId, identifier.type, identifier.value), customerId: customer.id },
          ConditionExpression: IDENTIFIER_IS_FREE_OR_OURS,
          ExpressionAttributeValues: ownership,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      onConditionFailed: (owner) => ({
        kind: 'failed',
        path: identifier.path,
        message: `this ${identifierLabel(identifier.type)} is already registered to ${owner === undefined ? 'another customer' : `customer ${owner}`}; customer ${customer.id} was not imported`,
      }),
    }),
  );
  const releases = stale.map(
    (identifier): GuardedWrite => ({
      write: {
        Delete: {
          TableName: tableName,
          Key: ItemKeys.identifier(orgId, identifier.type, identifier.value),
          ConditionExpression: IDENTIFIER_IS_FREE_OR_OURS,
          ExpressionAttributeValues: ownership,
        },
      },
      onConditionFailed: () => ({
        kind: 'failed',
        path: [],
        message: `customer ${customer.id}'s previous ${identifierLabel(identifier.type)} is now registered to another customer; customer ${customer.id} was not imported`,
      }),
    }),
  );
  const item = storable({ ...ItemKeys.customer(orgId, customer.id), ...customerAttributes(customer) });
  return { claims, customer: { write: { Put: { TableName: tableName, Item: item } } } as GuardedWrite, releases };
}

function journalDelete(target: OrgTarget, customerId: number): GuardedWrite {
  return { write: { Delete: { TableName: target.tableName, Key: ItemKeys.customerClaims(target.orgId, customerId) } } };
}

/** The CUSTOMER item's attributes (layout: item-keys.ts), from a validated seed entry. */
function customerAttributes(customer: CustomerSeed): Record<string, unknown> {
  return {
    customerId: customer.id,
    mobile: customer.mobile,
    email: customer.email,
    externalId: customer.externalId,
    cards: customer.cards.map((card) => ({ number: card.number, externalId: card.externalId })),
    fraudStatus: customer.fraudStatus,
    defaultGroupId: customer.defaultGroupId,
    programs: Object.fromEntries(
      Object.entries(customer.programs).map(([programId, membership]) => [
        programId,
        {
          registered: membership.registered,
          tier: membership.tier,
          currentPoints: membership.currentPoints,
          lifetimePoints: membership.lifetimePoints,
          lifetimePurchases: membership.lifetimePurchases,
        },
      ]),
    ),
  };
}

/** `identifiers` without those in `removed`, each once. */
function without(identifiers: readonly CustomerIdentifier[], removed: readonly CustomerIdentifier[]): CustomerIdentifier[] {
  const kept: CustomerIdentifier[] = [];
  for (const identifier of identifiers) {
    if (![...removed, ...kept].some((other) => sameIdentifier(other, identifier))) kept.push(plainIdentifier(identifier));
  }
  return kept;
}

const plainIdentifier = (identifier: CustomerIdentifier): CustomerIdentifier => ({ type: identifier.type, value: identifier.value });
