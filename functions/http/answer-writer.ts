import type { APIGatewayProxyResult } from 'aws-lambda';
import { AnswerFormat, answerFormatOfParameters } from './answer-format';
import { answerFormatOfEvent, isApiGatewayEvent, toProxyResult } from './api-gateway-request';
import type { HttpAnswer } from './envelope';
import { xmlBodyOf } from './xml-body';

/**
 * What a direct invocation gets back (README, "Direct invocation"): the HTTP status, and the body
 * as an object, or as the XML document (a string) when its params ask for `format: "xml"`.
 */
export interface DirectAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

/**
 * The one place an answer is written for its transport, for every answer of the function (those of
 * the operations, 401/404/405, a malformed event, the 503 of a failure): an API Gateway proxy result
 * with the content type of the format the query asks for, or a direct invocation's `{statusCode, body}`.
 */
export function writeAnswer(event: unknown, answer: HttpAnswer): APIGatewayProxyResult | DirectAnswer {
  if (isApiGatewayEvent(event)) return toProxyResult(answer, answerFormatOfEvent(event));
  const format = answerFormatOfParameters((event as { params?: unknown } | null)?.params);
  return { statusCode: answer.statusCode, body: format === AnswerFormat.XML ? xmlBodyOf(answer.body) : answer.body };
}
