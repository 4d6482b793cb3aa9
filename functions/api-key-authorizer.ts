import { CachedPartnerDirectory } from './adapters/cache/cached-partner-directory';
import { DynamoDbPartnerDirectory } from './adapters/dynamodb/dynamodb-partner-directory';
import { dynamoDbClient } from './config/aws-clients';
import { serviceLogger } from './config/logger';
import { AuthorizerEnvSchema, readEnv } from './config/points-api-config';
import { makeApiKeyAuthorizerHandler } from './handlers/api-key-authorizer-handler';

/** Lambda entry: the API Gateway REQUEST authorizer (x-api-key -> org). Built once per cold start. */
const config = readEnv(AuthorizerEnvSchema, process.env);

export const handler = makeApiKeyAuthorizerHandler({
  partners: new CachedPartnerDirectory(new DynamoDbPartnerDirectory({ client: dynamoDbClient(), tableName: config.TABLE_NAME }), {
    ttlMs: config.PARTNER_CACHE_TTL_SECONDS * 1000,
    clock: Date,
  }),
  logger: serviceLogger('points-redemption-authorizer'),
});
