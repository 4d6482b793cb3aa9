import * as v from 'valibot';
import { FormatSchema, MAX_PARAMETERS } from '../schemas/http/query-fields';
import { xmlBodyOf } from './xml-body';

/**
 * How an answer is written: JSON (the default) or XML, as the request's `format` parameter asks
 * (any case). Only `format` switches: a public client sends `Accept: application/xml` with
 * `format=json` and reads JSON (README, "XML answers").
 */
export const AnswerFormat = { JSON: 'json', XML: 'xml' } as const;
export type AnswerFormat = (typeof AnswerFormat)[keyof typeof AnswerFormat];

/**
 * The format a request's parameters (a query's, or a direct invocation's `params`) ask for. Only
 * parameters within their bounds are read: an event refused for having more than MAX_PARAMETERS
 * (counted, not read) is answered in JSON, and no value of it is read, its `format` included.
 */
export function answerFormatOfParameters(params: unknown): AnswerFormat {
  if (typeof params !== 'object' || params === null || Object.keys(params).length > MAX_PARAMETERS) return AnswerFormat.JSON;
  return answerFormatOf((params as Record<string, unknown>).format);
}

/**
 * The format the `format` parameter asks for, read as the operations' schemas read it. Absent, or
 * not readable (`format=yaml`, which the operation then refuses): JSON. A malformed request that
 * asks for XML readably is answered in XML.
 */
export function answerFormatOf(format: unknown): AnswerFormat {
  if (typeof format !== 'string' && typeof format !== 'number' && typeof format !== 'boolean') return AnswerFormat.JSON;
  const read = v.safeParse(FormatSchema, String(format));
  return read.success && read.output === AnswerFormat.XML ? AnswerFormat.XML : AnswerFormat.JSON;
}

/** An answer's body as the text sent over HTTP, with its content type. */
export function writtenBody(body: unknown, format: AnswerFormat): { readonly contentType: string; readonly text: string } {
  return format === AnswerFormat.XML
    ? { contentType: 'application/xml; charset=utf-8', text: xmlBodyOf(body) }
    : { contentType: 'application/json; charset=utf-8', text: JSON.stringify(body) };
}
