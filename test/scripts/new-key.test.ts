import { BASE_ENV, runCommand, type CommandRun } from './run-command';

/** `npm run new-key -- ARGS` as an operator runs it. */
function newKey(args: readonly string[] = []): Promise<CommandRun> {
  return runCommand('npm', ['run', '--silent', 'new-key', '--', ...args], BASE_ENV);
}

describe('npm run new-key', () => {
  it('prints a new key of 32 random bytes in base64url each time', async () => {
    // Act
    const [first, second] = await Promise.all([newKey(), newKey()]);

    // Assess
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(Buffer.from(first.stdout.trim(), 'base64url')).toHaveLength(32);
    expect(second.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it('starts the key with a readable prefix', async () => {
    // Act
    const run = await newKey(['--prefix', 'acme-pos-']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^acme-pos-[A-Za-z0-9_-]{43}\n$/);
  });

  it('refuses a prefix a key may not hold, with the usage line', async () => {
    // Act
    const run = await newKey(['--prefix', 'acme pos']);

    // Assess
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--prefix may hold up to 64 of A-Z, a-z, 0-9, "-" and "_"');
    expect(run.stderr).toContain('usage: npm run new-key [-- --prefix PREFIX]');
  });

  it.each([['--help'], ['-h']])('answers %s with what it prints and its options, and prints no key', async (flag) => {
    // Act
    const run = await newKey([flag]);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run new-key \[-- --prefix PREFIX\]\n/);
    expect(run.stdout).toContain('--prefix PREFIX');
    expect(run.stdout).toContain('-h, --help');
    expect(run.stdout).not.toMatch(/^[A-Za-z0-9_-]{43}$/m);
  });
});
