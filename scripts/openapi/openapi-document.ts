import { join } from 'node:path';
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { Operation, OperationDocument } from '../../functions/http/operation';
import { pointsApiOperations } from '../../functions/operations/points-api-operations';
import { NAMED_ANSWER_SCHEMAS } from '../../functions/schemas/http/answers/named-answer-schemas';
import packageJson from '../../package.json';

/**
 * The points API's OpenAPI 3.1 document, generated (never written by hand) from the operations
 * table: one operation per row with a route, its query parameters and JSON body from the row's
 * valibot request schemas, its answers from the row's answer schemas, each converted to JSON Schema
 * 2020-12 by @valibot/to-json-schema. `npm run openapi` writes it to openapi.json; a test keeps that
 * file current (README, "OpenAPI").
 */
export type OpenApiDocument = Readonly<Record<string, unknown>>;

/** The committed document, at the project root. */
export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * How valibot schemas are converted: the input a client sends (a pipe stops where it transforms),
 * shared answer schemas as references to components. Actions that only normalise or cross-check
 * (trim, case, checks in code) have no JSON Schema form and are left out; anything else that cannot
 * be converted stops the generation.
 */
const CONVERSION: ConversionConfig = {
  target: 'draft-2020-12',
  typeMode: 'input',
  errorMode: 'throw',
  ignoreActions: ['trim', 'to_lower_case', 'to_upper_case', 'check'],
  definitions: NAMED_ANSWER_SCHEMAS,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
};

/** A schema as the document holds it: no dialect or definitions of its own (the document has them). */
function jsonSchemaOf(schema: v.GenericSchema): JsonSchema {
  const { $schema: _dialect, $defs: _definitions, ...converted } = toJsonSchema(schema, CONVERSION);
  return converted;
}

const ref = (name: keyof typeof NAMED_ANSWER_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

/** Every media type an answer of the function comes in: JSON, or XML for format=xml (the same elements). */
const answerContent = (schema: JsonSchema) => ({ 'application/json': { schema }, 'application/xml': { schema } });

/** Answers only API Gateway gives (its gateway responses): JSON whatever the format. */
const gatewayContent = () => ({ 'application/json': { schema: ref('StatusAnswer') } });

type Responses = Record<string, { readonly description: string; readonly content: unknown }>;

/** The answers every operation may give, whatever it does. */
function commonResponses(takesBody: boolean): Responses {
  const statusOnly = (description: string) => ({ description, content: answerContent(ref('StatusAnswer')) });
  return {
    401: statusOnly('No x-api-key, or a key that is not known or is disabled (JSON when API Gateway answers it)'),
    403: { description: 'The key may not call this resource (API Gateway, or the function for a scope the key lacks)', content: answerContent(ref('StatusAnswer')) },
    ...(takesBody && {
      413: statusOnly('The JSON body is over 64 KB'),
      415: statusOnly('The body is not application/json'),
    }),
    429: { description: 'Too many requests: the stage or the key’s usage plan throttles (API Gateway, JSON)', content: gatewayContent() },
    503: statusOnly('A dependency failed; the message says whether anything may have changed and how to retry'),
  };
}

/** The answers of one operation: read (200), malformed (400), refusals by their status, and the common ones. */
function responsesOf(document: OperationDocument, takesBody: boolean): Responses {
  const answer = jsonSchemaOf(document.answer);
  const invalid = document.invalid === document.answer ? answer : jsonSchemaOf(document.invalid);
  const refusalNote = (status: number) => document.refusals[status];
  const responses: Responses = { ...commonResponses(takesBody) };
  if (document.envelope === 'v1.1') {
    responses[200] = {
      description: 'Answered: success, or a refusal (status.code 500, item_status.code says why: every refusal is HTTP 200 unless the key has failedCheckHttpStatus 400)',
      content: answerContent(answer),
    };
    for (const status of Object.keys(document.refusals).map(Number).filter((s) => s !== 400)) {
      responses[status] = { description: `For a key with failedCheckHttpStatus 400: ${refusalNote(status)}`, content: answerContent(answer) };
    }
    responses[400] = {
      description: `Malformed request (status.code 400, invalid_parameter names it; an event refused whole, with more than 100 parameters or 200 headers, carries the status only); for a key with failedCheckHttpStatus 400 also ${refusalNote(400)}`,
      content: answerContent({ anyOf: [invalid, answer, ref('StatusAnswer')] }),
    };
  } else {
    responses[200] = { description: 'Done', content: answerContent(answer) };
    for (const [status, note] of Object.entries(document.refusals)) {
      const malformed = status === '400' ? '; or a malformed request (errors[0].field names it), or an event refused whole (the v1.1 status only)' : '';
      responses[status] = { description: `Refused, for every key: ${note}${malformed}`, content: answerContent(status === '400' ? { anyOf: [answer, ref('StatusAnswer')] } : answer) };
    }
  }
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

/** The query parameters of a request schema, one each, none required (the operation says what it needs). */
function parametersOf(query: v.GenericSchema) {
  const entries = (query as unknown as { entries?: Record<string, v.GenericSchema> }).entries ?? {};
  return Object.entries(entries).map(([name, schema]) => ({ name, in: 'query', required: false, schema: jsonSchemaOf(schema) }));
}

function operationObject(name: string, operation: Operation<unknown>, document: OperationDocument) {
  const { body, query } = operation.request;
  return {
    operationId: name,
    summary: document.summary,
    parameters: parametersOf(query),
    ...(body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(body) } } } }),
    responses: responsesOf(document, body !== undefined),
  };
}

/** The paths of every row with a route; a row with a route and no document is a mistake, and stops it. */
function pathsOf(operations: Readonly<Record<string, Operation<unknown>>>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, operation] of Object.entries(operations)) {
    if (!operation.route) continue;
    if (!operation.document) throw new Error(`operation ${name} has a route but no document: give its row a document`);
    paths[operation.route.path] = { ...paths[operation.route.path], [operation.route.method.toLowerCase()]: operationObject(name, operation, operation.document) };
  }
  return paths;
}

const DESCRIPTION = [
  'Capillary-compatible points redemption: the same requests as Capillary’s v1.1 points API and the same answers in the same envelope.',
  'Refusals (a failed check, a refused redemption or code) are HTTP 200 with status.code 500 and the item code, as the reference answers; a partner key with failedCheckHttpStatus 400 gets REST statuses instead.',
  'format=xml answers any operation in XML with the same elements (lists as an element per entry, named in the singular).',
  'Unknown paths answer 404, and a method a path does not take 405, in the same envelope.',
].join(' ');

/** The document, from the operations table (default: the points API's). */
export function openApiDocument(operations: Readonly<Record<string, Operation<unknown>>> = pointsApiOperations): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'Points redemption service', version: packageJson.version, description: DESCRIPTION },
    jsonSchemaDialect: SCHEMA_DIALECT,
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'npm start (local)' },
      { url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}', description: 'AWS (the ApiUrl output)', variables: { apiId: { default: 'apiId' }, region: { default: 'eu-west-1' }, stage: { default: 'prod' } } },
    ],
    security: [{ partnerKey: [] }],
    paths: pathsOf(operations),
    components: {
      securitySchemes: { partnerKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'The partner key: the org and its programs come from it' } },
      schemas: toJsonSchemaDefs(NAMED_ANSWER_SCHEMAS, CONVERSION),
    },
  };
}

/** The document as `npm run openapi` writes it and a test compares it: two-space JSON and a final newline. */
export function openApiText(document: OpenApiDocument = openApiDocument()): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
