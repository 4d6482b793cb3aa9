import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where an org's customers and groups are written: the table (through a document client), and the org. */
export interface OrgTarget {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly orgId: string;
}
