import * as v from 'valibot';
import { ItemCode } from '../../core/item-codes';
import { IDENTIFIER_PRECEDENCE, type CustomerIdentifier, type IdentifierType } from '../../core/model';
import { MAX_IDENTIFIER_LENGTH, normaliseIdentifier } from '../../core/identifiers';
import { MAX_POINTS, MAX_PROGRAM_ID } from '../../core/bounds';
import { formatPath } from '../seed-file/issue-paths';
import { knownNames, misspeltName } from './parameter-names';

/**
 * Building blocks for the query-string schemas of the points endpoints. Every value arrives as a
 * string (from API Gateway) or as a JSON scalar (from a direct invocation, stringified first).
 */
export const MAX_PARAMETER_LENGTH = 256;
/** Any parameter, known or not, longer than this is refused. */
export const MAX_ANY_PARAMETER_LENGTH = 1024;
/**
 * More parameters than this, known or not, are refused before any is read, by the event readers of
 * both entry points (ours: real requests send a few dozen at most).
 */
export const MAX_PARAMETERS = 100;

export const text = (max = MAX_PARAMETER_LENGTH) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

export const booleanFlag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false'], 'must be true or false'),
  v.transform((value) => value === 'true'),
);

/** A positive whole number written in plain digits: no sign, exponent, decimals or spaces inside. */
export const positiveWhole = (max: number, what: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(20, `${what}`),
    v.regex(/^[0-9]+$/, what),
    v.transform(Number),
    v.minValue(1, what),
    v.maxValue(max, what),
  );

/** `points` as a query parameter: digits, 1 to MAX_POINTS. */
export const PointsSchema = positiveWhole(MAX_POINTS, `must be a positive whole number of at most ${MAX_POINTS}`);
/** `program_id` as a query parameter: digits, 1 to MAX_PROGRAM_ID (the import file takes the same range). */
export const ProgramIdSchema = positiveWhole(MAX_PROGRAM_ID, 'must be a positive whole number');

/**
 * Points in a JSON body: a JSON number, a whole number from 1 to MAX_POINTS. `numberMessage` is the
 * message for a value that is not a number at all.
 */
export const bodyPoints = (numberMessage?: string) =>
  v.pipe(v.number(numberMessage), v.integer('must be a whole number of points'), v.minValue(1, 'must be a positive whole number'), v.maxValue(MAX_POINTS, `must be at most ${MAX_POINTS}`));

/** A money amount: plain decimal, at most 10 decimals, greater than 0. Kept as text for exact arithmetic. */
export const CurrencyValueSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[0-9]{1,12}(\.[0-9]{1,10})?$/, 'must be a positive decimal number with at most 12 digits before and 10 after the point'),
  v.check((value) => Number(value) > 0, 'must be greater than 0'),
);

export const identifierFields = {
  mobile: v.optional(v.string()),
  email: v.optional(v.string()),
  external_id: v.optional(v.string()),
  id: v.optional(v.string()),
  card_number: v.optional(v.string()),
  card_external_id: v.optional(v.string()),
};

export const ValidationTypeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.picklist(['SMS', 'MISSED_CALL', 'INVALID'], 'must be SMS, MISSED_CALL or INVALID'),
);

/** A validation code as a partner sends it: 4 to 12 letters or digits (case is the code's business). */
export const ValidationCodeSchema = v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z]{4,12}$/, 'must be 4 to 12 letters or digits'));

/** `format`: json (the default) or xml, any case (README, "XML answers"). */
export const FormatSchema = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(['json', 'xml'], 'must be json or xml'));

/** A malformed request: which parameter, and the item code the contract gives it. */
export interface ParameterError {
  readonly parameter: string;
  readonly code: ItemCode;
  readonly message: string;
}

export type RequestParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParameterError };

const codeOfParameter = (parameter: string): ItemCode => {
  if (['points', 'currency_value', 'currency_input', 'points_redeemed', 'pointsToBeReversed'].includes(parameter)) return ItemCode.INVALID_POINTS;
  if (parameter === 'redemptionId' || parameter === 'externalReferenceNumber') return ItemCode.INVALID_REDEMPTION;
  if (parameter === 'customer' || parameter === 'identifier' || parameter === 'value' || parameter === 'type') return ItemCode.INVALID_IDENTIFIER;
  if ((IDENTIFIER_PRECEDENCE as readonly string[]).includes(parameter)) return ItemCode.INVALID_IDENTIFIER;
  if (parameter === 'program_id') return ItemCode.INVALID_PROGRAM;
  if (parameter === 'validation_code') return ItemCode.INVALID_VALIDATION_CODE;
  if (parameter.startsWith('user_group2_') || parameter === 'use_default_user_group2') return ItemCode.INVALID_GROUP;
  return ItemCode.INVALID_PARAMETER;
};

