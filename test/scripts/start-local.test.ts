import { createServer, type Server } from 'node:net';
import { freePort } from '../../local/dynamodb-local/dynamodb-local';
import { fakeJavaHome, pathWithoutJava } from '../support/fake-java';
import { PROJECT_ROOT } from '../support/paths';
import { isAlive, processesInGroup, spawnGroup, startPorts, until, untilGone, type GroupChild } from '../support/processes';

/** A developer's environment: without the variable that silences the AWS SDK's Node-version warning. */
const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _silenced, ...DEVELOPER_ENV } = process.env;

/**
 * `npm start` as a real child process (its own process group, so a test can find and kill exactly
 * what it started), in the ways it can end or fail to start.
 */
const npmStart = (env: NodeJS.ProcessEnv): GroupChild =>
  spawnGroup('npm', ['start', '--silent'], { cwd: PROJECT_ROOT, env: { ...DEVELOPER_ENV, POWERTOOLS_LOG_LEVEL: 'WARN', ...env } });

/** Environment without a JAVA_HOME. */
const { JAVA_HOME: _javaHome, ...ENV_WITHOUT_JAVA_HOME } = process.env;

describe('npm start, failing to start', () => {
  let started: GroupChild | undefined;
  afterEach(() => started?.killGroup());

  it('on a busy port: fails before starting DynamoDB Local (no Java needed to say so) and says to set PORT', async () => {
    // Prepare: the port is taken; and there is no java, so only a check made before DynamoDB Local can answer.
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    const noJava = pathWithoutJava();
    try {
      // Act
      started = spawnGroup('npm', ['start', '--silent'], { cwd: PROJECT_ROOT, env: { ...ENV_WITHOUT_JAVA_HOME, PATH: noJava.path, PORT: String(port) } });
      const status = await started.exited;

      // Assess
      expect(status).toBe(1);
      expect(started.output()).toContain(`port ${port} on 127.0.0.1 is in use`);
      // PORT + 1 is the other service's Lambda Invoke port (LAMBDA_PORT): the suggestion skips it.
      expect(started.output()).toContain(`set PORT to a free port, e.g. PORT=${port + 2} npm start`);
      expect(started.output()).not.toContain('Java');
    } finally {
      noJava.remove();
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it('without Java on PATH or in JAVA_HOME: says to install Java 17 or newer', async () => {
    const noJava = pathWithoutJava();
    try {
      started = spawnGroup('npm', ['start', '--silent'], { cwd: PROJECT_ROOT, env: { ...ENV_WITHOUT_JAVA_HOME, PATH: noJava.path, ...(await startPorts()) } });

      expect(await started.exited).toBe(1);
      expect(started.output()).toMatch(/npm start failed: DynamoDB Local needs Java, and there is no java on PATH \(and JAVA_HOME is not set\): install Java 17 or newer/);
    } finally {
      noJava.remove();
    }
  }, 60_000);

  it('with Java 11 in JAVA_HOME: names it and says to install Java 17 or newer', async () => {
    const java = fakeJavaHome('11.0.22');
    try {
      started = npmStart({ JAVA_HOME: java.home, ...(await startPorts()) });

      expect(await started.exited).toBe(1);
      expect(started.output()).toMatch(/DynamoDB Local needs Java 17 or newer; \S+ is Java 11: install Java 17 or newer/);
    } finally {
      java.remove();
    }
  }, 60_000);
});

describe('npm start, once running', () => {
  let started: GroupChild;
  let url: string;
  afterEach(() => started?.killGroup());

  /** Starts it and waits until it serves; the pids of its Node process and of DynamoDB Local. */
  const startAndServe = async (): Promise<{ nodePid: number; javaPid: number }> => {
    const ports = await startPorts();
    url = `http://127.0.0.1:${ports.PORT}`;
    started = npmStart(ports);
    await until(async () => {
      if (started.child.exitCode !== null) throw new Error(`npm start ended:\n${started.output()}`);
      return (await fetch(`${url}/local/outbox`).then((r) => r.ok, () => false)) || undefined;
    });
    const group = processesInGroup(started.child.pid!);
    const node = group.find((p) => p.args.includes('scripts/start-local.ts') && !p.args.startsWith('npm'));
    const java = group.find((p) => p.args.includes('DynamoDBLocal.jar'));
    if (!node || !java) throw new Error(`not found in the process group: ${JSON.stringify(group)}`);
    return { nodePid: node.pid, javaPid: java.pid };
  };
  const refused = () => fetch(`${url}/local/outbox`).then(() => false, () => true);

  it('when DynamoDB Local dies: stops, exits non-zero and says why', async () => {
    // Prepare
    const { javaPid } = await startAndServe();

    // Act
    process.kill(javaPid, 'SIGKILL');

    // Assess
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('npm start: DynamoDB Local ended unexpectedly (signal SIGKILL), and the service cannot answer without it: stopping');
    expect(await refused()).toBe(true);
    // What it printed from start to end holds no AWS SDK warning about Node 20.
    expect(started.output()).not.toMatch(/NodeVersionSupport|node >=22/);
  }, 90_000);

  it('when npm gets SIGTERM: stops, and leaves no DynamoDB Local running', async () => {
    const { nodePid, javaPid } = await startAndServe();

    process.kill(started.child.pid!, 'SIGTERM');
    await started.exited;

    await untilGone(nodePid);
    await untilGone(javaPid);
    expect([isAlive(nodePid), isAlive(javaPid)]).toEqual([false, false]);
    expect(await refused()).toBe(true);
  }, 90_000);

  it('when its parent (npm) is killed with SIGKILL: stops, and leaves no DynamoDB Local running', async () => {
    const { nodePid, javaPid } = await startAndServe();

    process.kill(started.child.pid!, 'SIGKILL');
    await started.exited;

    await untilGone(nodePid);
    await untilGone(javaPid);
    expect([isAlive(nodePid), isAlive(javaPid)]).toEqual([false, false]);
    expect(await refused()).toBe(true);
  }, 90_000);
});
