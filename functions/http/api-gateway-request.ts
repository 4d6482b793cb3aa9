import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Partner } from '../core/model';
import type { HttpAnswer } from './capillary-envelope';
import { parameterError, type QueryParseResult } from '../schemas/query-fields';

/** The API's routes, by the resource path API Gateway matched. */
export const Route = {
  IS_REDEEMABLE: '/v1.1/points/isredeemable',
  VALIDATION_CODE: '/v1.1/points/validationcode',
} as const;
export type Route = (typeof Route)[keyof typeof Route];

export function isApiGatewayEvent(event: unknown): event is APIGatewayProxyEvent {
  return typeof event === 'object' && event !== null && 'requestContext' in event && 'httpMethod' in event;
}

export function routeOf(event: APIGatewayProxyEvent): Route | undefined {
  const path = (event.resource || event.path || '').replace(/\/+$/, '');
  return Object.values(Route).find((route) => route === path);
}

/** The query as name -> value. A parameter given twice is refused: which one was meant is a guess. */
export function queryParameters(event: APIGatewayProxyEvent): QueryParseResult<Record<string, string>> {
  const multi = event.multiValueQueryStringParameters ?? {};
  for (const [name, values] of Object.entries(multi)) {
    if ((values?.length ?? 0) > 1) return parameterError(name.slice(0, 64), 'is given more than once');
  }
  // No prototype: a parameter named "__proto__" or "constructor" is just an unknown parameter.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) params[name] = value;
  }
  return { ok: true, value: params };
}

/**
 * The partner, as the API Gateway Lambda authorizer resolved it from the x-api-key header
 * (functions/api-key-authorizer.ts). The org is never read from the request itself.
 */
export function partnerFromAuthorizer(event: APIGatewayProxyEvent): Partner | undefined {
  const context = event.requestContext?.authorizer as Record<string, unknown> | null | undefined;
  const orgId = context?.orgId;
  if (typeof orgId !== 'string' || orgId === '') return undefined;
  const programIds = typeof context?.programIds === 'string' && context.programIds !== '' ? context.programIds.split(',').map(Number) : undefined;
  return {
    orgId,
    ...(programIds && { programIds }),
    keyLabel: typeof context?.keyLabel === 'string' ? context.keyLabel : 'unknown',
  };
}

export function toProxyResult(answer: HttpAnswer): APIGatewayProxyResult {
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(answer.body),
  };
}
