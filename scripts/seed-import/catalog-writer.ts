import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiKeyDigest } from '../../functions/core/api-key';
import { ItemKeys } from '../../functions/adapters/dynamodb/item-keys';
import { storable } from '../../functions/adapters/dynamodb/storable';
import type { ApiKeySeed, OrgSeed } from '../../functions/schemas/seed-file/seed-file';
import { writeInBatches } from './batch-writer';

/**
 * Writes an org's catalog: each program's item (BatchWriteItem, 25 a call), then the ORG item, whose
 * settings name programs (default program, program links). Each program item is written whole; the
 * ORG item comes last, so every program it names exists when a reader sees it. A reader may see some
 * programs of the file and some of an earlier import while this runs.
 */
export async function writeCatalog(documents: DynamoDBDocumentClient, tableName: string, org: OrgSeed): Promise<void> {
  await writeInBatches(
    documents,
    tableName,
    org.programs.map((program) => ({
      // The rules as written in the file: defaults are applied when they are read.
      put: storable({ ...ItemKeys.program(org.id, program.id), programId: program.id, name: program.name, rules: program.rules }),
    })),
  );
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: storable({
        ...ItemKeys.org(org.id),
        orgId: org.id,
        name: org.name,
        defaultProgramId: org.defaultProgramId,
        programLinks: org.programLinks.length > 0 ? org.programLinks : undefined,
        defaultCountry: org.defaultCountry,
      }),
    }),
  );
}

/** Writes a partner key's item (its digest, never the key); returns why it was not written, if it was not. */
export async function writeApiKey(documents: DynamoDBDocumentClient, tableName: string, orgId: string, apiKey: ApiKeySeed): Promise<string | undefined> {
  const digest = apiKeyDigest(apiKey.key);
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: storable({
          ...ItemKeys.apiKey(digest),
          orgId,
          label: apiKey.label ?? `key-${digest.slice(0, 8)}`,
          programIds: apiKey.programIds,
          disabled: apiKey.disabled || undefined,
          scopes: apiKey.scopes,
          failedCheckHttpStatus: apiKey.failedCheckHttpStatus,
        }),
        // A seed file for one org must not be able to take over another org's credential.
        ConditionExpression: 'attribute_not_exists(pk) OR orgId = :orgId',
        ExpressionAttributeValues: { ':orgId': orgId },
      }),
    );
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    return 'this API key already belongs to another org; it was left unchanged';
  }
}
