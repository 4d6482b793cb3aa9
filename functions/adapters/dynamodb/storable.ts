/**
 * The item without its `undefined` attributes (optional fields not set), which DynamoDB cannot
 * store. Done here rather than with the document client's `removeUndefinedValues`: that option lives
 * on the SDK client's shared config, where another adapter built from the same client replaces it.
 */
export function storable<T>(value: T): T {
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, attribute]) => attribute !== undefined)
      .map(([name, attribute]) => [name, storable(attribute)]),
  ) as T;
}
