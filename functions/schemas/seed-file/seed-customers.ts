import * as v from 'valibot';
import { normaliseIdentifier } from '../../core/identifiers';
import { IdentifierType } from '../../core/model';
import type { Path } from './issue-paths';
import { AmountSchema, CustomerIdSchema, GroupIdSchema, PointsSchema, ProgramKeySchema } from './seed-fields';
import { safeRecord } from '../safe-record';

/** The seed file's customers: identifiers in their normal form, memberships and balances by program. */

/** A value stored and found in its normal form; a value that cannot be one is an error. */
const identifier = (type: IdentifierType, label: string) =>
  v.pipe(
    v.string(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const normalised = normaliseIdentifier(type, dataset.value);
      if (normalised) return normalised.value;
      addIssue({ message: `${JSON.stringify(dataset.value)} is not a valid ${label}` });
      return NEVER;
    }),
  );

const MembershipSeedSchema = v.strictObject({
  registered: v.boolean(),
  tier: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(64))),
  currentPoints: PointsSchema,
  lifetimePoints: PointsSchema,
  lifetimePurchases: AmountSchema,
});

const CardSeedSchema = v.strictObject({
  number: identifier(IdentifierType.CARD_NUMBER, 'card number'),
  externalId: v.optional(identifier(IdentifierType.CARD_EXTERNAL_ID, 'card external id')),
});

/**
 * A customer has at most 3 + 2 x 20 = 43 identifier items, which the importer claims in a few
 * transactions of 10 (scripts/seed-import/customer-writer.ts).
 */
export const MAX_CARDS_PER_CUSTOMER = 20;

export const CustomerSeedSchema = v.strictObject({
  id: CustomerIdSchema,
  mobile: v.optional(identifier(IdentifierType.MOBILE, 'mobile number')),
  email: v.optional(identifier(IdentifierType.EMAIL, 'email address')),
  externalId: v.optional(identifier(IdentifierType.EXTERNAL_ID, 'external id')),
  cards: v.optional(v.pipe(v.array(CardSeedSchema), v.maxLength(MAX_CARDS_PER_CUSTOMER)), []),
  fraudStatus: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Z][A-Z_]{0,31}$/, 'must be an upper-case status such as NONE or MARKED')),
    'NONE',
  ),
  /** Memberships by program id (a JSON object key, so a string of digits). */
  programs: v.optional(safeRecord(ProgramKeySchema, MembershipSeedSchema), {}),
  /** The group `use_default_user_group2=true` means; the customer must be one of its members. */
  defaultGroupId: v.optional(GroupIdSchema),
});

export type CustomerSeed = v.InferOutput<typeof CustomerSeedSchema>;
export type MembershipSeed = CustomerSeed['programs'][string];

const IDENTIFIER_LABELS: Record<IdentifierType, string> = {
  mobile: 'mobile',
  email: 'email',
  external_id: 'external id',
  id: 'id',
  card_number: 'card number',
  card_external_id: 'card external id',
};

export interface SeededIdentifier {
  readonly type: IdentifierType;
  readonly value: string;
  /** Where it is in the customer's entry, e.g. ['cards', 0, 'number']. */
  readonly path: Path;
}

/** The customer's identifiers (other than the id), with where each is written in the file. */
export function seededIdentifiers(customer: CustomerSeed): SeededIdentifier[] {
  const identifiers: SeededIdentifier[] = [];
  if (customer.mobile !== undefined) identifiers.push({ type: IdentifierType.MOBILE, value: customer.mobile, path: ['mobile'] });
  if (customer.email !== undefined) identifiers.push({ type: IdentifierType.EMAIL, value: customer.email, path: ['email'] });
  if (customer.externalId !== undefined) {
    identifiers.push({ type: IdentifierType.EXTERNAL_ID, value: customer.externalId, path: ['externalId'] });
  }
  customer.cards.forEach((card, i) => {
    identifiers.push({ type: IdentifierType.CARD_NUMBER, value: card.number, path: ['cards', i, 'number'] });
    if (card.externalId !== undefined) {
      identifiers.push({ type: IdentifierType.CARD_EXTERNAL_ID, value: card.externalId, path: ['cards', i, 'externalId'] });
    }
  });
  return identifiers;
}

/** How a message names an identifier type ("card external id"). */
export function identifierLabel(type: IdentifierType): string {
  return IDENTIFIER_LABELS[type];
}
