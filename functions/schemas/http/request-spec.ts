import * as v from 'valibot';
import type { OperationInput } from '../../http/operation';
import { comparableName, knownNames, misspeltField } from './parameter-names';
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
  return {
    query,
    body,
    parse(input) {
      const misplaced = bodyFieldInQuery(query, body, input.params);
      if (misplaced !== undefined) return parameterError(misplaced, 'is a field of the JSON body, not a query parameter');
      const parsedQuery = safeParseQuery(query, input.params);
      if (!parsedQuery.ok) return parsedQuery;
      const misspelt = misspeltField(body, input.body);
      if (misspelt) return bodyFieldError(misspelt.path, misspeltMessage(misspelt.given));
      const parsedBody = v.safeParse(body, input.body, { abortEarly: true });
      if (!parsedBody.success) return bodyParameterError(parsedBody.issues[0]);
      return toRequest(parsedQuery.value, parsedBody.output);
    },
  };
}

/**
 * A query parameter that is no parameter of the operation but names (up to case, `_` and `-`) a
 * top-level field of its body (`program_id` in the params of an adjust): read as unknown, it would
 * silently change nothing the caller meant to change, so it is refused (ours: README, "The API").
 */
function bodyFieldInQuery(query: v.GenericSchema, body: v.GenericSchema, params: OperationInput['params']): string | undefined {
  const parameters = knownNames(query);
  const fields = knownNames(body).map(comparableName);
  return Object.keys(params ?? {}).find((name) => !parameters.includes(name) && fields.includes(comparableName(name)));
}
