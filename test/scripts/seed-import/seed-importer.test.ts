import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCustomerDirectory } from '../../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbGroupDirectory } from '../../../functions/adapters/dynamodb/dynamodb-group-directory';
import { DynamoDbPartnerDirectory } from '../../../functions/adapters/dynamodb/dynamodb-partner-directory';
import { ItemKeys } from '../../../functions/adapters/dynamodb/item-keys';
import { DynamoDbSeedImporter, type SeedImportOutcome } from '../../../scripts/seed-import/seed-importer';
import { apiKeyDigest } from '../../../functions/core/api-key';
import { IdentifierType } from '../../../functions/core/model';
import { createTestTable, type TestTable } from '../../support/dynamodb';
import { DEMO_SEED_FILE } from '../../support/paths';

/** A fresh, mutable copy of the demo seed (the shape is the seed format's input, kept loose for edits). */
type Editable = any;
const demoSeed = (): Editable => JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8'));

async function allItems(table: TestTable): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await DynamoDBDocumentClient.from(table.client).send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return Items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

function imported(outcome: SeedImportOutcome) {
  if (outcome.kind !== 'imported') throw new Error(`expected an import, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('the seed importer', () => {
  let table: TestTable;
  let importer: DynamoDbSeedImporter;
  let customers: DynamoDbCustomerDirectory;

  beforeEach(async () => {
    table = await createTestTable();
    importer = new DynamoDbSeedImporter(table.client, { tableName: table.tableName });
    customers = new DynamoDbCustomerDirectory({ client: table.client, tableName: table.tableName });
  });
  afterEach(() => table.destroy());

  const byMobile = (orgId: string, mobile: string) => customers.findCustomer(orgId, { type: IdentifierType.MOBILE, value: mobile });

  describe('refuses a malformed file, naming the bad field, and writes nothing', () => {
    it.each<[string, (seed: Editable) => void, string]>([
      [
        'a value of the wrong type',
        (seed) => {
          seed.orgs[0].customers[2].programs['1'].currentPoints = 'abc';
        },
        'orgs[0].customers[2].programs.1.currentPoints: Invalid type: Expected number but received "abc"',
      ],
      [
        'a tier named __proto__ (which a plain record would pass over unchecked)',
        (seed) => {
          seed.orgs[0].programs[0].rules.tiers = JSON.parse('{"__proto__": {"minPoints": "not a number"}}');
        },
        'orgs[0].programs[0].rules.tiers: names __proto__, constructor, prototype are reserved',
      ],
      [
        'an unknown field (a typo)',
        (seed) => {
          seed.orgs[0].customers[0].emial = 'asha@example.com';
        },
        'orgs[0].customers[0].emial: unknown field',
      ],
      [
        'the same mobile on two customers, written differently',
        (seed) => {
          seed.orgs[0].customers[3].mobile = '+91 99000 00001';
        },
        'orgs[0].customers[3].mobile: this mobile is already used by customer 1001',
      ],
      [
        'the same mobile on two customers, one national, read in the org default country IN',
        (seed) => {
          seed.orgs[0].customers[3].mobile = '099000 00001';
        },
        'orgs[0].customers[3].mobile: this mobile is already used by customer 1001',
      ],
      [
        'a mobile that cannot be one in the org default country',
        (seed) => {
          seed.orgs[0].customers[3].mobile = '12345';
        },
        'orgs[0].customers[3].mobile: "12345" cannot be a mobile number in IN or as an international number',
      ],
      [
        'a national mobile in an org without a default country',
        (seed) => {
          seed.orgs[1].customers[0].mobile = '9900000009';
        },
        'orgs[1].customers[0].mobile: "9900000009" cannot be a mobile number as an international number (country code first)',
      ],
      [
        'a default country libphonenumber does not know',
        (seed) => {
          seed.orgs[0].defaultCountry = 'in';
        },
        'orgs[0].defaultCountry: must be an ISO 3166-1 alpha-2 country code in capitals, e.g. IN',
      ],
      [
        'a membership of a program the org does not have',
        (seed) => {
          seed.orgs[0].customers[1].programs['7'] = { registered: true, currentPoints: 1, lifetimePoints: 1, lifetimePurchases: 1 };
        },
        'orgs[0].customers[1].programs.7: program 7 is not a program of this org',
      ],
      [
        'an invalid email',
        (seed) => {
          seed.orgs[1].customers[0].email = 'zoe-at-example.com';
        },
        'orgs[1].customers[0].email: "zoe-at-example.com" is not a valid email address',
      ],
      [
        'an invalid rule',
        (seed) => {
          seed.orgs[0].programs[2].rules.otp.length = 40;
        },
        'orgs[0].programs[2].rules.otp.length: Invalid value: Expected <=10 but received 40',
      ],
      [
        'a missing balance',
        (seed) => {
          delete seed.orgs[1].customers[0].programs['1'].lifetimePurchases;
        },
        'orgs[1].customers[0].programs.1.lifetimePurchases: required field is missing',
      ],
      [
        'the same API key in two orgs',
        (seed) => {
          seed.orgs[1].apiKeys = ['demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk'];
        },
        'orgs[1].apiKeys[0]: this API key is already a key of org "demo"',
      ],
      [
        'a group member who is not a customer of the org',
        (seed) => {
          seed.orgs[0].groups[0].members.push({ customerId: 2001, canRedeem: true });
        },
        'orgs[0].groups[0].members[2].customerId: customer 2001 is not a customer of this org',
      ],
      [
        'a group member listed twice',
        (seed) => {
          seed.orgs[0].groups[0].members.push({ customerId: 1005, canRedeem: true });
        },
        'orgs[0].groups[0].members[2].customerId: customer 1005 is already a member of this group',
      ],
      [
        'a primary member who is not a member',
        (seed) => {
          seed.orgs[0].groups[0].primaryCustomerId = 1002;
        },
        "orgs[0].groups[0].primaryCustomerId: customer 1002 must be one of the group's members",
      ],
      [
        'a primary member who is not a customer of the org',
        (seed) => {
          seed.orgs[0].groups[0].primaryCustomerId = 4242;
        },
        'orgs[0].groups[0].primaryCustomerId: customer 4242 is not a customer of this org',
      ],
      [
        'a group without a member allowed field (strict objects)',
        (seed) => {
          delete seed.orgs[0].groups[0].members[0].canRedeem;
        },
        'orgs[0].groups[0].members[0].canRedeem: required field is missing',
      ],
      [
        'a group balance in a program the org does not have',
        (seed) => {
          seed.orgs[0].groups[0].programs['9'] = { currentPoints: 1, lifetimePoints: 1, lifetimePurchases: 1 };
        },
        'orgs[0].groups[0].programs.9: program 9 is not a program of this org',
      ],
      [
        'two groups with the same external id',
        (seed) => {
          seed.orgs[0].groups.push({ id: 502, externalId: 'FAM-501', primaryCustomerId: 1002, members: [{ customerId: 1002, canRedeem: true }] });
        },
        'orgs[0].groups[1].externalId: this group external id is already used by group 501',
      ],
      [
        'a customer who is the primary member of two groups',
        (seed) => {
          seed.orgs[0].groups.push({ id: 502, primaryCustomerId: 1001, members: [{ customerId: 1001, canRedeem: true }] });
        },
        'orgs[0].groups[1].primaryCustomerId: customer 1001 is already the primary member of group 501',
      ],
      [
        'the same group id twice',
        (seed) => {
          seed.orgs[0].groups.push({ id: 501, primaryCustomerId: 1002, members: [{ customerId: 1002, canRedeem: true }] });
        },
        'orgs[0].groups[1].id: group 501 is already defined at groups[0]',
      ],
      [
        'a default group the org does not have',
        (seed) => {
          seed.orgs[0].customers[1].defaultGroupId = 777;
        },
        'orgs[0].customers[1].defaultGroupId: group 777 is not a group of this org',
      ],
      [
        'a default group of which the customer is not a member',
        (seed) => {
          seed.orgs[0].customers[1].defaultGroupId = 501;
        },
        'orgs[0].customers[1].defaultGroupId: customer 1002 is not a member of group 501',
      ],
      [
        'a program link to a program the org does not have',
        (seed) => {
          seed.orgs[0].programLinks[0].earnProgramId = 9;
        },
        'orgs[0].programLinks[0].earnProgramId: program 9 is not a program of this org',
      ],
      [
        'a program linked to itself',
        (seed) => {
          seed.orgs[0].programLinks = [{ earnProgramId: 3, redeemProgramId: 3 }];
        },
        'orgs[0].programLinks[0].redeemProgramId: a program cannot be linked to itself',
      ],
      [
        'a program that would redeem the points of two programs',
        (seed) => {
          seed.orgs[0].programLinks.push({ earnProgramId: 3, redeemProgramId: 1 });
        },
        'orgs[0].programLinks[1].redeemProgramId: program 1 already redeems the points of program 4',
      ],
      [
        'group rules without enabled',
        (seed) => {
          seed.orgs[0].programs[0].rules.groupRedemption = { maxPointsPerRedemption: 1000 };
        },
        'orgs[0].programs[0].rules.groupRedemption.enabled: required field is missing',
      ],
    ])('%s', async (_, breakIt, problem) => {
      // Prepare
      const seed = demoSeed();
      breakIt(seed);

      // Act
      const outcome = await importer.importSeed(seed);

      // Assess
      expect(outcome).toEqual({ kind: 'refused', problems: [problem] });
      expect(await allItems(table)).toEqual([]);
    });

    describe('every number has a bound, checked before anything is written', () => {
      const POINTS_RANGE = 'must be a whole number from 0 to 2147483647';
      const AMOUNT_RANGE = 'must be an amount from 0 to 999999999999.999 with at most 3 decimals';
      it.each<[string, (seed: Editable) => void, string | string[]]>([
        [
          'points beyond the contract\'s int (the value JSON reads for 9007199254740993)',
          (seed) => {
            seed.orgs[0].customers[1].programs['1'].currentPoints = 9007199254740992;
          },
          `orgs[0].customers[1].programs.1.currentPoints: ${POINTS_RANGE}`,
        ],
        [
          'points one above the int range',
          (seed) => {
            seed.orgs[1].customers[0].programs['1'].lifetimePoints = 2147483648;
          },
          `orgs[1].customers[0].programs.1.lifetimePoints: ${POINTS_RANGE}`,
        ],
        [
          'negative points',
          (seed) => {
            seed.orgs[0].customers[0].programs['4'].currentPoints = -1;
          },
          `orgs[0].customers[0].programs.4.currentPoints: ${POINTS_RANGE}`,
        ],
        [
          'a group balance beyond the int range',
          (seed) => {
            seed.orgs[0].groups[0].programs['1'].currentPoints = 1e10;
          },
          `orgs[0].groups[0].programs.1.currentPoints: ${POINTS_RANGE}`,
        ],
        [
          'lifetime purchases beyond the amount bound',
          (seed) => {
            seed.orgs[0].customers[0].programs['1'].lifetimePurchases = 1e13;
          },
          `orgs[0].customers[0].programs.1.lifetimePurchases: ${AMOUNT_RANGE}`,
        ],
        [
          'lifetime purchases with more decimals than any currency',
          (seed) => {
            seed.orgs[0].groups[0].programs['4'].lifetimePurchases = 10.0001;
          },
          `orgs[0].groups[0].programs.4.lifetimePurchases: ${AMOUNT_RANGE}`,
        ],
        [
          'lifetime purchases too small for DynamoDB to store (1e-200)',
          (seed) => {
            seed.orgs[0].customers[2].programs['1'].lifetimePurchases = 1e-200;
          },
          `orgs[0].customers[2].programs.1.lifetimePurchases: ${AMOUNT_RANGE}`,
        ],
        [
          'a rule amount DynamoDB cannot store (1e300), in a tier',
          (seed) => {
            seed.orgs[0].programs[0].rules.tiers.GOLD.minLifetimePurchases = 1e300;
          },
          `orgs[0].programs[0].rules.tiers.GOLD.minLifetimePurchases: ${AMOUNT_RANGE}`,
        ],
        [
          'a customer id beyond what id= looks up',
          (seed) => {
            seed.orgs[1].customers[0].id = 1e15;
          },
          'orgs[1].customers[0].id: must be a whole number from 1 to 999999999999999',
        ],
        [
          'a group id beyond the int range',
          (seed) => {
            seed.orgs[0].groups[0].id = 2147483648;
            delete seed.orgs[0].customers[0].defaultGroupId;
          },
          'orgs[0].groups[0].id: must be a whole number from 1 to 2147483647',
        ],
        [
          'a program id a double cannot hold exactly',
          (seed) => {
            seed.orgs[1].programs.push({ id: 2 ** 53, name: 'Too far' });
          },
          'orgs[1].programs[1].id: must be a whole number from 1 to 9007199254740991',
        ],
        [
          'a membership keyed by a program id beyond 2^53 - 1',
          (seed) => {
            seed.orgs[1].customers[0].programs['9007199254740993'] = { registered: true, currentPoints: 1, lifetimePoints: 1, lifetimePurchases: 1 };
          },
          [
            'orgs[1].customers[0].programs.9007199254740993: must be a program id',
            'orgs[1].customers[0].programs.9007199254740993: program 9007199254740993 is not a program of this org',
          ],
        ],
        [
          'a key naming more programs than an org may have',
          (seed) => {
            seed.orgs[0].apiKeys[1].programIds = Array.from({ length: 100 }, () => 3);
          },
          'orgs[0].apiKeys[1].programIds: must name at most 99 programs',
        ],
        [
          'rules too large for a program item',
          (seed) => {
            // {"blockedFraudStatuses":["X...X"]}: 29 bytes around the status
            seed.orgs[1].programs[0].rules = { blockedFraudStatuses: ['X'.repeat(16_384)] };
          },
          'orgs[1].programs[0].rules: take 16413 bytes as JSON; at most 16384',
        ],
      ])('%s', async (_, breakIt, problems) => {
        // Prepare
        const seed = demoSeed();
        breakIt(seed);

        // Act
        const outcome = await importer.importSeed(seed);

        // Assess
        expect(outcome).toEqual({ kind: 'refused', problems: [problems].flat() });
        expect(await allItems(table)).toEqual([]);
      });

      it('accepts the bounds themselves', async () => {
        // Prepare
        const seed = demoSeed();
        Object.assign(seed.orgs[1].customers[0].programs['1'], { currentPoints: 2147483647, lifetimePoints: 0, lifetimePurchases: 999999999999.999 });
        seed.orgs[0].programs[0].rules.minLifetimePurchases = 0.125;

        // Act
        const outcome = imported(await importer.importSeed(seed));

        // Assess
        expect(outcome.failures).toEqual([]);
        const zoe = await customers.findCustomer('acme', { type: IdentifierType.ID, value: String(seed.orgs[1].customers[0].id) });
        expect(zoe?.programs['1']).toMatchObject({ currentPoints: 2147483647, lifetimePurchases: 999999999999.999 });
      });

      it('refuses, from the text of the file, a number JSON does not read as written, naming the field once', async () => {
        // Prepare
        const text = JSON.stringify(demoSeed(), null, 1).replace('"currentPoints": 800', '"currentPoints": 9007199254740993');

        // Act
        const outcome = await importer.importSeedJson(text);

        // Assess
        expect(outcome).toEqual({
          kind: 'refused',
          problems: ['orgs[0].customers[1].programs.1.currentPoints: 9007199254740993 cannot be stored as written: it would be read as 9007199254740992'],
        });
        expect(await allItems(table)).toEqual([]);
      });
    });

    describe('a partner key must carry 128 bits', () => {
      const TOO_SHORT = 'is too short to carry 128 bits: a key needs at least 32 characters (39 if only digits); make one with `npm run new-key`';
      it.each<[string, unknown, string, string]>([
        ['a short key written alone, named where it is written', 'acme-key-456', 'orgs[1].apiKeys[0]', TOO_SHORT],
        ['a key of 31 characters in an object', { key: 'k'.repeat(31), label: 'till' }, 'orgs[1].apiKeys[0].key', TOO_SHORT],
        ['38 digits (126 bits)', '1'.repeat(38), 'orgs[1].apiKeys[0]', TOO_SHORT],
        ['a space', `${'a'.repeat(40)} b`, 'orgs[1].apiKeys[0]', 'may hold only the characters A-Z, a-z, 0-9, "-" and "_"'],
        ['a character beyond ASCII', `${'a'.repeat(40)}é`, 'orgs[1].apiKeys[0]', 'may hold only the characters A-Z, a-z, 0-9, "-" and "_"'],
        ['257 characters', 'a'.repeat(257), 'orgs[1].apiKeys[0]', 'must be at most 256 characters'],
      ])('refuses %s, without repeating the key', async (_, apiKey, path, message) => {
        // Prepare
        const seed = demoSeed();
        seed.orgs[1].apiKeys = [apiKey];

        // Act
        const outcome = await importer.importSeed(seed);

        // Assess
        expect(outcome).toEqual({ kind: 'refused', problems: [`${path}: ${message}`] });
        const key = typeof apiKey === 'string' ? apiKey : (apiKey as { key: string }).key;
        expect(JSON.stringify(outcome)).not.toContain(key);
        expect(await allItems(table)).toEqual([]);
      });

      it('accepts 32 hexadecimal digits (128 bits), 39 decimal digits, and what npm run new-key prints', async () => {
        // Prepare
        const seed = demoSeed();
        seed.orgs[1].apiKeys = ['0123456789abcdef0123456789ABCDEF', '1'.repeat(39), { key: 'acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk', label: 'pos' }];

        // Act
        const outcome = imported(await importer.importSeed(seed));

        // Assess
        expect(outcome.failures).toEqual([]);
        expect(outcome.written.apiKeys).toBe(7);
      });
    });

    it('names every problem of the file, not only the first', async () => {
      // Prepare
      const seed = demoSeed();
      seed.orgs[0].customers[0].fraudStatus = 'confirmed';
      seed.orgs[1].programs[0].rules = { pointValue: '0.12345678901' };

      // Act
      const outcome = await importer.importSeed(seed);

      // Assess
      expect(outcome.kind === 'refused' && outcome.problems).toEqual([
        expect.stringMatching(/^orgs\[0]\.customers\[0]\.fraudStatus: /),
        expect.stringMatching(/^orgs\[1]\.programs\[0]\.rules\.pointValue: /),
      ]);
    });
  });

  it('reports what it wrote, and stores a digest of each API key, never the key', async () => {
    // Act
    const outcome = imported(await importer.importSeed(demoSeed()));

    // Assess
    expect(outcome.written).toEqual({ orgs: 2, programs: 5, apiKeys: 5, customers: 9, identifiers: 29, identifiersRemoved: 0, groups: 1 });
    expect(outcome.failures).toEqual([]);
    const stored = JSON.stringify(await allItems(table));
    expect(stored).not.toContain('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk');
    expect(stored).toContain(`APIKEY#${apiKeyDigest('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk')}`);
  });

  it('is idempotent: importing the same file again leaves the same items', async () => {
    // Prepare
    imported(await importer.importSeed(demoSeed()));
    const afterFirst = await allItems(table);

    // Act
    const second = imported(await importer.importSeed(demoSeed()));

    // Assess
    expect(second.failures).toEqual([]);
    expect(second.written.identifiersRemoved).toBe(0);
    expect(await allItems(table)).toEqual(afterFirst);
  });

  it("removes the identifier items of a re-imported customer's old identifiers", async () => {
    // Prepare
    imported(await importer.importSeed(demoSeed()));
    const changed = demoSeed();
    changed.orgs[0].customers[0].mobile = '919900000099';
    changed.orgs[0].customers[0].cards = [];

    // Act
    const outcome = imported(await importer.importSeed(changed));

    // Assess
    expect(outcome.written.identifiersRemoved).toBe(3);
    expect(await byMobile('demo', '919900000001')).toBeUndefined();
    expect((await byMobile('demo', '919900000099'))?.id).toBe(1001);
    expect(await customers.findCustomer('demo', { type: IdentifierType.CARD_NUMBER, value: '4000123412341234' })).toBeUndefined();
    const { Item: oldIdentifier } = await DynamoDBDocumentClient.from(table.client).send(
      new GetCommand({ TableName: table.tableName, Key: ItemKeys.identifier('demo', IdentifierType.MOBILE, '919900000001') }),
    );
    expect(oldIdentifier).toBeUndefined();
  });

  it("stores every mobile in one form, read in the org's default country: national numbers, a trunk 0, the international prefix", async () => {
    // Prepare
    const seed = demoSeed();
    seed.orgs[0].customers[0].mobile = '9900000001';
    seed.orgs[0].customers[1].mobile = '099000 00002';
    seed.orgs[0].customers[2].mobile = '0091 99000 00003';
    seed.orgs[0].customers[3].mobile = '+44 7700 900004';

    // Act
    const outcome = imported(await importer.importSeed(seed));

    // Assess
    expect(outcome.failures).toEqual([]);
    const found = await Promise.all(['919900000001', '919900000002', '919900000003', '447700900004'].map((mobile) => byMobile('demo', mobile)));
    expect(found.map((customer) => [customer?.id, customer?.mobile])).toEqual([
      [1001, '919900000001'],
      [1002, '919900000002'],
      [1003, '919900000003'],
      [1004, '447700900004'],
    ]);
    const { Item: org } = await DynamoDBDocumentClient.from(table.client).send(new GetCommand({ TableName: table.tableName, Key: ItemKeys.org('demo') }));
    expect(org).toMatchObject({ defaultCountry: 'IN' });
  });

  it('lets a freed identifier be taken by another customer in a later import', async () => {
    // Prepare
    imported(await importer.importSeed(demoSeed()));
    const moved = demoSeed();
    moved.orgs[0].customers[0].mobile = '919900000099';
    imported(await importer.importSeed(moved));
    const taken = demoSeed();
    taken.orgs[0].customers[0].mobile = '919900000099';
    taken.orgs[0].customers[1].mobile = '919900000001';

    // Act
    const outcome = imported(await importer.importSeed(taken));

    // Assess
    expect(outcome.failures).toEqual([]);
    expect((await byMobile('demo', '919900000001'))?.id).toBe(1002);
  });

  describe('an identifier owned by another customer in the table', () => {
    const conflictingFile = (): Editable => {
      const seed = demoSeed();
      const [asha, , , , , , , omar] = seed.orgs[0].customers;
      asha.email = 'ravi@example.com';
      asha.programs['1'].currentPoints = 999;
      omar.programs['1'].currentPoints = 121;
      const newcomer = { id: 1009, mobile: '919900000002', email: 'new@example.com', programs: {} };
      // Ravi is not in this file, so the file itself is consistent: the conflict is only with the table.
      seed.orgs[0].customers = [asha, newcomer, omar];
      delete asha.defaultGroupId;
      seed.orgs[0].groups = [];
      seed.orgs = [seed.orgs[0]];
      return seed;
    };

    it('fails that customer with a message naming the field and the owner, and imports the others', async () => {
      // Prepare
      imported(await importer.importSeed(demoSeed()));

      // Act
      const outcome = imported(await importer.importSeed(conflictingFile()));

      // Assess
      expect(outcome.failures).toEqual([
        { path: 'orgs[0].customers[0].email', message: 'this email is already registered to customer 1002; customer 1001 was not imported' },
        { path: 'orgs[0].customers[1].mobile', message: 'this mobile is already registered to customer 1002; customer 1009 was not imported' },
      ]);
      expect(outcome.written.customers).toBe(1);
      expect((await customers.findCustomer('demo', { type: IdentifierType.ID, value: '1008' }))?.programs['1']?.currentPoints).toBe(121);
    });

    it('leaves the failed customers as they were, and the owner untouched', async () => {
      // Prepare
      imported(await importer.importSeed(demoSeed()));

      // Act
      await importer.importSeed(conflictingFile());

      // Assess
      const asha = await customers.findCustomer('demo', { type: IdentifierType.EMAIL, value: 'asha@example.com' });
      expect(asha).toMatchObject({ id: 1001, email: 'asha@example.com' });
      expect(asha?.programs['1']?.currentPoints).toBe(500);
      expect((await customers.findCustomer('demo', { type: IdentifierType.EMAIL, value: 'ravi@example.com' }))?.id).toBe(1002);
      expect((await byMobile('demo', '919900000002'))?.id).toBe(1002);
      expect(await customers.findCustomer('demo', { type: IdentifierType.ID, value: '1009' })).toBeUndefined();
      expect(await customers.findCustomer('demo', { type: IdentifierType.EMAIL, value: 'new@example.com' })).toBeUndefined();
    });
  });

  it("does not move an API key to another org, and reports it", async () => {
    // Prepare
    imported(await importer.importSeed(demoSeed()));
    const rival = { orgs: [{ id: 'rival', name: 'Rival', apiKeys: ['demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk'] }] };

    // Act
    const outcome = imported(await importer.importSeed(rival));

    // Assess
    expect(outcome.failures).toEqual([
      { path: 'orgs[0].apiKeys[0]', message: 'this API key already belongs to another org; it was left unchanged' },
    ]);
    const partner = await new DynamoDbPartnerDirectory({ client: table.client, tableName: table.tableName }).findByKeyDigest(apiKeyDigest('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk'));
    expect(partner?.orgId).toBe('demo');
  });

  describe('group wallets and program links', () => {
    const item = async (key: { pk: string; sk: string }) =>
      (await DynamoDBDocumentClient.from(table.client).send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;

    it('writes each group with its external id and primary member items, the links on the org, the default group on the customer', async () => {
      // Act
      imported(await importer.importSeed(demoSeed()));

      // Assess
      expect(await item(ItemKeys.group('demo', 501))).toEqual({
        ...ItemKeys.group('demo', 501),
        groupId: 501,
        externalId: 'FAM-501',
        primaryCustomerId: 1001,
        programs: {
          '1': { currentPoints: 2000, lifetimePoints: 5000, lifetimePurchases: 60000 },
          '4': { currentPoints: 4000, lifetimePoints: 8000, lifetimePurchases: 60000 },
        },
      });
      expect(await item(ItemKeys.identifier('demo', 'group_external_id', 'FAM-501'))).toMatchObject({ groupId: 501 });
      expect(await item(ItemKeys.groupPrimary('demo', 1001))).toMatchObject({ groupId: 501 });
      expect(await item(ItemKeys.org('demo'))).toMatchObject({ programLinks: [{ earnProgramId: 4, redeemProgramId: 1 }] });
      expect(await item(ItemKeys.customer('demo', 1001))).toMatchObject({ defaultGroupId: 501 });
    });

    it("removes a re-imported group's old external id and primary member items", async () => {
      // Prepare
      imported(await importer.importSeed(demoSeed()));
      const changed = demoSeed();
      changed.orgs[0].groups[0].externalId = 'FAM-777';
      changed.orgs[0].groups[0].primaryCustomerId = 1005;
      const groups = new DynamoDbGroupDirectory({ client: table.client, tableName: table.tableName });

      // Act
      const outcome = imported(await importer.importSeed(changed));

      // Assess
      expect(outcome.failures).toEqual([]);
      expect(await item(ItemKeys.identifier('demo', 'group_external_id', 'FAM-501'))).toBeUndefined();
      expect(await item(ItemKeys.groupPrimary('demo', 1001))).toBeUndefined();
      expect((await groups.findGroup('demo', { by: 'external-id', externalId: 'FAM-777' }))?.id).toBe(501);
      expect((await groups.findGroup('demo', { by: 'primary-member', customerId: 1005 }))?.id).toBe(501);
      expect(await groups.findGroup('demo', { by: 'primary-member', customerId: 1001 })).toBeUndefined();
    });

    it.each<[string, Editable, string, string]>([
      [
        'an external id',
        { id: 502, externalId: 'FAM-501', primaryCustomerId: 1002, members: [{ customerId: 1002, canRedeem: true }] },
        'orgs[0].groups[0].externalId',
        'this group external id is already used by group 501; group 502 was not imported',
      ],
      [
        'a primary member',
        { id: 502, primaryCustomerId: 1001, members: [{ customerId: 1001, canRedeem: true }] },
        'orgs[0].groups[0].primaryCustomerId',
        'customer 1001 is already the primary member of group 501; group 502 was not imported',
      ],
    ])("fails a group whose %s belongs to another group in the table, and leaves that group's items", async (_, newGroup, path, message) => {
      // Prepare
      imported(await importer.importSeed(demoSeed()));
      const seed = demoSeed();
      seed.orgs = [seed.orgs[0]];
      delete seed.orgs[0].customers[0].defaultGroupId;
      seed.orgs[0].groups = [newGroup];

      // Act
      const outcome = imported(await importer.importSeed(seed));

      // Assess
      expect(outcome.failures).toEqual([{ path, message }]);
      expect(outcome.written.groups).toBe(0);
      expect(await item(ItemKeys.group('demo', 502))).toBeUndefined();
      expect(await item(ItemKeys.identifier('demo', 'group_external_id', 'FAM-501'))).toMatchObject({ groupId: 501 });
      expect(await item(ItemKeys.groupPrimary('demo', 1001))).toMatchObject({ groupId: 501 });
    });
  });
});
