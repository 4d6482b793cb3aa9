import * as v from 'valibot';
import { StoredItemCorruptError } from './errors';

/**
 * Reads a stored item (or attribute) through a schema. A mismatch is not an expected outcome: the
 * item was written by something other than this service's importer and adapters.
 */
export function parseStoredItem<TSchema extends v.GenericSchema>(
  schema: TSchema,
  item: unknown,
  where: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, item);
  if (result.success) return result.output;
  throw new StoredItemCorruptError(
    where,
    // Path and expectation only: valibot's messages repeat the value received, which may be a phone number.
    result.issues.map((issue) => `${v.getDotPath(issue) ?? '(item)'}: expected ${issue.expected ?? 'a valid value'}`),
  );
}
