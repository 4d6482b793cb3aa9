import { performance } from 'node:perf_hooks';

/** One call's cost: wall-clock milliseconds and this process's CPU microseconds (user + system). */
export interface Sample {
  readonly ms: number;
  readonly cpuUs: number;
}

export interface Summary {
  readonly p50: number;
  readonly p99: number;
  /** Mean CPU per call, microseconds. */
  readonly cpuUs: number;
}

async function measure(call: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await call();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: used.user + used.system };
}

/**
 * Runs each contender `rounds` times, one call after another, alternating which goes first in each
 * round, so the machine's drift (other processes, GC, DynamoDB Local's JIT) falls on both alike. A
 * ratio from one such run is stable on a shared machine; an absolute time is not.
 */
export async function interleave<K extends string>(rounds: number, contenders: Record<K, (round: number) => Promise<unknown>>): Promise<Record<K, Sample[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(await measure(() => contenders[name](round)));
  }
  return samples;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function summarise(samples: readonly Sample[]): Summary {
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpuUs: samples.reduce((sum, s) => sum + s.cpuUs, 0) / samples.length };
}

/** One Markdown row: a measure of the service (or a part of it), of the floor, and their ratio. */
export function comparisonRow(name: string, a: number, b: number, unit: 'ms' | 'us'): string {
  return `| ${name} | ${a.toFixed(unit === 'us' ? 0 : 2)} ${unit} | ${b.toFixed(unit === 'us' ? 0 : 2)} ${unit} | ${(a / b).toFixed(2)}x |`;
}

/** Markdown rows: each measure for the service, the floor, and their ratio. */
export function comparisonRows(service: Summary, floor: Summary): string[] {
  return [
    '| measure | service | floor (bare SDK) | ratio |',
    '|---|---|---|---|',
    comparisonRow('latency p50', service.p50, floor.p50, 'ms'),
    comparisonRow('latency p99', service.p99, floor.p99, 'ms'),
    comparisonRow('CPU per call', service.cpuUs, floor.cpuUs, 'us'),
  ];
}
