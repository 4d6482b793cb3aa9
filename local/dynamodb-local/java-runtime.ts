import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { JavaRuntimeError } from '../errors';

/** DynamoDB Local is run on Java 17 or newer (README, "Quick start"). */
export const MINIMUM_JAVA_VERSION = 17;

/** The `java` to run: `$JAVA_HOME/bin/java` when JAVA_HOME is set, otherwise `java` from PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/**
 * The major version in `java -version` output: `openjdk version "17.0.15"` is 17, the old scheme
 * `java version "1.8.0_392"` is 8; undefined when the output names no version.
 */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[2] ?? 0)];
  return first === 1 ? second : first;
}

const INSTALL_HINT = `install Java ${MINIMUM_JAVA_VERSION} or newer (e.g. apt-get install openjdk-${MINIMUM_JAVA_VERSION}-jre-headless, brew install openjdk@${MINIMUM_JAVA_VERSION}), or set JAVA_HOME to one`;

/**
 * Runs `java -version` and resolves the major version.
 * @throws JavaRuntimeError when there is no such command or it is older than MINIMUM_JAVA_VERSION.
 */
export async function checkJava(java: string): Promise<number> {
  const output = await new Promise<string>((resolve, reject) => {
    // The version goes to stderr; 30 s is for a machine so loaded that even a JVM start crawls.
    execFile(java, ['-version'], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new JavaRuntimeError(`DynamoDB Local needs Java, and there is no ${java === 'java' ? 'java on PATH (and JAVA_HOME is not set)' : java}: ${INSTALL_HINT}`));
      } else if (error) {
        reject(new JavaRuntimeError(`${java} -version failed (${error.message.trim()}): ${INSTALL_HINT}`, { cause: error }));
      } else resolve(`${stderr}${stdout}`);
    });
  });
  const major = javaMajorVersion(output);
  if (major === undefined || major < MINIMUM_JAVA_VERSION) {
    const found = major === undefined ? 'an unknown version' : `Java ${major}`;
    throw new JavaRuntimeError(`DynamoDB Local needs Java ${MINIMUM_JAVA_VERSION} or newer; ${java} is ${found}: ${INSTALL_HINT}`);
  }
  return major;
}
