import { LambdaClient } from '@aws-sdk/client-lambda';
import { CachedPartnerDirectory } from './adapters/cache/cached-partner-directory';
import { CachedProgramCatalog } from './adapters/cache/cached-program-catalog';
import { DynamoDbCustomerDirectory } from './adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbGroupDirectory } from './adapters/dynamodb/dynamodb-group-directory';
import { DynamoDbPartnerDirectory } from './adapters/dynamodb/dynamodb-partner-directory';
import { DynamoDbProgramCatalog } from './adapters/dynamodb/dynamodb-program-catalog';
import { LambdaValidationCodes } from './adapters/lambda-invoke/lambda-validation-codes';
import { CALL_BUDGETS, dynamoDbClient, sdkClientSettings } from './config/aws-clients';
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
    // Not retried, 8 s: above the OTP function's own timeout (README, "Choices worth knowing").
    client: new LambdaClient(sdkClientSettings(CALL_BUDGETS.otpInvoke)),
    functionName: config.OTP_FUNCTION_NAME,
  }),
  logger: serviceLogger('points-redemption-api'),
});
