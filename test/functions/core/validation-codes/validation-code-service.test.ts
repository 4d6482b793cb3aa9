import fc from 'fast-check';
import { hashCode } from '../../../../functions/core/validation-codes/code-hash';
import { DeliveryFailedError } from '../../../../functions/core/validation-codes/errors';
import { ValidationCodeService, type ValidationCodeServiceEvent, type ValidationCodeServiceOptions } from '../../../../functions/core/validation-codes/validation-code-service';
import type { ValidationCodeStore, StoredCode } from '../../../../functions/core/ports/validation-code-store';
import type { IssueCodeRequest, VerifyCodeRequest } from '../../../../functions/core/ports/validation-codes';
import { CapturingSender, HMAC_SECRET, ManualClock, SequenceRandom, TEST_EPOCH, otpRules } from '../../../support/validation-code-fakes';

/** A store whose every method is a jest mock with a happy default; tests override one step. */
function scriptedStore(): jest.Mocked<ValidationCodeStore> {
  return {
    saveNew: jest.fn().mockResolvedValue({ kind: 'saved' }),
    activate: jest.fn().mockResolvedValue('activated'),
    discard: jest.fn().mockResolvedValue(undefined),
    reserveAttempt: jest.fn().mockResolvedValue({ kind: 'not-reserved' }),
    releaseAttempt: jest.fn().mockResolvedValue(undefined),
    recordWrongAttempt: jest.fn().mockResolvedValue(undefined),
  };
}

const issueRequest: IssueCodeRequest = {
  orgId: 'acme',
  customerId: 42,
  programId: 7,
  points: 100,
  channel: 'SMS',
  mobile: '919900000001',
  programName: 'Rewards',
  otp: otpRules({ validityMinutes: 15, resendCooldownSeconds: 30, maxPerDay: 5 }),
};
const verifyRequest = (code: string, overrides: Partial<VerifyCodeRequest> = {}): VerifyCodeRequest => ({
  orgId: 'acme',
  customerId: 42,
  programId: 7,
  points: 100,
  code,
  otp: otpRules({ maxAttempts: 5 }),
  ...overrides,
});

