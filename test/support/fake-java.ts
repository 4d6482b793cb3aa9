import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A JAVA_HOME whose bin/java is a shell script that reports `version` (as `java -version` does, on
 * stderr) and otherwise exits: an old Java, which this machine does not have, for the version check.
 */
export function fakeJavaHome(version: string): { readonly home: string; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), 'fake-java-'));
  mkdirSync(join(home, 'bin'));
  const java = join(home, 'bin', 'java');
  writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2024-01-16' >&2\nexit 0\n`);
  chmodSync(java, 0o755);
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** The file a command name runs, found on PATH as a shell would. */
function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error(`${command} is not on PATH`);
}

/**
 * A PATH with only `node`, `npm` and `sh` (which npm runs scripts with) on it: no java (on many
 * machines java sits in the same folder as node, so PATH cannot just drop a folder).
 */
export function pathWithoutJava(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'no-java-'));
  symlinkSync(process.execPath, join(path, 'node'));
  for (const command of ['npm', 'sh']) symlinkSync(onPath(command), join(path, command));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
