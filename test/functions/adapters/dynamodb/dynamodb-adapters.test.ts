import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CachedPartnerDirectory } from '../../../../functions/adapters/cache/cached-partner-directory';
import { CachedProgramCatalog } from '../../../../functions/adapters/cache/cached-program-catalog';
import { DynamoDbCustomerDirectory } from '../../../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { DynamoDbGroupDirectory } from '../../../../functions/adapters/dynamodb/dynamodb-group-directory';
import { DynamoDbPartnerDirectory } from '../../../../functions/adapters/dynamodb/dynamodb-partner-directory';
import { DynamoDbProgramCatalog } from '../../../../functions/adapters/dynamodb/dynamodb-program-catalog';
import { StoredItemCorruptError } from '../../../../functions/adapters/dynamodb/errors';
import { ItemKeys } from '../../../../functions/adapters/dynamodb/item-keys';
import { DynamoDbSeedImporter } from '../../../../scripts/seed-import/seed-importer';
import { apiKeyDigest } from '../../../../functions/core/api-key';
import { identifierInOrg, normaliseIdentifier } from '../../../../functions/core/identifiers';
import { IdentifierType, type CustomerIdentifier } from '../../../../functions/core/model';
import type { GroupLookup } from '../../../../functions/core/ports/group-directory';
import { DEFAULT_OTP_RULES, DEFAULT_REDEMPTION_RULES } from '../../../../functions/core/rules/defaults';
import { localClientConfig } from '../../../../local/dynamodb-local/dynamodb-local';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { countCalls } from '../../../support/points-api-stack';
import { DEMO_SEED_FILE } from '../../../support/paths';

const demoSeed: unknown = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8'));

/** As a request is read: raw input through the one normal form, in the demo org (default country IN). */
function identifier(type: IdentifierType, raw: string): CustomerIdentifier {
  const written = normaliseIdentifier(type, raw);
  const normalised = written && identifierInOrg(written, 'IN');
  if (!normalised) throw new Error(`test input is not a valid ${type}: ${raw}`);
  return normalised;
}

/** A client that records every command sent through it: the adapters' DynamoDB round trips. */
function countingClient(endpoint: string): { client: DynamoDBClient; commands: string[] } {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  return { client, commands: countCalls(client).calls };
}

const fixedClock = { now: () => 1_700_000_000_000 };

