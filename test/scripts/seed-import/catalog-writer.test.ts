import { DynamoDbProgramCatalog } from '../../../functions/adapters/dynamodb/dynamodb-program-catalog';
import { IdentifierType } from '../../../functions/core/model';
import { DynamoDbCustomerDirectory } from '../../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbSeedImporter } from '../../../scripts/seed-import/seed-importer';
import { createTestTable, type TestTable } from '../../support/dynamodb';

describe('an org with more programs than one local transaction holds', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
  });
  afterAll(() => table.destroy());

  it('imports its 99 programs, its settings naming the last one, and the customers after them', async () => {
    // Prepare
    const programs = Array.from({ length: 99 }, (_, i) => ({ id: i + 1, name: `Program ${i + 1}`, rules: { multipleOf: i + 1 } }));
    const seed = {
      orgs: [
        {
          id: 'wide',
          name: 'Wide',
          defaultProgramId: 99,
          programLinks: [{ earnProgramId: 98, redeemProgramId: 99 }],
          programs,
          customers: [{ id: 1, mobile: '919900000001', programs: { '99': { registered: true, currentPoints: 5, lifetimePoints: 5, lifetimePurchases: 5 } } }],
        },
      ],
    };

    // Act
    const outcome = await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(seed);

    // Assess
    expect(outcome).toMatchObject({ kind: 'imported', failures: [], written: { orgs: 1, programs: 99, customers: 1 } });
    const catalog = await new DynamoDbProgramCatalog({ client: table.client, tableName: table.tableName }).programsOf('wide');
    expect(catalog).toHaveLength(99);
    expect(catalog.find((program) => program.id === 57)?.rules.multipleOf).toBe(57);
    expect(catalog.find((program) => program.id === 99)).toMatchObject({ isDefault: true, earnProgramId: 98 });
    const customers = new DynamoDbCustomerDirectory({ client: table.client, tableName: table.tableName });
    expect((await customers.findCustomer('wide', { type: IdentifierType.MOBILE, value: '919900000001' }))?.programs['99']?.currentPoints).toBe(5);
  });
});
