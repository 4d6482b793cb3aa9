import { App, Duration, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceFunction } from '../../../lib/constructs/service-function';
import { cdkJsonContext, PROJECT_ROOT } from '../../support/cdk-test-app';

/**
 * The one test that bundles through CDK, as `cdk synth` and a deploy do (the others skip bundling:
 * WITHOUT_BUNDLING). One entry is enough for the settings, which every function shares; every entry
 * is bundled with the same esbuild settings by test/bench/bundle-size.test.ts. CDK announces a
 * bundling on stderr; the test keeps that line and reads it rather than printing it.
 */
describe('a service function, bundled', () => {
  const announced: string[] = [];
  let assets: { files: string[]; code: string }[] = [];
  beforeAll(() => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      announced.push(String(chunk));
      return true;
    });
    try {
      const app = new App({ context: cdkJsonContext(), builtinCloudFormationValidation: false });
      new ServiceFunction(new Stack(app, 'BundlingTest'), 'Authorizer', {
        entry: join(PROJECT_ROOT, 'functions', 'api-key-authorizer.ts'),
        description: 'bundling test',
        serviceName: 'bundling-test',
        logLevel: 'INFO',
        logRetention: logs.RetentionDays.ONE_WEEK,
        timeout: Duration.seconds(5),
        memorySize: 256,
      });
      const { directory } = app.synth();
      assets = readdirSync(directory)
        .filter((name) => name.startsWith('asset.'))
        .map((name) => ({
          files: readdirSync(join(directory, name)).sort(),
          code: readFileSync(join(directory, name, 'index.mjs'), 'utf8'),
        }));
    } finally {
      write.mockRestore();
    }
  }, 120_000);

  it('bundles the entry with esbuild, once', () => {
    expect(announced.filter((line) => line.startsWith('Bundling asset BundlingTest/Authorizer/'))).toHaveLength(1);
    expect(assets).toHaveLength(1);
  });

  it('as ESM with its source map, minified, giving CommonJS dependencies a require', () => {
    const [asset] = assets;
    expect(asset?.files).toEqual(['index.mjs', 'index.mjs.map']);
    const [banner, code] = [asset!.code.slice(0, asset!.code.indexOf('\n')), asset!.code.slice(asset!.code.indexOf('\n') + 1)];
    expect(banner).toBe("import { createRequire as __pointsCreateRequire } from 'node:module'; const require = __pointsCreateRequire(import.meta.url);");
    // Minified: long lines, not one statement per line.
    expect(code.split('\n').length).toBeLessThan(code.length / 1000);
  });
});
