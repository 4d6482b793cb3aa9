import * as v from 'valibot';
import { normaliseIdentifier } from '../../core/identifiers';
import { IdentifierType } from '../../core/model';
import { describeIssue, issueMessage, issuePath, type Path } from './issue-paths';
import { ProgramRulesSchema, type ProgramRulesInput } from '../stored/program-rules';
import { AmountSchema, CustomerIdSchema, GroupIdSchema, PointsSchema, ProgramIdSchema, ProgramKeySchema } from './seed-fields';
import { groupProblems, GroupSeedSchema, ProgramLinkSeedSchema } from './seed-groups';
import { safeRecord } from '../safe-record';

/**
 * The seed / import file: orgs with their API keys, programs and customers. Every object is strict
 * (an unknown field is an error, so a typo never passes silently), identifiers are stored in their
 * normal form, and references and uniqueness are checked across the file before anything is written.
 * Groups and program links are in seed-groups.ts.
 */

const OrgIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit'),
);
const NameSchema = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200));

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

/**
 * Rules are validated as program rules but kept as written: the stored rules are what was imported,
 * and defaults fill the rest when they are read, so a changed default reaches every program that
 * did not set that rule.
 */
const RulesAsWrittenSchema = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const result = v.safeParse(ProgramRulesSchema, dataset.value);
    if (result.success) return;
    for (const issue of result.issues) {
      addIssue({
        message: issueMessage(issue),
        input: issue.input,
        expected: issue.expected ?? undefined,
        received: issue.received,
        path: issue.path,
      });
    }
  }),
  v.transform((rules) => rules as ProgramRulesInput),
);

const ApiKeyObjectSchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(256)),
  /** A non-secret name for logs; defaults to a prefix of the key's digest. */
  label: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(64))),
  /** The programs this key may use; absent means every program of the org. */
  programIds: v.optional(v.pipe(v.array(ProgramIdSchema), v.nonEmpty('must name at least one program'))),
  /** A disabled key is kept (so it cannot be claimed by another org) but authorises nothing. */
  disabled: v.optional(v.boolean(), false),
});

/** A key alone (`"k"`) or with its settings (`{"key": "k", "label": "pos-1"}`). */
const ApiKeySeedSchema = v.pipe(
  v.unknown(),
  v.transform((input) => (typeof input === 'string' ? { key: input } : input)),
  ApiKeyObjectSchema,
);

const ProgramSeedSchema = v.strictObject({
  id: ProgramIdSchema,
  name: NameSchema,
  rules: v.optional(RulesAsWrittenSchema, {}),
});

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
 * Bounded so that a customer and all of its identifier items, plus the removal of as many old ones,
 * fit in one transaction (100 items): 1 + 2 x (3 + 2 x 20) = 87.
 */
export const MAX_CARDS_PER_CUSTOMER = 20;

const CustomerSeedSchema = v.strictObject({
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

/** The org and its programs are written in one transaction, so a reader never sees half a catalog. */
export const MAX_PROGRAMS_PER_ORG = 99;

const OrgEntriesSchema = v.strictObject({
  id: OrgIdSchema,
  name: NameSchema,
  apiKeys: v.optional(v.array(ApiKeySeedSchema), []),
  defaultProgramId: v.optional(ProgramIdSchema),
  programs: v.optional(v.pipe(v.array(ProgramSeedSchema), v.maxLength(MAX_PROGRAMS_PER_ORG)), []),
  customers: v.optional(v.array(CustomerSeedSchema), []),
  /** Cross-program redemption (`group_redemption=true`): whose points each program redeems. */
  programLinks: v.optional(v.array(ProgramLinkSeedSchema), []),
  /** Group wallets (`user_group2_*`). */
  groups: v.optional(v.array(GroupSeedSchema), []),
});

const OrgSeedSchema = v.pipe(
  OrgEntriesSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const problem of orgProblems(dataset.value)) {
      addIssue({ message: problem.message, path: issuePath(dataset.value, problem.path) });
    }
  }),
);

export const SeedFileSchema = v.pipe(
  v.strictObject({ orgs: v.array(OrgSeedSchema) }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const problem of fileProblems(dataset.value)) {
      addIssue({ message: problem.message, path: issuePath(dataset.value, problem.path) });
    }
  }),
);

