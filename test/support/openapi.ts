import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument } from '../../scripts/openapi/openapi-document';

/**
 * Checking requests and answers against the API document, as generated now (a test keeps the
 * committed openapi.json equal to it), with a JSON Schema 2020-12 validator.
 */
export const API_DOCUMENT = openApiDocument() as { paths: Record<string, Record<string, OperationObject>>; components: { schemas: Record<string, unknown> } };

interface OperationObject {
  readonly parameters: readonly { readonly name: string }[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, unknown>;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(API_DOCUMENT, 'openapi.json');

/** The problems of a value against the schema at a place in the document; [] when it is valid. */
export function problemsAt(place: readonly (string | number)[], value: unknown): string[] {
  const pointer = place.map((part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const validate = ajv.getSchema(`openapi.json#/${pointer}`);
  if (!validate) return [`the document has no schema at ${place.join(' ')}`];
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`);
}

/** The operation the document has for a path and method (lower case), if any. */
export function documentedOperation(path: string, method: string): OperationObject | undefined {
  return API_DOCUMENT.paths[path]?.[method.toLowerCase()];
}

/** The problems of an answer's JSON body against what the document says the operation answers with this HTTP status. */
export function answerProblems(path: string, method: string, status: number, body: unknown): string[] {
  if (!documentedOperation(path, method)?.responses[status]) return [`the document has no ${status} answer for ${method} ${path}`];
  return problemsAt(['paths', path, method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema'], body);
}

/** The problems of a request's query parameters and JSON body against the document. */
export function requestProblems(path: string, method: string, query: Readonly<Record<string, string>>, body?: unknown): string[] {
  const operation = documentedOperation(path, method);
  if (!operation) return [`the document has no ${method} ${path}`];
  const at = ['paths', path, method.toLowerCase()];
  const problems = Object.entries(query).flatMap(([name, value]) => {
    const index = operation.parameters.findIndex((parameter) => parameter.name === name);
    if (index < 0) return [`${name}: not a parameter of ${method} ${path}`];
    return problemsAt([...at, 'parameters', index, 'schema'], value).map((problem) => `${name}: ${problem}`);
  });
  if (body === undefined) return operation.requestBody ? [...problems, 'the body is missing'] : problems;
  return [...problems, ...problemsAt([...at, 'requestBody', 'content', 'application/json', 'schema'], body).map((problem) => `body: ${problem}`)];
}
