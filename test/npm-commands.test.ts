import { execFile } from 'node:child_process';
import { createTestTable, type TestTable } from './support/dynamodb';
import { DEMO_SEED_FILE, PROJECT_ROOT } from './support/paths';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * An npm command as a developer runs it, with their environment minus the variable that silences
 * the AWS SDK's Node-version warning: the command itself must keep it quiet.
 */
function npm(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _silenced, ...developerEnv } = process.env;
  return new Promise((resolve) => {
    execFile('npm', ['--silent', ...args], { cwd: PROJECT_ROOT, env: { ...developerEnv, ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('every npm command answers --help with its usage and exits 0, doing nothing else', () => {
  it.each([
    [['start', '--', '--help'], 'usage: npm start'],
    [['run', 'import', '--', '--help'], 'usage: npm run import -- FILE'],
    [['run', 'bench', '--', '--help'], 'usage: npm run bench'],
    [['run', 'synth', '--', '--help'], 'cdk synth [STACKS..]'],
  ])('npm %j', async (args, usage) => {
    const run = await npm(args);

    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout.startsWith(usage)).toBe(true);
  }, 60_000);
});

describe('the AWS SDK Node-version warning', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
  });
  afterAll(() => table.destroy());

  it('is not printed by npm run import, which makes an SDK client', async () => {
    const run = await npm(['run', 'import', '--', DEMO_SEED_FILE, '--table', table.tableName, '--endpoint', table.endpoint, '--region', 'local'], {
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`into ${table.tableName}`);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/NodeVersionSupport|node >=22/);
  }, 60_000);
});
