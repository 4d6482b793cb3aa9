import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SDK_CLIENT_SETTINGS } from '../../../functions/config/aws-clients';
import { pointsApiPorts } from '../../../functions/config/points-api-wiring';
import { makePointsApiHandler } from '../../../functions/handlers/points-api-handler';
import { ScriptedValidationCodes } from '../../support/in-memory-ports';
import { ACME_KEY, DEMO_KEY, DEMO_KIOSK_KEY, DEMO_REST_KEY, lambdaContext, pointsApiStack, proxyEvent, type PointsApiStack } from '../../support/points-api-stack';

const CHECK = '/v1.1/points/isredeemable';
const asha = { mobile: '919900000001', program_id: '1' };

/** Every item code a check answers: the query, the HTTP status for a key asking for REST statuses and by default, the code. */
const ITEM_CODES: [string, Record<string, string>, number, number, number][] = [
  ['800 redeemable', { ...asha, points: '100' }, 200, 200, 800],
  ['801 invalid points', { ...asha, points: '10.5' }, 400, 400, 801],
  ['802 invalid identifier', { mobile: 'abc', points: '100' }, 400, 400, 802],
  ['804 below minimum current points', { mobile: '919900000005', points: '20' }, 400, 200, 804],
  ['805 lifetime points', { mobile: '919900000006', points: '20' }, 400, 200, 805],
  ['806 lifetime purchases', { mobile: '919900000007', points: '20' }, 400, 200, 806],
  ['807 not a multiple', { ...asha, points: '105' }, 400, 200, 807],
  ['808 code required', { ...asha, program_id: '3', points: '100' }, 400, 200, 808],
  ['809 fraud', { mobile: '919900000003', points: '100' }, 400, 200, 809],
  ['816 not found', { mobile: '919912345678', points: '100' }, 400, 200, 816],
  ['818 balance', { mobile: '919900000008', points: '150' }, 400, 200, 818],
  ['819 above maximum', { ...asha, points: '210' }, 400, 200, 819],
  ['821 below minimum', { ...asha, points: '10' }, 400, 200, 821],
  ['827 disabled', { ...asha, program_id: '2', points: '100' }, 400, 200, 827],
  ['881 not registered', { mobile: '919900000004', points: '100' }, 400, 200, 881],
  ['1101 unknown program', { ...asha, program_id: '99', points: '100' }, 400, 200, 1101],
  ['1101 malformed program', { ...asha, program_id: 'x', points: '100' }, 400, 400, 1101],
];

