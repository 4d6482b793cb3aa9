import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from './support/paths';

/**
 * Code points readers to the README by heading: `(README, "Heading")` or `README ("Heading")`. Every
 * such pointer must lead to a heading that exists, or the reader is sent nowhere.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const headings = new Set(
  readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, '').trim()),
);

const pointers = ['functions', 'lib', 'local', 'scripts', 'bench'].flatMap((folder) =>
  sourceFiles(join(PROJECT_ROOT, folder)).flatMap((file) => {
    // Comments wrap: join the comment lines before looking for pointers.
    const text = readFileSync(file, 'utf8').replace(/\n\s*\*\s*/g, ' ').replace(/\n\s*\/\/\s*/g, ' ');
    return [...text.matchAll(/README(?:,\s*|\s*\(\s*)"([^"]+)"/g)].map((match) => ({ file: relative(PROJECT_ROOT, file), heading: match[1]! }));
  }),
);

describe('README pointers in the code', () => {
  it('finds pointers to check', () => {
    expect(pointers.length).toBeGreaterThan(10);
  });

  it('each leads to a heading of the README (a heading may add a parenthesis: "Group wallets (`user_group2_*`)")', () => {
    const leads = (heading: string) => [...headings].some((h) => h === heading || h.startsWith(`${heading} (`));
    expect(pointers.filter((pointer) => !leads(pointer.heading))).toEqual([]);
  });
});
