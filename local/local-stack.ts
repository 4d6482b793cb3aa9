import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { FUNCTION_TIMEOUT_SECONDS } from '../functions/config/function-timeouts';
import { readValidationCodesConfig } from '../functions/config/validation-codes-config';
import { DynamoDbSeedImporter } from '../scripts/seed-import/seed-importer';
import { routeMethods } from '../functions/http/operation';
import { pointsApiOperations } from '../functions/operations/points-api-operations';
import { openApiDocument } from '../scripts/openapi/openapi-document';
import { startApiGatewayEmulator } from './api-gateway-emulator';
import { createServiceTable } from './dynamodb-local/create-table';
import { localClientConfig, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local/dynamodb-local';
import type { LocalServer } from './http-server';
import { startLambdaEndpoint, type LambdaEndpoint } from './lambda-endpoint';
import { startAdjustmentsQueue } from './local-events';
import type { LocalQueue } from './local-queue';
import { recordLocalService } from './local-service-file';
import { startMissedCallProvider, type MissedCallProvider } from './missed-call-provider';
import { Outbox } from './outbox';
import { startSnsEndpoint, type SnsEndpoint } from './sns-endpoint';

export interface LocalStackOptions {
  /** API port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  readonly seedFile: string;
  /** Extra environment for the functions (e.g. POWERTOOLS_LOG_LEVEL). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where to say how to reach this stack's data (local-service-file.ts), for `npm run import -- --local`. */
  readonly serviceFile?: string;
  /** The local Lambda Invoke API's port on 127.0.0.1, where other Lambdas' developers invoke the points function; 0 picks a free one. */
  readonly lambdaPort?: number;
}

export interface LocalStack {
  /** The API's base URL. */
  readonly url: string;
  /** The local Lambda Invoke API's base URL (`endpoint` of an `@aws-sdk/client-lambda` client). */
  readonly lambdaUrl: string;
  readonly dynamoDbEndpoint: string;
  /** The DynamoDB Local process: its pid, and a promise that settles when it ends (npm start stops then). */
  readonly dynamoDb: Pick<DynamoDbLocal, 'pid' | 'exited'>;
  readonly tableName: string;
  readonly outbox: Outbox;
  readonly sns: SnsEndpoint;
  readonly missedCall: MissedCallProvider;
  /** The adjustments queue, drained by the adjustments consumer's entry (POST /local/events). */
  readonly adjustments: LocalQueue;
  stop(): Promise<void>;
}

export const LOCAL_TABLE = 'points-redemption-local';
export const LOCAL_VALIDATION_CODES_FUNCTION = 'points-redemption-validation-codes';
/** The validation-codes function's timeout in AWS (lib/stacks/service-stack.ts), enforced locally too. */
export const VALIDATION_CODES_TIMEOUT_MS = 6_000;
/** The points function's name on the local Lambda Invoke API, and its timeout in AWS, enforced locally too. */
export const LOCAL_POINTS_API_FUNCTION = 'points-redemption-points-api';
export const POINTS_API_TIMEOUT_MS = FUNCTION_TIMEOUT_SECONDS.pointsApi * 1000;

/**
 * The whole service on one machine, wired as in production: DynamoDB Local holds the table; the
 * functions are the real Lambda entries, built from their environment; the points API reaches the
 * validation-codes function through the real Lambda client and a local Invoke stand-in; SMS go through the real
 * SNS client to an SNS-compatible endpoint; missed calls to a fake provider. What was "sent" is in
 * the outbox (GET /local/outbox); the API document is at GET /openapi.json. The adjustments
 * consumer's entry drains an in-process queue (POST /local/events, GET /local/dead-letters).
 * Nothing listens beyond 127.0.0.1 except DynamoDB Local, which
 * cannot be told to (keep the machine's firewall closed).
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const close of stops.reverse()) await close().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoDbLocal();
    stops.push(() => dynamo.stop());
    const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    stops.push(async () => client.destroy());
    await seedLocalTable(client, options.seedFile);

    const outbox = new Outbox();
    const sns = await startSnsEndpoint({ outbox });
    stops.push(() => sns.close());
    const missedCallKey = randomBytes(16).toString('hex');
    const missedCall = await startMissedCallProvider({ outbox, apiKey: missedCallKey });
    stops.push(() => missedCall.close());

    setFunctionEnvironment({ dynamoDb: dynamo.endpoint, sns: sns.url, missedCall: missedCall.url, missedCallKey }, options.env);
    const { lambda, pointsApi, authorizer } = await startFunctions(options.lambdaPort ?? 0, stops);

    const adjustments = await startAdjustmentsQueue(process.env);
    stops.push(() => adjustments.queue.stop());

    const api: LocalServer = await startApiGatewayEmulator({
      routes: routeMethods(pointsApiOperations),
      authorizer,
      handler: pointsApi,
      localRoutes: { '/local/outbox': () => outbox.list(), '/openapi.json': () => openApiDocument(), ...adjustments.routes },
      localPostRoutes: adjustments.postRoutes,
      port: options.port,
    });
    stops.push(() => api.close());
    if (options.serviceFile) {
      stops.push(await recordLocalService(options.serviceFile, { pid: process.pid, url: api.url, dynamoDbEndpoint: dynamo.endpoint, tableName: LOCAL_TABLE }));
    }
    return { url: api.url, lambdaUrl: lambda.url, dynamoDbEndpoint: dynamo.endpoint, dynamoDb: dynamo, tableName: LOCAL_TABLE, outbox, sns, missedCall, adjustments: adjustments.queue, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Creates the service table and imports the seed file into it; throws, naming every problem, when
 * the file is malformed or a part of it was not imported.
 */
async function seedLocalTable(client: DynamoDBClient, seedFile: string): Promise<void> {
  await createServiceTable(client, LOCAL_TABLE);
  const outcome = await new DynamoDbSeedImporter(client, { tableName: LOCAL_TABLE }).importSeed(JSON.parse(await readFile(seedFile, 'utf8')));
  if (outcome.kind === 'refused') throw new Error(`seed file ${seedFile} is malformed:\n  ${outcome.problems.join('\n  ')}`);
  if (outcome.failures.length > 0) {
    throw new Error(`seed file ${seedFile} was not fully imported:\n  ${outcome.failures.map((f) => `${f.path}: ${f.message}`).join('\n  ')}`);
  }
}

/** Where the functions find the local stand-ins of the AWS services and the missed-call provider. */
interface LocalEndpoints {
  readonly dynamoDb: string;
  readonly sns: string;
  readonly missedCall: string;
  readonly missedCallKey: string;
}

/**
 * Sets the functions' environment on this process, as Lambda sets it before an entry loads: local
 * credentials, the stand-ins' endpoints, the table and function names, a fresh code key; `extra`
 * (LocalStackOptions.env) last.
 */
function setFunctionEnvironment(endpoints: LocalEndpoints, extra: Readonly<Record<string, string>> | undefined): void {
  Object.assign(process.env, {
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    TABLE_NAME: LOCAL_TABLE,
    VALIDATION_CODES_FUNCTION_NAME: LOCAL_VALIDATION_CODES_FUNCTION,
    // A fresh key per run: codes from an earlier run are worthless, as after a rotation.
    OTP_HMAC_SECRET: randomBytes(32).toString('hex'),
    MISSED_CALL_BASE_URL: endpoints.missedCall,
    MISSED_CALL_API_KEY: endpoints.missedCallKey,
    SMS_ALLOWED_COUNTRY_CODES: process.env.SMS_ALLOWED_COUNTRY_CODES ?? '91,44,1',
    SMS_SENDER_ID: process.env.SMS_SENDER_ID ?? 'DEMO',
    ...extra,
  });
}

/** The functions the API emulator calls, and the local Lambda Invoke API serving the others. */
interface LocalFunctions {
  readonly lambda: LambdaEndpoint;
  readonly pointsApi: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
  readonly authorizer: (event: APIGatewayRequestAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;
}

/**
 * Loads the Lambda entries from the environment already set, in the order they need it (the points
 * function reads the Lambda Invoke endpoint, so that starts first), and serves the validation-codes
 * and points functions on the local Lambda Invoke API at `lambdaPort`. Its close joins `stops`.
 */
async function startFunctions(lambdaPort: number, stops: (() => Promise<void>)[]): Promise<LocalFunctions> {
  // In AWS a bad configuration fails the validation-codes function's first invocation; here it is
  // read now, so npm start names the variable instead of answering 876 "unreachable" ever after.
  readValidationCodesConfig(process.env);
  // The entries read their environment when loaded, as a Lambda does at cold start.
  const validationCodes = (await import('../functions/validation-codes')).handler as unknown as (event: unknown, context: Context) => Promise<unknown>;
  const lambda = await startLambdaEndpoint({
    functions: { [LOCAL_VALIDATION_CODES_FUNCTION]: { handler: validationCodes, timeoutMs: VALIDATION_CODES_TIMEOUT_MS } },
    port: lambdaPort,
  });
  stops.push(() => lambda.close());
  process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.url;
  const pointsApi = (await import('../functions/points-api')).handler as unknown as LocalFunctions['pointsApi'];
  // Other Lambdas' developers invoke the points function here, with the real Lambda client.
  lambda.register(LOCAL_POINTS_API_FUNCTION, pointsApi as (event: unknown, context: Context) => Promise<unknown>, { timeoutMs: POINTS_API_TIMEOUT_MS });
  const authorizer = (await import('../functions/api-key-authorizer')).handler as unknown as LocalFunctions['authorizer'];
  return { lambda, pointsApi, authorizer };
}
