/**
 * The one table's physical shape, shared by the CDK stateful stack, the local run and the tests.
 * Every item has a string partition key `pk` and sort key `sk`; `expiresAt` (epoch seconds) is the
 * TTL attribute. Item layouts are in item-keys.ts and the README ("Key design").
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';
