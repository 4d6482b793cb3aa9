import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { defaultItemMessage, ItemCode } from '../../../functions/core/item-codes';
import { KeyScope } from '../../../functions/core/model';
import { defineOperation, type Operation } from '../../../functions/http/operation';
import { pointsApiOperations } from '../../../functions/operations/points-api-operations';
import { StatusAnswerSchema } from '../../../functions/schemas/http/answers/envelope-schemas';
import { queryRequest } from '../../../functions/schemas/http/request-spec';
import { OPENAPI_FILE, openApiDocument, openApiText } from '../../../scripts/openapi/openapi-document';
import { API_DOCUMENT, problemsAt } from '../../support/openapi';
import { BASE_ENV, runCommand } from '../run-command';

/** The OpenAPI document: generated from the operations table, committed, current, valid OpenAPI 3.1. */
const routed = Object.entries(pointsApiOperations).filter(([, operation]) => operation.route !== undefined);

describe('the OpenAPI document', () => {
  it('is committed as npm run openapi writes it (run it after changing an operation or a schema)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
  });

  it('npm run openapi -- FILE writes the same document', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');

    // Act
    const run = await runCommand('npm', ['run', '--silent', 'openapi', '--', file], BASE_ENV);

    // Assess
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(openApiText());
  });

  it('is valid OpenAPI 3.1 (the official schema, through @seriousme/openapi-schema-validator)', async () => {
    // Act
    const run = await runCommand('npx', ['--no-install', 'validate-api', OPENAPI_FILE], BASE_ENV);

    // Assess
    expect(JSON.parse(run.stdout)).toEqual({ valid: true });
    expect(API_DOCUMENT).toMatchObject({ openapi: '3.1.0', jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema' });
  });

  it('has every operation with a route, by its method, and each query parameter and body of its schemas', () => {
    for (const [name, operation] of routed) {
      const documented = API_DOCUMENT.paths[operation.route!.path]?.[operation.route!.method.toLowerCase()] as any;
      expect(documented).toMatchObject({ operationId: name, summary: expect.any(String) });
      const entries = Object.keys((operation.request.query as unknown as { entries: object }).entries);
      expect(documented.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(entries);
      expect(documented.requestBody !== undefined).toBe(operation.request.body !== undefined);
    }
    expect(Object.values(API_DOCUMENT.paths).flatMap((methods) => Object.keys(methods))).toHaveLength(routed.length);
  });

  it('answers: 200, 400 and the REST status of each refusal, 401, 403, 429, 503; 413 and 415 where a body is read', () => {
    const statuses = (path: string, method: string) => Object.keys((API_DOCUMENT.paths[path]![method] as any).responses);
    expect(statuses('/v1.1/points/isredeemable', 'get')).toEqual(['200', '400', '401', '403', '429', '503']);
    expect(statuses('/v1.1/points/validationcode', 'get')).toEqual(['200', '400', '401', '403', '429', '503']);
    expect(statuses('/v1.1/points/redeem', 'post')).toEqual(['200', '400', '401', '403', '409', '413', '415', '429', '503']);
    expect(statuses('/v2/points/reverse', 'post')).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '429', '503']);
  });

  it('names every item code with the message it is sent with', () => {
    const itemCodes = (API_DOCUMENT.components.schemas.ItemCode as { anyOf: { const: number; description: string }[] }).anyOf;
    expect(itemCodes.map(({ const: code, description }) => [code, description])).toEqual(Object.values(ItemCode).map((code) => [code, defaultItemMessage[code]]));
  });

  it('every schema in it compiles as JSON Schema 2020-12, and a status answer validates against its own', () => {
    expect(problemsAt(['components', 'schemas', 'StatusAnswer'], v.parse(StatusAnswerSchema, { response: { status: { success: 'false', code: 401, message: 'no' } } }))).toEqual([]);
    for (const [path, methods] of Object.entries(API_DOCUMENT.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const status of Object.keys(operation.responses)) {
          expect(problemsAt(['paths', path, method, 'responses', status, 'content', 'application/json', 'schema'], null).length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('leaves out rows without a route (direct invocation only), and refuses a route without a document', () => {
    // Prepare
    const row = (route?: Operation<unknown>['route']) =>
      defineOperation<unknown, object, string>({
        ...(route && { route }),
        writes: false,
        scope: KeyScope.CHECK,
        request: queryRequest(v.object({}), () => ({ ok: true, value: {} })),
        run: async () => 'done',
        answer: () => ({ statusCode: 200, body: {} }),
        invalid: () => ({ statusCode: 400, body: {} }),
        logFields: () => ({}),
        measure: () => ({ itemCode: 200 }),
      });

    // Act
    const directOnly = openApiDocument({ ...pointsApiOperations, internal: row() });

    // Assess
    expect(directOnly.paths).toEqual(API_DOCUMENT.paths);
    expect(() => openApiDocument({ undocumented: row({ method: 'GET', path: '/test' }) })).toThrow('operation undocumented has a route but no document');
  });
});
