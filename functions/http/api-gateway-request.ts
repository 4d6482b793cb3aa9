import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { HttpAnswer } from './capillary-envelope';
import { parameterError, type QueryParseResult } from '../schemas/http/query-fields';

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
 * The partner's key, from the `x-api-key` header (any case). Over 256 characters is no key.
 * The function resolves the key itself rather than trusting an authorizer context in the event:
 * an event's shape is no credential, and a Lambda allowed to invoke the function could forge one.
 */
export function apiKeyOf(headers: Readonly<Record<string, string | undefined>> | null | undefined): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'x-api-key');
  const key = entry?.[1]?.trim();
  return key && key.length <= 256 ? key : undefined;
}

export function toProxyResult(answer: HttpAnswer): APIGatewayProxyResult {
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(answer.body),
  };
}
