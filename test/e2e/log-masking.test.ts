import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';

/**
 * What the functions log, read as an operator would: structured lines with masked identifiers,
 * never a full phone number, an email, an API key or a validation code.
 */
describe('logs of the local service', () => {
  let stack: LocalStack;
  const lines: string[] = [];
  let restore: () => void;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      // Kept, not printed: the test reads them; the run's output stays readable.
      lines.push(String(chunk));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
    restore = () => {
      process.stdout.write = write;
    };
    stack = await startLocalStack({
      port: 0,
      seedFile: DEMO_SEED_FILE,
      env: { POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_DEV: 'false' },
    });
  }, 60_000);
  afterAll(async () => {
    restore();
    await stack?.stop();
  });

  const get = (path: string) => fetch(`${stack.url}${path}`, { headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' } }).then((r) => r.json());

  it('logs each request, masked', async () => {
    lines.length = 0;
    await get('/v1.1/points/isredeemable?mobile=919900000001&points=100&program_id=3&issue_otp=true');
    const sms = ((await (await fetch(`${stack.url}/local/outbox`)).json()) as { text: string }[])[0]!;
    const code = /\b(\d{6})\b/.exec(sms.text)![1]!;
    await get(`/v1.1/points/isredeemable?mobile=919900000001&points=100&program_id=3&validation_code=${code}`);
    await get('/v1.1/points/isredeemable?email=asha@example.com&points=100&program_id=1');
    await get('/v1.1/points/isredeemable?mobile=919900000003&points=100');
    await get('/v1.1/points/isredeemable?mobile=919912345678&points=100'); // 816
    await get('/v1.1/points/isredeemable?mobile=919900000001&points=abc'); // 801, refused before any lookup
    await get(`/v1.1/points/isredeemable?mobile=919900000001&points=110&program_id=3&validation_code=${code}`); // 808
    await get('/v1.1/points/validationcode?email=ravi@example.com&points=100&program_id=1'); // validationcode, refused (no SMS in program 1 for a cooldown-free path)
    await get('/v1.1/points/isredeemable?mobile=09900000002&points=100&program_id=1'); // a national number, read in the org (IN)
    await get('/v1.1/points/isredeemable?mobile=%2B91%2099000%2000004&points=100&program_id=1'); // with +91 and spaces

    const log = lines.join('');
    expect(log).toContain('********0001');
    expect(log).toContain('a***@example.com');
    for (const secret of ['asha@example.com', 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk', code]) {
      expect(log).not.toContain(secret);
    }
    // Any phone number of the demo's range, national or international, written or stored; any unmasked email (a masked one reads a***@example.com).
    expect(log).not.toMatch(/9199\d{8}|99000\s?0000\d/);
    expect(log).not.toMatch(/[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9.-]+/);
    const records = log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { message: string });
    expect(records.map((r) => r.message)).toEqual(expect.arrayContaining(['isredeemable', 'validation code issue', 'validation code check']));
  });
});
