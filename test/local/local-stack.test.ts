import { startLocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';

/** A function that could not work locally is named at start, not discovered by its answers. */
describe('the local stack at start', () => {
  it('refuses to start with a validation-codes configuration the function would refuse, naming the variable', async () => {
    const starting = startLocalStack({ port: 0, lambdaPort: 0, seedFile: DEMO_SEED_FILE, env: { POWERTOOLS_LOG_LEVEL: 'SILENT', SMS_ALLOWED_COUNTRY_CODES: 'abc' } });
    await expect(starting).rejects.toThrow(/SMS_ALLOWED_COUNTRY_CODES must list country calling codes/);
  }, 60_000);
});
