import { fork } from 'node:child_process';
import { join } from 'node:path';

/** The counting proxy (counting-proxy.ts) in a child process, and its count over HTTP. */
export interface CountingProxy {
  readonly url: string;
  count(): Promise<number>;
  reset(): Promise<void>;
  close(): void;
}

export async function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  const child = fork(join(__dirname, 'counting-proxy.ts'), [String(targetPort)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return {
    url,
    count: async () => Number(await (await fetch(`${url}/__count`)).text()),
    reset: async () => void (await fetch(`${url}/__count`, { method: 'DELETE' })),
    close: () => child.kill(),
  };
}
