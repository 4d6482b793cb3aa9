import type * as v from 'valibot';
import type { KeyScope, Partner } from '../core/model';
import { comparableName, fieldNames, knownNames } from '../schemas/http/parameter-names';
import { parameterError, type ParameterError } from '../schemas/http/query-fields';
import type { RequestSpec } from '../schemas/http/request-spec';
import type { HttpAnswer, RetrySafety } from './envelope';

/** The HTTP methods the API serves. */
export type HttpMethod = 'GET' | 'POST';

/** Where an operation is served over HTTP: its method and resource path. */
export interface HttpRoute {
  readonly method: HttpMethod;
  readonly path: string;
}

/**
 * What the API document (`npm run openapi`; README, "OpenAPI") says of an operation served over
 * HTTP, beyond its route and request schemas: what it does and the schemas of its answers.
 */
export interface OperationDocument {
  readonly summary: string;
  /**
   * `v1.1`: the Capillary envelope; refusals are HTTP 200 unless the key asks for REST statuses.
   * `v2`: plain JSON; refusals answer their REST status for every key.
   */
  readonly envelope: 'v1.1' | 'v2';
  /** The answer to a request that was read: success or refusal. */
  readonly answer: v.GenericSchema;
  /** The answer to a malformed request (HTTP 400). */
  readonly invalid: v.GenericSchema;
  /** The REST status of each kind of refusal, and what it stands for. */
  readonly refusals: Readonly<Record<number, string>>;
}

/** What an operation reads from a request: the query (name -> value) and, if it takes one, the JSON body. */
export interface OperationInput {
  readonly params: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * One row of a function's operations table, as written: how the operation is reached, what it
 * reads, which use case runs it and how its result is answered. Request and result types are the
 * row's own; `defineOperation` hides them behind one uniform shape for the dispatcher.
 */
export interface OperationDefinition<Deps, Req, Res> {
  /** Absent: only other Lambdas may call it, by direct invocation. */
  readonly route?: HttpRoute;
  /** Whether it changes data: decides what a 503 tells the caller about retrying. */
  readonly writes: boolean;
  /**
   * For a write whose idempotency key the caller may leave out: the key of a parsed request, or
   * undefined when it carries none (a 503 then warns that a retry could apply it twice). Absent:
   * every request carries one (its schema requires it), or the operation writes nothing.
   */
  readonly idempotencyKey?: (request: Req) => string | undefined;
  /** What the API document says of it; every row with a route has one (a test checks). */
  readonly document?: OperationDocument;
  /** What a partner key must be allowed to do to call it (README, "Partner keys"); without it: 403. */
  readonly scope: KeyScope;
  readonly request: RequestSpec<Req>;
  readonly run: (deps: Deps, partner: Partner, request: Req) => Promise<Res>;
  /** The answer to the use case's result; `input` for what the answer repeats of the request, `partner` for what it says of the caller (its org). */
  readonly answer: (result: Res, input: OperationInput, partner: Partner) => HttpAnswer;
  /** The answer to a malformed request, in the operation's own envelope (`partner`: the caller, whose key was read first). */
  readonly invalid: (error: ParameterError, input: OperationInput, partner: Partner) => HttpAnswer;
  /** The fields of the operation's log line: masked identifiers only (core/identifiers.ts). */
  readonly logFields: (request: Req, result: Res) => Readonly<Record<string, unknown>>;
  /** What the result counts for in the function's metrics (README, "Alarms and logs"). */
  readonly measure: (result: Res) => OperationMeasures;
}

/**
 * A result's metrics: the item code of its answer (the `Answers` metric, by operation and item
 * code) and counts it adds (e.g. `Redemptions: 1`, `RedeemedPoints: 100`).
 */
export interface OperationMeasures {
  readonly itemCode: number;
  readonly counts?: Readonly<Record<string, number>>;
}

/** What the dispatcher, the CDK routes, the local emulator and the API document read of a row. */
export interface Operation<Deps> {
  readonly route?: HttpRoute;
  readonly writes: boolean;
  readonly document?: OperationDocument;
  readonly scope: KeyScope;
  readonly request: RequestSpec<unknown>;
  /** Parses the input, runs the use case and answers; a malformed input is answered, not thrown. */
  execute(deps: Deps, partner: Partner, input: OperationInput): Promise<OperationOutcome>;
  /** The answer to an input refused before it could be parsed (e.g. malformed JSON). */
  readonly invalid: (error: ParameterError, input: OperationInput, partner: Partner) => HttpAnswer;
  /** What a retry of this input would do if its request failed: what a 503 tells the caller. */
  retrySafety(input: OperationInput): RetrySafety;
}

export interface OperationOutcome {
  readonly answer: HttpAnswer;
  readonly measures: OperationMeasures;
  /** Undefined when the request was refused as malformed. */
  readonly log?: Readonly<Record<string, unknown>>;
  /** The malformed parameter, when refused as malformed. */
  readonly refused?: ParameterError;
}

/** A table row with its types checked, behind the uniform shape. */
export function defineOperation<Deps, Req, Res>(definition: OperationDefinition<Deps, Req, Res>): Operation<Deps> {
  return {
    ...(definition.route && { route: definition.route }),
    writes: definition.writes,
    ...(definition.document && { document: definition.document }),
    scope: definition.scope,
    request: definition.request as RequestSpec<unknown>,
    invalid: definition.invalid,
    async execute(deps, partner, input) {
      const parsed = definition.request.parse(input);
      if (!parsed.ok) return malformedOutcome(definition.invalid, parsed.error, input, partner);
      const result = await definition.run(deps, partner, parsed.value);
      return { answer: definition.answer(result, input, partner), log: definition.logFields(parsed.value, result), measures: definition.measure(result) };
    },
    retrySafety(input) {
      if (!definition.writes) return 'read';
      if (!definition.idempotencyKey) return 'write';
      // Only a request that parsed reaches a write; one that did not changed nothing either way.
      const parsed = definition.request.parse(input);
      return parsed.ok && definition.idempotencyKey(parsed.value) === undefined ? 'write-without-key' : 'write';
    },
  };
}

/** The outcome of a malformed request: its answer, the parameter for the log, its item code for the metrics. */
export function malformedOutcome(invalid: Operation<unknown>['invalid'], error: ParameterError, input: OperationInput, partner: Partner): OperationOutcome {
  return { answer: invalid(error, input, partner), refused: error, measures: { itemCode: error.code } };
}

/** The operation a request's path and method name, or why there is none (404, or 405 with the methods the path takes). */
export type RouteMatch<Deps> =
  | { readonly kind: 'found'; readonly name: string; readonly operation: Operation<Deps> }
  | { readonly kind: 'no-such-path' }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly HttpMethod[] };

