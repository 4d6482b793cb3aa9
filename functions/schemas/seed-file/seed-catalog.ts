import * as v from 'valibot';
import { KeyScope } from '../../core/model';
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

/**
 * A partner key must be able to carry 128 bits: only its SHA-256 is stored, unsalted (the authorizer
 * finds a key in one read), so a copy of the table could try every key a short alphabet or length
 * allows. 32 characters of A-Z, a-z, 0-9, "-" and "_" carry 128 bits even as hexadecimal (4 bits
 * each); digits alone (3.3 bits each) need 39. The import cannot tell a random key from a chosen one:
 * `npm run new-key` makes one of 256 random bits.
 */
export const MIN_API_KEY_LENGTH = 32;
export const MIN_DIGITS_API_KEY_LENGTH = 39;
export const MAX_API_KEY_LENGTH = 256;

/** Why `key` cannot be a partner key, or undefined when it can; the message never repeats the key. */
export function apiKeyProblem(key: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(key)) return 'may hold only the characters A-Z, a-z, 0-9, "-" and "_"';
  if (key.length > MAX_API_KEY_LENGTH) return `must be at most ${MAX_API_KEY_LENGTH} characters`;
  const needed = /^[0-9]*$/.test(key) ? MIN_DIGITS_API_KEY_LENGTH : MIN_API_KEY_LENGTH;
  if (key.length < needed) {
    return `is too short to carry 128 bits: a key needs at least ${MIN_API_KEY_LENGTH} characters (${MIN_DIGITS_API_KEY_LENGTH} if only digits); make one with \`npm run new-key\``;
  }
  return undefined;
}

const ApiKeySchema = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? apiKeyProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

const ApiKeyObjectSchema = v.strictObject({
  key: ApiKeySchema,
  /** A non-secret name for logs; defaults to a prefix of the key's digest. */
  label: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(64))),
  /** The programs this key may use; absent means every program of the org. */
  programIds: v.optional(
    v.pipe(v.array(ProgramIdSchema), v.nonEmpty('must name at least one program'), v.maxLength(MAX_PROGRAMS_PER_ORG, `must name at most ${MAX_PROGRAMS_PER_ORG} programs`)),
  ),
  /** A disabled key is kept (so it cannot be claimed by another org) but authorises nothing. */
  disabled: v.optional(v.boolean(), false),
  /** What the key may do (README, "Partner keys"); absent: check and redeem. */
  scopes: v.optional(
    v.pipe(
      v.array(v.picklist(Object.values(KeyScope), `must be one of ${Object.values(KeyScope).join(', ')}`)),
      v.nonEmpty('must name at least one scope'),
      v.maxLength(Object.values(KeyScope).length, 'names a scope twice'),
      v.check((scopes) => new Set(scopes).size === scopes.length, 'names a scope twice'),
    ),
  ),
  /** 400: refusals answer HTTP 400 (REST style) instead of the reference's HTTP 200 (README, "Answers"). */
  failedCheckHttpStatus: v.optional(v.picklist([200, 400], 'must be 200 or 400')),
});

/**
 * A key alone (`"k"`) or with its settings (`{"key": "k", "label": "pos-1"}`). A key written alone is
 * checked where it is written (`apiKeys[0]`, not `apiKeys[0].key`).
 */
export const ApiKeySeedSchema = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = typeof dataset.value === 'string' ? apiKeyProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
  v.transform((input) => (typeof input === 'string' ? { key: input } : input)),
  ApiKeyObjectSchema,
);

export const ProgramSeedSchema = v.strictObject({
  id: ProgramIdSchema,
  name: NameSchema,
  rules: v.optional(RulesAsWrittenSchema, {}),
});

