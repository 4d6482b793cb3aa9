import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKeys } from '../../../functions/adapters/dynamodb/item-keys';
import { DynamoDbSeedImporter, type SeedImportOutcome } from '../../../scripts/seed-import/seed-importer';
import { createTestTable, type TestTable } from '../../support/dynamodb';
import { DEMO_SEED_FILE } from '../../support/paths';

function imported(outcome: SeedImportOutcome) {
  if (outcome.kind !== 'imported') throw new Error(`expected an import, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** An org with `size` customers (ids 1..size), all members of group 7; every third may not redeem. */
function bigGroupFile(size: number, members = Array.from({ length: size }, (_, i) => ({ customerId: i + 1, canRedeem: i % 3 !== 0 }))) {
  return {
    orgs: [
      {
        id: 'many',
        name: 'Many',
        programs: [{ id: 1, name: 'P' }],
        customers: Array.from({ length: size }, (_, i) => ({ id: i + 1 })),
        groups: [{ id: 7, externalId: 'BIG-7', primaryCustomerId: 2, members, programs: { '1': { currentPoints: 5, lifetimePoints: 5, lifetimePurchases: 5 } } }],
      },
    ],
  };
}

describe('group wallets: one MEMBER# item per member', () => {
  let table: TestTable;
  let importer: DynamoDbSeedImporter;
  const documents = () => DynamoDBDocumentClient.from(table.client);
  const item = async (key: { pk: string; sk: string }) =>
    (await documents().send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
  /** The group's MEMBER# items as `customerId:canRedeem`, in key order. */
  const memberItems = async (orgId: string, groupId: number) => {
    const lines: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents().send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
          ExpressionAttributeValues: { ':pk': ItemKeys.group(orgId, groupId).pk, ':m': 'MEMBER#' },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const member of page.Items ?? []) {
        expect(member.sk).toBe(`MEMBER#${member.customerId}`);
        lines.push(`${member.customerId}:${member.canRedeem}`);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return lines;
  };

  beforeEach(async () => {
    table = await createTestTable();
    importer = new DynamoDbSeedImporter(table.client, { tableName: table.tableName });
  });
  afterEach(() => table.destroy());

  it("writes the demo group's members as items of its partition, not as a list on the GROUP item", async () => {
    // Act
    const outcome = imported(await importer.importSeed(JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8'))));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect(await item(ItemKeys.groupMember('demo', 501, 1005))).toEqual({ pk: 'ORG#demo#GROUP#501', sk: 'MEMBER#1005', customerId: 1005, canRedeem: false });
    expect(await memberItems('demo', 501)).toEqual(['1001:true', '1005:false']);
    expect(await item(ItemKeys.group('demo', 501))).not.toHaveProperty('members');
  });

  it('imports a group of 3,000 members: every member an item, a GROUP item without the list', async () => {
    // Act
    const outcome = imported(await importer.importSeed(bigGroupFile(3000)));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect(outcome.groupMembers).toEqual({ written: 3000, removed: 0 });
    const members = await memberItems('many', 7);
    expect(members).toHaveLength(3000);
    expect(members).toContain('3000:true');
    expect(members).toContain('2998:false');
    const group = await item(ItemKeys.group('many', 7));
    expect(group).toMatchObject({ groupId: 7, externalId: 'BIG-7', primaryCustomerId: 2 });
    expect(group).not.toHaveProperty('members');
    expect(JSON.stringify(group).length).toBeLessThan(1000);
  }, 180_000);

  it('on re-import, deletes the members the file no longer lists, rewrites only those that changed', async () => {
    // Prepare
    imported(await importer.importSeed(bigGroupFile(300)));
    const members = Array.from({ length: 300 }, (_, i) => ({ customerId: i + 1, canRedeem: i % 3 !== 0 }))
      .filter((member) => member.customerId <= 200 || member.customerId % 2 === 0)
      .map((member) => (member.customerId === 5 ? { ...member, canRedeem: false } : member));

    // Act
    const outcome = imported(await importer.importSeed(bigGroupFile(300, members)));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect(outcome.groupMembers).toEqual({ written: 1, removed: 50 });
    const stored = await memberItems('many', 7);
    expect(stored).toHaveLength(250);
    expect(stored).not.toContain('201:false');
    expect(stored).not.toContain('299:true');
    expect(stored).toContain('300:true');
    expect(stored).toContain('5:false');
  });

  it('writes no member again when the file did not change', async () => {
    // Prepare
    imported(await importer.importSeed(bigGroupFile(100)));

    // Act
    const outcome = imported(await importer.importSeed(bigGroupFile(100)));

    // Assess
    expect(outcome.groupMembers).toEqual({ written: 0, removed: 0 });
    expect(await memberItems('many', 7)).toHaveLength(100);
  });

  it('leaves the members of a refused group as they were', async () => {
    // Prepare: group 8 of another import already owns external id BIG-7
    imported(await importer.importSeed(bigGroupFile(10)));
    const rival = bigGroupFile(10);
    rival.orgs[0]!.groups[0]!.id = 8;
    rival.orgs[0]!.groups[0]!.primaryCustomerId = 3;

    // Act
    const outcome = imported(await importer.importSeed(rival));

    // Assess
    expect(outcome.failures).toEqual([
      { path: 'orgs[0].groups[0].externalId', message: 'this group external id is already used by group 7; group 8 was not imported' },
    ]);
    expect(await memberItems('many', 8)).toEqual([]);
    expect(await memberItems('many', 7)).toHaveLength(10);
  });
});
