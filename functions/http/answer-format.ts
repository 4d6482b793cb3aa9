import * as v from 'valibot';
import { FormatSchema } from '../schemas/http/query-fields';
import { xmlBodyOf } from './xml-body';

/**
 * How an answer is written: JSON (the default) or XML, as the request's `format` parameter asks
 * (any case). Only `format` switches: a public client sends `Accept: application/xml` with
 * `format=json` and reads JSON (README, "XML answers").
 */
export const AnswerFormat = { JSON: 'json', XML: 'xml' } as const;
export type AnswerFormat = (typeof AnswerFormat)[keyof typeof AnswerFormat];

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
