import type { APIGatewayProxyEvent } from 'aws-lambda';
import { jsonBodyOf, MAX_BODY_BYTES } from '../../../functions/http/api-gateway-request';

const withBody = (body: string | null, headers: Record<string, string> = { 'Content-Type': 'application/json' }, isBase64Encoded = false) =>
  ({ body, headers, isBase64Encoded }) as unknown as APIGatewayProxyEvent;

describe('the JSON body reader', () => {
  it('reads a JSON body, with or without a charset, in any header case', () => {
    expect(jsonBodyOf(withBody('{"a":1}'))).toEqual({ ok: true, body: { a: 1 } });
    expect(jsonBodyOf(withBody('[1,2]', { 'content-type': 'application/json; charset=utf-8' }))).toEqual({ ok: true, body: [1, 2] });
  });

  it('decodes a base64-encoded body as API Gateway hands binary-typed payloads over', () => {
    expect(jsonBodyOf(withBody(Buffer.from('{"b":"é"}').toString('base64'), undefined, true))).toEqual({ ok: true, body: { b: 'é' } });
  });

  it('has no body when none was sent', () => {
    expect(jsonBodyOf(withBody(null))).toEqual({ ok: true, body: undefined });
    expect(jsonBodyOf(withBody(''))).toEqual({ ok: true, body: undefined });
  });

  it('refuses text that is not JSON with 400 naming the body', () => {
    const read = jsonBodyOf(withBody('{"a":'));
    expect(read).toMatchObject({ ok: false, statusCode: 400, error: { parameter: 'body', message: 'body: is not valid JSON' } });
  });

  it('refuses another content type with 415, and a missing one', () => {
    expect(jsonBodyOf(withBody('a=1', { 'content-type': 'application/x-www-form-urlencoded' }))).toMatchObject({ ok: false, statusCode: 415 });
    expect(jsonBodyOf(withBody('{}', {}))).toMatchObject({ ok: false, statusCode: 415 });
  });

  it('refuses more than 64 KB with 413, counting bytes, not characters', () => {
    const atLimit = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    expect(jsonBodyOf(withBody(atLimit))).toMatchObject({ ok: true });
    // 'é' is two bytes in UTF-8: half as many characters pass the limit.
    const overInBytes = `"${'é'.repeat(MAX_BODY_BYTES / 2)}"`;
    expect(jsonBodyOf(withBody(overInBytes))).toMatchObject({ ok: false, statusCode: 413 });
    expect(jsonBodyOf(withBody(`"${'x'.repeat(1024 * 1024)}"`))).toMatchObject({ ok: false, statusCode: 413 });
  });
});
