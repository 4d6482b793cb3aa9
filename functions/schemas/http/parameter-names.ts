/**
 * Misspelt parameter and field names (ours: README, "The API"). Unknown parameters are ignored,
 * because real clients send stray ones, but a name equal to a known one up to case, `_` and `-`
 * (`programId`, `Program-ID`, `pointsRedeemed`) is a known parameter written wrong: read as
 * unknown, it would silently change what is checked (the default program instead of program 3, a
 * redemption without its idempotency reference), so it is refused, naming the intended one.
 */

/** A name as compared: lower case, without `_` and `-`. */
export function comparableName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Only plain names can misspell one: letters, digits, `_`, `-` (so no Unicode case folding onto ASCII). */
const PLAIN_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The known name `given` misspells, if any: equal up to case, `_` and `-`, but not equal. */
export function misspeltName(given: string, known: readonly string[]): string | undefined {
  if (known.includes(given) || !PLAIN_NAME.test(given)) return undefined;
  const comparable = comparableName(given);
  return known.find((name) => comparableName(name) === comparable);
}

/** The parts of a valibot schema the body walk reads (objects, arrays, wrappers such as optional). */
interface SchemaShape {
  readonly entries?: Readonly<Record<string, SchemaShape>>;
  readonly wrapped?: SchemaShape;
  readonly item?: SchemaShape;
}

/**
 * Where a misspelt field is (the intended name last) and how it was written; `misplaced` when the
 * name is no field there but a query parameter of the operation (`program_id` inside a redeem entry).
 */
export interface MisspeltField {
  readonly path: readonly (string | number)[];
  readonly given: string;
  readonly misplaced?: true;
}

const fieldNamesOf = new WeakMap<object, ReadonlySet<string>>();

/** Every field name a body schema knows, at any depth (objects, lists, wrappers), compared up to case, `_` and `-`; walked once per schema. */
export function fieldNames(schema: object): ReadonlySet<string> {
  const known = fieldNamesOf.get(schema);
  if (known) return known;
  const names = new Set<string>();
  const walk = (shape: SchemaShape | undefined): void => {
    if (!shape) return;
    walk(shape.wrapped);
    walk(shape.item);
    for (const [name, entry] of Object.entries(shape.entries ?? {})) {
      names.add(comparableName(name));
      walk(entry);
    }
  };
  walk(schema as SchemaShape);
  fieldNamesOf.set(schema, names);
  return names;
}

/** The known names of an object schema (a query schema's parameters); none for any other schema. */
export function knownNames(schema: unknown): readonly string[] {
  const { entries } = schema as SchemaShape;
  return entries ? Object.keys(entries) : [];
}

/**
 * The first misspelt field of a JSON body, walking the body along its schema: each object's keys
 * against the fields its schema knows (and against `queryNames`, the operation's query parameters,
 * which have no place in its body), then into the fields it has. Only what the schema describes
 * is walked, so the cost is bounded by the body.
 */
export function misspeltField(
  schema: unknown,
  value: unknown,
  path: readonly (string | number)[] = [],
  queryNames: readonly string[] = [],
): MisspeltField | undefined {
  const shape = schema as SchemaShape;
  if (shape.wrapped) return misspeltField(shape.wrapped, value, path, queryNames);
  if (shape.item && Array.isArray(value)) {
    for (const [index, element] of value.entries()) {
      const found = misspeltField(shape.item, element, [...path, index], queryNames);
      if (found) return found;
    }
  }
  if (!shape.entries || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  const known = Object.keys(shape.entries);
  for (const name of Object.keys(fields)) {
    const intended = misspeltName(name, known);
    if (intended !== undefined) return { path: [...path, intended], given: name };
    const asParameter = known.includes(name) ? undefined : queryNames.find((parameter) => comparableName(parameter) === comparableName(name));
    if (asParameter !== undefined) return { path: [...path, name], given: name, misplaced: true };
  }
  for (const name of known) {
    const found = Object.hasOwn(fields, name) ? misspeltField(shape.entries[name], fields[name], [...path, name], queryNames) : undefined;
    if (found) return found;
  }
  return undefined;
}
