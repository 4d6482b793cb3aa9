import './quiet-aws-sdk';
import { resolve } from 'node:path';
import { localServiceFile } from '../local/local-service-file';
import { LOCAL_POINTS_API_FUNCTION, startLocalStack } from '../local/local-stack';
import { onParentExit } from '../local/parent-exit';
import { PortInUseError } from '../local/errors';
import { checkPortFree } from '../local/port-check';
import { helpAsked, printHelp } from './command-line';

const USAGE = `usage: npm start [-- --help]

The service on http://127.0.0.1:PORT with the production Lambda entries, an embedded DynamoDB Local
(Java 17 or newer) seeded from SEED_FILE, and local stand-ins for SNS and Lambda Invoke.
Stops on Ctrl-C or SIGTERM, when the process that started it ends, or when DynamoDB Local ends.

environment:
  PORT                    the API's port on 127.0.0.1 (default 3000)
  LAMBDA_PORT             the local Lambda Invoke API's port, serving points-redemption-points-api (default PORT + 1)
  SEED_FILE               the data to load (default seed/demo.json)
  LOCAL_SERVICE_FILE      where npm run import -- --local finds this service (default .local/local-service.json)
  POWERTOOLS_LOG_LEVEL    the functions' log level (default INFO)
  SMS_ALLOWED_COUNTRY_CODES, SMS_SENDER_ID    as for the validation-codes function (default 91,44,1 and DEMO)`;

/**
 * `npm start`: the service on 127.0.0.1:${PORT:-3000} with an embedded DynamoDB Local seeded from
 * seed/demo.json (or SEED_FILE), and the points function on the Lambda Invoke API at
 * 127.0.0.1:${LAMBDA_PORT:-PORT+1}. Stops cleanly on Ctrl-C.
 */
async function main(): Promise<void> {
  if (helpAsked(process.argv.slice(2))) {
    printHelp(USAGE);
    return;
  }
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const lambdaPort = Number(process.env.LAMBDA_PORT ?? (port === 0 ? 0 : port + 1));
  if (!Number.isInteger(lambdaPort) || lambdaPort < 0 || lambdaPort > 65535) throw new Error(`LAMBDA_PORT must be a port number, not "${process.env.LAMBDA_PORT}"`);
  // Before DynamoDB Local starts: a second npm start fails at once, and says what to do.
  for (const [name, value] of [['PORT', port], ['LAMBDA_PORT', lambdaPort]] as const) {
    await checkPortFree(value).catch((error: unknown) => {
      if (!(error instanceof PortInUseError)) throw error;
      throw new Error(`${error.message} (another npm start?): stop that, or set ${name} to a free port, e.g. PORT=${port + 2} npm start`);
    });
  }
  const seedFile = resolve(process.env.SEED_FILE ?? 'seed/demo.json');
  process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
  process.env.POWERTOOLS_DEV ??= 'true';

  const stack = await startLocalStack({ port, lambdaPort, seedFile, serviceFile: localServiceFile() });
  process.stdout.write(
    [
      `points redemption service listening on ${stack.url}`,
      `  data: DynamoDB Local (in memory) at ${stack.dynamoDbEndpoint}, table ${stack.tableName}, seeded from ${seedFile}`,
      `  try:  curl -sS -H 'x-api-key: demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' '${stack.url}/v1.1/points/isredeemable?mobile=919900000001&points=100&program_id=1'`,
      `  other Lambdas: invoke ${LOCAL_POINTS_API_FUNCTION} with @aws-sdk/client-lambda at endpoint ${stack.lambdaUrl}`,
      `  sent codes (local only): ${stack.url}/local/outbox`,
      `  the API document (OpenAPI 3.1): ${stack.url}/openapi.json`,
      `  adjustments queue (local only): POST ${stack.url}/local/events, dead letters at ${stack.url}/local/dead-letters`,
      `  import more data into it: npm run import -- --local FILE`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (reason: string, status: 0 | 1) => {
    if (stopping) return;
    stopping = true;
    (status === 0 ? process.stdout : process.stderr).write(`\n${reason}: stopping\n`);
    stack.stop().then(
      () => process.exit(status),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  // Its parent gone (npm killed, the shell that ran it killed): nothing could stop it any more.
  onParentExit(() => shutdown('the process that started npm start has ended', 0));
  // Without its table every answer would be a 503: better to stop and say why.
  void stack.dynamoDb.exited.then((how) =>
    shutdown(`npm start: DynamoDB Local ended unexpectedly (${how}), and the service cannot answer without it`, 1),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
