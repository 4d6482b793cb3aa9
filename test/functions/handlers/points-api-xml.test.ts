import type { APIGatewayProxyResult } from 'aws-lambda';
import { DEMO_KEY, DEMO_REST_KEY, pointsApiStack, proxyEvent, type PointsApiStack, type ProxyRequest } from '../../support/points-api-stack';
import { answerProblems, documentedOperation, problemsAt } from '../../support/openapi';
import { readXml, xmlReadingOf } from '../../support/xml';

/**
 * format=xml over API Gateway: every answer of every operation is the same elements as its JSON
 * (parsed back and compared with the JSON answer to the same request), with the XML content type and
 * the same HTTP status; and the JSON answer is what the API document says the operation answers with
 * that status. Writes are sent with a reference, so the second request is a repeat that answers the same.
 */
const CHECK = '/v1.1/points/isredeemable';
const CODE = '/v1.1/points/validationcode';
const REDEEM = '/v1.1/points/redeem';
const REVERSE = '/v2/points/reverse';
const asha = { mobile: '919900000001', program_id: '1' };
const redemption = (reference: string, points: unknown = 100) => ({
  root: { redeem: [{ points_redeemed: points, customer: { mobile: '919900000001' }, external_reference_number: reference, transaction_number: 'T-1' }] },
});

const withFormat = (request: ProxyRequest, format: string): ProxyRequest => ({ ...request, query: { ...request.query, format } });

