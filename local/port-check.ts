import { createServer } from 'node:net';
import { PortInUseError } from './errors';

/**
 * Resolves when `port` can be listened on at `host`, by listening and closing at once; 0 (any free
 * port) always can. Another process may still take it before the caller listens: this check is for
 * failing early and clearly, the caller's own listen stays the authority.
 * @throws PortInUseError when it is taken; the listen error otherwise (e.g. EACCES).
 */
export async function checkPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, { cause: error }) : error));
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
