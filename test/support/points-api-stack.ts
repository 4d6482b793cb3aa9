import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { DynamoDbSeedImporter } from '../../scripts/seed-import/seed-importer';
import { pointsApiPorts } from '../../functions/config/points-api-wiring';
import type { Clock } from '../../functions/core/ports/clock';
import type { PointsLedger } from '../../functions/core/ports/points-ledger';
import type { ValidationCodes } from '../../functions/core/ports/validation-codes';
import { makePointsApiHandler } from '../../functions/handlers/points-api-handler';
import { createTestTable, type TestTable } from './dynamodb';
import { ScriptedValidationCodes } from './in-memory-ports';
import { DEMO_SEED_FILE } from './paths';

/** Counts the commands a DynamoDB client sends (one per round trip; the SDK's retries are not counted). */
export function countCalls(client: DynamoDBClient): { readonly calls: string[]; reset(): void } {
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return { calls, reset: () => void calls.splice(0) };
}

export const DEMO_SEED = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as unknown;

export interface PointsApiStack {
  readonly table: TestTable;
  readonly handler: (event: unknown) => Promise<unknown>;
  /** Sends an API Gateway proxy event with this partner key (default: org demo's `demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk`). */
  get(path: string, query: Record<string, string> | null, apiKey?: string): Promise<{ statusCode: number; body: any }>;
  /** Sends a JSON body (a string is sent as it is) with this partner key. */
  post(path: string, body: unknown, query?: Record<string, string> | null, apiKey?: string): Promise<{ statusCode: number; body: any }>;
  /** Sends any request (a POST with `body` as JSON, unless a string) and answers the proxy result as it is: status, headers, text. */
  send(request: ProxyRequest): Promise<APIGatewayProxyResult>;
  readonly dynamoCalls: { readonly calls: string[]; reset(): void };
  readonly validationCodes: ValidationCodes;
}

/** A request to the handler through API Gateway: path, query, key (default org demo's), method, body, headers. */
export interface ProxyRequest {
  readonly path: string;
  readonly query?: Record<string, string> | null;
  readonly apiKey?: string;
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** The points API handler over the real DynamoDB adapters, on a fresh table seeded with the demo data. */
export interface PointsApiStackOptions {
  readonly rulesTtlMs?: number;
  readonly validationCodes?: ValidationCodes;
  readonly clock?: Clock;
  /** What each invocation is told it has left (the function's timeout); default 10 s. */
  readonly remainingTimeMs?: number;
  /** Wraps the production ledger, e.g. to make something happen just before a commit. */
  readonly ledger?: (ledger: PointsLedger) => PointsLedger;
}

export async function pointsApiStack(options: PointsApiStackOptions = {}): Promise<PointsApiStack> {
  const table = await createTestTable();
  const outcome = await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(DEMO_SEED);
  if (outcome.kind !== 'imported' || outcome.failures.length > 0) throw new Error(`demo seed not imported: ${JSON.stringify(outcome)}`);
  const dynamoCalls = countCalls(table.client);
  const validationCodes = options.validationCodes ?? new ScriptedValidationCodes();
  const ports = pointsApiPorts({
    client: table.client,
    tableName: table.tableName,
    rulesCacheTtlMs: options.rulesTtlMs ?? 30_000,
    partnerCacheTtlMs: 60_000,
    validationCodes,
    ...(options.clock && { clock: options.clock }),
  });
  const handler = makePointsApiHandler({
    ...ports,
    ...(options.ledger && { ledger: options.ledger(ports.ledger) }),
    logger: new Logger({ serviceName: 'test', logLevel: (process.env.TEST_LOG_LEVEL ?? 'SILENT') as 'SILENT' }),
  });
  const invoke = (event: unknown) => handler(event as APIGatewayProxyEvent, lambdaContext(options.remainingTimeMs));
  const send = async ({ path, query = null, apiKey = DEMO_KEY, method = 'GET', body, headers = {} }: ProxyRequest) => {
    const event = {
      ...proxyEvent(path, query, apiKey),
      httpMethod: method,
      headers: { ...(apiKey === undefined ? {} : { 'X-Api-Key': apiKey }), ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    };
    return (await invoke(event)) as APIGatewayProxyResult;
  };
  const parsed = (result: APIGatewayProxyResult) => ({ statusCode: result.statusCode, body: JSON.parse(result.body) });
  return {
    table,
    handler: invoke,
    dynamoCalls,
    validationCodes,
    send,
    get: async (path, query, apiKey = DEMO_KEY) => parsed(await send({ path, query, apiKey })),
    post: async (path, body, query = null, apiKey = DEMO_KEY) => parsed(await send({ path, query, apiKey, method: 'POST', body })),
  };
}

/** The demo seed's keys: org demo (every program), org demo restricted to program 3, org demo with REST statuses, org acme. */
export const DEMO_KEY = 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk';
export const DEMO_KIOSK_KEY = 'demo-kiosk-fn_A1lyTgJWVGVVOSDc7zHwd36d8PX4atyjdRtiJO0U';
/** Org demo's key with `failedCheckHttpStatus: 400`: refusals answer their REST status (400, 409) instead of 200. */
export const DEMO_REST_KEY = 'demo-rest-JJBj9AXrZB93gQD6kc70nbKlaZ8ye-_AE_IxR92Trrw';
export const ACME_KEY = 'acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk';
/** Org demo's `earn-feed` key: scope `adjust` only (it may not check or redeem). */
export const ADJUST_KEY = 'demo-earn-oJCUXATqeWsf0r7zaaYR6XBMsjtoBLMuxIDIG2HiTpQ';

/**
 * An API Gateway proxy event as the gateway hands it over after its authorizer let the key in.
 * `authorizerOrgId` puts an authorizer context in the event too: the function must not believe it.
 */
export function proxyEvent(
  path: string,
  query: Record<string, string> | null,
  apiKey: string | undefined,
  multi?: Record<string, string[]>,
  authorizerOrgId?: string,
): APIGatewayProxyEvent {
  return {
    resource: path,
    path,
    httpMethod: 'GET',
    headers: apiKey === undefined ? {} : { 'X-Api-Key': apiKey },
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: multi ?? (query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null),
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'test',
      authorizer: authorizerOrgId === undefined ? null : { orgId: authorizerOrgId, programIds: '', keyLabel: 'forged' },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export function lambdaContext(remainingTimeMs = 10_000): Context {
  return {
    awsRequestId: 'test-request',
    functionName: 'points-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:points-api',
    memoryLimitInMB: '512',
    logGroupName: 'test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => remainingTimeMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
