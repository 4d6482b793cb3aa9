import { bundleEntry, LAMBDA_ENTRIES } from '../../bench/bundle';

/**
 * Bytes are counted, not seconds: a Lambda's cold start grows with what it loads. Budgets leave
 * about 25% over what the entries weigh today (README, "Performance"); crossing one means a new
 * dependency should be looked at, not that the budget should be raised quietly.
 */
// Raised deliberately, each with its feature: Powertools Tracer (with the X-Ray SDK, about 100 KiB) in
// every function, fast-xml-parser (XML answers) in the points function, libphonenumber-js with its min
// metadata (about 120 KiB: mobile numbers read in an org's country) where mobile numbers are read.
const BUDGET_BYTES: Record<keyof typeof LAMBDA_ENTRIES, number> = {
  'points-api': 1000 * 1024,
  'validation-codes': 860 * 1024,
  'api-key-authorizer': 600 * 1024,
  'adjustments-consumer': 850 * 1024,
};

describe('Lambda bundle sizes', () => {
  it.each(Object.entries(LAMBDA_ENTRIES))('%s stays within its budget', async (name, entry) => {
    const { bytes } = await bundleEntry(entry);
    expect(bytes).toBeLessThan(BUDGET_BYTES[name as keyof typeof LAMBDA_ENTRIES]);
  });

  it('the authorizer carries no SNS, Lambda or Secrets Manager client', async () => {
    const { packages } = await bundleEntry(LAMBDA_ENTRIES['api-key-authorizer']);
    expect(packages).toContain('@aws-sdk/client-dynamodb');
    expect(packages.filter((p) => /client-(sns|lambda|secrets-manager)/.test(p))).toEqual([]);
  });

  it('the adjustments consumer carries no SNS, Lambda or Secrets Manager client', async () => {
    const { packages } = await bundleEntry(LAMBDA_ENTRIES['adjustments-consumer']);
    expect(packages).toContain('@aws-lambda-powertools/batch');
    expect(packages.filter((p) => /client-(sns|lambda|secrets-manager)/.test(p))).toEqual([]);
  });

  it('the core use case bundles without any AWS SDK or middy', async () => {
    const { packages, bytes } = await bundleEntry('functions/core/use-cases/check-redeemable.ts');
    expect(packages.filter((p) => p.startsWith('@aws-sdk') || p.startsWith('@middy') || p.startsWith('@smithy'))).toEqual([]);
    // About 40 KiB of its own, and libphonenumber-js's 120 KiB: the core reads mobile numbers.
    expect(packages).toEqual(['big.js', 'libphonenumber-js', 'valibot']);
    expect(bytes).toBeLessThan(200 * 1024);
  });
});
