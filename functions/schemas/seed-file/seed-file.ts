import * as v from 'valibot';
import { isKnownCountry, mobileInOrg, unreadableMobileMessage } from '../../core/mobile-numbers';
import { describeIssue, issuePath, type Problem } from './issue-paths';
import { ApiKeySeedSchema, MAX_PROGRAMS_PER_ORG, ProgramSeedSchema } from './seed-catalog';
import { CustomerSeedSchema, identifierLabel, seededIdentifiers } from './seed-customers';
import { NameSchema, ProgramIdSchema } from './seed-fields';
import { groupProblems, GroupSeedSchema, ProgramLinkSeedSchema } from './seed-groups';

/**
 * The seed / import file: orgs with their API keys, programs and customers. Every object is strict
 * (an unknown field is an error, so a typo never passes silently), identifiers are stored in their
 * normal form, and references and uniqueness are checked across the file before anything is written.
 * Keys and programs are in seed-catalog.ts, customers in seed-customers.ts, groups and program links
 * in seed-groups.ts.
 */

const OrgIdSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit'),
);

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
  /**
   * Where the org's mobile numbers without `+` are read (ISO 3166-1 alpha-2, e.g. `IN`): customers'
   * numbers in the file and in requests alike. Absent: such numbers are international.
   */
  defaultCountry: v.optional(v.pipe(v.string(), v.check(isKnownCountry, 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. IN'))),
});
type OrgEntries = v.InferOutput<typeof OrgEntriesSchema>;

/** The org with its customers' mobile numbers in their stored form, and the customers whose number cannot be one in the org. */
interface MobilesInOrg {
  readonly org: OrgEntries;
  readonly unreadable: readonly number[];
}

/** Each org's reading, made once: by the check that reports its problems, then by the output. */
const mobilesRead = new WeakMap<OrgEntries, MobilesInOrg>();

/** Customers' mobile numbers as the org stores and finds them (core/mobile-numbers.ts): read in its default country. */
function mobilesInOrg(org: OrgEntries): MobilesInOrg {
  const known = mobilesRead.get(org);
  if (known) return known;
  const unreadable: number[] = [];
  const customers = org.customers.map((customer, i) => {
    if (customer.mobile === undefined) return customer;
    const stored = mobileInOrg(customer.mobile, org.defaultCountry);
    if (stored === undefined) unreadable.push(i);
    return { ...customer, mobile: stored ?? customer.mobile };
  });
  const read = { org: { ...org, customers }, unreadable };
  mobilesRead.set(org, read);
  return read;
}

// The problems are found on the org as read (mobile numbers in their stored form) without a
// transformation before them: a transformation would stop the pipe at the first issue of an
// entry, and a malformed file is reported with every problem.
const OrgSeedSchema = v.pipe(
  OrgEntriesSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const problem of orgProblems(mobilesInOrg(dataset.value))) {
      addIssue({ message: problem.message, path: issuePath(dataset.value, problem.path) });
    }
  }),
  v.transform((org) => mobilesInOrg(org).org),
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
export type { CustomerSeed, MembershipSeed, SeededIdentifier } from './seed-customers';
export { identifierLabel, seededIdentifiers } from './seed-customers';
export type { GroupSeed, ProgramLinkSeed } from './seed-groups';

/** Mobile numbers, references and uniqueness within one org (its mobile numbers as read in it). */
function orgProblems({ org, unreadable }: MobilesInOrg): Problem[] {
  const problems: Problem[] = unreadable.map((i) => ({
    path: ['customers', i, 'mobile'],
    message: `${JSON.stringify(org.customers[i]?.mobile)} ${unreadableMobileMessage(org.defaultCountry)}`,
  }));
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
        problems.push({ path: ['customers', i, ...path], message: `this ${identifierLabel(type)} is already used by ${whose}` });
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

export type SeedFileParseResult =
  | { readonly success: true; readonly seed: SeedFile }
  | { readonly success: false; readonly problems: readonly string[] };

/** Every problem of the file, each naming the bad field by its path. */
export function parseSeedFile(input: unknown): SeedFileParseResult {
  const result = v.safeParse(SeedFileSchema, input);
  if (result.success) return { success: true, seed: result.output };
  return { success: false, problems: result.issues.map(describeIssue) };
}
