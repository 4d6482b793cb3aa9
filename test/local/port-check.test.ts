import { createServer } from 'node:net';
import { freePort } from '../../local/dynamodb-local/dynamodb-local';
import { checkPortFree } from '../../local/port-check';

describe('checking that a port is free', () => {
  it('refuses a port something listens on, naming it', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(checkPortFree(port)).rejects.toMatchObject({ name: 'PortInUseError', port, message: `port ${port} on 127.0.0.1 is in use` });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('accepts a free port, and leaves it free', async () => {
    const port = await freePort();

    await checkPortFree(port);

    await expect(checkPortFree(port)).resolves.toBeUndefined();
  });
});