function setup(overrides: Partial<ValidationCodeServiceOptions> = {}) {
  const store = scriptedStore();
  const sms = new CapturingSender();
  const calls = new CapturingSender();
  const clock = new ManualClock();
  const events: ValidationCodeServiceEvent[] = [];
  const service = new ValidationCodeService({
    store,
    senders: { SMS: sms, MISSED_CALL: calls },
    random: new SequenceRandom([4, 8, 2, 9, 1, 3, 7, 0, 5, 6]),
    clock,
    hmacSecret: HMAC_SECRET,
    allowedCountryCodes: ['91'],
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { store, sms, calls, clock, events, service };
}

const storedCode = (code: string, overrides: Partial<StoredCode> = {}): StoredCode => ({
  codeId: 'c1',
  codeHash: hashCode(HMAC_SECRET, { orgId: 'acme', customerId: 42, programId: 7, points: 100 }, code),
  channel: 'SMS',
  state: 'active',
  issuedAt: TEST_EPOCH,
  validUntil: TEST_EPOCH + 60_000,
  attempts: 1,
  wrongAttempts: 0,
  maxAttempts: 5,
  ...overrides,
});

describe('ValidationCodeService.issue', () => {
  it('saves the hash with the limits, sends the code, then activates it', async () => {
    // Prepare
    const { service, store, sms } = setup();

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'issued', channel: 'SMS', expiresAt: TEST_EPOCH + 15 * 60_000 });
    const saved = store.saveNew.mock.calls[0]?.[0];
    expect(saved).toEqual({
      key: { orgId: 'acme', customerId: 42, programId: 7 },
      mobile: '919900000001',
      codeId: expect.stringMatching(/^[a-z2-7]{26}$/),
      codeHash: hashCode(HMAC_SECRET, issueRequest, '482913'),
      channel: 'SMS',
      issuedAt: TEST_EPOCH,
      validUntil: TEST_EPOCH + 15 * 60_000,
      retainUntil: TEST_EPOCH + 15 * 60_000,
      replacesIssuedAtOrBefore: TEST_EPOCH - 30_000,
      abandonsPendingIssuedAtOrBefore: TEST_EPOCH - 10_000,
      day: '2099-11-03',
      maxPerDay: 5,
      maxAttempts: issueRequest.otp.maxAttempts,
    });
    expect(JSON.stringify(saved)).not.toContain('482913');
    expect(sms.sent).toEqual([{ channel: 'SMS', mobile: '919900000001', text: expect.stringMatching(/^482913 is your code/) }]);
    expect(store.activate).toHaveBeenCalledWith({ orgId: 'acme', customerId: 42, programId: 7 }, saved?.codeId);
    expect(store.saveNew.mock.invocationCallOrder[0]).toBeLessThan(store.activate.mock.invocationCallOrder[0] ?? 0);
  });

  it('sends a missed call carrying the code itself', async () => {
    // Prepare
    const { service, calls } = setup();

    // Act
    const result = await service.issue({ ...issueRequest, channel: 'MISSED_CALL' });

    // Assess
    expect(result).toMatchObject({ kind: 'issued', channel: 'MISSED_CALL' });
    expect(calls.sent).toEqual([{ channel: 'MISSED_CALL', mobile: '919900000001', code: '482913' }]);
  });

  it.each([
    ['no-mobile', { mobile: undefined }],
    ['country-not-allowed', { mobile: '447700900123' }],
    ['channel-disabled', { channel: 'MISSED_CALL' as const, otp: otpRules({ missedCallEnabled: false }) }],
    ['alphabet-not-callable', { channel: 'MISSED_CALL' as const, otp: otpRules({ alphabet: 'alphanumeric' as const }) }],
  ])('refuses with %s before writing or sending anything', async (reason, change) => {
    // Prepare
    const { service, store, sms, calls } = setup();

    // Act
    const result = await service.issue({ ...issueRequest, ...change });

    // Assess
    expect(result).toEqual({ kind: 'refused', reason });
    expect(store.saveNew).not.toHaveBeenCalled();
    expect(sms.sent).toHaveLength(0);
    expect(calls.sent).toHaveLength(0);
  });

  it('refuses a channel without a configured sender', async () => {
    // Prepare
    const { service } = setup({ senders: { SMS: new CapturingSender() } });

    // Act
    const result = await service.issue({ ...issueRequest, channel: 'MISSED_CALL' });

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'channel-disabled' });
  });

  it.each(['cooldown', 'daily-limit'] as const)('passes on the store refusal %s and sends nothing', async (reason) => {
    // Prepare
    const { service, store, sms } = setup();
    store.saveNew.mockResolvedValue({ kind: 'refused', reason });

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason });
    expect(sms.sent).toHaveLength(0);
    expect(store.activate).not.toHaveBeenCalled();
  });

  it('answers store-unavailable when the store write fails, and sends nothing', async () => {
    // Prepare
    const { service, store, sms, events } = setup();
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
    store.saveNew.mockRejectedValue(throttled);

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'store-unavailable' });
    expect(sms.sent).toHaveLength(0);
    expect(events).toEqual([{ type: 'store-failed', operation: 'save', error: throttled }]);
  });

  it('discards the code it saved when delivery fails and never activates it', async () => {
    // Prepare
    const { service, store, sms, events } = setup();
    sms.failWith = new DeliveryFailedError('SNS Publish failed: ThrottlingException');

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    const codeId = store.saveNew.mock.calls[0]?.[0].codeId;
    expect(store.discard).toHaveBeenCalledWith(expect.objectContaining({ key: { orgId: 'acme', customerId: 42, programId: 7 }, codeId }), {
      giveBackDaySlots: false,
    });
    expect(store.activate).not.toHaveBeenCalled();
    expect(events).toEqual([{ type: 'delivery-failed', channel: 'SMS', error: sms.failWith }]);
  });

  it.each([
    ['not sent (the provider refused it)', new DeliveryFailedError('SNS Publish failed: InternalError', { outcome: 'not-sent' }), true],
    ['maybe sent (no answer in time)', new DeliveryFailedError('missed-call provider timed out after 200 ms', { outcome: 'unknown' }), false],
    ['a failure of unknown kind', new Error('socket hang up'), false],
  ])('gives the day\'s slots back only for a message %s', async (_, failure, givesBack) => {
    // Prepare
    const { service, store, sms } = setup();
    sms.failWith = failure;

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(store.discard).toHaveBeenCalledWith(store.saveNew.mock.calls[0]?.[0], { giveBackDaySlots: givesBack });
  });

  it('still answers delivery-failed when the discard fails too (the code stays pending)', async () => {
    // Prepare
    const { service, store, sms, events } = setup();
    sms.failWith = new Error('socket hang up');
    store.discard.mockRejectedValue(new Error('throttled'));

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(store.activate).not.toHaveBeenCalled();
    expect(events.map((event) => event.type)).toEqual(['delivery-failed', 'store-failed']);
  });

  it('does not make a code live when its message was accepted too late (the caller may have been told it failed)', async () => {
    // Prepare: the send takes the whole activation deadline
    const { service, store, clock, events } = setup({
      senders: {
        SMS: {
          send: async () => {
            clock.advance(5_000);
          },
        },
      },
    });

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'delivery-failed' });
    expect(store.activate).not.toHaveBeenCalled();
    expect(store.discard).toHaveBeenCalledWith(store.saveNew.mock.calls[0]?.[0], { giveBackDaySlots: false });
    expect(events).toMatchObject([{ type: 'delivery-failed', error: { name: 'DeliveryFailedError', message: expect.stringContaining('too late') } }]);
  });

  it('makes a code live when its message was accepted just inside the deadline', async () => {
    // Prepare
    const { service, store, clock } = setup({
      senders: {
        SMS: {
          send: async () => {
            clock.advance(4_999);
          },
        },
      },
    });

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result.kind).toBe('issued');
    expect(store.activate).toHaveBeenCalled();
  });

  it('answers store-unavailable and discards when activation fails after the send', async () => {
    // Prepare
    const { service, store } = setup();
    store.activate.mockRejectedValue(new Error('throttled'));

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'store-unavailable' });
    expect(store.discard).toHaveBeenCalledWith(store.saveNew.mock.calls[0]?.[0], { giveBackDaySlots: false });
  });

  it('does not answer issued when another issue took the code\'s place before it was made live', async () => {
    // Prepare
    const { service, store } = setup();
    store.activate.mockResolvedValue('superseded');

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'failed', reason: 'superseded' });
  });

  it('passes on the store refusal in-progress (another code is being sent) and sends nothing', async () => {
    // Prepare
    const { service, store, sms } = setup();
    store.saveNew.mockResolvedValue({ kind: 'refused', reason: 'in-progress' });

    // Act
    const result = await service.issue(issueRequest);

    // Assess
    expect(result).toEqual({ kind: 'refused', reason: 'in-progress' });
    expect(sms.sent).toHaveLength(0);
  });

  it('never puts the code in a result, whatever happens', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('saved', 'cooldown', 'daily-limit', 'throws'),
        fc.boolean(),
        fc.constantFrom('activated', 'superseded', 'throws'),
        async (save, sendFails, activate) => {
          // Prepare
          const { service, store, sms } = setup();
          if (save === 'throws') store.saveNew.mockRejectedValue(new Error('x'));
          else if (save !== 'saved') store.saveNew.mockResolvedValue({ kind: 'refused', reason: save });
          if (sendFails) sms.failWith = new Error('down');
          if (activate === 'throws') store.activate.mockRejectedValue(new Error('x'));
          else store.activate.mockResolvedValue(activate);

          // Act
          const result = await service.issue(issueRequest);

          // Assess
          expect(JSON.stringify(result)).not.toContain('482913');
        },
      ),
    );
  });

  it('refuses to run with a short secret', () => {
    // Act
    const construct = () => setup({ hmacSecret: 'short' });

    // Assess
    expect(construct).toThrow(RangeError);
  });
});

