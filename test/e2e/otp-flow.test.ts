import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';

/**
 * The validation-code flow end to end, as a partner sees it: ask for a code with a passing check,
 * read it from the local outbox (the customer's phone), check again with it. Program 3 of the demo
 * seed requires codes; this seed only shortens its resend cooldown so the test need not wait.
 */
describe('validation codes over HTTP (local service)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    const seed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8'));
    const secure = seed.orgs[0].programs.find((p: { id: number }) => p.id === 3);
    secure.rules.otp = { ...secure.rules.otp, resendCooldownSeconds: 0, maxPerDay: 50 };
    const seedFile = join(mkdtempSync(join(tmpdir(), 'otp-flow-')), 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    stack = await startLocalStack({ port: 0, seedFile, env: { POWERTOOLS_LOG_LEVEL: 'SILENT', MISSED_CALL_TIMEOUT_MS: '300' } });
  }, 60_000);
  afterAll(() => stack?.stop());

  const check = async (query: string) => {
    const response = await fetch(`${stack.url}/v1.1/points/isredeemable?mobile=919900000001&program_id=3&${query}`, {
      headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' },
    });
    const text = await response.text();
    return { status: response.status, text, item: JSON.parse(text).response.points.redeemable };
  };
  const latestSms = async (): Promise<{ text: string; destination: string; code: string }> => {
    const outbox = (await (await fetch(`${stack.url}/local/outbox`)).json()) as { channel: string; text: string; destination: string }[];
    const sms = outbox.find((entry) => entry.channel === 'SMS');
    if (!sms) throw new Error('no SMS in the outbox');
    return { ...sms, code: /\b(\d{6})\b/.exec(sms.text)![1]! };
  };

  it('a passing check with issue_otp sends a code; it passes for the same amount and fails for another', async () => {
    const issued = await check('points=100&issue_otp=true');
    expect(issued.status).toBe(200);
    expect(issued.item).toMatchObject({ is_redeemable: 'true', item_status: { code: 800 }, validation_code_sent: { channel: 'SMS' } });
    const sms = await latestSms();
    expect(sms.destination).toBe('+919900000001');
    expect(issued.text).not.toContain(sms.code);

    expect((await check(`points=100&validation_code=${sms.code}`)).item.item_status.code).toBe(800);
    expect((await check(`points=100&validation_code=${sms.code}`)).item.item_status.code).toBe(800); // a check does not use it up
    expect((await check(`points=110&validation_code=${sms.code}`)).item.item_status.code).toBe(808);
  });

  it('without a code, the program that requires one answers 808', async () => {
    expect((await check('points=100')).item.item_status.code).toBe(808);
    expect((await check('points=100&skip_validation=true&validation_type=INVALID')).item.item_status.code).toBe(808);
  });

  it('the sixth try is refused even with the right code after five wrong ones', async () => {
    await check('points=100&issue_otp=true');
    const { code } = await latestSms();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect((await check(`points=100&validation_code=${wrong}`)).item.item_status.code).toBe(808);
    const sixth = await check(`points=100&validation_code=${code}`);
    expect(sixth.item.item_status.code).toBe(808);
    expect(sixth.item.item_status.message).toMatch(/too many/i);
  });

  it('a new code invalidates the previous one', async () => {
    await check('points=100&issue_otp=true');
    const first = (await latestSms()).code;
    await check('points=100&issue_otp=true');
    const second = (await latestSms()).code;
    if (first !== second) expect((await check(`points=100&validation_code=${first}`)).item.item_status.code).toBe(808);
    expect((await check(`points=100&validation_code=${second}`)).item.item_status.code).toBe(800);
  });

  it('876 when the SMS cannot be sent: points still redeemable, no message, no usable code', async () => {
    const before = (await (await fetch(`${stack.url}/local/outbox`)).json()) as unknown[];
    stack.sns.failNext(10); // more than the SDK's retries: SNS stays down for this request
    const answer = await check('points=100&issue_otp=true');
    stack.sns.failNext(0);
    expect(answer.status).toBe(200);
    expect(answer.item).toMatchObject({
      is_redeemable: 'true',
      item_status: { success: 'false', code: 876, message: 'Points Redeemable but OTP Generation failed' },
    });
    const after = (await (await fetch(`${stack.url}/local/outbox`)).json()) as unknown[];
    expect(after).toHaveLength(before.length);
    const attempted = stack.sns.received.at(-1);
    const code = /\b(\d{6})\b/.exec(attempted?.message ?? '')?.[1];
    expect(code).toBeDefined();
    expect((await check(`points=100&validation_code=${code}`)).item.item_status.code).toBe(808);
  });

  it('money worth less than a point, with a code, is 821: no amount of 0 reaches the validation-codes function (never a 503)', async () => {
    const answer = await check('currency_input=true&currency_value=0.5&validation_code=123456');

    expect([200, 400]).toContain(answer.status); // the status of a failed check
    expect(answer.item).toMatchObject({ is_redeemable: 'false', points: 0, item_status: { code: 821 } });
  });

  it('a failed check issues nothing', async () => {
    const before = stack.sns.received.length;
    const answer = await check('points=105&issue_otp=true');
    expect(answer.item.item_status.code).toBe(807);
    expect(stack.sns.received).toHaveLength(before);
  });

  it('missed call: the calling number ends in the code, which then passes the check', async () => {
    const answer = await check('points=100&issue_otp=true&validation_type=MISSED_CALL');
    expect(answer.item).toMatchObject({ item_status: { code: 800 }, validation_code_sent: { channel: 'MISSED_CALL' } });
    const outbox = (await (await fetch(`${stack.url}/local/outbox`)).json()) as { channel: string; callerNumber?: string }[];
    const call = outbox.find((entry) => entry.channel === 'MISSED_CALL');
    const code = call!.callerNumber!.slice(-6);
    expect((await check(`points=100&validation_code=${code}`)).item.item_status.code).toBe(800);
  });

  it('876 when the missed-call provider hangs past its timeout', async () => {
    stack.missedCall.setMode('hang');
    try {
      const answer = await check('points=100&issue_otp=true&validation_type=MISSED_CALL');
      expect(answer.item.item_status.code).toBe(876);
    } finally {
      stack.missedCall.setMode('ok');
    }
  });

  it('GET /v1.1/points/validationcode issues a code without returning it; 816 for an unknown customer (HTTP 200, a refusal)', async () => {
    const response = await fetch(`${stack.url}/v1.1/points/validationcode?mobile=919900000001&points=100&program_id=3`, {
      headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' },
    });
    const body = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(body.response.status).toEqual({ success: 'true', code: 200, message: 'Operation Successful' });
    expect(body.response.validation_code.code.item_status).toEqual({ success: 'true', code: 200, message: 'Validation Code Issued by SMS' });
    expect(JSON.stringify(body)).not.toContain((await latestSms()).code);

    const unknown = await fetch(`${stack.url}/v1.1/points/validationcode?mobile=919912345678&points=100&program_id=3`, {
      headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' },
    });
    expect(unknown.status).toBe(200);
    expect(((await unknown.json()) as any).response.validation_code.code.item_status.code).toBe(816);
  });
});
