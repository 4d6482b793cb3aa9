import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResult } from 'aws-lambda';
import * as v from 'valibot';
import { apiKeyDigest } from '../../../functions/core/api-key';
import { KeyScope, type Partner } from '../../../functions/core/model';
import type { PointsLedger } from '../../../functions/core/ports/points-ledger';
import { makePointsApiHandler } from '../../../functions/handlers/points-api-handler';
import { statusAnswer } from '../../../functions/http/envelope';
import { defineOperation, type Operation } from '../../../functions/http/operation';
import type { PointsApiPorts } from '../../../functions/operations/points-api-operations';
import { queryAndBodyRequest, queryRequest } from '../../../functions/schemas/http/request-spec';
import { InMemoryCustomerDirectory, InMemoryGroupDirectory, InMemoryProgramCatalog, ScriptedValidationCodes } from '../../support/in-memory-ports';
import { lambdaContext, proxyEvent } from '../../support/points-api-stack';
import { readXml } from '../../support/xml';

/**
 * The dispatcher, on a table of test operations: routes and methods, bodies, direct-only rows and
 * what a failure tells the caller, whatever the operations are.
 */
const KEY = 'dispatch-test-key';
const partner: Partner = { orgId: 'demo', keyLabel: 'test' };
const answered = (what: unknown) => ({ statusCode: 200, body: { response: { status: { success: 'true', code: 200, message: 'Success' }, what } } });
const invalid = (error: { parameter: string; code: number; message: string }) => statusAnswer(400, error.message);
const none = v.object({});

const table: Record<string, Operation<PointsApiPorts>> = {
  record: defineOperation<PointsApiPorts, { value: number }, number>({
    route: { method: 'POST', path: '/test/records' },
    writes: true,
    scope: KeyScope.REDEEM,
    request: queryAndBodyRequest(none, v.object({ value: v.number() }), (_query, body) => ({ ok: true, value: body })),
    run: async (_deps, _partner, request) => request.value * 2,
    answer: answered,
    invalid,
    logFields: () => ({}),
    measure: () => ({ itemCode: 200 }),
  }),
  list: defineOperation<PointsApiPorts, object, string>({
    route: { method: 'GET', path: '/test/records' },
    writes: false,
    scope: KeyScope.CHECK,
    request: queryRequest(none, () => ({ ok: true, value: {} })),
    run: async () => 'listed',
    answer: answered,
    invalid,
    logFields: () => ({}),
    measure: () => ({ itemCode: 200 }),
  }),
  internal: defineOperation<PointsApiPorts, object, string>({
    writes: true,
    scope: KeyScope.REDEEM,
    request: queryRequest(none, () => ({ ok: true, value: {} })),
    run: async () => 'internal',
    answer: answered,
    invalid,
    logFields: () => ({}),
    measure: () => ({ itemCode: 200 }),
  }),
  failingWrite: defineOperation<PointsApiPorts, object, string>({
    route: { method: 'POST', path: '/test/failing' },
    writes: true,
    scope: KeyScope.REDEEM,
    request: queryRequest(none, () => ({ ok: true, value: {} })),
    run: async () => {
      throw new Error('DynamoDB is down');
    },
    answer: answered,
    invalid,
    logFields: () => ({}),
    measure: () => ({ itemCode: 200 }),
  }),
  failingRead: defineOperation<PointsApiPorts, object, string>({
    route: { method: 'GET', path: '/test/failing' },
    writes: false,
    scope: KeyScope.CHECK,
    request: queryRequest(none, () => ({ ok: true, value: {} })),
    run: async () => {
      throw new Error('DynamoDB is down');
    },
    answer: answered,
    invalid,
    logFields: () => ({}),
    measure: () => ({ itemCode: 200 }),
  }),
};

const handler = makePointsApiHandler(
  {
    programs: new InMemoryProgramCatalog([]),
    customers: new InMemoryCustomerDirectory([]),
    groups: new InMemoryGroupDirectory([]),
    validationCodes: new ScriptedValidationCodes(),
    ledger: new Proxy({}, { get: () => { throw new Error('the test operations use no ledger'); } }) as PointsLedger,
    clock: { now: () => 0 },
    random: { randomInt: () => 0 },
    backoff: { wait: async () => undefined },
    partners: { findByKeyDigest: async (digest) => (digest === apiKeyDigest(KEY) ? partner : undefined) },
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
  },
  table,
);

