import { spawn, type ChildProcess } from 'node:child_process';
import { startPorts } from '../support/processes';
import { PROJECT_ROOT } from '../support/paths';

/** `npm start` exactly as the README runs it: a child process, spoken to over HTTP, stopped with a signal. */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let url = '';
  let dynamoEndpoint = '';

  beforeAll(async () => {
    const ports = await startPorts();
    const port = Number(ports.PORT);
    child = spawn('npm', ['start', '--silent'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...ports, POWERTOOLS_LOG_LEVEL: 'WARN' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        const dynamo = /DynamoDB Local \(in memory\) at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening && dynamo) {
          [url, dynamoEndpoint] = [listening[1]!, dynamo[1]!];
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
        if (child.exitCode !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          reject(new Error(`npm start exited with ${child.exitCode}:\n${output}`));
        }
      }, 100);
    });
    expect(url).toBe(`http://127.0.0.1:${port}`);
  }, 90_000);

  afterAll(() => {
    // Whatever a failed test left running goes, the whole process group with it.
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('serves the README example against the demo seed', async () => {
    const response = await fetch(`${url}/v1.1/points/isredeemable?mobile=919900000001&points=100&program_id=1`, {
      headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.response.points.redeemable).toMatchObject({ is_redeemable: 'true', points_redeem_value: 50, item_status: { code: 800 } });
  });

  it('shows the local outbox', async () => {
    const response = await fetch(`${url}/local/outbox`);
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });

  it('stops on Ctrl-C (SIGINT to its process group), DynamoDB Local included', async () => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    const refused = async (target: string) => {
      for (let i = 0; i < 100; i += 1) {
        if (!(await fetch(target).then(() => true, () => false))) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    expect(await refused(url)).toBe(true);
    expect(await refused(dynamoEndpoint)).toBe(true);
  }, 30_000);
});
