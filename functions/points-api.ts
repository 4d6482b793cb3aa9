import { LambdaClient } from '@aws-sdk/client-lambda';
import { CachedPartnerDirectory } from './adapters/cache/cached-partner-directory';
import { CachedProgramCatalog } from './adapters/cache/cached-program-catalog';
import { DynamoDbCustomerDirectory } from './adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbGroupDirectory } from './adapters/dynamodb/dynamodb-group-directory';
import { DynamoDbPartnerDirectory } from './adapters/dynamodb/dynamodb-partner-directory';
import { DynamoDbProgramCatalog } from './adapters/dynamodb/dynamodb-program-catalog';
import { LambdaValidationCodes } from './adapters/lambda-invoke/lambda-validation-codes';
import { dynamoDbClient, SDK_CLIENT_SETTINGS } from './config/aws-clients';
import { serviceLogger } from './config/logger';
import { PointsApiEnvSchema, readEnv } from './config/points-api-config';
import { makePointsApiHandler } from './handlers/points-api-handler';

/**
 * Lambda entry: GET /v1.1/points/isredeemable and /validationcode behind API Gateway, and direct
 * invocations by other Lambdas. Clients and caches are built once per cold start.
 */
const config = readEnv(PointsApiEnvSchema, process.env);
// One client for every table adapter; its middleware stack is resolved once (README, "Performance").
const table = { client: dynamoDbClient({ cacheMiddleware: true }), tableName: config.TABLE_NAME };

export const handler = makePointsApiHandler({
  programs: new CachedProgramCatalog(new DynamoDbProgramCatalog(table), {
    ttlMs: config.RULES_CACHE_TTL_SECONDS * 1000,
    clock: Date,
  }),
  customers: new DynamoDbCustomerDirectory(table),
  groups: new DynamoDbGroupDirectory(table),
  partners: new CachedPartnerDirectory(new DynamoDbPartnerDirectory(table), {
    ttlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
    clock: Date,
  }),
  validationCodes: new LambdaValidationCodes({
    // Not retried: a retry could send a second code. 8 s is above the validation-codes function's own 6 s
    // timeout, so that function always finishes or dies first (README, "Choices worth knowing").
    client: new LambdaClient({
      ...SDK_CLIENT_SETTINGS,
      maxAttempts: 1,
      requestHandler: { ...SDK_CLIENT_SETTINGS.requestHandler, requestTimeout: 8_000 },
    }),
    functionName: config.VALIDATION_CODES_FUNCTION_NAME,
  }),
  logger: serviceLogger('points-redemption-api'),
});
