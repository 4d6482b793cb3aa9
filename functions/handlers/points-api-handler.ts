import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as v from 'valibot';
import type { Partner } from '../core/model';
import type { PartnerDirectory } from '../core/ports/partner-directory';
import { partnerAccess } from '../core/use-cases/partner-access';
import { missingScopeAnswer } from '../http/answers/scope-answer';
import { isApiGatewayEvent, jsonBodyOf, queryParameters, resourcePathOf } from '../http/api-gateway-request';
import { apiKeyOf } from '../http/api-key-header';
import { writeAnswer, type DirectAnswer } from '../http/answer-writer';
import { forPartner, invalidEventAnswer, methodNotAllowedAnswer, notFoundAnswer, statusAnswer, unauthorizedAnswer, type HttpAnswer, type RetrySafety } from '../http/envelope';
import { apiParameterNames, malformedOutcome, matchRoute, parameterOfAnotherOperation, type Operation, type OperationInput, type OperationMeasures } from '../http/operation';
import { serviceErrors } from '../middleware/service-errors';
import { pointsApiOperations, type PointsApiPorts } from '../operations/points-api-operations';
import { apiGatewayEventProblem } from '../schemas/events/api-gateway-event';
import { directInvokeEventSchema, readDirectInvokeEvent } from '../schemas/events/direct-invoke-event';

export interface PointsApiDeps extends PointsApiPorts {
  /** Resolves the partner key of every request (cached): over HTTP the `x-api-key` header, directly the event's apiKey. */
  readonly partners: PartnerDirectory;
  readonly logger: Logger;
  /** `Answers` by operation and item code, and each operation's counts (Redemptions ...); none when absent. */
  readonly metrics?: Metrics;
  /** X-Ray segments per invocation; none when absent. */
  readonly tracer?: Tracer;
}

type Operations = Readonly<Record<string, Operation<PointsApiPorts>>>;

export type PointsApiEvent = APIGatewayProxyEvent | v.InferInput<ReturnType<typeof directInvokeEventSchema>>;
export type PointsApiResult = APIGatewayProxyResult | DirectAnswer;

/**
 * One Lambda, two entry points, one table: API Gateway proxy events (the operation by route and
 * method, the partner from the x-api-key header, which the gateway's authorizer has already let
 * through) and direct invocations by other Lambdas (the operation by name, the partner from the
 * event's apiKey) both dispatch from the operations table to the same use cases and answers.
 */
export function makePointsApiHandler(deps: PointsApiDeps, operations: Operations = pointsApiOperations) {
  const eventSchema = directInvokeEventSchema(Object.keys(operations));
  const apiParameters = apiParameterNames(operations);

  /** The one way to a partner, for both entry points: the key, through the (cached) directory, and the operation's scope. */
  async function partnerFor(apiKey: string | undefined, operation: Operation<PointsApiPorts>): Promise<Partner | HttpAnswer> {
    const access = await partnerAccess(deps.partners, apiKey, operation.scope);
    if (access.kind === 'unknown-key') return unauthorizedAnswer();
    return access.kind === 'missing-scope' ? missingScopeAnswer(access.scope) : access.partner;
  }

  async function serve(name: string, operation: Operation<PointsApiPorts>, partner: Partner, input: OperationInput): Promise<HttpAnswer> {
    // Logged and measured as any malformed request.
    const foreign = parameterOfAnotherOperation(apiParameters, operation, input.params);
    const outcome = foreign ? malformedOutcome(operation.invalid, foreign, input, partner) : await operation.execute(deps, partner, input);
    if (deps.metrics) measure(deps.metrics, name, outcome.measures);
    const who = { org: partner.orgId, key: partner.keyLabel };
    if (outcome.refused) deps.logger.info(`${name} refused`, { ...who, invalidParameter: outcome.refused.parameter, code: outcome.refused.code });
    else deps.logger.info(name, { ...who, ...outcome.log });
    return forPartner(outcome.answer, partner);
  }

  async function fromApiGateway(event: APIGatewayProxyEvent): Promise<HttpAnswer> {
    const problem = apiGatewayEventProblem(event);
    if (problem !== undefined) return invalidEventAnswer(problem);
    const path = resourcePathOf(event);
    const match = matchRoute(operations, path, event.httpMethod);
    if (match.kind === 'no-such-path') return notFoundAnswer(event.path ?? path);
    if (match.kind === 'method-not-allowed') return methodNotAllowedAnswer(match.allowed);
    const { operation } = match;
    const partner = await partnerFor(apiKeyOf(event.headers), operation);
    if (!isPartner(partner)) return partner;
    const params = queryParameters(event);
    if (!params.ok) return operation.invalid(params.error, { params: {} }, partner);
    if (!operation.request.body) return serve(match.name, operation, partner, { params: params.value });
    const read = jsonBodyOf(event);
    if (read.ok) return serve(match.name, operation, partner, { params: params.value, body: read.body });
    return read.statusCode === 400 ? operation.invalid(read.error, { params: params.value }, partner) : statusAnswer(read.statusCode, read.message);
  }

  async function fromDirectInvocation(event: unknown): Promise<HttpAnswer> {
    const read = readDirectInvokeEvent(eventSchema, event);
    if (!read.ok) return read.statusCode === 413 ? statusAnswer(413, read.message) : invalidEventAnswer(read.message);
    const name = read.event.operation;
    const operation = operations[name] as Operation<PointsApiPorts>;
    // A body the operation does not read would be ignored unread: malformed, like an unknown field.
    if (read.event.body !== undefined && !operation.request.body) return invalidEventAnswer(`body: ${name} takes no body; its fields go in params`);
    const partner = await partnerFor(read.event.apiKey, operation);
    if (!isPartner(partner)) return partner;
    return serve(name, operation, partner, { params: read.event.params, body: read.event.body });
  }

  return withMiddleware(deps, operations, async (event) => writeAnswer(event, isApiGatewayEvent(event) ? await fromApiGateway(event) : await fromDirectInvocation(event)));
}