describe('format=xml: every answer of every operation, as the same elements as its JSON', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  /** The JSON answer (no format: the default) and the XML answer to the same request. */
  async function bothFormats(request: ProxyRequest): Promise<{ json: APIGatewayProxyResult; xml: APIGatewayProxyResult }> {
    const json = await stack.send(request);
    const xml = await stack.send(withFormat(request, 'xml'));
    return { json, xml };
  }

  it.each<[string, ProxyRequest, number]>([
    ['isredeemable 800, from a group wallet', { path: CHECK, query: { ...asha, points: '500', user_group2_id: '501' } }, 200],
    ['isredeemable 800, currency input', { path: CHECK, query: { ...asha, currency_input: 'true', currency_value: '50' } }, 200],
    ['isredeemable 800 with a code sent', { path: CHECK, query: { ...asha, program_id: '3', points: '100', issue_otp: 'true' } }, 200],
    ['isredeemable 819 and 807: a refusal, two failed checks', { path: CHECK, query: { ...asha, points: '205' } }, 200],
    ['isredeemable 816: a refusal with nothing of the customer', { path: CHECK, query: { mobile: '919912345678', points: '100' } }, 200],
    ['isredeemable 819 for a key asking for REST statuses', { path: CHECK, query: { ...asha, points: '210' }, apiKey: DEMO_REST_KEY }, 400],
    ['isredeemable malformed (801)', { path: CHECK, query: { ...asha, points: 'abc' } }, 400],
    ['validationcode issued', { path: CODE, query: { ...asha, program_id: '3', points: '100' } }, 200],
    ['validationcode 816', { path: CODE, query: { mobile: '919912345678', points: '100' } }, 200],
    ['validationcode malformed (no points)', { path: CODE, query: { ...asha } }, 400],
    ['redeem 800', { path: REDEEM, method: 'POST', body: redemption('XML-1') }, 200],
    ['redeem 744: the reference with another amount', { path: REDEEM, method: 'POST', body: redemption('XML-1', 50) }, 200],
    ['redeem 819', { path: REDEEM, method: 'POST', body: redemption('XML-2', 205) }, 200],
    ['redeem malformed body field', { path: REDEEM, method: 'POST', body: redemption('XML-3', 'many') }, 400],
    ['redeem body that is not JSON', { path: REDEEM, method: 'POST', body: '{"root": ' }, 400],
    ['redeem body that is not application/json (415)', { path: REDEEM, method: 'POST', body: 'points=1', headers: { 'Content-Type': 'text/plain' } }, 415],
    ['redeem body over 64 KB (413)', { path: REDEEM, method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(70_000) }) }, 413],
    ['reverse 200: warnings and errors empty', { path: REVERSE, method: 'POST', body: { externalReferenceNumber: 'XML-1', pointsToBeReversed: 30, identifier: { type: 'MOBILE', value: '919900000001' }, reversalReference: 'R-1' } }, 200],
    ['reverse 814: errors has one entry', { path: REVERSE, method: 'POST', body: { redemptionId: 'nosuchredemption', identifier: { type: 'ID', value: '1001' } } }, 404],
    ['reverse malformed', { path: REVERSE, method: 'POST', body: { identifier: { type: 'PASSPORT', value: '1' } } }, 400],
    ['401: an unknown key', { path: CHECK, query: { ...asha, points: '100' }, apiKey: 'not-a-key-of-anyone' }, 401],
    ['404: a path of no operation', { path: '/v1.1/points/nothing', query: {} }, 404],
    ['405: a method the path does not take', { path: CHECK, query: { ...asha, points: '100' }, method: 'DELETE' }, 405],
  ])('%s', async (_name, request, statusCode) => {
    // Act
    const { json, xml } = await bothFormats(request);

    // Assess
    expect([json.statusCode, xml.statusCode]).toEqual([statusCode, statusCode]);
    const method = request.method ?? 'GET';
    const documented = documentedOperation(request.path, method)?.responses[statusCode] !== undefined;
    expect(documented ? answerProblems(request.path, method, statusCode, JSON.parse(json.body)) : problemsAt(['components', 'schemas', 'StatusAnswer'], JSON.parse(json.body))).toEqual([]);
    expect(json.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(xml.headers?.['content-type']).toBe('application/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="UTF-8"?><response>')).toBe(true);
    expect(readXml(xml.body)).toEqual(xmlReadingOf(JSON.parse(json.body)));
  });

  it('reads as an XML-only client reads it: response/status/success, points/redeemable/is_redeemable, item_status/message', async () => {
    // Act
    const answer = readXml((await stack.send({ path: CHECK, query: { ...asha, points: '205', format: 'xml' } })).body) as any;

    // Assess
    expect(answer.response.status).toEqual({ success: 'false', code: '500', message: 'All requests have failed due to errors' });
    expect(answer.response.points.redeemable.is_redeemable).toBe('false');
    expect(answer.response.points.redeemable.item_status.message).toBe('Points are more than the maximum allowed per redemption');
    expect(answer.response.points.redeemable.explanation.failed_checks.failed_check.map((check: { code: string }) => check.code)).toEqual(['819', '807']);
  });

  it('only format switches: Accept: application/xml with format=json (a public client sends both) answers JSON', async () => {
    // Act
    const accept = await stack.send({ path: CHECK, query: { ...asha, points: '100', format: 'json' }, headers: { Accept: 'application/xml' } });
    const acceptAlone = await stack.send({ path: CHECK, query: { ...asha, points: '100' }, headers: { Accept: 'application/xml' } });

    // Assess
    for (const answer of [accept, acceptAlone]) {
      expect(answer.headers?.['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(answer.body).response.points.redeemable.item_status.code).toBe(800);
    }
  });

  it('format is read in any case and around spaces; anything but json or xml is refused in JSON, naming format', async () => {
    // Act
    const upper = await stack.send({ path: CHECK, query: { ...asha, points: '100', format: ' XML ' } });
    const yaml = await stack.send({ path: CHECK, query: { ...asha, points: '100', format: 'yaml' } });

    // Assess
    expect(upper.headers?.['content-type']).toBe('application/xml; charset=utf-8');
    expect(yaml.statusCode).toBe(400);
    expect(JSON.parse(yaml.body).response.points.redeemable).toMatchObject({ item_status: { code: 400, message: 'format: must be json or xml' }, invalid_parameter: 'format' });
  });

  it('format given twice is unreadable: the refusal of the duplicate comes in JSON', async () => {
    // Act
    const query = { ...asha, points: '100' };
    const multi = { ...Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])), format: ['json', 'xml'] };
    // API Gateway's single-value map holds the last value.
    const answer = (await stack.handler(proxyEvent(CHECK, { ...query, format: 'xml' }, DEMO_KEY, multi))) as APIGatewayProxyResult;

    // Assess
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body).response.points.redeemable.invalid_parameter).toBe('format');
  });

  it('text XML cannot carry (a control character in a parameter name the message repeats) is replaced, and the document stays well-formed', async () => {
    // Act
    const answer = await stack.send({ path: CHECK, query: { ...asha, points: '100', '\u0001odd': 'x'.repeat(1100), format: 'xml' } });

    // Assess
    expect(answer.statusCode).toBe(400);
    expect((readXml(answer.body) as any).response.status.message).toBe('\uFFFDodd: must be at most 1024 characters');
  });

  describe('direct invocation', () => {
    const invoke = (params: Record<string, unknown>, operation = 'isredeemable') =>
      stack.handler({ operation, apiKey: DEMO_KEY, params }) as Promise<{ statusCode: number; body: unknown }>;

    it('params format "xml": the body is the XML document, as a string, with the same elements as the object', async () => {
      // Act
      const object = await invoke({ ...asha, points: 205 });
      const xml = await invoke({ ...asha, points: 205, format: 'xml' });

      // Assess
      expect([object.statusCode, xml.statusCode]).toEqual([200, 200]);
      expect(typeof xml.body).toBe('string');
      expect(readXml(xml.body as string)).toEqual(xmlReadingOf(object.body));
    });

    it('a malformed event that asks for XML readably gets its refusal in XML', async () => {
      // Act
      const answer = await invoke({ format: 'xml' }, 'transfer');

      // Assess
      expect(answer.statusCode).toBe(400);
      expect((readXml(answer.body as string) as any).response.status.message).toMatch(/^Invalid event: operation/);
    });
  });
});
