import * as v from 'valibot';
import { issueMessage } from './issue-paths';
import { ProgramRulesSchema, type ProgramRulesInput } from '../stored/program-rules';
import { NameSchema, ProgramIdSchema } from './seed-fields';

/** The seed file's catalog of an org: its partner keys and its programs with their rules. */

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

/** The org and its programs are written in one transaction, so a reader never sees half a catalog. */
export const MAX_PROGRAMS_PER_ORG = 99;
