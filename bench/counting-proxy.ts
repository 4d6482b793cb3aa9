import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of DynamoDB Local that counts the HTTP requests it forwards: DynamoDB round
 * trips, as the clients make them. Run as its own process (`node --import tsx bench/counting-proxy.ts
 * <target port>`), so its CPU is not counted with the process being measured. Prints its URL on
 * stdout; `GET /__count` answers the count, `DELETE /__count` resets it.
 */
const targetPort = Number(process.argv[2]);
let count = 0;
const server = createServer((incoming, outgoing) => {
  if (incoming.url === '/__count') {
    if (incoming.method === 'DELETE') count = 0;
    outgoing.end(String(count));
    return;
  }
  count += 1;
  const upstream = httpRequest({ host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
    outgoing.writeHead(response.statusCode ?? 502, response.headers);
    response.pipe(outgoing);
  });
  upstream.on('error', () => outgoing.destroy());
  incoming.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.on('disconnect', () => process.exit(0));