describe('points API handler over DynamoDB Local (demo seed)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  describe('DynamoDB round trips per check', () => {
    it('a check by mobile costs 2 round trips once the rules are cached (identifier, customer)', async () => {
      await stack.get(CHECK, { ...asha, points: '100' }); // warms the rules cache
      stack.dynamoCalls.reset();
      const answer = await stack.get(CHECK, { ...asha, points: '100' });
      expect(answer.body.response.points.redeemable.item_status.code).toBe(800);
      expect(stack.dynamoCalls.calls).toEqual(['GetItemCommand', 'GetItemCommand']);
    });

    it('a check by customer id costs 1 round trip', async () => {
      await stack.get(CHECK, { id: '1001', points: '100' });
      stack.dynamoCalls.reset();
      await stack.get(CHECK, { id: '1001', points: '100' });
      expect(stack.dynamoCalls.calls).toHaveLength(1);
    });

    it('with rules not cached a check costs 3: the org programs are one Query', async () => {
      const cold = await pointsApiStack({ rulesTtlMs: 0 });
      try {
        cold.dynamoCalls.reset();
        await cold.get(CHECK, { ...asha, points: '100' });
        // A fresh instance also looks its partner key up once.
        expect([...cold.dynamoCalls.calls].sort()).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand', 'QueryCommand']);
        cold.dynamoCalls.reset();
        await cold.get(CHECK, { ...asha, points: '100' });
        expect([...cold.dynamoCalls.calls].sort()).toEqual(['GetItemCommand', 'GetItemCommand', 'QueryCommand']);
      } finally {
        await cold.table.destroy();
      }
    });
  });

  describe('every item code is reachable by a request', () => {
    it.each(ITEM_CODES)('%s (a key asking for REST statuses: the status tells a refusal)', async (_name, query, httpStatus, _byDefault, code) => {
      const answer = await stack.get(CHECK, query, DEMO_REST_KEY);
      expect(answer.statusCode).toBe(httpStatus);
      expect(answer.body.response.points.redeemable.item_status.code).toBe(code);
      expect(answer.body.response.points.redeemable.is_redeemable).toBe(httpStatus === 200 ? 'true' : 'false');
    });

    it.each(ITEM_CODES)('%s by default: a refusal is HTTP 200 with the same body, a malformed request stays 400', async (_name, query, _rest, byDefault) => {
      const answer = await stack.get(CHECK, query);
      const rest = await stack.get(CHECK, query, DEMO_REST_KEY);
      expect(answer.statusCode).toBe(byDefault);
      expect(answer.body).toEqual(rest.body);
    });

    it('895: no program named and the credential may not use the org default program', async () => {
      const answer = await stack.get(CHECK, { mobile: '919900000001', points: '100' }, DEMO_KIOSK_KEY);
      expect(answer.body.response.points.redeemable.item_status.code).toBe(895);
    });

    it('a failed check keeps the contract envelope: status 500 and string booleans', async () => {
      const answer = await stack.get(CHECK, { ...asha, points: '205' });
      expect(answer.body.response.status).toEqual({ success: 'false', code: 500, message: 'All requests have failed due to errors' });
      expect(answer.body.response.points.redeemable.explanation.nearest_redeemable_points).toEqual({ below: 200 });
    });

    it('a GOLD customer is checked against the GOLD tier: 400 points pass, valued at 0.75', async () => {
      const answer = await stack.get(CHECK, { mobile: '919900000002', points: '400' });
      expect(answer.body.response.points.redeemable).toMatchObject({ is_redeemable: 'true', points_redeem_value: 300, points_currency_ratio: '0.75' });
    });
  });

  describe('partners', () => {
    it('401 without a key: the org is never taken from the request', async () => {
      const result = (await stack.handler(proxyEvent(CHECK, { ...asha, points: '100', org_id: 'demo' }, undefined))) as APIGatewayProxyResult;
      expect(result.statusCode).toBe(401);
      expect(JSON.parse(result.body).response.status.code).toBe(401);
    });

    it('an event that only claims an authorizer context for org demo gets 401: the shape of an event is no credential', async () => {
      const forged = proxyEvent(CHECK, { ...asha, points: '100' }, undefined, undefined, 'demo');
      const result = (await stack.handler(forged)) as APIGatewayProxyResult;
      expect(result.statusCode).toBe(401);
      expect(result.body).not.toContain('asha@example.com');
    });

    it('a forged context cannot move a real key to another org: acme key, context claiming demo -> 816', async () => {
      const forged = proxyEvent(CHECK, { ...asha, points: '100' }, ACME_KEY, undefined, 'demo');
      const result = (await stack.handler(forged)) as APIGatewayProxyResult;
      expect(JSON.parse(result.body).response.points.redeemable).toMatchObject({ item_status: { code: 816 }, email: '' });
    });

    it('a partner of org acme asking about a demo customer learns nothing (816)', async () => {
      const answer = await stack.get(CHECK, { ...asha, points: '100' }, ACME_KEY);
      expect(answer.body.response.points.redeemable).toMatchObject({ item_status: { code: 816 }, email: '', external_id: '' });
    });
  });

  describe('direct invocation', () => {
    it('answers the same body as HTTP, with the org from the apiKey', async () => {
      const http = await stack.get(CHECK, { ...asha, points: '205' });
      const direct = (await stack.handler({ operation: 'isredeemable', apiKey: 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk', params: { mobile: '919900000001', points: 205, program_id: 1 } })) as {
        statusCode: number;
        body: unknown;
      };
      expect([http.statusCode, direct.statusCode]).toEqual([200, 200]);
      expect(direct.body).toEqual(http.body);
    });

    it('401 for an unknown apiKey, 400 naming the field for a malformed event', async () => {
      const unknown = (await stack.handler({ operation: 'isredeemable', apiKey: 'nope-nope-nope', params: {} })) as { statusCode: number };
      expect(unknown.statusCode).toBe(401);
      const malformed = (await stack.handler({ operation: 'transfer', apiKey: 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' })) as { statusCode: number; body: any };
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body.response.status.message).toContain('operation');
    });
  });

  it('a parameter given twice is refused with 400 naming it', async () => {
    const event = proxyEvent(CHECK, { ...asha, points: '100' }, DEMO_KEY, { mobile: ['919900000001'], points: ['100', '200'] });
    const result = (await stack.handler(event)) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).response.points.redeemable).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'points' });
  });
});

