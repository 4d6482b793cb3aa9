import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { StoredItemCorruptError } from '../../../../functions/adapters/dynamodb/errors';
import { ValidationCodeKeys } from '../../../../functions/adapters/dynamodb/validation-code-items';
import type { NewCode, CodeKey } from '../../../../functions/core/ports/validation-code-store';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { dayCounterKey, TEST_EPOCH } from '../../../support/validation-code-fakes';

describe('DynamoDbValidationCodeStore (DynamoDB Local)', () => {
  let table: TestTable;
  let documentClient: DynamoDBDocumentClient;
  let store: DynamoDbValidationCodeStore;
  let nextCustomer = 1;

  beforeAll(async () => {
    table = await createTestTable();
    documentClient = DynamoDBDocumentClient.from(table.client);
    // Few reservation retries: some tests hold attempts in flight on purpose.
    store = new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName, reservationPatienceMs: 100 });
  });
  afterAll(() => table.destroy());

  const freshKey = (): CodeKey => ({ orgId: 'org-store', customerId: nextCustomer++, programId: 3 });
  /** Code ids are unique across the run, as real ones are: DynamoDB (Local too) remembers each as a transaction token. */
  const newCode = (key: CodeKey, overrides: Partial<NewCode> = {}): NewCode => ({
    key,
    mobile: `91990000${String(key.customerId).padStart(4, '0')}`,
    codeId: `code-${key.customerId}-a`,
    codeHash: 'ab'.repeat(32),
    channel: 'SMS',
    issuedAt: TEST_EPOCH,
    validUntil: TEST_EPOCH + 15 * 60_000,
    retainUntil: TEST_EPOCH + 15 * 60_000,
    replacesIssuedAtOrBefore: TEST_EPOCH - 30_000,
    abandonsPendingIssuedAtOrBefore: TEST_EPOCH - 10_000,
    day: '2099-11-03',
    maxPerDay: 5,
    maxAttempts: 5,
    ...overrides,
  });
  const otpItem = async (key: CodeKey) =>
    (
      await documentClient.send(
        new GetCommand({ TableName: table.tableName, Key: ValidationCodeKeys.code(key), ConsistentRead: true }),
      )
    ).Item;
  const counterItem = async (scope: string) =>
    (
      await documentClient.send(
        new GetCommand({ TableName: table.tableName, Key: dayCounterKey('org-store', 3, scope, '2099-11-03'), ConsistentRead: true }),
      )
    ).Item;
  const activeCode = async (key: CodeKey, overrides: Partial<NewCode> = {}) => {
    const code = newCode(key, overrides);
    await store.saveNew(code);
    await store.activate(key, code.codeId);
    return code;
  };

  it('saves a new code as pending, with TTLs on the code and both counters', async () => {
    // Prepare
    const key = freshKey();
    const code = newCode(key, { retainUntil: TEST_EPOCH + 20 * 60_000 });

    // Act
    const result = await store.saveNew(code);

    // Assess
    expect(result).toEqual({ kind: 'saved' });
    expect(await otpItem(key)).toEqual({
      ...ValidationCodeKeys.code(key),
      pending: {
        codeId: code.codeId,
        codeHash: code.codeHash,
        channel: 'SMS',
        issuedAt: TEST_EPOCH,
        validUntil: code.validUntil,
        maxAttempts: 5,
      },
      // A day's margin beyond the new code's retention: the item may also hold an older live code.
      expiresAt: (TEST_EPOCH + 20 * 60_000) / 1000 + 24 * 3600,
    });
    const dayEnd = Date.UTC(2099, 10, 5) / 1000;
    expect(await counterItem(`CUSTOMER#${key.customerId}`)).toMatchObject({ issued: 1, expiresAt: dayEnd });
    expect(await counterItem(`PHONE#${code.mobile}`)).toMatchObject({ issued: 1, expiresAt: dayEnd });
  });

  it('refuses within the cooldown and changes nothing, counters included', async () => {
    // Prepare
    const key = freshKey();
    const first = await activeCode(key);

    // Act
    const result = await store.saveNew(
      newCode(key, { codeId: `second-${key.customerId}`, issuedAt: TEST_EPOCH + 10_000, replacesIssuedAtOrBefore: TEST_EPOCH - 1 }),
    );

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'cooldown' });
    expect(await otpItem(key)).toMatchObject({ codeId: first.codeId, state: 'active' });
    expect(await counterItem(`CUSTOMER#${key.customerId}`)).toMatchObject({ issued: 1 });
  });

  it('saves the next code as pending beside the live one once the cooldown has passed; the live one stays', async () => {
    // Prepare
    const key = freshKey();
    const first = await activeCode(key);

    // Act
    const result = await store.saveNew(newCode(key, { codeId: `second-${key.customerId}`, replacesIssuedAtOrBefore: TEST_EPOCH }));

    // Assess
    expect(result).toEqual({ kind: 'saved' });
    expect(await otpItem(key)).toMatchObject({
      codeId: first.codeId,
      state: 'active',
      attempts: 0,
      pending: { codeId: `second-${key.customerId}` },
    });
    expect(await store.reserveAttempt(key)).toMatchObject({ kind: 'reserved', code: { codeId: first.codeId } });
  });

  it('makes the pending code the live one on activation, replacing the previous code and its attempts', async () => {
    // Prepare
    const key = freshKey();
    await activeCode(key, { maxAttempts: 3 });
    await store.reserveAttempt(key);
    const second = newCode(key, { codeId: `second-${key.customerId}`, codeHash: 'cd'.repeat(32), issuedAt: TEST_EPOCH + 1, validUntil: TEST_EPOCH + 99, maxAttempts: 7, replacesIssuedAtOrBefore: TEST_EPOCH });
    await store.saveNew(second);

    // Act
    const activated = await store.activate(key, second.codeId);

    // Assess
    expect(activated).toBe('activated');
    const item = await otpItem(key);
    expect(item).toMatchObject({ codeId: second.codeId, codeHash: 'cd'.repeat(32), state: 'active', issuedAt: TEST_EPOCH + 1, validUntil: TEST_EPOCH + 99, attempts: 0, maxAttempts: 7 });
    expect(item?.pending).toBeUndefined();
  });

  it('refuses a new code while another for the same customer and program is being sent, and takes over an abandoned one', async () => {
    // Prepare
    const key = freshKey();
    await store.saveNew(newCode(key, { replacesIssuedAtOrBefore: TEST_EPOCH }));

    // Act
    const whileSending = await store.saveNew(
      newCode(key, { codeId: `second-${key.customerId}`, issuedAt: TEST_EPOCH + 5_000, replacesIssuedAtOrBefore: TEST_EPOCH + 5_000, abandonsPendingIssuedAtOrBefore: TEST_EPOCH - 5_000 }),
    );
    const afterAbandoned = await store.saveNew(
      newCode(key, { codeId: `third-${key.customerId}`, issuedAt: TEST_EPOCH + 10_000, replacesIssuedAtOrBefore: TEST_EPOCH + 10_000, abandonsPendingIssuedAtOrBefore: TEST_EPOCH }),
    );

    // Assess
    expect(whileSending).toEqual({ kind: 'refused', reason: 'in-progress' });
    expect(afterAbandoned).toEqual({ kind: 'saved' });
    expect(await otpItem(key)).toMatchObject({ pending: { codeId: `third-${key.customerId}` } });
    expect(await counterItem(`CUSTOMER#${key.customerId}`)).toMatchObject({ issued: 2 });
  });

  it('refuses at the daily limit of either counter and keeps the current code', async () => {
    // Prepare
    const key = freshKey();
    const first = await activeCode(key, { maxPerDay: 1 });
    const otherCustomer = freshKey();

    // Act
    const sameCustomer = await store.saveNew(newCode(key, { codeId: `second-${key.customerId}`, maxPerDay: 1, replacesIssuedAtOrBefore: TEST_EPOCH }));
    const samePhone = await store.saveNew(newCode(otherCustomer, { mobile: first.mobile, maxPerDay: 1 }));

    // Assess
    expect(sameCustomer).toEqual({ kind: 'refused', reason: 'daily-limit' });
    expect(samePhone).toEqual({ kind: 'refused', reason: 'daily-limit' });
    expect(await otpItem(key)).toMatchObject({ codeId: first.codeId, state: 'active' });
    expect(await otpItem(otherCustomer)).toBeUndefined();
    expect(await counterItem(`CUSTOMER#${otherCustomer.customerId}`)).toBeUndefined();
  });

  it('activates only the current code', async () => {
    // Prepare
    const key = freshKey();
    await store.saveNew(newCode(key, { codeId: `old-${key.customerId}` }));
    // The first issue was abandoned (its function stopped): the next takes its place.
    await store.saveNew(newCode(key, { codeId: `new-${key.customerId}`, replacesIssuedAtOrBefore: TEST_EPOCH, abandonsPendingIssuedAtOrBefore: TEST_EPOCH }));

    // Act
    const stale = await store.activate(key, `old-${key.customerId}`);
    const current = await store.activate(key, `new-${key.customerId}`);

    // Assess
    expect(stale).toBe('superseded');
    expect(current).toBe('activated');
    expect(await otpItem(key)).toMatchObject({ codeId: `new-${key.customerId}`, state: 'active' });
  });

  it('discards only the pending code it names, and never the live code', async () => {
    // Prepare
    const key = freshKey();
    const live = await activeCode(key, { codeId: `current-${key.customerId}` });
    const next = newCode(key, { codeId: `next-${key.customerId}`, replacesIssuedAtOrBefore: TEST_EPOCH });
    await store.saveNew(next);

    // Act
    const keep = { giveBackDaySlots: false };
    await store.discard({ ...next, codeId: 'someone-else' }, keep);
    const afterStale = await otpItem(key);
    await store.discard(live, keep);
    const afterLive = await otpItem(key);
    await store.discard(next, keep);

    // Assess
    expect(afterStale).toMatchObject({ codeId: live.codeId, pending: { codeId: next.codeId } });
    expect(afterLive).toEqual(afterStale);
    const item = await otpItem(key);
    expect(item).toMatchObject({ codeId: live.codeId, state: 'active' });
    expect(item?.pending).toBeUndefined();
  });

  it('deletes the whole item when it discards a first code (no live code beside it)', async () => {
    // Prepare
    const key = freshKey();
    const first = newCode(key);
    await store.saveNew(first);

    // Act
    await store.discard(first, { giveBackDaySlots: false });

    // Assess
    expect(await otpItem(key)).toBeUndefined();
    expect(await counterItem(`CUSTOMER#${key.customerId}`)).toMatchObject({ issued: 1 });
  });

  it('gives the day\'s slots back with a code that was never sent, once however often it is asked', async () => {
    // Prepare
    const key = freshKey();
    const code = newCode(key);
    await store.saveNew(code);

    // Act
    await store.discard(code, { giveBackDaySlots: true });
    await store.discard(code, { giveBackDaySlots: true });

    // Assess
    expect(await otpItem(key)).toBeUndefined();
    expect(await counterItem(`CUSTOMER#${key.customerId}`)).toMatchObject({ issued: 0 });
    expect(await counterItem(`PHONE#${code.mobile}`)).toMatchObject({ issued: 0 });
  });

  it("reserves attempts on an active code up to the code's own maximum, then explains with the current item", async () => {
    // Prepare
    const key = freshKey();
    await activeCode(key, { maxAttempts: 2 });

    // Act
    const first = await store.reserveAttempt(key);
    const second = await store.reserveAttempt(key);
    const third = await store.reserveAttempt(key);

    // Assess
    expect(first).toMatchObject({ kind: 'reserved', code: { attempts: 1, maxAttempts: 2, codeHash: 'ab'.repeat(32), state: 'active' } });
    expect(second).toMatchObject({ kind: 'reserved', code: { attempts: 2 } });
    expect(third).toMatchObject({ kind: 'not-reserved', current: { attempts: 2, maxAttempts: 2 } });
  });

  it('retries a reservation refused only because verifications are in flight, and takes the attempt one gives back', async () => {
    // Prepare
    const key = freshKey();
    const code = await activeCode(key, { maxAttempts: 2 });
    const patient = new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName, reservationPatienceMs: 2_500 });
    await store.reserveAttempt(key);
    await store.reserveAttempt(key);

    // Act
    const waiting = patient.reserveAttempt(key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.releaseAttempt(key, code.codeId);
    const third = await waiting;

    // Assess
    expect(third).toMatchObject({ kind: 'reserved', code: { attempts: 2, wrongAttempts: 0 } });
  });

  it('does not retry once maxAttempts attempts were wrong', async () => {
    // Prepare
    const key = freshKey();
    const code = await activeCode(key, { maxAttempts: 2 });
    const patient = new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName, reservationPatienceMs: 2_500 });
    for (let i = 0; i < 2; i += 1) {
      await store.reserveAttempt(key);
      await store.recordWrongAttempt(key, code.codeId);
    }
    const started = Date.now();

    // Act
    const refused = await patient.reserveAttempt(key);

    // Assess
    expect(refused).toMatchObject({ kind: 'not-reserved', current: { attempts: 2, wrongAttempts: 2 } });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('keeps the OTP item in a partition of its own, apart from the customer item', async () => {
    // Prepare
    const key = freshKey();

    // Act
    await activeCode(key);

    // Assess
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ORG#org-store#OTP#${key.customerId}` },
        ConsistentRead: true,
      }),
    );
    expect(Items?.map((item) => item.sk)).toEqual(['PROGRAM#3']);
  });

  it('answers a repeat of a committed issue (an SDK retry: same code id) as saved, and counts it once', async () => {
    // Prepare
    const key = freshKey();
    const code = newCode(key);
    await store.saveNew(code);

    // Act
    const repeated = await store.saveNew(code);

    // Assess
    expect(repeated).toEqual({ kind: 'saved' });
    expect(await otpItem(key)).toMatchObject({ pending: { codeId: code.codeId } });
    expect(await counterItem(`CUSTOMER#${key.customerId}`)).toMatchObject({ issued: 1 });
    expect(await counterItem(`PHONE#${code.mobile}`)).toMatchObject({ issued: 1 });
  });

  it('reserves nothing on a pending code or when there is none', async () => {
    // Prepare
    const pendingKey = freshKey();
    const missingKey = freshKey();
    await store.saveNew(newCode(pendingKey));

    // Act
    const pending = await store.reserveAttempt(pendingKey);
    const missing = await store.reserveAttempt(missingKey);

    // Assess
    expect(pending).toEqual({ kind: 'not-reserved' });
    expect(missing).toEqual({ kind: 'not-reserved' });
  });

  it('gives an attempt back only to the code it was taken from, never below zero', async () => {
    // Prepare
    const key = freshKey();
    const code = await activeCode(key);
    await store.reserveAttempt(key);

    // Act
    await store.releaseAttempt(key, 'another-code');
    const afterStale = (await otpItem(key))?.attempts;
    await store.releaseAttempt(key, code.codeId);
    await store.releaseAttempt(key, code.codeId);

    // Assess
    expect(afterStale).toBe(1);
    expect((await otpItem(key))?.attempts).toBe(0);
  });

  it('throws on a malformed stored item instead of treating it as a wrong code', async () => {
    // Prepare
    const key = freshKey();
    await documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...ValidationCodeKeys.code(key), state: 'active', attempts: 0 },
      }),
    );

    // Act
    const reservation = store.reserveAttempt(key);

    // Assess
    await expect(reservation).rejects.toBeInstanceOf(StoredItemCorruptError);
    await expect(reservation).rejects.toThrow(`Stored item ORG#org-store#OTP#${key.customerId}/PROGRAM#3 is corrupt: codeId: expected`);
  });

  it('throws infrastructure failures (a missing table) rather than answering', async () => {
    // Prepare
    const broken = new DynamoDbValidationCodeStore({ client: table.client, tableName: 'no-such-table' });
    const key = freshKey();

    // Act (one at a time: a second rejection must not sit unobserved while the first is awaited)
    const save = await broken.saveNew(newCode(key)).then(() => undefined, (error: unknown) => error);
    const reserve = await broken.reserveAttempt(key).then(() => undefined, (error: unknown) => error);

    // Assess
    expect(save).toBeInstanceOf(Error);
    expect(reserve).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
