import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCustomerDirectory } from '../../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { ItemKeys } from '../../../functions/adapters/dynamodb/item-keys';
import { IdentifierType } from '../../../functions/core/model';
import { DynamoDbSeedImporter, type SeedImportOutcome } from '../../../scripts/seed-import/seed-importer';
import { countCalls } from '../../support/points-api-stack';
import { createTestTable, type TestTable } from '../../support/dynamodb';

/** A customer with `cards` cards, each with an external id: 3 + 2 x cards identifiers. */
function customerWithCards(id: number, cards: number, tag = 'A') {
  return {
    id,
    mobile: `9199${String(id).padStart(8, '0')}`,
    email: `c${id}@example.com`,
    externalId: `EXT-${id}`,
    cards: Array.from({ length: cards }, (_, i) => ({ number: `${tag}${id}-${i}`, externalId: `${tag}X${id}-${i}` })),
    programs: { '1': { registered: true, currentPoints: 100, lifetimePoints: 100, lifetimePurchases: 100 } },
  };
}

const fileOf = (...customers: object[]) => ({ orgs: [{ id: 'big', name: 'Big', programs: [{ id: 1, name: 'P' }], customers }] });

function imported(outcome: SeedImportOutcome) {
  if (outcome.kind !== 'imported') throw new Error(`expected an import, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('customers with more identifiers than one local transaction holds', () => {
  let table: TestTable;
  let importer: DynamoDbSeedImporter;
  let directory: DynamoDbCustomerDirectory;
  const find = (type: IdentifierType, value: string) => directory.findCustomer('big', { type, value });
  const item = async (key: { pk: string; sk: string }) =>
    (await DynamoDBDocumentClient.from(table.client).send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
  const identItems = async () => {
    const { Items = [] } = await DynamoDBDocumentClient.from(table.client).send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
    return Items.filter((i) => String(i.pk).includes('#IDENT#')).map((i) => `${String(i.pk).replace('ORG#big#IDENT#', '')} -> ${i.customerId}`).sort();
  };

  beforeEach(async () => {
    table = await createTestTable();
    importer = new DynamoDbSeedImporter(table.client, { tableName: table.tableName });
    directory = new DynamoDbCustomerDirectory({ client: table.client, tableName: table.tableName });
  });
  afterEach(() => table.destroy());

  it('imports a customer with 20 cards (43 identifiers), found by every one of them', async () => {
    // Act
    const outcome = imported(await importer.importSeed(fileOf(customerWithCards(1, 20), customerWithCards(2, 4))));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect(outcome.written).toMatchObject({ customers: 2, identifiers: 43 + 11 });
    expect((await find(IdentifierType.CARD_EXTERNAL_ID, 'AX1-19'))?.id).toBe(1);
    expect((await find(IdentifierType.CARD_NUMBER, 'A1-0'))?.id).toBe(1);
    expect((await find(IdentifierType.MOBILE, '919900000001'))?.cards).toHaveLength(20);
    expect((await find(IdentifierType.CARD_EXTERNAL_ID, 'AX2-3'))?.id).toBe(2);
    expect((await identItems()).filter((line) => line.endsWith('-> 1'))).toHaveLength(43);
    expect(await item(ItemKeys.customerClaims('big', 1))).toBeUndefined();
  });

  it('writes no transaction of more than 10 items', async () => {
    // Prepare
    const sizes: number[] = [];
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') sizes.push((args.input as { TransactItems: unknown[] }).TransactItems.length);
        return next(args);
      },
      { step: 'initialize', name: 'transactionSizes' },
    );
    imported(await importer.importSeed(fileOf(customerWithCards(1, 20))));

    // Act
    imported(await importer.importSeed(fileOf(customerWithCards(1, 20, 'B'))));

    // Assess
    expect(sizes.length).toBeGreaterThan(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
  });

  it('releases the old identifiers of a re-imported customer with many, for another customer to take in a later import', async () => {
    // Prepare
    imported(await importer.importSeed(fileOf(customerWithCards(1, 20))));
    const newcomer = { ...customerWithCards(2, 0), cards: [{ number: 'A1-5', externalId: 'AX1-5' }] };

    // Act
    const outcome = imported(await importer.importSeed(fileOf(customerWithCards(1, 20, 'B'))));
    const later = imported(await importer.importSeed(fileOf(customerWithCards(1, 20, 'B'), newcomer)));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect(outcome.written.identifiersRemoved).toBe(40);
    expect(await find(IdentifierType.CARD_NUMBER, 'A1-19')).toBeUndefined();
    expect((await find(IdentifierType.CARD_NUMBER, 'B1-19'))?.id).toBe(1);
    expect(later.failures).toEqual([]);
    expect((await find(IdentifierType.CARD_EXTERNAL_ID, 'AX1-5'))?.id).toBe(2);
    expect((await identItems()).filter((line) => line.endsWith('-> 1'))).toHaveLength(43);
  });

  it('refuses a customer whose 15th card another customer owns: path named, its claims released, the customer as it was, the others imported', async () => {
    // Prepare
    imported(await importer.importSeed(fileOf(customerWithCards(1, 3), { id: 9, cards: [{ number: 'A1-14' }] })));
    const before = await identItems();
    const grown = customerWithCards(1, 20);
    grown.programs['1'].currentPoints = 999;

    // Act
    const outcome = imported(await importer.importSeed(fileOf(customerWithCards(3, 2), grown, customerWithCards(4, 20))));

    // Assess
    expect(outcome.failures).toEqual([
      { path: 'orgs[0].customers[1].cards[14].number', message: 'this card number is already registered to customer 9; customer 1 was not imported' },
    ]);
    expect(outcome.written.customers).toBe(2);
    expect((await find(IdentifierType.MOBILE, '919900000001'))?.programs['1']?.currentPoints).toBe(100);
    const after = await identItems();
    expect(after.filter((line) => line.endsWith('-> 1'))).toEqual(before.filter((line) => line.endsWith('-> 1')));
    expect(after.filter((line) => line.endsWith('-> 4'))).toHaveLength(43);
    expect((await find(IdentifierType.CARD_NUMBER, 'A1-14'))?.id).toBe(9);
    expect(await item(ItemKeys.customerClaims('big', 1))).toBeUndefined();
  });

  it('completes what an interrupted import left: identifiers its journal names are released, then free for others', async () => {
    // Prepare: what a run killed after its claims leaves, with the file changed since
    imported(await importer.importSeed(fileOf(customerWithCards(1, 1))));
    const documents = DynamoDBDocumentClient.from(table.client);
    const orphan = { type: IdentifierType.CARD_NUMBER, value: 'LOST-1' };
    await documents.send(new PutCommand({ TableName: table.tableName, Item: { ...ItemKeys.identifier('big', orphan.type, orphan.value), customerId: 1 } }));
    await documents.send(new PutCommand({ TableName: table.tableName, Item: { ...ItemKeys.customerClaims('big', 1), identifiers: [orphan] } }));

    // Act
    const outcome = imported(await importer.importSeed(fileOf(customerWithCards(1, 1))));
    const later = imported(await importer.importSeed(fileOf(customerWithCards(1, 1), { id: 2, cards: [{ number: 'LOST-1' }] })));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect(outcome.written.identifiersRemoved).toBe(1);
    expect(await item(ItemKeys.customerClaims('big', 1))).toBeUndefined();
    expect(later.failures).toEqual([]);
    expect((await find(IdentifierType.CARD_NUMBER, 'LOST-1'))?.id).toBe(2);
  });

  it('reads a customer and its journal in one round trip, and writes a small customer in one transaction', async () => {
    // Prepare
    const calls = countCalls(table.client);

    // Act
    imported(await importer.importSeed({ orgs: [{ id: 'big', name: 'Big', customers: [{ ...customerWithCards(1, 1), programs: {} }] }] }));

    // Assess
    // The ORG item, then the customer: its partition read once, its items written once.
    expect(calls.calls).toEqual(['PutItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
  });
});
