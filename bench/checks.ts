import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../local/dynamodb-local/dynamodb-local';
import { makeCheckFloor } from './check-floor';
import { lambdaContext, ms, proxyEvent, throughput, type BenchContext } from './context';
import { comparisonRow, comparisonRows, interleave, percentile, summarise } from './interleaved';
import { ownRequests } from './own-requests';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3000);
const DEMO_KEY = 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk';

/** The check's query mix over the demo seed. */
const QUERIES: Record<string, string>[] = [
  { mobile: '919900000001', points: '100', program_id: '1' }, // 800
  { mobile: '919900000001', points: '205', program_id: '1' }, // 819 + 807, with suggestions
  { email: 'ravi@example.com', points: '400' }, // 800, GOLD tier
  { id: '1003', points: '100' }, // 809
  { mobile: '919912345678', points: '100' }, // 816
  { mobile: '919900000001', points: 'abc' }, // 801, no DynamoDB call
];
const check = (i: number) => proxyEvent({ method: 'GET', path: '/v1.1/points/isredeemable', key: DEMO_KEY, query: QUERIES[i % QUERIES.length] });

/**
 * Checks (GET isredeemable): sequential latency and round trips, the interleaved comparison with the
 * bare-SDK floor, throughput at CONCURRENCY in flight, memory. Markdown lines.
 */
export async function benchChecks(ctx: BenchContext): Promise<string[]> {
  const { handler, proxy } = ctx;
  const invoke = (i: number) => handler(check(i), lambdaContext);
  const unobserved = (i: number) => ctx.unobservedHandler(check(i), lambdaContext);
  for (let i = 0; i < 200; i += 1) await invoke(i); // warm-up: JIT, caches, connections
  for (let i = 0; i < 200; i += 1) await unobserved(i);

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  await proxy.reset();
  for (let i = 0; i < SEQUENTIAL; i += 1) {
    const start = performance.now();
    const result = await invoke(i);
    latencies.push(performance.now() - start);
    statuses.set(result.statusCode, (statuses.get(result.statusCode) ?? 0) + 1);
  }
  const unexpected = [...statuses.keys()].filter((status) => status !== 200 && status !== 400);
  if (unexpected.length > 0) throw new Error(`the benchmark's checks answered ${unexpected.join(', ')}: it would measure nothing`);
  const callsPerCheck = (await proxy.count()) / SEQUENTIAL;
  latencies.sort((a, b) => a - b);

  // The floor: the same round trips with a bare SDK client, through the same proxy, interleaved.
  const floorClient = new DynamoDBClient(localClientConfig(proxy.url));
  const floor = makeCheckFloor(floorClient, ctx.tableName, 'demo');
  await proxy.reset();
  for (let i = 0; i < SEQUENTIAL; i += 1) await floor(QUERIES[i % QUERIES.length]!);
  const floorCallsPerCheck = (await proxy.count()) / SEQUENTIAL;
  // The service's own requests through its own client: what of the difference is the SDK's, what the function's.
  const own = await ownRequests(QUERIES.length, invoke);
  const compared = await interleave(ROUNDS, { service: invoke, floor: (round) => floor(QUERIES[round % QUERIES.length]!), own: own.replay, unobserved });
  floorClient.destroy();
  own.destroy();

  const perSecond = await throughput(CONCURRENT, CONCURRENCY, invoke);
  global.gc?.();
  const memory = process.memoryUsage();
  return [
    `Checks: the points API handler in-process against DynamoDB Local, demo seed, queries cycling through ${QUERIES.length} cases (800, 819, GOLD 800, 809, 816, 801).`,
    '',
    '| measure | value |',
    '|---|---|',
    `| sequential checks | ${SEQUENTIAL} (${[...statuses].map(([s, n]) => `${n} x ${s}`).join(', ')}) |`,
    `| latency p50 / p95 / p99 / max | ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))} / ${ms(latencies.at(-1)!)} |`,
    `| DynamoDB round trips per check (mean over the mix, rules cached; 801 makes none, 809 by id makes 1) | ${callsPerCheck.toFixed(2)} (floor: ${floorCallsPerCheck.toFixed(2)}) |`,
    `| throughput, ${CONCURRENCY} concurrent invocations | ${perSecond.toFixed(0)} checks/s over ${CONCURRENT} |`,
    `| memory after the run: RSS / heap used | ${(memory.rss / 1048576).toFixed(0)} MiB / ${(memory.heapUsed / 1048576).toFixed(0)} MiB${global.gc ? ' (after GC)' : ''} |`,
    '',
    `Against the floor, ${ROUNDS} rounds of the same query mix, each round one check by each, alternating which goes first:`,
    '',
    ...comparisonRows(summarise(compared.service), summarise(compared.floor)),
    comparisonRow('CPU per call of the service\'s own requests alone, through its client', summarise(compared.own).cpuUs, summarise(compared.floor).cpuUs, 'us'),
    comparisonRow('latency p50 of the service without log lines, metrics and tracing', summarise(compared.unobserved).p50, summarise(compared.floor).p50, 'ms'),
    comparisonRow('CPU per call of the service without log lines, metrics and tracing', summarise(compared.unobserved).cpuUs, summarise(compared.floor).cpuUs, 'us'),
    '',
    'The fourth row replays the DynamoDB requests the service made for each case, through a client set up as the function\'s, without the function: the rest of the service\'s CPU is its own work around them. The last two are the same function, wired the same way, with its logger silent and no metrics or tracer: what observability costs, and what the rest of the function costs without it (X-Ray\'s async hooks, loaded with the production entry, still follow every promise in the process, the floor\'s too).',
    '',
  ];
}

