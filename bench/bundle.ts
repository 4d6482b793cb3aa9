import { build } from 'esbuild';
import { join } from 'node:path';

/** The Lambda entries, as the CDK service stack bundles them. */
export const LAMBDA_ENTRIES = {
  'points-api': 'functions/points-api.ts',
  'validation-codes': 'functions/validation-codes.ts',
  'api-key-authorizer': 'functions/api-key-authorizer.ts',
  'adjustments-consumer': 'functions/adjustments-consumer.ts',
} as const;

const ROOT = join(__dirname, '..');

/**
 * Bundles an entry with the settings of lib/constructs/service-function.ts (ESM, minified, node
 * target, AWS SDK bundled, createRequire banner) and returns the JavaScript's size in bytes and
 * the packages it pulled in. Nothing is written to disk.
 */
export async function bundleEntry(entry: string): Promise<{ bytes: number; packages: string[]; code: string }> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0]!;
  const packages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (match?.[1]) packages.add(match[1]);
  }
  return { bytes: file.contents.byteLength, packages: [...packages].sort(), code: file.text };
}
