import { CachedPartnerDirectory } from './adapters/cache/cached-partner-directory';
import { DynamoDbPartnerDirectory } from './adapters/dynamodb/dynamodb-partner-directory';
import { CALL_BUDGETS, dynamoDbClient } from './config/aws-clients';
import { serviceLogger, serviceTracer } from './config/observability';
import { AuthorizerEnvSchema, readEnv } from './config/points-api-config';
import { makeApiKeyAuthorizerHandler } from './handlers/api-key-authorizer-handler';

/** Lambda entry: the API Gateway REQUEST authorizer (x-api-key -> org). Built once per cold start. */
const config = readEnv(AuthorizerEnvSchema, process.env);

// A lookup that cannot finish inside the authorizer's own timeout fails first (aws-clients.ts).
const tracer = serviceTracer('points-redemption-authorizer');
const client = tracer.captureAWSv3Client(dynamoDbClient({ budget: CALL_BUDGETS.authorizer }));

export const handler = makeApiKeyAuthorizerHandler({
  partners: new CachedPartnerDirectory({
    directory: new DynamoDbPartnerDirectory({ client, tableName: config.TABLE_NAME }),
    ttlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
    clock: Date,
  }),
  logger: serviceLogger('points-redemption-authorizer'),
  tracer,
});
