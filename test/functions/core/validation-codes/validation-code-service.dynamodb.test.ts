import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbValidationCodeStore } from '../../../../functions/adapters/dynamodb/dynamodb-validation-code-store';
import { CryptoRandomSource } from '../../../../functions/adapters/node-crypto/crypto-random-source';
import type { OtpRules } from '../../../../functions/core/model';
import { ValidationCodeService, type ValidationCodeServiceOptions } from '../../../../functions/core/validation-codes/validation-code-service';
import type { IssueCodeRequest, VerifyCodeRequest } from '../../../../functions/core/ports/validation-codes';
import { createTestTable, type TestTable } from '../../../support/dynamodb';
import { CapturingSender, codeOf, dayCounterKey, GatedSender, HMAC_SECRET, ManualClock, otpRules } from '../../../support/validation-code-fakes';

describe('ValidationCodeService with DynamoDbValidationCodeStore (DynamoDB Local)', () => {
  let table: TestTable;
  let documentClient: DynamoDBDocumentClient;
  let nextCustomer = 1000;

  beforeAll(async () => {
    table = await createTestTable();
    documentClient = DynamoDBDocumentClient.from(table.client);
  });
  afterAll(() => table.destroy());

  /** A fresh customer (own counters and codes) and a service over the shared table. */
  function setup(rules: Partial<OtpRules> = {}, mobile = `9199${String(nextCustomer).padStart(8, '0')}`) {
    const customerId = nextCustomer++;
    const clock = new ManualClock();
    const sms = new CapturingSender();
    const calls = new CapturingSender();
    const store = new DynamoDbValidationCodeStore({ client: table.client, tableName: table.tableName });
    const options: ValidationCodeServiceOptions = {
      store,
      senders: { SMS: sms, MISSED_CALL: calls },
      random: new CryptoRandomSource(),
      clock,
      hmacSecret: HMAC_SECRET,
      allowedCountryCodes: ['91', '44'],
    };
    const service = new ValidationCodeService(options);
    const otp = otpRules(rules);
    const issueRequest: IssueCodeRequest = {
      orgId: 'org-otp',
      customerId,
      programId: 7,
      points: 100,
      channel: 'SMS',
      mobile,
      programName: 'Rewards',
      otp,
    };
    const verifyRequest = (code: string, overrides: Partial<VerifyCodeRequest> = {}): VerifyCodeRequest => ({
      orgId: 'org-otp',
      customerId,
      programId: 7,
      points: 100,
      code,
      otp,
      ...overrides,
    });
    return { customerId, mobile, clock, sms, calls, store, options, service, otp, issueRequest, verifyRequest };
  }

  const counter = async (scope: string, day = '2099-11-03') =>
    (await documentClient.send(new GetCommand({ TableName: table.tableName, Key: dayCounterKey('org-otp', 7, scope, day) }))).Item;

  it('issues a code by SMS that then verifies for the same binding, and stores only a keyed hash', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest, customerId } = setup();

    // Act
    const issued = await service.issue(issueRequest);
    const code = sms.lastCode();
    const verified = await service.verify(verifyRequest(code));

    // Assess
    expect(issued).toEqual({ kind: 'issued', channel: 'SMS', expiresAt: Date.UTC(2099, 10, 3, 10, 15, 0) });
    expect(JSON.stringify(issued)).not.toContain(code);
    expect(verified).toEqual({ kind: 'valid', codeId: expect.any(String) });
    expect(sms.sent).toEqual([
      { channel: 'SMS', mobile: issueRequest.mobile, text: `${code} is your code to redeem 100 points at Rewards. It expires in 15 minutes. Never share it.` },
    ]);
    const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: table.tableName }));
    const stored = Items.find((item) => item.pk === `ORG#org-otp#OTP#${customerId}`);
    expect(stored).toMatchObject({ state: 'active', attempts: 0, codeHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(Items)).not.toContain(code);
  });

  it('refuses the code for another amount, customer or program', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest, customerId } = setup();
    await service.issue(issueRequest);
    const code = sms.lastCode();

    // Act
    const otherAmount = await service.verify(verifyRequest(code, { points: 50 }));
    const otherCustomer = await service.verify(verifyRequest(code, { customerId: customerId + 100_000 }));
    const otherProgram = await service.verify(verifyRequest(code, { programId: 8 }));

    // Assess
    expect(otherAmount).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(otherCustomer).toEqual({ kind: 'invalid', reason: 'no-code' });
    expect(otherProgram).toEqual({ kind: 'invalid', reason: 'no-code' });
  });

  it('accepts a code until its validity ends and refuses the replay after expiry', async () => {
    // Prepare
    const { service, sms, clock, issueRequest, verifyRequest } = setup({ validityMinutes: 10 });
    await service.issue(issueRequest);
    const code = sms.lastCode();

    // Act
    clock.advance(10 * 60_000 - 1);
    const lastMoment = await service.verify(verifyRequest(code));
    clock.advance(1);
    const atExpiry = await service.verify(verifyRequest(code));

    // Assess
    expect(lastMoment).toEqual({ kind: 'valid', codeId: expect.any(String) });
    expect(atExpiry).toEqual({ kind: 'invalid', reason: 'expired' });
  });

  it('refuses the right code after maxAttempts wrong ones, and accepts it after one fewer', async () => {
    // Prepare
    const exhausted = setup({ maxAttempts: 5 });
    const lastChance = setup({ maxAttempts: 5 });
    await exhausted.service.issue(exhausted.issueRequest);
    await lastChance.service.issue(lastChance.issueRequest);
    const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

    // Act
    const exhaustedWrong = [];
    for (let i = 0; i < 5; i += 1) exhaustedWrong.push(await exhausted.service.verify(exhausted.verifyRequest(wrong(exhausted.sms.lastCode()))));
    const sixth = await exhausted.service.verify(exhausted.verifyRequest(exhausted.sms.lastCode()));
    for (let i = 0; i < 4; i += 1) await lastChance.service.verify(lastChance.verifyRequest(wrong(lastChance.sms.lastCode())));
    const fifth = await lastChance.service.verify(lastChance.verifyRequest(lastChance.sms.lastCode()));

    // Assess
    expect(exhaustedWrong.every((result) => result.kind === 'invalid' && result.reason === 'wrong')).toBe(true);
    expect(sixth).toEqual({ kind: 'invalid', reason: 'attempts-exhausted' });
    expect(fifth).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('holds a code to the maxAttempts it was issued with, whatever rules the verifications bring', async () => {
    // Prepare
    const { service, sms, otp, issueRequest, verifyRequest } = setup({ maxAttempts: 2 });
    await service.issue(issueRequest);
    const code = sms.lastCode();
    const lax = { ...otp, maxAttempts: 20 };
    const wrong = code === '000000' ? '000001' : '000000';

    // Act
    const guesses = [];
    for (let i = 0; i < 2; i += 1) guesses.push(await service.verify(verifyRequest(wrong, { otp: lax })));
    const right = await service.verify(verifyRequest(code, { otp: lax }));

    // Assess
    expect(guesses).toEqual(Array(2).fill({ kind: 'invalid', reason: 'wrong' }));
    expect(right).toEqual({ kind: 'invalid', reason: 'attempts-exhausted' });
  });

  it('does not use the code up when a check verifies it (more checks than maxAttempts)', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest } = setup({ maxAttempts: 3 });
    await service.issue(issueRequest);

    // Act
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await service.verify(verifyRequest(sms.lastCode())));

    // Assess
    expect(results).toEqual(Array(6).fill({ kind: 'valid', codeId: expect.any(String) }));
  });

  it('invalidates the previous code when a new one is issued', async () => {
    // Prepare
    const { service, sms, clock, issueRequest, verifyRequest } = setup({ length: 10, resendCooldownSeconds: 30 });
    await service.issue(issueRequest);
    const first = sms.lastCode();
    clock.advance(30_000);

    // Act
    const second = await service.issue(issueRequest);
    const oldCode = await service.verify(verifyRequest(first));
    const newCode = await service.verify(verifyRequest(sms.lastCode()));

    // Assess
    expect(second.kind).toBe('issued');
    expect(sms.lastCode()).not.toBe(first);
    expect(oldCode).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(newCode).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('keeps the previous code working while the next one is being sent, and only then replaces it', async () => {
    // Prepare
    const { options, sms, clock, issueRequest, verifyRequest } = setup({ length: 10, resendCooldownSeconds: 30 });
    const service = new ValidationCodeService(options);
    await service.issue(issueRequest);
    const first = sms.lastCode();
    clock.advance(30_000);
    const duringSend: string[] = [];
    const checking = new ValidationCodeService({
      ...options,
      senders: {
        SMS: {
          send: async (message) => {
            duringSend.push((await service.verify(verifyRequest(first))).kind);
            await sms.send(message);
          },
        },
      },
    });

    // Act
    const second = await checking.issue(issueRequest);
    const oldAfter = await service.verify(verifyRequest(first));
    const newAfter = await service.verify(verifyRequest(sms.lastCode()));

    // Assess
    expect(second.kind).toBe('issued');
    expect(duringSend).toEqual(['valid']);
    expect(oldAfter).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(newAfter).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('waits resendCooldownSeconds before sending another code', async () => {
    // Prepare
    const { service, sms, clock, issueRequest } = setup({ resendCooldownSeconds: 30 });
    await service.issue(issueRequest);

    // Act
    clock.advance(29_999);
    const tooSoon = await service.issue(issueRequest);
    clock.advance(1);
    const afterCooldown = await service.issue(issueRequest);

    // Assess
    expect(tooSoon).toEqual({ kind: 'refused', reason: 'cooldown' });
    expect(afterCooldown.kind).toBe('issued');
    expect(sms.sent).toHaveLength(2);
  });

  it('keeps the first code usable when a resend is refused for the cooldown', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest } = setup({ resendCooldownSeconds: 30 });
    await service.issue(issueRequest);

    // Act
    const resend = await service.issue(issueRequest);
    const first = await service.verify(verifyRequest(sms.lastCode()));

    // Assess
    expect(resend).toEqual({ kind: 'refused', reason: 'cooldown' });
    expect(first).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('issues at most maxPerDay codes per customer per UTC day', async () => {
    // Prepare
    const { service, sms, clock, issueRequest, customerId } = setup({ maxPerDay: 3, resendCooldownSeconds: 0 });

    // Act
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await service.issue(issueRequest));
    clock.advance(24 * 3600_000);
    const nextDay = await service.issue(issueRequest);

    // Assess
    expect(results.map((result) => result.kind)).toEqual(['issued', 'issued', 'issued', 'refused']);
    expect(results[3]).toEqual({ kind: 'refused', reason: 'daily-limit' });
    expect(nextDay.kind).toBe('issued');
    expect(sms.sent).toHaveLength(4);
    expect(await counter(`CUSTOMER#${customerId}`)).toMatchObject({ issued: 3, expiresAt: Date.UTC(2099, 10, 5) / 1000 });
  });

  it('counts codes per phone number across customers, and per customer across numbers', async () => {
    // Prepare
    const sharedPhone = '447700900123';
    const first = setup({ maxPerDay: 2, resendCooldownSeconds: 0 }, sharedPhone);
    const second = setup({ maxPerDay: 2, resendCooldownSeconds: 0 }, sharedPhone);
    const roaming = setup({ maxPerDay: 2, resendCooldownSeconds: 0 }, '447700900200');

    // Act
    await first.service.issue(first.issueRequest);
    await first.service.issue(first.issueRequest);
    const samePhoneOtherCustomer = await second.service.issue(second.issueRequest);
    await roaming.service.issue(roaming.issueRequest);
    await roaming.service.issue({ ...roaming.issueRequest, mobile: '447700900201' });
    const sameCustomerThirdNumber = await roaming.service.issue({ ...roaming.issueRequest, mobile: '447700900202' });

    // Assess
    expect(samePhoneOtherCustomer).toEqual({ kind: 'refused', reason: 'daily-limit' });
    expect(second.sms.sent).toHaveLength(0);
    expect(sameCustomerThirdNumber).toEqual({ kind: 'refused', reason: 'daily-limit' });
    expect(await counter(`PHONE#${sharedPhone}`)).toMatchObject({ issued: 2 });
    expect(await counter('PHONE#447700900202')).toBeUndefined();
  });

  it('caps a phone number across orgs: once it had the day\'s codes, another org\'s program sends it none', async () => {
    // Prepare
    const sharedPhone = '447700900300';
    const { service, sms, issueRequest } = setup({ maxPerDay: 2, resendCooldownSeconds: 0 }, sharedPhone);
    const otherOrg = { ...issueRequest, orgId: 'org-elsewhere', customerId: 77 };

    // Act
    const own = [await service.issue(issueRequest), await service.issue(issueRequest)];
    const elsewhere = await service.issue(otherOrg);

    // Assess
    expect(own.map((result) => result.kind)).toEqual(['issued', 'issued']);
    expect(elsewhere).toEqual({ kind: 'refused', reason: 'daily-limit' });
    expect(sms.sent).toHaveLength(2);
    expect(await counter(`PHONE#${sharedPhone}`)).toMatchObject({ issued: 2 });
  });

  it("counts a customer's codes per program, each against its own maxPerDay", async () => {
    // Prepare: numbers differ, so only the customer's counters can refuse
    const { service, issueRequest, customerId } = setup({ maxPerDay: 2, resendCooldownSeconds: 0 }, '447700900400');
    const inProgram = (programId: number, mobile: string) => ({ ...issueRequest, programId, mobile });

    // Act
    const program7 = [];
    for (const mobile of ['447700900401', '447700900402', '447700900403']) program7.push(await service.issue(inProgram(7, mobile)));
    const program8 = [];
    for (const mobile of ['447700900404', '447700900405', '447700900406']) program8.push(await service.issue(inProgram(8, mobile)));

    // Assess
    expect(program7.map((result) => (result.kind === 'refused' ? result.reason : result.kind))).toEqual(['issued', 'issued', 'daily-limit']);
    expect(program8.map((result) => (result.kind === 'refused' ? result.reason : result.kind))).toEqual(['issued', 'issued', 'daily-limit']);
    expect(await counter(`CUSTOMER#${customerId}`)).toMatchObject({ issued: 2 });
  });

  it('issues at most maxPerDay codes when 10 requests race (cooldown 0), and says issued only of working codes', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest, customerId } = setup({ maxPerDay: 3, resendCooldownSeconds: 0, length: 10 });

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => service.issue(issueRequest)));
    const verdicts = [];
    for (const message of sms.sent) verdicts.push((await service.verify(verifyRequest(codeOf(message)))).kind);

    // Assess: issues that overlap are refused while one is being sent; one that follows a finished
    // issue replaces its code (no resend wait), so only the last code sent works.
    const issued = results.filter((result) => result.kind === 'issued');
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect(issued.length).toBeLessThanOrEqual(3);
    expect(results.filter((result) => result.kind === 'refused' && ['daily-limit', 'in-progress'].includes(result.reason))).toHaveLength(10 - issued.length);
    expect(sms.sent).toHaveLength(issued.length);
    expect(verdicts.filter((kind) => kind === 'valid')).toHaveLength(1);
    expect(verdicts.at(-1)).toBe('valid');
    expect(await counter(`CUSTOMER#${customerId}`)).toMatchObject({ issued: issued.length });
  });

  it('answers issued only for the one code that works when 10 issues overlap (cooldown 0)', async () => {
    // Prepare: every send waits until each issue has either reached its send or answered
    const { options, issueRequest, verifyRequest, customerId } = setup({ maxPerDay: 20, resendCooldownSeconds: 0, length: 10 });
    const gated = new GatedSender(10);
    const gatedService = new ValidationCodeService({ ...options, senders: { SMS: gated } });

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => gated.track(gatedService.issue(issueRequest))));
    const verdicts = [];
    for (const message of gated.sent) verdicts.push((await gatedService.verify(verifyRequest(codeOf(message)))).kind);

    // Assess
    expect(results.filter((result) => result.kind === 'issued')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'refused' && result.reason === 'in-progress')).toHaveLength(9);
    expect(gated.sent).toHaveLength(1);
    expect(verdicts).toEqual(['valid']);
    expect(await counter(`CUSTOMER#${customerId}`)).toMatchObject({ issued: 1 });
  });

  it('sends exactly one code when 10 requests race within the cooldown', async () => {
    // Prepare
    const { service, sms, issueRequest, customerId } = setup({ maxPerDay: 20, resendCooldownSeconds: 30 });

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => service.issue(issueRequest)));

    // Assess
    expect(results.filter((result) => result.kind === 'issued')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'refused' && result.reason === 'cooldown')).toHaveLength(9);
    expect(sms.sent).toHaveLength(1);
    expect(await counter(`CUSTOMER#${customerId}`)).toMatchObject({ issued: 1 });
  });

  it('compares at most maxAttempts guesses when 20 wrong guesses race', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest } = setup({ maxAttempts: 5, length: 8 });
    await service.issue(issueRequest);
    const code = sms.lastCode();
    const guesses = Array.from({ length: 20 }, (_, i) => String(10_000_000 + i)).filter((guess) => guess !== code);

    // Act
    const results = await Promise.all(guesses.map((guess) => service.verify(verifyRequest(guess))));
    const right = await service.verify(verifyRequest(code));

    // Assess
    const reasons = results.map((result) => (result.kind === 'invalid' ? result.reason : result.kind));
    expect(reasons.filter((reason) => reason === 'wrong')).toHaveLength(5);
    expect(reasons.filter((reason) => reason === 'attempts-exhausted')).toHaveLength(guesses.length - 5);
    expect(right).toEqual({ kind: 'invalid', reason: 'attempts-exhausted' });
  });

  it('accepts the right code 20 times in parallel: only wrong codes count as attempts', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest } = setup({ maxAttempts: 5 });
    await service.issue(issueRequest);
    const code = sms.lastCode();

    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => service.verify(verifyRequest(code))));
    const afterwards = await service.verify(verifyRequest(code));

    // Assess
    expect(results.filter((result) => result.kind === 'valid')).toHaveLength(20);
    expect(afterwards).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('holds right and wrong codes verified in parallel to maxAttempts wrong comparisons', async () => {
    // Prepare
    const { service, sms, issueRequest, verifyRequest } = setup({ maxAttempts: 5, length: 8 });
    await service.issue(issueRequest);
    const code = sms.lastCode();
    const guesses = Array.from({ length: 10 }, (_, i) => String(10_000_000 + i)).filter((guess) => guess !== code);

    // Act
    const typed: string[] = [...guesses, ...Array<string>(10).fill(code)];
    const results = await Promise.all(typed.map((attempt) => service.verify(verifyRequest(attempt))));

    // Assess
    const reasonOf = (i: number) => (results[i]!.kind === 'invalid' ? (results[i] as { reason: string }).reason : 'valid');
    const forGuesses = guesses.map((_, i) => reasonOf(i));
    const forRight = typed.slice(guesses.length).map((_, i) => reasonOf(guesses.length + i));
    expect(forGuesses.filter((reason) => reason === 'wrong').length).toBeLessThanOrEqual(5);
    expect(forGuesses.every((reason) => reason === 'wrong' || reason === 'attempts-exhausted')).toBe(true);
    expect(forRight.every((reason) => reason === 'valid' || reason === 'attempts-exhausted')).toBe(true);
    // Right codes are refused only once five wrong ones were compared.
    if (forRight.includes('attempts-exhausted')) expect(forGuesses.filter((reason) => reason === 'wrong')).toHaveLength(5);
  });

  it('issues a numeric code by missed call that verifies', async () => {
    // Prepare
    const { service, calls, sms, issueRequest, verifyRequest } = setup({ missedCallEnabled: true });

    // Act
    const issued = await service.issue({ ...issueRequest, channel: 'MISSED_CALL' });
    const verified = await service.verify(verifyRequest(calls.lastCode()));

    // Assess
    expect(issued).toMatchObject({ kind: 'issued', channel: 'MISSED_CALL' });
    expect(calls.sent).toEqual([{ channel: 'MISSED_CALL', mobile: issueRequest.mobile, code: expect.stringMatching(/^[0-9]{6}$/) }]);
    expect(sms.sent).toHaveLength(0);
    expect(verified).toEqual({ kind: 'valid', codeId: expect.any(String) });
  });

  it('refuses a number outside the allowed countries without sending or counting', async () => {
    // Prepare
    const { service, sms, issueRequest, customerId } = setup({}, '15550100200');

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'country-not-allowed' });
    expect(sms.sent).toHaveLength(0);
    expect(await counter(`CUSTOMER#${customerId}`)).toBeUndefined();
    expect(await counter('PHONE#15550100200')).toBeUndefined();
  });
});