describe('ValidationCodeService.verify', () => {
  it('accepts the right code and gives its attempt back', async () => {
    // Prepare
    const { service, store } = setup();
    store.reserveAttempt.mockResolvedValue({ kind: 'reserved', code: storedCode('482913') });

    // Act
    const result = await service.verify(verifyRequest(' 482913 '));

    // Assess
    expect(result).toEqual({ kind: 'valid', codeId: 'c1' });
    expect(store.reserveAttempt).toHaveBeenCalledWith({ orgId: 'acme', customerId: 42, programId: 7 });
    expect(store.releaseAttempt).toHaveBeenCalledWith({ orgId: 'acme', customerId: 42, programId: 7 }, 'c1');
  });

  it('keeps the attempt of a wrong code, and of the right code for another amount', async () => {
    // Prepare
    const { service, store } = setup();
    store.reserveAttempt.mockResolvedValue({ kind: 'reserved', code: storedCode('482913') });

    // Act
    const wrong = await service.verify(verifyRequest('482914'));
    const otherAmount = await service.verify(verifyRequest('482913', { points: 99 }));

    // Assess
    expect(wrong).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(otherAmount).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(store.releaseAttempt).not.toHaveBeenCalled();
  });

  it('counts a wrong code as a wrong attempt, and a right one not', async () => {
    // Prepare
    const { service, store } = setup();
    store.reserveAttempt.mockResolvedValue({ kind: 'reserved', code: storedCode('482913') });

    // Act
    await service.verify(verifyRequest('482914'));
    await service.verify(verifyRequest('482913'));

    // Assess
    expect(store.recordWrongAttempt.mock.calls).toEqual([[{ orgId: 'acme', customerId: 42, programId: 7 }, 'c1']]);
    expect(store.releaseAttempt.mock.calls).toEqual([[{ orgId: 'acme', customerId: 42, programId: 7 }, 'c1']]);
  });

  it('still answers wrong when counting the wrong attempt fails (its reservation stays taken)', async () => {
    // Prepare
    const { service, store, events } = setup();
    store.reserveAttempt.mockResolvedValue({ kind: 'reserved', code: storedCode('482913') });
    store.recordWrongAttempt.mockRejectedValue(new Error('throttled'));

    // Act
    const result = await service.verify(verifyRequest('482914'));

    // Assess
    expect(result).toEqual({ kind: 'invalid', reason: 'wrong' });
    expect(events).toMatchObject([{ type: 'store-failed', operation: 'record-wrong' }]);
  });

  it('refuses an expired code even when it is right', async () => {
    // Prepare
    const { service, store, clock } = setup();
    store.reserveAttempt.mockResolvedValue({ kind: 'reserved', code: storedCode('482913', { validUntil: TEST_EPOCH + 1000 }) });
    clock.advance(1000);

    // Act
    const result = await service.verify(verifyRequest('482913'));

    // Assess
    expect(result).toEqual({ kind: 'invalid', reason: 'expired' });
  });

  it('explains a refused reservation from the current code', async () => {
    // Prepare
    const { service, store } = setup();
    store.reserveAttempt
      .mockResolvedValueOnce({ kind: 'not-reserved' })
      .mockResolvedValueOnce({ kind: 'not-reserved', current: storedCode('482913', { attempts: 5 }) })
      .mockResolvedValueOnce({ kind: 'not-reserved', current: storedCode('482913', { state: 'pending', attempts: 0 }) });

    // Act
    const results = [
      await service.verify(verifyRequest('482913')),
      await service.verify(verifyRequest('482913')),
      await service.verify(verifyRequest('482913')),
    ];

    // Assess
    expect(results).toEqual([
      { kind: 'invalid', reason: 'no-code' },
      { kind: 'invalid', reason: 'attempts-exhausted' },
      { kind: 'invalid', reason: 'no-code' },
    ]);
  });

  it('throws when the store cannot be reached, rather than guessing', async () => {
    // Prepare
    const { service, store } = setup();
    store.reserveAttempt.mockRejectedValue(new Error('throttled'));

    // Act
    const verification = service.verify(verifyRequest('482913'));

    // Assess
    await expect(verification).rejects.toThrow('throttled');
  });

  it('stays valid when giving the attempt back fails', async () => {
    // Prepare
    const { service, store, events } = setup();
    store.reserveAttempt.mockResolvedValue({ kind: 'reserved', code: storedCode('482913') });
    store.releaseAttempt.mockRejectedValue(new Error('throttled'));

    // Act
    const result = await service.verify(verifyRequest('482913'));

    // Assess
    expect(result).toEqual({ kind: 'valid', codeId: 'c1' });
    expect(events).toMatchObject([{ type: 'store-failed', operation: 'release' }]);
  });
});
