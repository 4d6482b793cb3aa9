import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry, LAMBDA_ENTRIES } from './bundle';
import { ms } from './context';

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

/** Each Lambda's bundle (as the CDK stack builds it): size, and load time in a fresh process. Markdown lines. */
export async function benchBundles(): Promise<string[]> {
  const rows = [];
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
    const { bytes, code } = await bundleEntry(entry);
    rows.push(`| ${name} | ${(bytes / 1024).toFixed(0)} KiB | ${ms(medianLoadMs(code, 5))} |`);
  }
  return ['| bundle (ESM, minified, AWS SDK included) | size | import in a fresh Node process (median of 5) |', '|---|---|---|', ...rows, ''];
}
