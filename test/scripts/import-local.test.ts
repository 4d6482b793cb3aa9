import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLocalServiceFile, type LocalServiceRecord } from '../../local/local-service-file';
import { PROJECT_ROOT } from '../support/paths';
import { startPorts } from '../support/processes';
import { BASE_ENV, runCommand, STACK_FRAME, type CommandRun } from './run-command';

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
function runImport(args: readonly string[], serviceFile: string): Promise<CommandRun> {
  return runCommand('npm', ['run', '--silent', 'import', '--', ...args], { ...BASE_ENV, LOCAL_SERVICE_FILE: serviceFile });
}

/** Polls until `npm start` has written its service file and its banner (one write, after the file), or has exited. */
async function serviceRecord(file: string, child: ChildProcess, output: () => string): Promise<LocalServiceRecord> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    const record = await readLocalServiceFile(file).catch(() => undefined);
    if (record && output().includes('listening on')) return record;
  }
  throw new Error(`npm start wrote no ${file}:\n${output()}`);
}

/** A real `npm start`, its service file in a folder of this test, stopped with Ctrl-C (SIGINT) at the end. */
describe('npm run import -- --local: into the service npm start runs', () => {
  let workDir: string;
  let serviceFile: string;
  let seedFile: string;
  let child: ChildProcess;
  let output = '';
  let record: LocalServiceRecord;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'import-local-'));
    serviceFile = join(workDir, 'local-service.json');
    seedFile = join(workDir, 'visitor.json');
    await writeFile(seedFile, JSON.stringify(VISITOR_SEED));
    child = spawn('npm', ['start', '--silent'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...(await startPorts()), POWERTOOLS_LOG_LEVEL: 'WARN', LOCAL_SERVICE_FILE: serviceFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    record = await serviceRecord(serviceFile, child, () => output);
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

  it('records where its data is, and prints the import command in its banner', async () => {
    // Assess
    expect(record).toMatchObject({ tableName: 'points-redemption-local', dynamoDbEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(output).toContain(`listening on ${record.url}`);
    expect(output).toContain(`import more data into it: npm run import -- --local FILE`);
    expect(JSON.parse(await readFile(serviceFile, 'utf8'))).toEqual(record);
  });

  it('imports a file into it with no credentials, region or table given; the service answers from it', async () => {
    // Act
    const run = await runImport(['--local', seedFile], serviceFile);

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Imported ${seedFile} into points-redemption-local: 1 org(s), 1 program(s), 1 API key(s), 1 customer(s)`);
    const response = await fetch(`${record.url}/v1.1/points/isredeemable?mobile=919900003001&points=10&program_id=1`, { headers: { 'x-api-key': VISITOR_KEY } });
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