describe('the DynamoDB adapters, on the imported demo seed', () => {
  let table: TestTable;
  let counted: { client: DynamoDBClient; commands: string[] };
  let customers: DynamoDbCustomerDirectory;
  let catalog: DynamoDbProgramCatalog;
  let partners: DynamoDbPartnerDirectory;
  let groups: DynamoDbGroupDirectory;

  beforeAll(async () => {
    table = await createTestTable();
    const outcome = await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(demoSeed);
    if (outcome.kind !== 'imported' || outcome.failures.length > 0) throw new Error(`demo seed not imported: ${JSON.stringify(outcome)}`);
    counted = countingClient(table.endpoint);
    const options = { tableName: table.tableName };
    customers = new DynamoDbCustomerDirectory({ client: counted.client, ...options });
    catalog = new DynamoDbProgramCatalog({ client: counted.client, ...options });
    partners = new DynamoDbPartnerDirectory({ client: counted.client, ...options });
    groups = new DynamoDbGroupDirectory({ client: counted.client, ...options });
  });
  beforeEach(() => {
    counted.commands.length = 0;
  });
  afterAll(async () => {
    counted.client.destroy();
    await table.destroy();
  });

  describe('customer directory', () => {
    it('reads only the memberships asked for, the rest of the profile whole', async () => {
      // Act
      const asha = await customers.findCustomer('demo', identifier(IdentifierType.MOBILE, '919900000001'), { programIds: [3, 4, 99] });

      // Assess
      expect(Object.keys(asha?.programs ?? {}).sort()).toEqual(['3', '4']);
      expect(asha?.programs['4']?.currentPoints).toBe(1000);
      expect(asha).toMatchObject({ id: 1001, email: 'asha@example.com', cards: [{ number: '4000123412341234' }], defaultGroupId: 501 });
      const none = await customers.findCustomer('demo', identifier(IdentifierType.ID, '1001'), { programIds: [] });
      expect(none?.programs).toEqual({});
    });

    it('returns the whole customer, memberships and balances included', async () => {
      // Act
      const asha = await customers.findCustomer('demo', identifier(IdentifierType.MOBILE, '919900000001'));

      // Assess
      expect(asha).toEqual({
        orgId: 'demo',
        id: 1001,
        mobile: '919900000001',
        email: 'asha@example.com',
        externalId: 'EXT-1001',
        cards: [{ number: '4000123412341234', externalId: 'CARD-1001' }],
        fraudStatus: 'NONE',
        programs: {
          '1': { registered: true, tier: 'SILVER', currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
          '2': { registered: true, tier: 'SILVER', currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
          '3': { registered: true, tier: 'SILVER', currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
          '4': { registered: true, tier: undefined, currentPoints: 1000, lifetimePoints: 3000, lifetimePurchases: 40000 },
        },
        defaultGroupId: 501,
      });
    });

    it.each([
      [IdentifierType.MOBILE, '+91 99000 00001'],
      [IdentifierType.EMAIL, 'ASHA@Example.COM'],
      [IdentifierType.EXTERNAL_ID, 'EXT-1001'],
      [IdentifierType.ID, '1001'],
      [IdentifierType.CARD_NUMBER, '4000123412341234'],
      [IdentifierType.CARD_EXTERNAL_ID, 'CARD-1001'],
    ])('finds Asha by %s "%s"', async (type, raw) => {
      // Act
      const customer = await customers.findCustomer('demo', identifier(type, raw));

      // Assess
      expect(customer?.id).toBe(1001);
    });

    it.each([
      [IdentifierType.MOBILE, '919911111111'],
      [IdentifierType.EMAIL, 'nobody@example.com'],
      [IdentifierType.ID, '999999'],
      [IdentifierType.CARD_NUMBER, 'CARD-1001'],
    ])('finds no one for an unknown %s', async (type, raw) => {
      // Act
      const customer = await customers.findCustomer('demo', identifier(type, raw));

      // Assess
      expect(customer).toBeUndefined();
    });

    it("never answers with another org's customer", async () => {
      // Act
      const zoeFromDemo = await customers.findCustomer('demo', identifier(IdentifierType.MOBILE, '919900000009'));
      const zoeByIdFromDemo = await customers.findCustomer('demo', identifier(IdentifierType.ID, '2001'));
      const ashaFromAcme = await customers.findCustomer('acme', identifier(IdentifierType.ID, '1001'));
      const zoeFromAcme = await customers.findCustomer('acme', identifier(IdentifierType.MOBILE, '919900000009'));

      // Assess
      expect([zoeFromDemo, zoeByIdFromDemo, ashaFromAcme]).toEqual([undefined, undefined, undefined]);
      expect(zoeFromAcme).toMatchObject({ orgId: 'acme', id: 2001, email: 'zoe@example.com' });
    });

    it('does not answer through an identifier item the customer no longer has', async () => {
      // Prepare: an identifier item left pointing at Asha for a mobile she does not have
      await DynamoDBDocumentClient.from(table.client).send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...ItemKeys.identifier('demo', IdentifierType.MOBILE, '919988887777'), customerId: 1001 },
        }),
      );

      // Act
      const customer = await customers.findCustomer('demo', identifier(IdentifierType.MOBILE, '919988887777'));

      // Assess
      expect(customer).toBeUndefined();
    });

    it('reads a customer by mobile in 2 round trips and by id in 1', async () => {
      // Act
      await customers.findCustomer('demo', identifier(IdentifierType.MOBILE, '919900000002'));
      const byMobile = [...counted.commands];
      counted.commands.length = 0;
      await customers.findCustomer('demo', identifier(IdentifierType.ID, '1002'));
      const byId = [...counted.commands];

      // Assess
      expect(byMobile).toEqual(['GetItemCommand', 'GetItemCommand']);
      expect(byId).toEqual(['GetItemCommand']);
    });
  });

  describe('program catalog', () => {
    it("loads the org's programs, with the default marked", async () => {
      // Act
      const programs = await catalog.programsOf('demo');

      // Assess
      expect(programs.map(({ orgId, id, name, isDefault }) => ({ orgId, id, name, isDefault }))).toEqual([
        { orgId: 'demo', id: 1, name: 'Demo Rewards', isDefault: true },
        { orgId: 'demo', id: 2, name: 'Paused Rewards', isDefault: false },
        { orgId: 'demo', id: 3, name: 'Secure Rewards', isDefault: false },
        { orgId: 'demo', id: 4, name: 'Partner Miles', isDefault: false },
      ]);
    });

    it("marks the program whose points each program redeems (the org's program links)", async () => {
      // Act
      const programs = await catalog.programsOf('demo');

      // Assess
      expect(programs.map(({ id, earnProgramId }) => ({ id, earnProgramId }))).toEqual([
        { id: 1, earnProgramId: 4 },
        { id: 2, earnProgramId: undefined },
        { id: 3, earnProgramId: undefined },
        { id: 4, earnProgramId: undefined },
      ]);
    });

    it('returns the imported rules with every rule not imported at its default', async () => {
      // Act
      const [rewards, paused, secure] = await catalog.programsOf('demo');

      // Assess
      expect(rewards?.rules).toEqual({
        ...DEFAULT_REDEMPTION_RULES,
        multipleOf: 10,
        minPoints: 20,
        maxPointsPerRedemption: 200,
        minCurrentPoints: 50,
        minLifetimePoints: 100,
        minLifetimePurchases: 1000,
        pointValue: '0.5',
        blockedFraudStatuses: ['MARKED', 'CONFIRMED', 'RECONFIRMED'],
        tiers: { GOLD: { maxPointsPerRedemption: 500, pointValue: '0.75' } },
        groupRedemption: { enabled: true, maxPointsPerRedemption: 1000 },
      });
      expect(paused?.rules).toEqual({ ...DEFAULT_REDEMPTION_RULES, redemptionEnabled: false, tiers: {} });
      expect(secure?.rules.otp).toEqual({
        ...DEFAULT_OTP_RULES,
        required: true,
        allowSkipValidation: false,
        validityMinutes: 10,
        missedCallEnabled: true,
      });
    });

    it("keeps orgs' catalogs apart; an org with one program has it as its default", async () => {
      // Act
      const acme = await catalog.programsOf('acme');
      const nobody = await catalog.programsOf('nobody');

      // Assess
      expect(acme).toEqual([{ orgId: 'acme', id: 1, name: 'Acme Points', isDefault: true, rules: { ...DEFAULT_REDEMPTION_RULES, tiers: {} } }]);
      expect(nobody).toEqual([]);
    });

    it("loads the org's settings with its programs, in the same round trip: demo's default country, none for acme", async () => {
      // Act
      const demo = await catalog.catalogOf('demo');
      const acme = await catalog.catalogOf('acme');

      // Assess
      expect(demo.settings).toEqual({ defaultCountry: 'IN' });
      expect(demo.programs.map((program) => program.id)).toEqual([1, 2, 3, 4]);
      expect(acme.settings).toEqual({});
      expect(counted.commands).toEqual(['QueryCommand', 'QueryCommand']);
    });

    it('loads a catalog in 1 round trip, and in none while it is cached', async () => {
      // Prepare
      const cached = new CachedProgramCatalog({ catalog, ttlMs: 60_000, clock: fixedClock });

      // Act
      await cached.programsOf('demo');
      const first = [...counted.commands];
      counted.commands.length = 0;
      const again = await cached.programsOf('demo');

      // Assess
      expect(first).toEqual(['QueryCommand']);
      expect(counted.commands).toEqual([]);
      expect(again).toHaveLength(4);
    });

    it('reads every page of a catalog larger than one Query page (1 MB)', async () => {
      // Prepare: 120 programs of about 11 KB each
      const longTemplate = `Your code is {code}. ${'x'.repeat(290)}`;
      const tiers = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`TIER${i}`, { otp: { smsTemplate: longTemplate } }]));
      const documents = DynamoDBDocumentClient.from(table.client);
      for (let first = 1; first <= 120; first += 25) {
        const ids = Array.from({ length: 25 }, (_, i) => first + i).filter((id) => id <= 120);
        await documents.send(
          new BatchWriteCommand({
            RequestItems: {
              [table.tableName]: ids.map((id) => ({
                PutRequest: { Item: { ...ItemKeys.program('big', id), programId: id, name: `Program ${id}`, rules: { tiers } } },
              })),
            },
          }),
        );
      }

      // Act
      const programs = await catalog.programsOf('big');

      // Assess
      expect(programs.map((program) => program.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(counted.commands.filter((name) => name === 'QueryCommand').length).toBeGreaterThan(1);
      // No org item and more than one program: no default
      expect(programs.some((program) => program.isDefault)).toBe(false);
    });

    it('fails loudly when stored rules are not valid rules', async () => {
      // Prepare
      await DynamoDBDocumentClient.from(table.client).send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...ItemKeys.program('broken', 1), programId: 1, name: 'Broken', rules: { multipleOf: 'ten' } },
        }),
      );

      // Act
      const loading = catalog.programsOf('broken');

      // Assess
      await expect(loading).rejects.toThrow(StoredItemCorruptError);
      await expect(loading).rejects.toThrow(/ORG#broken\/PROGRAM#1.*multipleOf/);
    });
  });

  describe('group directory', () => {
    const family = {
      orgId: 'demo',
      id: 501,
      externalId: 'FAM-501',
      primaryCustomerId: 1001,
      programs: {
        '1': { currentPoints: 2000, lifetimePoints: 5000, lifetimePurchases: 60000 },
        '4': { currentPoints: 4000, lifetimePoints: 8000, lifetimePurchases: 60000 },
      },
    };

    it.each<[string, GroupLookup, string[]]>([
      ['its id, in 1 round trip', { by: 'id', groupId: 501 }, ['GetItemCommand']],
      ['its external id, in 2', { by: 'external-id', externalId: 'FAM-501' }, ['GetItemCommand', 'GetItemCommand']],
      ['its primary member, in 2', { by: 'primary-member', customerId: 1001 }, ['GetItemCommand', 'GetItemCommand']],
      ["its primary member's mobile, in 3", { by: 'primary-member-identifier', identifier: identifier(IdentifierType.MOBILE, '+91 99000 00001') }, ['GetItemCommand', 'GetItemCommand', 'GetItemCommand']],
      ["its primary member's card, in 3", { by: 'primary-member-identifier', identifier: identifier(IdentifierType.CARD_NUMBER, '4000123412341234') }, ['GetItemCommand', 'GetItemCommand', 'GetItemCommand']],
    ])('finds the whole group by %s', async (_way, lookup, roundTrips) => {
      // Act
      const group = await groups.findGroup('demo', lookup);

      // Assess
      expect(group).toEqual(family);
      expect(counted.commands).toEqual(roundTrips);
    });

    it.each<[string, string, GroupLookup]>([
      ['an unknown id', 'demo', { by: 'id', groupId: 999 }],
      ['an unknown external id', 'demo', { by: 'external-id', externalId: 'FAM-999' }],
      ['a member who is not the primary', 'demo', { by: 'primary-member', customerId: 1005 }],
      ['a customer who is in no group', 'demo', { by: 'primary-member-identifier', identifier: identifier(IdentifierType.EMAIL, 'ravi@example.com') }],
      ["another org's group id", 'acme', { by: 'id', groupId: 501 }],
      ["another org's external id", 'acme', { by: 'external-id', externalId: 'FAM-501' }],
    ])('finds nothing for %s', async (_case, orgId, lookup) => {
      // Act
      const group = await groups.findGroup(orgId, lookup);

      // Assess
      expect(group).toBeUndefined();
    });

    it('reads one member with one GetItem, whatever the group holds: members are items of their own', async () => {
      // Act
      const asha = await groups.findMember('demo', 501, 1001);
      const kiran = await groups.findMember('demo', 501, 1005);
      const ravi = await groups.findMember('demo', 501, 1002);
      const elsewhere = await groups.findMember('acme', 501, 1001);

      // Assess
      expect([asha, kiran, ravi, elsewhere]).toEqual([{ customerId: 1001, canRedeem: true }, { customerId: 1005, canRedeem: false }, undefined, undefined]);
      expect(counted.commands).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand', 'GetItemCommand']);
    });

    it('does not answer through a pointer item the group no longer matches', async () => {
      // Prepare: pointers left behind, naming group 501 for an external id and a primary it does not have
      const documents = DynamoDBDocumentClient.from(table.client);
      await documents.send(new PutCommand({ TableName: table.tableName, Item: { ...ItemKeys.identifier('demo', 'group_external_id', 'OLD-501'), groupId: 501 } }));
      await documents.send(new PutCommand({ TableName: table.tableName, Item: { ...ItemKeys.groupPrimary('demo', 1002), groupId: 501 } }));

      // Act
      const byOldExternalId = await groups.findGroup('demo', { by: 'external-id', externalId: 'OLD-501' });
      const byOldPrimary = await groups.findGroup('demo', { by: 'primary-member', customerId: 1002 });

      // Assess
      expect([byOldExternalId, byOldPrimary]).toEqual([undefined, undefined]);
    });

    it('fails loudly when a stored group is not a group', async () => {
      // Prepare
      await DynamoDBDocumentClient.from(table.client).send(
        new PutCommand({ TableName: table.tableName, Item: { ...ItemKeys.group('broken', 7), groupId: 7, primaryCustomerId: 1, programs: 'everything' } }),
      );

      // Act
      const finding = groups.findGroup('broken', { by: 'id', groupId: 7 });

      // Assess
      await expect(finding).rejects.toThrow(StoredItemCorruptError);
      await expect(finding).rejects.toThrow(/ORG#broken#GROUP#7\/GROUP.*programs/);
    });
  });

  describe('a corrupt customer item', () => {
    it('fails naming the field, without the stored value (it may be personal data)', async () => {
      // Prepare
      await DynamoDBDocumentClient.from(table.client).send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...ItemKeys.customer('broken', 9), customerId: 9, mobile: 919900000042, cards: [], fraudStatus: 'NONE', programs: {} },
        }),
      );

      // Act
      const error = await customers.findCustomer('broken', { type: 'id', value: '9' }).then(() => undefined, (e: unknown) => e as Error);

      // Assess
      expect(error).toBeInstanceOf(StoredItemCorruptError);
      expect(error?.message).toMatch(/mobile/);
      expect(error?.message).not.toContain('919900000042');
    });
  });

  describe('partner directory', () => {
    it('finds the partner of a key by its digest', async () => {
      // Act
      const demo = await partners.findByKeyDigest(apiKeyDigest('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk'));
      const acme = await partners.findByKeyDigest(apiKeyDigest('acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk'));

      // Assess
      expect(demo).toEqual({ orgId: 'demo', keyLabel: 'demo-pos', programIds: undefined });
      expect(acme?.orgId).toBe('acme');
    });

    it('finds no partner for an unknown key, nor for the key itself in place of its digest', async () => {
      // Act
      const unknown = await partners.findByKeyDigest(apiKeyDigest('not-a-key-000'));
      const undigested = await partners.findByKeyDigest('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk');

      // Assess
      expect([unknown, undigested]).toEqual([undefined, undefined]);
    });

    it("reads a key's scopes and its answer style as the seed set them", async () => {
      // Prepare
      const key = 'feed-adjuster-Q3m9xK2pL7vN4bR8tY1wZ6cF0hJ5dS2a';
      const seed = {
        orgs: [{ id: 'feed', name: 'Feed', apiKeys: [{ key, label: 'earn-feed', scopes: ['adjust'], failedCheckHttpStatus: 400 }], programs: [{ id: 1, name: 'Feed Points' }] }],
      };
      const outcome = await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(seed);
      expect(outcome).toMatchObject({ kind: 'imported', failures: [] });

      // Act
      const feed = await partners.findByKeyDigest(apiKeyDigest(key));

      // Assess
      expect(feed).toEqual({ orgId: 'feed', keyLabel: 'earn-feed', programIds: undefined, scopes: ['adjust'], failedCheckHttpStatus: 400 });
    });

    it('finds no partner for a disabled key, and finds it again once re-enabled', async () => {
      // Prepare
      const importer = new DynamoDbSeedImporter(table.client, { tableName: table.tableName });
      const seedWithKey = (disabled: boolean) => ({
        orgs: [{ id: 'shop', name: 'Shop', apiKeys: [{ key: 'shop-till-KRg1mN-nl2ylbKoaGVc-6lmCk3lTL7YT1ss0N0Xa83E', label: 'till-1', programIds: [1], disabled }], programs: [{ id: 1, name: 'Shop Points' }] }],
      });
      await importer.importSeed(seedWithKey(true));

      // Act
      const whileDisabled = await partners.findByKeyDigest(apiKeyDigest('shop-till-KRg1mN-nl2ylbKoaGVc-6lmCk3lTL7YT1ss0N0Xa83E'));
      await importer.importSeed(seedWithKey(false));
      const reEnabled = await partners.findByKeyDigest(apiKeyDigest('shop-till-KRg1mN-nl2ylbKoaGVc-6lmCk3lTL7YT1ss0N0Xa83E'));

      // Assess
      expect(whileDisabled).toBeUndefined();
      expect(reEnabled).toEqual({ orgId: 'shop', keyLabel: 'till-1', programIds: [1] });
    });

    it('reads a key in 1 round trip, and in none while it is cached (known or not)', async () => {
      // Prepare
      const cached = new CachedPartnerDirectory({ directory: partners, ttlMs: 60_000, clock: fixedClock });

      // Act
      await cached.findByKeyDigest(apiKeyDigest('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk'));
      await cached.findByKeyDigest(apiKeyDigest('wrong-key-000'));
      const first = [...counted.commands];
      counted.commands.length = 0;
      await cached.findByKeyDigest(apiKeyDigest('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk'));
      await cached.findByKeyDigest(apiKeyDigest('wrong-key-000'));

      // Assess
      expect(first).toEqual(['GetItemCommand', 'GetItemCommand']);
      expect(counted.commands).toEqual([]);
    });
  });
});
