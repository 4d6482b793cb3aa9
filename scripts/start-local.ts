import { resolve } from 'node:path';
import { localServiceFile } from '../local/local-service-file';
import { LOCAL_POINTS_API_FUNCTION, startLocalStack } from '../local/local-stack';

/**
 * `npm start`: the service on 127.0.0.1:${PORT:-3000} with an embedded DynamoDB Local seeded from
 * seed/demo.json (or SEED_FILE), and the points function on the Lambda Invoke API at
 * 127.0.0.1:${LAMBDA_PORT:-PORT+1}. Stops cleanly on Ctrl-C.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const lambdaPort = Number(process.env.LAMBDA_PORT ?? (port === 0 ? 0 : port + 1));
  if (!Number.isInteger(lambdaPort) || lambdaPort < 0 || lambdaPort > 65535) throw new Error(`LAMBDA_PORT must be a port number, not "${process.env.LAMBDA_PORT}"`);
  const seedFile = resolve(process.env.SEED_FILE ?? 'seed/demo.json');
  process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
  process.env.POWERTOOLS_DEV ??= 'true';

  const stack = await startLocalStack({ port, lambdaPort, seedFile, serviceFile: localServiceFile() });
  process.stdout.write(
    [
      `points redemption service listening on ${stack.url}`,
      `  data: DynamoDB Local (in memory) at ${stack.dynamoDbEndpoint}, table ${stack.tableName}, seeded from ${seedFile}`,
      `  try:  curl -s -H 'x-api-key: demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' '${stack.url}/v1.1/points/isredeemable?mobile=919900000001&points=100&program_id=1'`,
      `  other Lambdas: invoke ${LOCAL_POINTS_API_FUNCTION} with @aws-sdk/client-lambda at endpoint ${stack.lambdaUrl}`,
      `  sent codes (local only): ${stack.url}/local/outbox`,
      `  import more data into it: npm run import -- --local FILE`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping\n`);
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
