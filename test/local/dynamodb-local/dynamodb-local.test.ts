import { startDynamoDbLocal } from '../../../local/dynamodb-local/dynamodb-local';

/** Whether a process is still there (signal 0 only checks; a zombie is reaped by its parent, us). */
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('DynamoDB Local, the process', () => {
  it('says how it ended when it ends on its own, and stop() then returns at once', async () => {
    // Prepare
    const dynamo = await startDynamoDbLocal();

    // Act
    process.kill(dynamo.pid, 'SIGKILL');

    // Assess
    expect(await dynamo.exited).toBe('signal SIGKILL');
    await dynamo.stop();
    expect(isRunning(dynamo.pid)).toBe(false);
    // (stop() ending a running one: every npm start that is stopped, test/e2e/npm-start.test.ts.)
  }, 60_000);
});