export function matchRoute<Deps>(table: Readonly<Record<string, Operation<Deps>>>, path: string, method: string): RouteMatch<Deps> {
  const allowed: HttpMethod[] = [];
  for (const [name, operation] of Object.entries(table)) {
    if (operation.route?.path !== path) continue;
    if (operation.route.method === method) return { kind: 'found', name, operation };
    allowed.push(operation.route.method);
  }
  return allowed.length === 0 ? { kind: 'no-such-path' } : { kind: 'method-not-allowed', allowed };
}

/** Every path served, with the methods it takes (a path may serve several operations by method). */
export function routeMethods(table: Readonly<Record<string, { readonly route?: HttpRoute }>>): ReadonlyMap<string, readonly HttpMethod[]> {
  const methods = new Map<string, HttpMethod[]>();
  for (const { route } of Object.values(table)) {
    if (route) methods.set(route.path, [...(methods.get(route.path) ?? []), route.method]);
  }
  return methods;
}

/** Every query parameter some operation of the table takes (the API's parameters). */
export function apiParameterNames(operations: Readonly<Record<string, Operation<unknown>>>): ReadonlySet<string> {
  return new Set(Object.values(operations).flatMap((operation) => knownNames(operation.request.query)));
}

/**
 * A parameter of the API that this operation does not take, given a value (`user_group2_id` on
 * validationcode, `points` on redeem): read as unknown it would be ignored, and the operation run on
 * another wallet or amount than the caller meant, so it is refused, naming it (ours: README, "The
 * API"). Parameters no operation knows stay ignored (real clients send stray ones); an empty one is
 * not given.
 */
export function parameterOfAnotherOperation(apiParameters: ReadonlySet<string>, operation: Operation<unknown>, params: OperationInput['params']): ParameterError | undefined {
  let name: string | undefined;
  for (const given in params) {
    // Most requests send only parameters of their own operation, or none the API knows: one set lookup each.
    if (!apiParameters.has(given) || params[given] === '' || ownParameters(operation).has(given)) continue;
    // A field of this operation's body sent as a parameter is named so by its request reader (request-spec.ts).
    if (operation.request.body && fieldNames(operation.request.body).has(comparableName(given))) continue;
    name = given;
    break;
  }
  return name === undefined ? undefined : parameterError(name, 'is not a parameter of this operation').error;
}

const ownParametersOf = new WeakMap<object, ReadonlySet<string>>();

/** The query parameters an operation takes, read once per request schema. */
function ownParameters(operation: Operation<unknown>): ReadonlySet<string> {
  let own = ownParametersOf.get(operation.request.query);
  if (!own) {
    own = new Set(knownNames(operation.request.query));
    ownParametersOf.set(operation.request.query, own);
  }
  return own;
}