export function parameterError(parameter: string, message: string): { ok: false; error: ParameterError } {
  return { ok: false, error: { parameter, code: codeOfParameter(parameter), message: `${parameter}: ${message}` } };
}

/**
 * A malformed body field, named by its path as the body writes it (`root.redeem[0].points_redeemed`);
 * the item code is the one its last key has (`points_redeemed` -> 801, `customer.mobile` -> 802).
 */
export function bodyParameterError(issue: v.BaseIssue<unknown>): { ok: false; error: ParameterError } {
  return bodyFieldError((issue.path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key))), issue.message);
}

/** A body field's error, by the keys of its path from the body's root; the item code is its last key's. */
export function bodyFieldError(keys: readonly (string | number)[], message: string): { ok: false; error: ParameterError } {
  const path = formatPath(keys);
  const leaf = [...keys].reverse().find((key): key is string => typeof key === 'string') ?? 'body';
  const parameter = path === '' ? 'body' : path.slice(0, 128);
  return { ok: false, error: { parameter, code: codeOfParameter(leaf), message: `${parameter}: ${message}` } };
}

/** The message of a misspelt name (parameter-names.ts): the intended name is the error's parameter. */
export const misspeltMessage = (given: string) => `given as "${given}": names are exact (case, "_" and "-" included)`;

/**
 * The parameters that were given: an empty value (or only spaces) means the parameter was not
 * given, as the reference reads it (a public POS client always sends `validation_code=`, empty until
 * the customer has a code).
 */
function givenParameters(params: Readonly<Record<string, string>>): Record<string, string> {
  const given: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(params)) if (value.trim() !== '') given[name] = value;
  return given;
}

/** A field's error, named by its place in a body (`root.redeem[0].customer` + `mobile`). */
export function inBody(refusal: { ok: false; error: ParameterError }, prefix: string): { ok: false; error: ParameterError } {
  const parameter = `${prefix}.${refusal.error.parameter}`;
  return { ok: false, error: { ...refusal.error, parameter, message: refusal.error.message.replace(refusal.error.parameter, parameter) } };
}

/**
 * Runs a schema over the parameters; the first issue becomes the answer. Unknown parameters are
 * ignored, but a misspelling of a known one (`programId` for `program_id`) is refused, naming the
 * known one (parameter-names.ts).
 */
export function safeParseQuery<S extends v.GenericSchema<unknown, unknown>>(
  schema: S,
  params: Readonly<Record<string, string>>,
): RequestParseResult<v.InferOutput<S>> {
  // Unknown parameters are ignored, but not without limit: nothing this long is ever meant.
  const oversized = Object.entries(params).find(([, value]) => value.length > MAX_ANY_PARAMETER_LENGTH);
  if (oversized) return parameterError(oversized[0].slice(0, 64), `must be at most ${MAX_ANY_PARAMETER_LENGTH} characters`);
  const given = givenParameters(params);
  const known = knownNames(schema);
  for (const name of Object.keys(given)) {
    const intended = misspeltName(name, known);
    if (intended !== undefined) return parameterError(intended, misspeltMessage(name));
  }
  const result = v.safeParse(schema, given, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const parameter = String(issue.path?.[0]?.key ?? 'request');
  return parameterError(parameter, issue.message);
}

/**
 * Which customer a request names. Several identifiers: each must be well formed, and the first of
 * IDENTIFIER_PRECEDENCE wins (mobile, email, external_id, id, card_number, card_external_id); the
 * others are not looked up.
 */
export function chooseIdentifier(params: Readonly<Partial<Record<IdentifierType, string>>>): RequestParseResult<CustomerIdentifier> {
  let chosen: CustomerIdentifier | undefined;
  // Every identifier given must be well formed, even those precedence leaves unread.
  for (const type of IDENTIFIER_PRECEDENCE) {
    const raw = params[type];
    if (raw === undefined) continue;
    if (raw.length > MAX_IDENTIFIER_LENGTH) return parameterError(type, `must be at most ${MAX_IDENTIFIER_LENGTH} characters`);
    const identifier = normaliseIdentifier(type, raw);
    if (!identifier) return parameterError(type, `is not a valid ${type.replace('_', ' ')}`);
    chosen ??= identifier;
  }
  return chosen ? { ok: true, value: chosen } : parameterError('mobile', `one customer identifier is required: ${IDENTIFIER_PRECEDENCE.join(', ')}`);
}

/** An optional body text: empty (or only spaces) reads as not given, as an empty query parameter does (contract; README, "The API"). */
export const optionalText = <const TSchema extends v.GenericSchema<string, string>>(schema: TSchema) =>
  v.optional(v.pipe(v.string(), v.trim(), v.transform((text) => (text === '' ? undefined : text)), v.optional(schema)));
