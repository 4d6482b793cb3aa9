import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultItemMessage, ItemCode } from '../functions/core/item-codes';
import { pointsApiOperations } from '../functions/operations/points-api-operations';
import { codeBlocksOf, curlRequestOf, shellCommandsOf, type CodeBlock, type CurlRequest } from './support/markdown';
import { answerProblems, requestProblems } from './support/openapi';
import { PROJECT_ROOT } from './support/paths';
import { readXml, xmlReadingOf } from './support/xml';

/**
 * What the README shows is what the service takes and answers: every request (curl, a request body,
 * a direct invocation) and every answer is checked against the API document; an XML answer reads
 * back as the JSON answer to the same request; every curl shows errors (-sS), so a wrong port says
 * so; the item-code table says the messages the service sends.
 */
const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const BLOCKS = codeBlocksOf(README);
/** The routes only `npm start` serves. */
const LOCAL_ONLY = new Set(['/local/outbox', '/openapi.json', '/local/events', '/local/dead-letters']);
/** Requests the README shows on purpose as malformed (the answer is the 400 they get): the document refuses them too. */
const SHOWN_MALFORMED = ['points=abc', 'points=-5'];

interface Shown {
  readonly where: string;
  readonly problems: readonly string[];
}

function curlsOf(block: CodeBlock): CurlRequest[] {
  return shellCommandsOf(block.text).filter((words) => words[0] === 'curl').map((words) => curlRequestOf(words.slice(1)));
}

