import { join } from 'node:path';
import { PROJECT_ROOT } from '../../support/paths';
import { isAlive, spawnGroup, until, untilGone, type GroupChild } from '../../support/processes';

/**
 * DynamoDB Local dies with the Node process that started it, however that process ends. A real
 * Node process starts a real DynamoDB Local, prints its pid, and is then killed.
 */
describe('DynamoDB Local started by a process that is then killed', () => {
  let owner: GroupChild | undefined;
  afterEach(() => owner?.killGroup());

  const startOwner = async (): Promise<{ owner: GroupChild; javaPid: number }> => {
    const launcher = join(PROJECT_ROOT, 'local', 'dynamodb-local', 'dynamodb-local.ts');
    const started = spawnGroup(
      process.execPath,
      ['--import', 'tsx', '-e', `require(${JSON.stringify(launcher)}).startDynamoDbLocal().then((d) => console.log('java pid ' + d.pid), (e) => { console.error(e); process.exit(1); }); setInterval(() => {}, 1000);`],
      { cwd: PROJECT_ROOT, env: process.env },
    );
    const javaPid = await until(() => {
      const match = /java pid (\d+)/.exec(started.output());
      return match ? Number(match[1]) : undefined;
    });
    return { owner: started, javaPid };
  };

  it('ends when its owner is killed with SIGKILL', async () => {
    // Prepare
    const started = await startOwner();
    owner = started.owner;
    expect(isAlive(started.javaPid)).toBe(true);

    // Act: only the owner, not its group.
    process.kill(started.owner.child.pid!, 'SIGKILL');
    await started.owner.exited;

    // Assess
    await untilGone(started.javaPid);
    expect(isAlive(started.javaPid)).toBe(false);
  }, 60_000);

  it('ends with its owner even while stopped (SIGSTOP)', async () => {
    const started = await startOwner();
    owner = started.owner;
    process.kill(started.javaPid, 'SIGSTOP');

    process.kill(started.owner.child.pid!, 'SIGKILL');
    await started.owner.exited;

    await untilGone(started.javaPid);
    expect(isAlive(started.javaPid)).toBe(false);
  }, 60_000);
});