/** The points function's middy stack around `answer`: tracing (when a tracer is given), the Lambda context in every log line, failures as the documented 503. */
function withMiddleware(deps: PointsApiDeps, operations: Operations, answer: (event: PointsApiEvent) => Promise<PointsApiResult>) {
  const handler = middy<PointsApiEvent, PointsApiResult, Error, Context>();
  if (deps.tracer) handler.use(captureLambdaHandler(deps.tracer, { captureResponse: false }));
  handler.use(injectLambdaContext(deps.logger, { resetKeys: true }));
  return handler.use(serviceErrors({ logger: deps.logger, operation: (event) => operationOf(operations, event) })).handler(answer);
}

/**
 * Publishes the answer's metrics as it is given, one EMF line per dimension set (ours: the dashboard
 * and alarms read them): the operation's counts (Redemptions, RedeemedPoints ...; dimension service
 * only) when it has any, then `Answers` = 1 by operation and item code. Answers that no operation
 * gave (401, 404, 405, a malformed event) publish nothing: API Gateway's own metrics count those.
 */
function measure(metrics: Metrics, operation: string, measures: OperationMeasures): void {
  const counts = Object.entries(measures.counts ?? {});
  for (const [name, value] of counts) metrics.addMetric(name, MetricUnit.Count, value);
  if (counts.length > 0) metrics.publishStoredMetrics();
  metrics.addDimensions({ operation, itemCode: String(measures.itemCode) });
  metrics.addMetric('Answers', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}

const isPartner = (value: Partner | HttpAnswer): value is Partner => 'orgId' in value;

/**
 * The event's operation, if it names one of the table's, and what a retry of the request would do
 * (unknown operations are reads: they change nothing). Read again from the event, as the request
 * was: a request that failed inside its operation had been read whole.
 */
function operationOf(operations: Operations, event: unknown): { readonly name?: string; readonly retry: RetrySafety } {
  let found: { name: string; operation: Operation<PointsApiPorts>; input: () => OperationInput } | undefined;
  if (isApiGatewayEvent(event)) {
    const match = matchRoute(operations, resourcePathOf(event), event.httpMethod);
    if (match.kind === 'found') found = { ...match, input: () => apiGatewayInput(event) };
  } else {
    const direct = event as { operation?: unknown; params?: unknown; body?: unknown } | null;
    const name = direct?.operation;
    const operation = typeof name === 'string' && Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (operation) found = { name: name as string, operation, input: () => ({ params: (direct?.params ?? {}) as OperationInput['params'], body: direct?.body }) };
  }
  if (!found) return { retry: 'read' };
  try {
    return { name: found.name, retry: found.operation.retrySafety(found.input()) };
  } catch {
    // Not knowing whether the request carried its reference, warn as if it did not.
    return { name: found.name, retry: found.operation.writes ? 'write-without-key' : 'read' };
  }
}

/** A proxy event's input as the operation read it: its query, and its JSON body when it has one. */
function apiGatewayInput(event: APIGatewayProxyEvent): OperationInput {
  const params = queryParameters(event);
  const body = jsonBodyOf(event);
  return { params: params.ok ? params.value : {}, ...(body.ok && body.body !== undefined && { body: body.body }) };
}
