import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbCustomerDirectory } from '../../functions/adapters/dynamodb/dynamodb-customer-directory';
import { IdentifierType } from '../../functions/core/model';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { PROJECT_ROOT } from '../support/paths';
import { BASE_ENV, runCommand, STACK_FRAME, type CommandRun } from './run-command';

const projectRoot = PROJECT_ROOT;

/** `npm run import -- ...` as an operator runs it, with only the environment given here. */
function runImport(args: readonly string[], env: Record<string, string> = {}): Promise<CommandRun> {
  return runCommand('npx', ['tsx', 'scripts/import.ts', ...args], { ...BASE_ENV, AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', ...env });
}

describe('npm run import', () => {
  let table: TestTable;
  let workDir: string;

  beforeAll(async () => {
    table = await createTestTable();
    workDir = await mkdtemp(join(tmpdir(), 'seed-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
    await table.destroy();
  });

  it('refuses a malformed file: exit 1, the bad field named, no stack trace, nothing written', async () => {
    // Prepare
    const seed = JSON.parse(await readFile(join(projectRoot, 'seed', 'demo.json'), 'utf8'));
    seed.orgs[0].customers[2].programs['1'].currentPoints = 'abc';
    const file = join(workDir, 'malformed.json');
    await writeFile(file, JSON.stringify(seed));

    // Act
    const run = await runImport([file, '--table', table.tableName, '--endpoint', table.endpoint]);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('orgs[0].customers[2].programs.1.currentPoints: Invalid type: Expected number but received "abc"');
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const { Count } = await table.client.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }));
    expect(Count).toBe(0);
  });

  it('refuses a number JSON cannot read as written (points of 9007199254740993): the field named, nothing written', async () => {
    // Prepare: the last customer of the file, so that a write-as-you-go import would have written the others first
    const text = await readFile(join(projectRoot, 'seed', 'demo.json'), 'utf8');
    const file = join(workDir, 'beyond-2-53.json');
    await writeFile(file, text.replace('"currentPoints": 1000, "lifetimePoints": 1000', '"currentPoints": 9007199254740993, "lifetimePoints": 1000'));

    // Act
    const run = await runImport([file, '--table', table.tableName, '--endpoint', table.endpoint]);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('orgs[1].customers[0].programs.1.currentPoints: 9007199254740993 cannot be stored as written');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const { Count } = await table.client.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }));
    expect(Count).toBe(0);
  });

  it('refuses a file that is not JSON, without a stack trace', async () => {
    // Prepare
    const file = join(workDir, 'broken.json');
    await writeFile(file, '{"orgs": [');

    // Act
    const run = await runImport([file, '--table', table.tableName, '--endpoint', table.endpoint]);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not valid JSON');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('imports the demo seed and says what it wrote', async () => {
    // Act
    const run = await runImport(['seed/demo.json', '--table', table.tableName, '--endpoint', table.endpoint]);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Imported seed/demo.json into ${table.tableName}: 2 org(s), 5 program(s), 5 API key(s), 9 customer(s)`);
    expect(run.stdout).toContain('1 group(s)');
    expect(run.stdout).toContain('1 group(s), 2 group member(s) written, 0 removed');
    const directory = new DynamoDbCustomerDirectory({ client: table.client, tableName: table.tableName });
    const asha = await directory.findCustomer('demo', { type: IdentifierType.EMAIL, value: 'asha@example.com' });
    expect(asha?.programs['1']?.currentPoints).toBe(500);
  });

  it('takes the table from TABLE_NAME and the endpoint from AWS_ENDPOINT_URL_DYNAMODB', async () => {
    // Act
    const run = await runImport(['seed/demo.json'], { TABLE_NAME: table.tableName, AWS_ENDPOINT_URL_DYNAMODB: table.endpoint });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`into ${table.tableName}: 2 org(s)`);
  });

  it('says how to name the table when none is given', async () => {
    // Act
    const run = await runImport(['seed/demo.json', '--endpoint', table.endpoint]);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('pass --table NAME or set TABLE_NAME');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([['--help'], ['-h'], ['seed/demo.json', '--help']])('answers %s with what it does and every option', async (...args) => {
    // Act
    const run = await runImport(args, { TABLE_NAME: table.tableName, AWS_ENDPOINT_URL_DYNAMODB: table.endpoint });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^usage: npm run import -- FILE \[--table NAME\] \[--endpoint URL\] \[--region REGION\]\n\s+npm run import -- --local FILE\n/);
    for (const option of ['--table NAME', '--endpoint URL', '--region REGION', '--local', '-h, --help', 'Exit status']) expect(run.stdout).toContain(option);
  });

  it('refuses an unknown option with the usage line', async () => {
    // Act
    const run = await runImport(['seed/demo.json', '--tabel', 'x']);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Unknown option '--tabel'");
    expect(run.stderr).toContain('usage: npm run import -- FILE');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
