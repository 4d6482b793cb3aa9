import * as v from 'valibot';
import type { OperationInput } from '../../http/operation';
import { comparableName, fieldNames, knownNames, misspeltField } from './parameter-names';
import { bodyFieldError, bodyParameterError, misspeltMessage, parameterError, safeParseQuery, type RequestParseResult } from './query-fields';

/**
 * What an operation reads from a request, as schemas (the query; the JSON body for operations that
 * take one) and the cross-field reading that turns them into the use case's request. The schemas are
 * what the API document describes; `parse` is what the dispatcher runs.
 */
export interface RequestSpec<Req> {
  readonly query: v.GenericSchema;
  readonly body?: v.GenericSchema;
  /** The request, or the first malformed parameter (query parameter name or body field path). */
  parse(input: OperationInput): RequestParseResult<Req>;
}

/** An operation that reads only the query string. */
export function queryRequest<Q extends v.GenericSchema, Req>(
  query: Q,
  toRequest: (query: v.InferOutput<Q>) => RequestParseResult<Req>,
): RequestSpec<Req> {
  return {
    query,
    parse(input) {
      const parsed = safeParseQuery(query, input.params);
      return parsed.ok ? toRequest(parsed.value) : parsed;
    },
  };
}

/**
 * An operation that reads the query string and a JSON body. A body field misspelt like a query
 * parameter (`pointsRedeemed` for `points_redeemed`) is refused the same way, naming the intended
 * field by its path; unknown fields are ignored.
 */
export function queryAndBodyRequest<Q extends v.GenericSchema, B extends v.GenericSchema, Req>(
  query: Q,
  body: B,
  toRequest: (query: v.InferOutput<Q>, body: v.InferOutput<B>) => RequestParseResult<Req>,
): RequestSpec<Req> {
  // Read once: the names each place knows, to refuse a field sent in the other place.
  const names = { parameters: knownNames(query), bodyFields: fieldNames(body) };
  return {
    query,
    body,
    parse(input) {
      const misplaced = bodyFieldInQuery(names, input.params);
      if (misplaced !== undefined) return parameterError(misplaced, 'is a field of the JSON body, not a query parameter');
      const parsedQuery = safeParseQuery(query, input.params);
      if (!parsedQuery.ok) return parsedQuery;
      const misspelt = misspeltField(body, input.body, [], names.parameters);
      if (misspelt?.misplaced) return bodyFieldError(misspelt.path, 'is a query parameter, not a field of the JSON body');
      if (misspelt) return bodyFieldError(misspelt.path, misspeltMessage(misspelt.given));
      const parsedBody = v.safeParse(body, input.body, { abortEarly: true });
      if (!parsedBody.success) return bodyParameterError(parsedBody.issues[0]);
      return toRequest(parsedQuery.value, parsedBody.output);
    },
  };
}

/**
 * A query parameter that is no parameter of the operation but names (up to case, `_` and `-`) a
 * field of its body at any depth (`program_id` in the params of an adjust, `external_reference_number`
 * in a redeem's query): read as unknown, it would be silently ignored (a redemption without its
 * idempotency reference), so it is refused (ours: README, "The API").
 */
function bodyFieldInQuery(
  names: { readonly parameters: readonly string[]; readonly bodyFields: ReadonlySet<string> },
  params: OperationInput['params'],
): string | undefined {
  // An empty value is a parameter not given (README, "The API"), wherever it is.
  return Object.entries(params ?? {}).find(([name, value]) => value !== '' && !names.parameters.includes(name) && names.bodyFields.has(comparableName(name)))?.[0];
}