describe('faults end in the documented 503, never a stack trace', () => {
  let throttling: Server;
  let attempts = 0;
  beforeAll(async () => {
    // Answers every DynamoDB call as a throttled table would (real SDK parsing and retry).
    throttling = createServer((request, response) => {
      attempts += 1;
      request.resume();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded' }));
    });
    await new Promise<void>((resolve) => throttling.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => throttling.close(() => resolve())));

  function handlerOver(client: DynamoDBClient, validationCodes = new ScriptedValidationCodes(), logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' })) {
    return makePointsApiHandler({
      ...pointsApiPorts({ client, tableName: 'any', rulesCacheTtlMs: 0, partnerCacheTtlMs: 0, validationCodes }),
      logger,
    });
  }

  it('DynamoDB hanging: the request timeout ends it in 503, not in the Lambda timeout', async () => {
    // Prepare: a server that takes requests and never answers them.
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const client = new DynamoDBClient({
      ...SDK_CLIENT_SETTINGS,
      maxAttempts: 1,
      requestHandler: { ...SDK_CLIENT_SETTINGS.requestHandler, requestTimeout: 300 },
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    try {
      // Act
      const result = (await handlerOver(client)(proxyEvent(CHECK, { ...asha, points: '100' }, DEMO_KEY), lambdaContext())) as APIGatewayProxyResult;

      // Assess
      expect(result.statusCode).toBe(503);
      expect(JSON.parse(result.body).response.status.code).toBe(503);
    } finally {
      client.destroy();
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('DynamoDB throttled: the SDK retries, then 503 in the Capillary envelope', async () => {
    const { port } = throttling.address() as AddressInfo;
    const client = new DynamoDBClient({
      ...SDK_CLIENT_SETTINGS,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      retryStrategy: undefined,
    });
    attempts = 0;
    const result = (await handlerOver(client)(proxyEvent(CHECK, { ...asha, points: '100' }, DEMO_KEY), lambdaContext())) as APIGatewayProxyResult;
    expect(result.statusCode).toBe(503);
    const body = JSON.parse(result.body);
    expect(body.response.status).toMatchObject({ success: 'false', code: 503 });
    expect(result.body).not.toMatch(/at .*\.ts|Exception/);
    expect(attempts).toBe(SDK_CLIENT_SETTINGS.maxAttempts);
    client.destroy();
  });

  it('logs which operation failed and whether it writes, with the error; the partner gets the retry advice of a write', async () => {
    const { port } = throttling.address() as AddressInfo;
    const client = new DynamoDBClient({ ...SDK_CLIENT_SETTINGS, maxAttempts: 1, endpoint: `http://127.0.0.1:${port}`, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const logged = jest.spyOn(logger, 'error');

    const result = (await handlerOver(client, undefined, logger)(
      { operation: 'redeem', apiKey: DEMO_KEY, body: { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, external_reference_number: 'ORD-F' }] } } },
      lambdaContext(),
    )) as unknown as { statusCode: number; body: any };

    expect(result.statusCode).toBe(503);
    expect(result.body.response.status.message).toMatch(/retry with the same reference/);
    expect(logged).toHaveBeenCalledWith('request failed', expect.objectContaining({ operation: 'redeem', writes: true, error: expect.any(Error) }));
    client.destroy();
  });
});