/** A request's path and query; the deployed API's `<ApiUrl>` stands for its base. */
function partsOf(request: CurlRequest): { path: string; query: Record<string, string> } {
  const url = new URL(request.url.replace('<ApiUrl>', 'https://api.example/'));
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

/** Where in the API an answer belongs, by its shape; the HTTP status by default for its status.code. */
function answerPlaceOf(value: any): { path: string; method: string; status: number } | undefined {
  if (value?.response?.status) {
    const status = [200, 500].includes(value.response.status.code) ? 200 : value.response.status.code;
    if (value.response.validation_code) return { path: '/v1.1/points/validationcode', method: 'GET', status };
    if (value.response.responses) return { path: '/v1.1/points/redeem', method: 'POST', status };
    return { path: '/v1.1/points/isredeemable', method: 'GET', status };
  }
  if (value && 'pointsReversed' in value) return { path: '/v2/points/reverse', method: 'POST', status: 200 };
  return undefined;
}

/** Where in the API a request body belongs, by its shape. */
function bodyPlaceOf(value: any): { path: string; method: string } | undefined {
  if (value?.root?.redeem) return { path: '/v1.1/points/redeem', method: 'POST' };
  if (value?.identifier && (value.redemptionId || value.externalReferenceNumber) && !('pointsReversed' in value)) return { path: '/v2/points/reverse', method: 'POST' };
  return undefined;
}

/**
 * A direct invocation event: its params are the operation's query parameters (any scalar, read as
 * text). An operation with no route (direct invocation only, so not in the API document) is read by
 * its own request schema, as the function reads it.
 */
function eventProblems(event: { operation: string; params?: Record<string, unknown>; body?: unknown }): string[] {
  const operation = pointsApiOperations[event.operation as keyof typeof pointsApiOperations];
  if (!operation) return [`no operation ${event.operation}`];
  const params = Object.fromEntries(Object.entries(event.params ?? {}).map(([name, value]) => [name, String(value)]));
  if (!operation.route) {
    const read = operation.request.parse({ params, body: event.body });
    return read.ok ? [] : [`${read.error.parameter}: ${read.error.message}`];
  }
  return requestProblems(operation.route.path, operation.route.method, params, event.body);
}

const json = (block: CodeBlock): unknown => {
  try {
    return JSON.parse(block.text);
  } catch {
    return undefined;
  }
};

const curls = BLOCKS.filter((block) => block.lang === 'sh').flatMap((block) => curlsOf(block).map((request) => ({ block, request })));
const jsonBlocks = BLOCKS.filter((block) => block.lang === 'json');

describe('the README', () => {
  it('shows curls that say when they cannot connect (-sS), so a wrong port is not silence', () => {
    expect(curls.length).toBeGreaterThan(50);
    expect(curls.filter(({ request }) => !request.showsErrors).map(({ block, request }) => `line ${block.line}: ${request.url}`)).toEqual([]);
  });

  it('shows requests the API document takes: every curl’s path, method, query parameters and body', () => {
    const shown: Shown[] = curls.flatMap(({ block, request }) => {
      const { path, query } = partsOf(request);
      if (LOCAL_ONLY.has(path)) return [];
      const body = request.body === undefined ? undefined : JSON.parse(request.body);
      return [{ where: `line ${block.line}: ${request.method} ${request.url}`, problems: requestProblems(path, request.method, query, body) }];
    });
    const malformed = (entry: Shown) => SHOWN_MALFORMED.some((query) => entry.where.includes(`&${query}&`));
    expect(shown.length).toBeGreaterThan(50);
    expect(shown.filter((entry) => entry.problems.length > 0 && !malformed(entry))).toEqual([]);
    expect(shown.filter(malformed).map((entry) => entry.problems.length > 0)).toEqual(SHOWN_MALFORMED.map(() => true));
  });

  it('shows answers, request bodies and direct invocations the API document describes', () => {
    const shown: (Shown & { kind: string })[] = jsonBlocks.flatMap((block) => {
      const value = json(block) as any;
      const where = `line ${block.line}`;
      const answer = answerPlaceOf(value);
      if (answer) return [{ where, kind: `answer ${answer.path}`, problems: answerProblems(answer.path, answer.method, answer.status, value) }];
      const body = bodyPlaceOf(value);
      if (body) return [{ where, kind: `body ${body.path}`, problems: requestProblems(body.path, body.method, {}, value) }];
      if (value?.operation && value?.apiKey) return [{ where, kind: 'direct invocation', problems: eventProblems(value) }];
      return [];
    });
    expect(shown.filter((entry) => entry.problems.length > 0)).toEqual([]);
    expect(new Set(shown.map((entry) => entry.kind))).toEqual(
      new Set([
        'answer /v1.1/points/isredeemable',
        'answer /v1.1/points/validationcode',
        'answer /v1.1/points/redeem',
        'answer /v2/points/reverse',
        'body /v1.1/points/redeem',
        'body /v2/points/reverse',
        'direct invocation',
      ]),
    );
  });

  it('shows no answer or request that is not JSON in a json block (write it whole)', () => {
    const unreadable = jsonBlocks.filter((block) => json(block) === undefined && /"(response|root|pointsReversed|redemptionId|operation)"/.test(block.text));
    expect(unreadable.map((block) => `line ${block.line}`)).toEqual([]);
  });

  it('shows XML answers that read back as the JSON answer it shows to the same request', () => {
    // The answer a block shows is the block right after a sh block with one curl.
    const answers = new Map<string, { block: CodeBlock; curl: CurlRequest }>();
    BLOCKS.forEach((block, i) => {
      const asked = i > 0 && BLOCKS[i - 1]!.lang === 'sh' ? curlsOf(BLOCKS[i - 1]!) : [];
      if (asked.length === 1 && (block.lang === 'json' || block.lang === 'xml')) answers.set(`${block.lang} ${sameRequest(asked[0]!)}`, { block, curl: asked[0]! });
    });
    const xmlAnswers = [...answers.entries()].filter(([key]) => key.startsWith('xml '));
    expect(xmlAnswers.length).toBeGreaterThan(0);
    for (const [key, { block }] of xmlAnswers) {
      const same = answers.get(key.replace(/^xml /, 'json '));
      expect({ line: block.line, json: same !== undefined }).toEqual({ line: block.line, json: true });
      expect(readXml(block.text.replace(/>\s+</g, '><'))).toEqual(xmlReadingOf(JSON.parse(same!.block.text)));
    }
  });

  it('names every item code in its table with the message the service sends', () => {
    const table = README.slice(README.indexOf('\n### Item codes\n'));
    const rows = [...table.slice(0, table.indexOf('\n\n', table.indexOf('|'))).matchAll(/^\| (\d+)(?: \(ours\))? \| ([^|]+) \|/gm)];
    expect(rows.map((row) => [Number(row[1]), row[2]!.trim()]).sort(([a], [b]) => Number(a) - Number(b))).toEqual(
      Object.values(ItemCode)
        .map((code) => [code, defaultItemMessage[code]])
        .sort(([a], [b]) => Number(a) - Number(b)),
    );
  });
});

/** A request, whatever format it asks for: method, path and the other parameters, sorted. */
function sameRequest(request: CurlRequest): string {
  const { path, query } = partsOf(request);
  const rest = Object.entries(query).filter(([name]) => name !== 'format').sort(([a], [b]) => a.localeCompare(b));
  return `${request.method} ${path}?${new URLSearchParams(rest)} ${request.body ?? ''}`;
}
