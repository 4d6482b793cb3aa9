import * as v from 'valibot';
import { issueMessage } from './issue-paths';
import { ProgramRulesSchema, type ProgramRulesInput } from '../stored/program-rules';
import { AmountSchema, NameSchema, ProgramIdSchema } from './seed-fields';

/** The seed file's catalog of an org: its partner keys and its programs with their rules. */

/** An org's programs are loaded together on every rules-cache miss (dynamodb-program-catalog.ts). */
export const MAX_PROGRAMS_PER_ORG = 99;

/** What a rule amount is bounded by in a seed file (program-rules.ts bounds the rest). */
const purchasesRule = { minLifetimePurchases: v.optional(AmountSchema) };
const RuleAmountsSchema = v.looseObject({
  ...purchasesRule,
  tiers: v.optional(v.record(v.string(), v.looseObject(purchasesRule))),
  groupRedemption: v.optional(v.looseObject(purchasesRule)),
});

/** A program's rules as JSON, at most: an org's 99 programs stay within two Query pages of 1 MB. */
export const MAX_RULES_BYTES = 16 * 1024;

/** Reports another schema's issues as this one's, keeping their paths. */
function forwardIssues(issues: readonly v.BaseIssue<unknown>[], addIssue: v.RawCheckAddIssue<unknown>): void {
  for (const issue of issues) {
    addIssue({ message: issueMessage(issue), input: issue.input, expected: issue.expected ?? undefined, received: issue.received, path: issue.path });
  }
}

/**
 * Rules are validated as program rules but kept as written: the stored rules are what was imported,
 * and defaults fill the rest when they are read, so a changed default reaches every program that
 * did not set that rule. A seed file also bounds the amounts and the size of the rules, so that
 * every rule it holds can be written.
 */
const RulesAsWrittenSchema = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const result = v.safeParse(ProgramRulesSchema, dataset.value);
    if (!result.success) return forwardIssues(result.issues, addIssue);
    const amounts = v.safeParse(RuleAmountsSchema, dataset.value);
    if (!amounts.success) return forwardIssues(amounts.issues, addIssue);
    const bytes = Buffer.byteLength(JSON.stringify(dataset.value), 'utf8');
    if (bytes > MAX_RULES_BYTES) addIssue({ message: `take ${bytes} bytes as JSON; at most ${MAX_RULES_BYTES}` });
  }),
  v.transform((rules) => rules as ProgramRulesInput),
);

const ApiKeyObjectSchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(8, 'must be at least 8 characters'), v.maxLength(256)),
  /** A non-secret name for logs; defaults to a prefix of the key's digest. */
  label: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(64))),
  /** The programs this key may use; absent means every program of the org. */
  programIds: v.optional(
    v.pipe(v.array(ProgramIdSchema), v.nonEmpty('must name at least one program'), v.maxLength(MAX_PROGRAMS_PER_ORG, `must name at most ${MAX_PROGRAMS_PER_ORG} programs`)),
  ),
  /** A disabled key is kept (so it cannot be claimed by another org) but authorises nothing. */
  disabled: v.optional(v.boolean(), false),
});

/** A key alone (`"k"`) or with its settings (`{"key": "k", "label": "pos-1"}`). */
export const ApiKeySeedSchema = v.pipe(
  v.unknown(),
  v.transform((input) => (typeof input === 'string' ? { key: input } : input)),
  ApiKeyObjectSchema,
);

export const ProgramSeedSchema = v.strictObject({
  id: ProgramIdSchema,
  name: NameSchema,
  rules: v.optional(RulesAsWrittenSchema, {}),
});

