import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDbSeedImporter } from '../scripts/seed-import/seed-importer';
import { createServiceTable } from '../local/dynamodb-local/create-table';
import { localClientConfig, startDynamoDbLocal } from '../local/dynamodb-local/dynamodb-local';
import { benchAdjustments } from './adjustments';
import { bundleEntry, LAMBDA_ENTRIES } from './bundle';
import { makeCheckFloor } from './check-floor';
import { comparisonRows, interleave, percentile, summarise } from './interleaved';
import { startCountingProxy } from './proxy-process';

/**
 * `npm run bench`: what one check costs, measured on this machine.
 * - the points API handler (the production entry, built from its environment) invoked in-process
 *   with API Gateway proxy events, against DynamoDB Local seeded with the demo data: latency
 *   percentiles sequentially, throughput with concurrent invocations, DynamoDB calls per check,
 *   and memory after the run;
 * - the bundle each Lambda ships, and how long Node takes to load it (the code part of a cold start).
 * DynamoDB Local (Java, on the same 2 cores) dominates the latency; the numbers compare changes to
 * this code, they do not predict AWS latency.
 */
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3000);

const QUERIES: Record<string, string>[] = [
  { mobile: '919900000001', points: '100', program_id: '1' }, // 800
  { mobile: '919900000001', points: '205', program_id: '1' }, // 819 + 807, with suggestions
  { email: 'ravi@example.com', points: '400' }, // 800, GOLD tier
  { id: '1003', points: '100' }, // 809
  { mobile: '919912345678', points: '100' }, // 816
  { mobile: '919900000001', points: 'abc' }, // 801, no DynamoDB call
];

function event(query: Record<string, string>): APIGatewayProxyEvent {
  return {
    resource: '/v1.1/points/isredeemable',
    path: '/v1.1/points/isredeemable',
    httpMethod: 'GET',
    headers: { 'x-api-key': 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk' },
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: 'bench', authorizer: { orgId: 'demo', programIds: '', keyLabel: 'bench' } } as never,
  };
}

const context = { awsRequestId: 'bench', functionName: 'points-api', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;


/**
 * How long a fresh Node process takes to import a bundle (module evaluation included: clients and
 * caches are built at load, as in a Lambda cold start). Median of `runs` processes.
 */
function medianLoadMs(code: string, runs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  try {
    const file = join(dir, 'index.mjs');
    writeFileSync(file, code);
    const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
    const env = { ...process.env, TABLE_NAME: 'bench', VALIDATION_CODES_FUNCTION_NAME: 'bench', AWS_REGION: 'local', POWERTOOLS_LOG_LEVEL: 'SILENT' };
    const times = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env }).toString()));
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  const proxy = await startCountingProxy(dynamo.port);
  try {
    const admin = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await createServiceTable(admin, 'bench');
    const seed = JSON.parse(readFileSync(join(__dirname, '../seed/demo.json'), 'utf8')) as unknown;
    await new DynamoDbSeedImporter(admin, { tableName: 'bench' }).importSeed(seed);
    admin.destroy();

    Object.assign(process.env, {
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Through a counting proxy: every HTTP round trip the production client makes is seen.
      AWS_ENDPOINT_URL_DYNAMODB: proxy.url,
      TABLE_NAME: 'bench',
      VALIDATION_CODES_FUNCTION_NAME: 'unused-by-these-checks',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const { handler } = (await import('../functions/points-api')) as unknown as {
      handler: (e: APIGatewayProxyEvent, c: Context) => Promise<APIGatewayProxyResult>;
    };

    for (let i = 0; i < 200; i += 1) await handler(event(QUERIES[i % QUERIES.length]!), context); // warm-up: JIT, caches, connections

    const latencies: number[] = [];
    await proxy.reset();
    const statuses = new Map<number, number>();
    for (let i = 0; i < SEQUENTIAL; i += 1) {
      const start = performance.now();
      const result = await handler(event(QUERIES[i % QUERIES.length]!), context);
      latencies.push(performance.now() - start);
      statuses.set(result.statusCode, (statuses.get(result.statusCode) ?? 0) + 1);
    }
    const unexpected = [...statuses.keys()].filter((status) => status !== 200 && status !== 400);
    if (unexpected.length > 0) throw new Error(`the benchmark's checks answered ${unexpected.join(', ')}: it would measure nothing`);
    const callsPerCheck = (await proxy.count()) / SEQUENTIAL;
    latencies.sort((a, b) => a - b);

    // The floor: the same round trips with a bare SDK client, through the same proxy, interleaved.
    const floorClient = new DynamoDBClient(localClientConfig(proxy.url));
    const floor = makeCheckFloor(floorClient, 'bench', 'demo');
    await proxy.reset();
    for (let i = 0; i < SEQUENTIAL; i += 1) await floor(QUERIES[i % QUERIES.length]!);
    const floorCallsPerCheck = (await proxy.count()) / SEQUENTIAL;
    for (let i = 0; i < 200; i += 1) await floor(QUERIES[i % QUERIES.length]!);
    const compared = await interleave(ROUNDS, {
      service: (round) => handler(event(QUERIES[round % QUERIES.length]!), context),
      floor: (round) => floor(QUERIES[round % QUERIES.length]!),
    });
    floorClient.destroy();

    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CONCURRENT) {
          const i = next++;
          await handler(event(QUERIES[i % QUERIES.length]!), context);
        }
      }),
    );
    const throughput = CONCURRENT / ((performance.now() - started) / 1000);

    global.gc?.();
    const memory = process.memoryUsage();

    const bundles = [];
    for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
      const { bytes, code } = await bundleEntry(entry);
      bundles.push({ name, bytes, loadMs: medianLoadMs(code, 5) });
    }

    const lines = [
      `## Benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch})`,
      '',
      `Points API handler in-process against DynamoDB Local, demo seed, queries cycling through ${QUERIES.length} cases (800, 819, GOLD 800, 809, 816, 801).`,
      '',
      '| measure | value |',
      '|---|---|',
      `| sequential checks | ${SEQUENTIAL} (${[...statuses].map(([s, n]) => `${n} x ${s}`).join(', ')}) |`,
      `| latency p50 / p95 / p99 / max | ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))} / ${ms(latencies.at(-1)!)} |`,
      `| DynamoDB round trips per check (mean over the mix, rules cached; 801 makes none, 809 by id makes 1) | ${callsPerCheck.toFixed(2)} (floor: ${floorCallsPerCheck.toFixed(2)}) |`,
      `| throughput, ${CONCURRENCY} concurrent invocations | ${throughput.toFixed(0)} checks/s over ${CONCURRENT} |`,
      `| memory after the run: RSS / heap used | ${(memory.rss / 1048576).toFixed(0)} MiB / ${(memory.heapUsed / 1048576).toFixed(0)} MiB${global.gc ? ' (after GC)' : ''} |`,
      '',
      `Against the floor, ${ROUNDS} rounds of the same query mix, each round one check by each, alternating which goes first:`,
      '',
      ...comparisonRows(summarise(compared.service), summarise(compared.floor)),
      '',
      '| bundle (ESM, minified, AWS SDK included) | size | import in a fresh Node process (median of 5) |',
      '|---|---|---|',
      ...bundles.map((b) => `| ${b.name} | ${kib(b.bytes)} | ${ms(b.loadMs)} |`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(`${(await benchAdjustments({ dynamoEndpoint: dynamo.endpoint, proxy, tableName: 'bench' })).join('\n')}\n`);
  } finally {
    proxy.close();
    await dynamo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