async function http(method: string, path: string, body: string | null = null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const event = { ...proxyEvent(path, null, KEY), httpMethod: method, body, headers: { 'x-api-key': KEY, ...headers } };
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyResult;
  return { statusCode: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(result.body) };
}
const direct = (event: unknown) => handler(event as never, lambdaContext()) as Promise<{ statusCode: number; body: any }>;

describe('dispatching from an operations table', () => {
  it('picks the operation by path and method, and reads the JSON body of those that take one', async () => {
    expect((await http('POST', '/test/records', '{"value": 21}')).body.response.what).toBe(42);
    expect((await http('GET', '/test/records')).body.response.what).toBe('listed');
  });

  it('answers 405 with the allowed methods for a method no operation of the path takes', async () => {
    const answer = await http('DELETE', '/test/records');
    expect(answer.statusCode).toBe(405);
    expect(answer.headers.allow).toBe('POST, GET');
    expect(answer.body).toEqual({ response: { status: { success: 'false', code: 405, message: 'Method not allowed: use POST or GET' } } });
  });

  it('answers 404 for a path of no operation, even with a valid key', async () => {
    expect((await http('GET', '/test/nothing')).statusCode).toBe(404);
  });

  it('answers malformed JSON with 400 in the envelope, and 413 and 415 for bodies it will not read', async () => {
    const malformed = await http('POST', '/test/records', '{"value": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body.response.status.message).toBe('body: is not valid JSON');
    const tooLarge = await http('POST', '/test/records', JSON.stringify({ value: 1, pad: 'x'.repeat(1024 * 1024) }));
    expect([tooLarge.statusCode, tooLarge.body.response.status.code]).toEqual([413, 413]);
    const form = await http('POST', '/test/records', 'value=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([form.statusCode, form.body.response.status.code]).toEqual([415, 415]);
  });

  it('refuses a body that breaks its schema, naming the field', async () => {
    const answer = await http('POST', '/test/records', '{"value": "21"}');
    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.status.message).toMatch(/^value: /);
  });

  it('serves a row without a route only by direct invocation, with params and a body', async () => {
    expect((await direct({ operation: 'internal', apiKey: KEY })).body.response.what).toBe('internal');
    expect((await direct({ operation: 'record', apiKey: KEY, body: { value: 5 } })).body.response.what).toBe(10);
    const unknown = await direct({ operation: 'nothing', apiKey: KEY });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body.response.status.message).toContain('operation must be one of record, list, internal, failingWrite, failingRead');
  });

  it('tells the caller on a 503 whether anything may have changed: never for a read, maybe for a write', async () => {
    const read = await http('GET', '/test/failing');
    expect(read.statusCode).toBe(503);
    expect(read.body.response.status.message).toMatch(/nothing was changed; retry shortly/);
    const write = await http('POST', '/test/failing');
    expect(write.statusCode).toBe(503);
    expect(write.body.response.status.message).toMatch(/may or may not have been applied; retry with the same reference/);
    expect(write.body.response.status.message).not.toMatch(/nothing was changed/);
    const directWrite = await direct({ operation: 'failingWrite', apiKey: KEY });
    expect(directWrite.body.response.status.message).toMatch(/retry with the same reference/);
  });

  it('answers a 503 in XML when the request asks for it', async () => {
    const event = { ...proxyEvent('/test/failing', { format: 'xml' }, KEY), httpMethod: 'GET' };
    const result = (await handler(event, lambdaContext())) as APIGatewayProxyResult;
    expect([result.statusCode, result.headers?.['content-type']]).toEqual([503, 'application/xml; charset=utf-8']);
    expect((readXml(result.body) as any).response.status).toMatchObject({ success: 'false', code: '503', message: expect.stringMatching(/nothing was changed/) });
    const directRead = await direct({ operation: 'failingRead', apiKey: KEY, params: { format: 'xml' } });
    expect((readXml(directRead.body as string) as any).response.status.code).toBe('503');
  });
});
