import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as v from 'valibot';
import type { Partner } from '../core/model';
import type { PartnerDirectory } from '../core/ports/partner-directory';
import { partnerAccess } from '../core/use-cases/partner-access';
import { missingScopeAnswer } from '../http/answers/scope-answer';
import { apiKeyOf, isApiGatewayEvent, jsonBodyOf, queryParameters, resourcePathOf, toProxyResult } from '../http/api-gateway-request';
import { invalidEventAnswer, methodNotAllowedAnswer, notFoundAnswer, statusAnswer, unauthorizedAnswer, type HttpAnswer } from '../http/envelope';
import { matchRoute, type Operation, type OperationInput } from '../http/operation';
import { serviceErrors } from '../middleware/service-errors';
import { pointsApiOperations, type PointsApiPorts } from '../operations/points-api-operations';
import { directInvokeEventSchema } from '../schemas/events/direct-invoke-event';

export interface PointsApiDeps extends PointsApiPorts {
  /** Resolves the partner key of every request (cached): over HTTP the `x-api-key` header, directly the event's apiKey. */
  readonly partners: PartnerDirectory;
  readonly logger: Logger;
}

type Operations = Readonly<Record<string, Operation<PointsApiPorts>>>;

export type PointsApiEvent = APIGatewayProxyEvent | v.InferInput<ReturnType<typeof directInvokeEventSchema>>;
export type PointsApiResult = APIGatewayProxyResult | HttpAnswer;

/**
 * One Lambda, two entry points, one table: API Gateway proxy events (the operation by route and
 * method, the partner from the x-api-key header, which the gateway's authorizer has already let
 * through) and direct invocations by other Lambdas (the operation by name, the partner from the
 * event's apiKey) both dispatch from the operations table to the same use cases and answers.
 */
export function makePointsApiHandler(deps: PointsApiDeps, operations: Operations = pointsApiOperations) {
  const eventSchema = directInvokeEventSchema(Object.keys(operations));

  /** The one way to a partner, for both entry points: the key, through the (cached) directory, and the operation's scope. */
  async function partnerFor(apiKey: string | undefined, operation: Operation<PointsApiPorts>): Promise<Partner | HttpAnswer> {
    const access = await partnerAccess(deps.partners, apiKey, operation.scope);
    if (access.kind === 'unknown-key') return unauthorizedAnswer();
    return access.kind === 'missing-scope' ? missingScopeAnswer(access.scope) : access.partner;
  }

  async function serve(name: string, operation: Operation<PointsApiPorts>, partner: Partner, input: OperationInput): Promise<HttpAnswer> {
    const outcome = await operation.execute(deps, partner, input);
    const who = { org: partner.orgId, key: partner.keyLabel };
    if (outcome.refused) deps.logger.info(`${name} refused`, { ...who, invalidParameter: outcome.refused.parameter, code: outcome.refused.code });
    else deps.logger.info(name, { ...who, ...outcome.log });
    return outcome.answer;
  }

  async function fromApiGateway(event: APIGatewayProxyEvent): Promise<HttpAnswer> {
    const path = resourcePathOf(event);
    const match = matchRoute(operations, path, event.httpMethod);
    if (match.kind === 'no-such-path') return notFoundAnswer(event.path ?? path);
    if (match.kind === 'method-not-allowed') return methodNotAllowedAnswer(match.allowed);
    const { operation } = match;
    const partner = await partnerFor(apiKeyOf(event.headers), operation);
    if (!isPartner(partner)) return partner;
    const params = queryParameters(event);
    if (!params.ok) return operation.invalid(params.error, { params: {} });
    if (!operation.request.body) return serve(match.name, operation, partner, { params: params.value });
    const read = jsonBodyOf(event);
    if (read.ok) return serve(match.name, operation, partner, { params: params.value, body: read.body });
    return read.statusCode === 400 ? operation.invalid(read.error, { params: params.value }) : statusAnswer(read.statusCode, read.message);
  }

  async function fromDirectInvocation(event: unknown): Promise<HttpAnswer> {
    const parsed = v.safeParse(eventSchema, event, { abortEarly: true });
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = v.getDotPath(issue);
      return invalidEventAnswer(where ? `${where}: ${issue.message}` : issue.message);
    }
    const name = parsed.output.operation;
    const operation = operations[name] as Operation<PointsApiPorts>;
    const partner = await partnerFor(parsed.output.apiKey, operation);
    if (!isPartner(partner)) return partner;
    return serve(name, operation, partner, { params: parsed.output.params, body: parsed.output.body });
  }

  return middy<PointsApiEvent, PointsApiResult, Error, Context>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(serviceErrors({ logger: deps.logger, writes: (event) => writesOf(operations, event) }))
    .handler(async (event) => (isApiGatewayEvent(event) ? toProxyResult(await fromApiGateway(event)) : fromDirectInvocation(event)));
}

const isPartner = (value: Partner | HttpAnswer): value is Partner => 'orgId' in value;

/** Whether the event's operation changes data (unknown operations are reads: they change nothing). */
function writesOf(operations: Operations, event: unknown): boolean {
  if (isApiGatewayEvent(event)) {
    const match = matchRoute(operations, resourcePathOf(event), event.httpMethod);
    return match.kind === 'found' && match.operation.writes;
  }
  const name = (event as { operation?: unknown } | null)?.operation;
  return typeof name === 'string' && Object.hasOwn(operations, name) && (operations[name]?.writes ?? false);
}
