import { startDynamoDbLocal } from '../../local/dynamodb-local/dynamodb-local';

/** One DynamoDB Local for the whole run; each test file makes its own table (test/support/dynamodb.ts). */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __dynamoDbLocal?: typeof dynamo }).__dynamoDbLocal = dynamo;
}
