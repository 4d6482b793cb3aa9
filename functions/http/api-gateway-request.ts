import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { MAX_PARAMETERS, parameterError, type ParameterError, type RequestParseResult } from '../schemas/http/query-fields';
import { AnswerFormat, answerFormatOfParameters, writtenBody } from './answer-format';
import type { HttpAnswer } from './envelope';
import { headerOf } from './api-key-header';

/** Reading API Gateway proxy events and writing proxy results; nothing here knows an operation. */

export function isApiGatewayEvent(event: unknown): event is APIGatewayProxyEvent {
  return typeof event === 'object' && event !== null && 'requestContext' in event && 'httpMethod' in event;
}

/** The resource path API Gateway matched (the route), without a trailing slash. */
export function resourcePathOf(event: APIGatewayProxyEvent): string {
  return (event.resource || event.path || '').replace(/\/+$/, '');
}

/** The query as name -> value. A parameter given twice is refused: which one was meant is a guess. */
export function queryParameters(event: APIGatewayProxyEvent): RequestParseResult<Record<string, string>> {
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

/** The largest JSON body an operation reads (ours: README, "Answers"). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * A request's JSON body: undefined when there is none. Refused: over MAX_BODY_BYTES (413), a
 * content type other than `application/json` (415), text that is not JSON (400, naming `body`).
 */
export type JsonBodyRead =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly statusCode: 413 | 415; readonly message: string }
  | { readonly ok: false; readonly statusCode: 400; readonly error: ParameterError };

export function jsonBodyOf(event: APIGatewayProxyEvent): JsonBodyRead {
  if (event.body === null || event.body === undefined || event.body === '') return { ok: true, body: undefined };
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) return { ok: false, statusCode: 413, message: `Request body too large: at most ${MAX_BODY_BYTES} bytes` };
  const contentType = headerOf(event.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return { ok: false, statusCode: 415, message: 'Unsupported media type: send the body as application/json' };
  }
  try {
    return { ok: true, body: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { ok: false, statusCode: 400, error: parameterError('body', 'is not valid JSON').error };
  }
}


/** The format the query's `format` asks for; a `format` given twice is unreadable, and a query over its bounds unread: JSON. */
export function answerFormatOfEvent(event: APIGatewayProxyEvent): AnswerFormat {
  const multiValue: unknown = event.multiValueQueryStringParameters;
  if (typeof multiValue === 'object' && multiValue !== null) {
    if (Object.keys(multiValue).length > MAX_PARAMETERS) return AnswerFormat.JSON;
    const formats = (multiValue as Record<string, unknown>).format;
    if (Array.isArray(formats) && formats.length > 1) return AnswerFormat.JSON;
  }
  return answerFormatOfParameters(event.queryStringParameters);
}

/** An answer as API Gateway's proxy result: its status, headers, and body written in the format asked for. */
export function toProxyResult(answer: HttpAnswer, format: AnswerFormat = AnswerFormat.JSON): APIGatewayProxyResult {
  const { contentType, text } = writtenBody(answer.body, format);
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': contentType, 'cache-control': 'no-store', ...answer.headers },
    body: text,
  };
}