export type SeedFileInput = v.InferInput<typeof SeedFileSchema>;
export type SeedFile = v.InferOutput<typeof SeedFileSchema>;
export type OrgSeed = SeedFile['orgs'][number];
export type ApiKeySeed = OrgSeed['apiKeys'][number];
export type ProgramSeed = OrgSeed['programs'][number];
export type CustomerSeed = OrgSeed['customers'][number];
export type MembershipSeed = CustomerSeed['programs'][string];
export type { GroupSeed, ProgramLinkSeed } from './seed-groups';

interface Problem {
  readonly path: Path;
  readonly message: string;
}

/** References and uniqueness within one org. */
function orgProblems(org: v.InferOutput<typeof OrgEntriesSchema>): Problem[] {
  const problems: Problem[] = [];
  const programIds = new Set<number>();
  org.programs.forEach((program, i) => {
    if (programIds.has(program.id)) problems.push({ path: ['programs', i, 'id'], message: `program ${program.id} is defined twice` });
    programIds.add(program.id);
  });
  if (org.defaultProgramId !== undefined && !programIds.has(org.defaultProgramId)) {
    problems.push({ path: ['defaultProgramId'], message: `program ${org.defaultProgramId} is not a program of this org` });
  }
  org.apiKeys.forEach((apiKey, i) =>
    apiKey.programIds?.forEach((id, j) => {
      if (!programIds.has(id)) problems.push({ path: ['apiKeys', i, 'programIds', j], message: `program ${id} is not a program of this org` });
    }),
  );

  const customerIds = new Map<number, number>();
  /** "type value" -> the customer that registered it first. */
  const identifierOwners = new Map<string, number>();
  org.customers.forEach((customer, i) => {
    const first = customerIds.get(customer.id);
    if (first !== undefined) problems.push({ path: ['customers', i, 'id'], message: `customer ${customer.id} is already defined at customers[${first}]` });
    else customerIds.set(customer.id, i);

    for (const programKey of Object.keys(customer.programs)) {
      if (!programIds.has(Number(programKey))) {
        problems.push({ path: ['customers', i, 'programs', programKey], message: `program ${programKey} is not a program of this org` });
      }
    }
    for (const { type, value, path } of seededIdentifiers(customer)) {
      const owner = identifierOwners.get(`${type} ${value}`);
      if (owner === undefined) identifierOwners.set(`${type} ${value}`, customer.id);
      else {
        const whose = owner === customer.id ? 'this customer, earlier' : `customer ${owner}`;
        problems.push({ path: ['customers', i, ...path], message: `this ${IDENTIFIER_LABELS[type]} is already used by ${whose}` });
      }
    }
  });
  problems.push(...groupProblems(org));
  return problems;
}

/** Uniqueness across orgs: an org id, and an API key (a key authorises exactly one org). */
function fileProblems(file: { readonly orgs: readonly v.InferOutput<typeof OrgEntriesSchema>[] }): Problem[] {
  const problems: Problem[] = [];
  const orgIds = new Map<string, number>();
  const keys = new Map<string, string>();
  file.orgs.forEach((org, i) => {
    const first = orgIds.get(org.id);
    if (first !== undefined) problems.push({ path: ['orgs', i, 'id'], message: `org "${org.id}" is already defined at orgs[${first}]` });
    else orgIds.set(org.id, i);
    org.apiKeys.forEach((apiKey, j) => {
      const owner = keys.get(apiKey.key);
      // The key itself is never repeated in a message: messages end up in terminals and logs.
      if (owner !== undefined) problems.push({ path: ['orgs', i, 'apiKeys', j], message: `this API key is already a key of org "${owner}"` });
      else keys.set(apiKey.key, org.id);
    });
  });
  return problems;
}

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
export function seededIdentifiers(customer: v.InferOutput<typeof CustomerSeedSchema>): SeededIdentifier[] {
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

export function identifierLabel(type: IdentifierType): string {
  return IDENTIFIER_LABELS[type];
}

export type SeedFileParseResult =
  | { readonly success: true; readonly seed: SeedFile }
  | { readonly success: false; readonly problems: readonly string[] };

/** Every problem of the file, each naming the bad field by its path. */
export function parseSeedFile(input: unknown): SeedFileParseResult {
  const result = v.safeParse(SeedFileSchema, input);
  if (result.success) return { success: true, seed: result.output };
  return { success: false, problems: result.issues.map(describeIssue) };
}
