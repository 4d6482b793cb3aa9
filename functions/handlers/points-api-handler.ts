import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as v from 'valibot';
import { apiKeyDigest } from '../core/api-key';
import { maskIdentifier } from '../core/identifiers';
import type { Partner } from '../core/model';
import type { CustomerDirectory } from '../core/ports/customer-directory';
import type { GroupDirectory } from '../core/ports/group-directory';
import type { PartnerDirectory } from '../core/ports/partner-directory';
import type { ProgramCatalog } from '../core/ports/program-catalog';
import type { ValidationCodes } from '../core/ports/validation-codes';
import { checkRedeemable } from '../core/use-cases/check-redeemable';
import { issueValidationCode } from '../core/use-cases/issue-validation-code';
import {
  invalidRedemptionRequestAnswer,
  invalidValidationCodeRequestAnswer,
  methodNotAllowedAnswer,
  notFoundAnswer,
  redemptionCheckAnswer,
  unauthorizedAnswer,
  validationCodeAnswer,
  type HttpAnswer,
} from '../http/capillary-envelope';
import { apiKeyOf, isApiGatewayEvent, queryParameters, Route, routeOf, toProxyResult } from '../http/api-gateway-request';
import { serviceErrors } from '../middleware/service-errors';
import { DirectInvokeEventSchema } from '../schemas/events/direct-invoke-event';
import { parseIsRedeemableQuery } from '../schemas/http/isredeemable-query';
import { parseValidationCodeQuery } from '../schemas/http/validationcode-query';

export interface PointsApiDeps {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
  readonly validationCodes: ValidationCodes;
  /** Resolves the partner key of every request (cached): over HTTP the `x-api-key` header, directly the event's apiKey. */
  readonly partners: PartnerDirectory;
  readonly logger: Logger;
}

export type PointsApiEvent = APIGatewayProxyEvent | v.InferInput<typeof DirectInvokeEventSchema>;
export type PointsApiResult = APIGatewayProxyResult | HttpAnswer;

/**
 * One Lambda, two entry points, one core: API Gateway proxy events (partner from the x-api-key
 * header, which the gateway's authorizer has already let through) and direct invocations by other
 * Lambdas (partner from the event's apiKey) both end in the same use cases and the same envelope.
 */
export function makePointsApiHandler(deps: PointsApiDeps) {
  const operations = {
    [Route.IS_REDEEMABLE]: async (partner: Partner, params: Record<string, string>): Promise<HttpAnswer> => {
      const parsed = parseIsRedeemableQuery(params);
      if (!parsed.ok) {
        deps.logger.info('isredeemable refused', { org: partner.orgId, key: partner.keyLabel, invalidParameter: parsed.error.parameter, code: parsed.error.code });
        return invalidRedemptionRequestAnswer(parsed.error, params);
      }
      const result = await checkRedeemable(deps, partner, parsed.value);
      deps.logger.info('isredeemable', {
        org: partner.orgId,
        key: partner.keyLabel,
        customer: maskIdentifier(parsed.value.identifier),
        program: result.programId,
        points: result.points,
        redeemable: result.redeemable,
        code: result.status.code,
        ...(result.group && { group: result.group.id }),
        ...(result.earnedIn && { earnProgram: result.earnedIn.programId }),
        ...(result.otp && { otp: result.otp.outcome === 'issued' ? `issued:${result.otp.channel}` : `not-issued:${result.otp.reason}` }),
      });
      return redemptionCheckAnswer(result);
    },
    [Route.VALIDATION_CODE]: async (partner: Partner, params: Record<string, string>): Promise<HttpAnswer> => {
      const parsed = parseValidationCodeQuery(params);
      if (!parsed.ok) return invalidValidationCodeRequestAnswer(parsed.error, params);
      const result = await issueValidationCode(deps, partner, parsed.value);
      deps.logger.info('validationcode', {
        org: partner.orgId,
        key: partner.keyLabel,
        customer: maskIdentifier(parsed.value.identifier),
        points: parsed.value.points,
        outcome: result.kind === 'issued' ? `issued:${result.channel}` : `refused:${result.code}`,
      });
      return validationCodeAnswer(result);
    },
  } as const;

  /** The one way to a partner, for both entry points: the key, through the (cached) directory. */
  async function partnerOf(apiKey: string | undefined): Promise<Partner | undefined> {
    return apiKey === undefined ? undefined : deps.partners.findByKeyDigest(apiKeyDigest(apiKey));
  }

  async function fromApiGateway(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    const route = routeOf(event);
    if (!route) return toProxyResult(notFoundAnswer(event.path ?? ''));
    if (event.httpMethod !== 'GET') return toProxyResult(methodNotAllowedAnswer());
    const partner = await partnerOf(apiKeyOf(event.headers));
    if (!partner) return toProxyResult(unauthorizedAnswer());
    const params = queryParameters(event);
    if (!params.ok) {
      const invalid = route === Route.IS_REDEEMABLE ? invalidRedemptionRequestAnswer : invalidValidationCodeRequestAnswer;
      return toProxyResult(invalid(params.error, {}));
    }
    return toProxyResult(await operations[route](partner, params.value));
  }

  async function fromDirectInvocation(event: unknown): Promise<HttpAnswer> {
    const parsed = v.safeParse(DirectInvokeEventSchema, event, { abortEarly: true });
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = v.getDotPath(issue);
      return invalidEventAnswer(where ? `${where}: ${issue.message}` : issue.message);
    }
    const partner = await partnerOf(parsed.output.apiKey);
    if (!partner) return unauthorizedAnswer();
    const route = parsed.output.operation === 'isredeemable' ? Route.IS_REDEEMABLE : Route.VALIDATION_CODE;
    return operations[route](partner, parsed.output.params);
  }

  return middy<PointsApiEvent, PointsApiResult, Error, Context>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(serviceErrors({ logger: deps.logger }))
    .handler(async (event) => (isApiGatewayEvent(event) ? fromApiGateway(event) : fromDirectInvocation(event)));
}

function invalidEventAnswer(message: string): HttpAnswer {
  return { statusCode: 400, body: { response: { status: { success: 'false', code: 400, message: `Invalid event: ${message}` } } } };
}
