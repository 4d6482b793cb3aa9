import * as v from 'valibot';
import { MAX_PARAMETERS } from '../http/query-fields';
import { readEvent } from './read-event';

/**
 * What the points API reads of an API Gateway proxy event, checked before it is read: the event may
 * come from API Gateway, or from any Lambda allowed to invoke the function in that shape, so a
 * `null` parameter, a numeric header or a body that is not text is a malformed event (400 in the
 * envelope, README "Direct invocation"), never a 503. Parameters and headers are counted before
 * any is read, as a direct invocation's are. Fields the function does not read are not checked; the
 * rest of the event is kept as it is.
 */

const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';
const isStringList = (value: unknown): value is string[] | undefined => value === undefined || (Array.isArray(value) && value.every(isString));

/** More headers than this are refused (ours: API Gateway takes 10 KB of headers; real requests send a few dozen). */
export const MAX_HEADERS = 200;

/**
 * A map of names to values (headers, parameters), or null: at most `max` names, counted before any
 * value is read, and every value of the kind `isValue` accepts.
 */
function nameValues<T>(what: string, max: number, isValue: (value: unknown) => value is T, expected: string) {
  return v.nullish(
    v.pipe(
      v.unknown(),
      v.rawCheck(({ dataset, addIssue }) => {
        const map = dataset.value;
        if (typeof map !== 'object' || map === null || Array.isArray(map)) return addIssue({ message: `must be an object of ${what}` });
        // Own keys, "__proto__" included: JSON gives it as an own property, and it is read like any other.
        const names = Object.keys(map);
        if (names.length > max) return addIssue({ message: `must have at most ${max} ${what}` });
        const bad = names.find((name) => !isValue((map as Record<string, unknown>)[name]));
        if (bad !== undefined) addIssue({ message: `${JSON.stringify(bad.slice(0, 64))} must be ${expected}` });
      }),
      v.transform((map) => map as Readonly<Record<string, T>>),
    ),
  );
}

/** The fields of a proxy event the points API reads, as API Gateway sends them; other fields are kept unchecked. */
export const ApiGatewayEventSchema = v.looseObject({
  httpMethod: v.pipe(v.string('must be a string'), v.maxLength(16, 'must be at most 16 characters')),
  resource: v.nullish(v.pipe(v.string('must be a string'), v.maxLength(1024, 'must be at most 1024 characters'))),
  path: v.nullish(v.pipe(v.string('must be a string'), v.maxLength(2048, 'must be at most 2048 characters'))),
  headers: nameValues('headers', MAX_HEADERS, isOptionalString, 'a string'),
  queryStringParameters: nameValues('parameters', MAX_PARAMETERS, isOptionalString, 'a string'),
  multiValueQueryStringParameters: nameValues('parameters', MAX_PARAMETERS, isStringList, 'a list of strings'),
  body: v.nullish(v.string('must be a string')),
  isBase64Encoded: v.nullish(v.boolean('must be true or false')),
});

/** Why a proxy-shaped event cannot be read (`field: problem`), or undefined when it can. */
export function apiGatewayEventProblem(event: unknown): string | undefined {
  const read = readEvent(ApiGatewayEventSchema, event);
  return read.ok ? undefined : read.problem;
}
