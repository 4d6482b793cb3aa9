import * as v from 'valibot';

const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * A record whose keys are all checked. valibot's own record passes over `__proto__`,
 * `constructor` and `prototype` without validating them, so they are refused here, by name,
 * before the record is read.
 */
export function safeRecord<const TKey extends v.GenericSchema<string, string | number>, const TValue extends v.GenericSchema>(key: TKey, value: TValue) {
  return v.pipe(
    v.unknown(),
    v.check(
      (input) => typeof input !== 'object' || input === null || !Object.keys(input).some((name) => RESERVED_KEYS.includes(name)),
      `names ${RESERVED_KEYS.join(', ')} are reserved`,
    ),
    v.record(key, value),
  );
}
