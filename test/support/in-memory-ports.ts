import type { Customer, CustomerIdentifier, Group, GroupMember, Program } from '../../functions/core/model';
import type { CustomerDirectory, CustomerReadOptions } from '../../functions/core/ports/customer-directory';
import type { GroupDirectory, GroupLookup } from '../../functions/core/ports/group-directory';
import type { OrgSettings, ProgramCatalog } from '../../functions/core/ports/program-catalog';
import {
  InvokingValidationCodes,
  VALIDATION_CODE_OPERATIONS,
  type IssueCodeResult,
  type OperationReply,
  type OperationRequest,
  type ValidationCodeOperation,
  type VerifyCodeResult,
} from '../../functions/core/ports/validation-codes';
import { hasIdentifier } from '../../functions/core/customer-identifiers';
import { DEFAULT_REDEMPTION_RULES } from '../../functions/core/rules/defaults';
import type { ProgramRules } from '../../functions/core/model';

/** Plain in-memory implementations of the ports, for unit tests of the use cases (no I/O). */
export class InMemoryProgramCatalog implements ProgramCatalog {
  /** `settings`: every org's (a test has one org of interest). */
  constructor(
    private readonly programs: Program[],
    private readonly settings: OrgSettings = {},
  ) {}
  async catalogOf(orgId: string) {
    return { programs: await this.programsOf(orgId), settings: this.settings };
  }
  async programsOf(orgId: string) {
    return this.programs.filter((p) => p.orgId === orgId);
  }
}

export class InMemoryCustomerDirectory implements CustomerDirectory {
  constructor(private readonly customers: Customer[]) {}
  /** As the DynamoDB adapter: only the memberships asked for. */
  async findCustomer(orgId: string, identifier: CustomerIdentifier, options: CustomerReadOptions = {}) {
    const found = this.customers.find((c) => c.orgId === orgId && hasIdentifier(c, identifier));
    const wanted = options.programIds?.map(String);
    return found && wanted ? { ...found, programs: Object.fromEntries(Object.entries(found.programs).filter(([id]) => wanted.includes(id))) } : found;
  }
}

/** A group as the tests write it: with its members, which the directory answers one at a time. */
export type GroupFixture = Group & { readonly members: readonly GroupMember[] };

/** Groups of any org; a primary member named by an identifier is found among `customers`. */
export class InMemoryGroupDirectory implements GroupDirectory {
  readonly lookups: GroupLookup[] = [];
  constructor(
    private readonly groups: GroupFixture[],
    private readonly customers: Customer[] = [],
  ) {}
  async findMember(orgId: string, groupId: number, customerId: number) {
    const found = this.groups.find((g) => g.orgId === orgId && g.id === groupId);
    return found?.members.find((member) => member.customerId === customerId);
  }
  async findGroup(orgId: string, lookup: GroupLookup) {
    this.lookups.push(lookup);
    const ofOrg = this.groups.filter((g) => g.orgId === orgId);
    switch (lookup.by) {
      case 'id':
        return ofOrg.find((g) => g.id === lookup.groupId);
      case 'external-id':
        return ofOrg.find((g) => g.externalId !== undefined && g.externalId === lookup.externalId);
      case 'primary-member':
        return ofOrg.find((g) => g.primaryCustomerId === lookup.customerId);
      case 'primary-member-identifier': {
        const primary = this.customers.find((c) => c.orgId === orgId && hasIdentifier(c, lookup.identifier));
        return primary && ofOrg.find((g) => g.primaryCustomerId === primary.id);
      }
    }
  }
}

/**
 * Records what it was asked and answers what the test sets, for every operation of the table.
 * `issued`/`verified` and `issueResult`/`verifyResult` are shorthands for the two operations.
 */
export class ScriptedValidationCodes extends InvokingValidationCodes {
  /** Requests received, by operation, oldest first. */
  readonly requests = Object.fromEntries(VALIDATION_CODE_OPERATIONS.map((name) => [name, []])) as unknown as {
    readonly [O in ValidationCodeOperation]: OperationRequest<O>[];
  };
  /** The reply of each operation. */
  readonly replies: { [O in ValidationCodeOperation]: OperationReply<O> } = {
    issue: { kind: 'issued', channel: 'SMS', expiresAt: 1_800_000_000_000 },
    verify: { kind: 'valid', codeId: 'scripted-code' },
  };

  async invoke<O extends ValidationCodeOperation>(operation: O, request: OperationRequest<O>): Promise<OperationReply<O>> {
    this.requests[operation].push(request);
    return this.replies[operation];
  }

  get issued() {
    return this.requests.issue;
  }
  get verified() {
    return this.requests.verify;
  }
  get issueResult() {
    return this.replies.issue;
  }
  set issueResult(reply: IssueCodeResult) {
    this.replies.issue = reply;
  }
  get verifyResult() {
    return this.replies.verify;
  }
  set verifyResult(reply: VerifyCodeResult) {
    this.replies.verify = reply;
  }
}

/** The amount rules of the demo seed's program 1 ("Demo Rewards"), which most use-case tests start from. */
export const DEMO_REWARDS_RULES = {
  multipleOf: 10,
  minPoints: 20,
  maxPointsPerRedemption: 200,
  minCurrentPoints: 50,
  minLifetimePoints: 100,
  minLifetimePurchases: 1000,
  pointValue: '0.5',
} as const satisfies Partial<ProgramRules>;

/** Demo Rewards with its GOLD tier. */
export const DEMO_TIERS: ProgramRules['tiers'] = { GOLD: { maxPointsPerRedemption: 500, pointValue: '0.75' } };

export function program(id: number, rules: Partial<ProgramRules> = {}, extra: Partial<Program> = {}): Program {
  return {
    orgId: 'demo',
    id,
    name: `Program ${id}`,
    isDefault: id === 1,
    rules: { ...DEFAULT_REDEMPTION_RULES, tiers: {}, ...rules },
    ...extra,
  };
}

export function customer(id: number, overrides: Partial<Customer> = {}): Customer {
  return {
    orgId: 'demo',
    id,
    mobile: `9199000${String(id).padStart(5, '0')}`,
    email: `c${id}@example.com`,
    externalId: `EXT-${id}`,
    cards: [],
    fraudStatus: 'NONE',
    programs: { '1': { registered: true, tier: 'SILVER', currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 } },
    ...overrides,
  };
}

export function group(id: number, overrides: Partial<GroupFixture> = {}): GroupFixture {
  return {
    orgId: 'demo',
    id,
    externalId: `GRP-${id}`,
    primaryCustomerId: 1001,
    members: [{ customerId: 1001, canRedeem: true }],
    programs: { '1': { currentPoints: 2000, lifetimePoints: 5000, lifetimePurchases: 60000 } },
    ...overrides,
  };
}
