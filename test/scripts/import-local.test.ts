import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/dynamodb-local/dynamodb-local';
import { PROJECT_ROOT } from '../support/paths';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const STACK_FRAME = /^\s+at .+:\d+/m;
const VISITOR_KEY = 'visitor-key-4JtT2apbqQ8tjcPoXjlIuLmLoacWLBNS';

/** A seed for an org the demo does not have: one key, one program, one customer. */
const VISITOR_SEED = {
  orgs: [
    {
      id: 'visitor',
      name: 'Visitor',
      apiKeys: [{ key: VISITOR_KEY, label: 'visitor-pos' }],
      programs: [{ id: 1, name: 'Visits' }],
      customers: [{ id: 3001, mobile: '919900003001', programs: { '1': { registered: true, currentPoints: 40, lifetimePoints: 40, lifetimePurchases: 400 } } }],
    },
  ],
};

/** `npm run import -- ARGS` with no AWS credentials, region or endpoint: `--local` must need none. */
function runImport(args: readonly string[], serviceFile: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'import', '--', ...args],
      {
        cwd: PROJECT_ROOT,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          LOCAL_SERVICE_FILE: serviceFile,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `npm start`, as in its own test, with its service file in a folder of this test. */
describe('npm run import -- --local: into the service npm start runs', () => {
  let workDir: string;
  let serviceFile: string;
  let seedFile: string;
  let child: ChildProcess;
  let output = '';
  let url = '';

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'import-local-'));
    serviceFile = join(workDir, 'local-service.json');
    seedFile = join(workDir, 'visitor.json');
    await writeFile(seedFile, JSON.stringify(VISITOR_SEED));
    const port = await freePort();
    child = spawn('npm', ['start', '--silent'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: String(port), POWERTOOLS_LOG_LEVEL: 'WARN', LOCAL_SERVICE_FILE: serviceFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 90_000);
      const poll = setInterval(() => {
        const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*outbox\n/.exec(output);
        if (listening || child.exitCode !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          if (listening) {
            url = listening[1]!;
            resolve();
          } else reject(new Error(`npm start exited with ${child.exitCode}:\n${output}`));
        }
      }, 100);
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(workDir, { recursive: true, force: true });
  });

  it('prints the command in its banner, and records where its data is', async () => {
    // Assess
    expect(output).toContain('npm run import -- --local FILE');
    const record = JSON.parse(await readFile(serviceFile, 'utf8'));
    expect(record).toMatchObject({ url, tableName: 'points-redemption-local', dynamoDbEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('imports a file into it with no credentials, region or table given; the service answers from it', async () => {
    // Act
    const run = await runImport(['--local', seedFile], serviceFile);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Imported ${seedFile} into points-redemption-local: 1 org(s), 1 program(s), 1 API key(s), 1 customer(s)`);
    const response = await fetch(`${url}/v1.1/points/isredeemable?mobile=919900003001&points=10&program_id=1`, { headers: { 'x-api-key': VISITOR_KEY } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).response.points.redeemable).toMatchObject({ is_redeemable: 'true', item_status: { code: 800 } });
  });

  it('refuses --local with a table or an endpoint, which it finds itself', async () => {
    // Act
    const run = await runImport(['--local', seedFile, '--table', 'other'], serviceFile);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--local finds the table itself');
  });

  it('says, once npm start has stopped, that no local service runs and how to start one', async () => {
    // Prepare
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid!, 'SIGINT');
    await exited;

    // Act
    const run = await runImport(['--local', seedFile], serviceFile);

    // Assess
    expect(existsSync(serviceFile)).toBe(false);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`no local service is running (there is no ${serviceFile}): start one with \`npm start\`, then import again`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  }, 30_000);

  it('says so when the file names a service whose process is gone (npm start killed)', async () => {
    // Prepare: the id of a process that has exited
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const stale = join(workDir, 'stale.json');
    await writeFile(stale, JSON.stringify({ pid: gone.pid, url: 'http://127.0.0.1:1', dynamoDbEndpoint: 'http://127.0.0.1:2', tableName: 'points-redemption-local' }));

    // Act
    const run = await runImport(['--local', seedFile], stale);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the local service named in ${stale} (process ${gone.pid}) is not running any more: start one with \`npm start\``);
  });
});
