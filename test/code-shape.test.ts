import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from './support/paths';

/**
 * The shape of the code (house style: one concept per file, functions that fit on a screen): every
 * function, method and arrow function body in the scanned folders is at most MAX_BODY_LINES lines,
 * and no file under functions/ is longer than MAX_FUNCTIONS_FILE_LINES. lib/ (the CDK constructs,
 * whose constructors declare a whole stack) is not scanned.
 */
const SCANNED = ['functions', 'local', 'scripts', 'bench'];
const MAX_BODY_LINES = 60;
const MAX_FUNCTIONS_FILE_LINES = 300;

/** Every .ts file under a folder of the project, as paths from the project root. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(PROJECT_ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

/** The name a function is known by: its own, or that of the variable, property or member it is assigned to. */
function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(source);
  return '(anonymous)';
}

/**
 * Each function whose body is longer than `max` lines, as `file:line name (N lines)`. A body's lines
 * run from its opening brace to its closing one (an arrow's expression: its first line to its last).
 */
function longBodies(file: string, text: string, max: number): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const offenders: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const body = node.body as ts.Node;
      const lines = lineOf(body.getEnd()) - lineOf(body.getStart(source)) + 1;
      if (lines > max) offenders.push(`${file}:${lineOf(node.getStart(source))} ${nameOf(node, source)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return offenders;
}

describe('the shape of the code', () => {
  it(`finds a body longer than ${MAX_BODY_LINES} lines, however the function is written`, () => {
    // Braces on lines of their own: MAX_BODY_LINES - 2 statements fit, one more does not.
    const body = Array.from({ length: MAX_BODY_LINES - 2 }, (_, i) => `  step(${i});`).join('\n');
    const text = [
      `export function fits() {\n${body}\n}`,
      `export function tooLong() {\n${body}\n  step();\n}`,
      `export const arrow = () => {\n${body}\n  step();\n};`,
      `class Store {\n  method() {\n${body}\n  step();\n  }\n}`,
      `const handlers = { before: function () {\n${body}\n  step();\n} };`,
      `export const expression = (n: number) =>\n  [\n${body.replaceAll(';', ',')}\n  n,\n  ];`,
    ].join('\n');

    expect(longBodies('example.ts', text, MAX_BODY_LINES).map((offender) => offender.replace(/:\d+ /, ' '))).toEqual([
      `example.ts tooLong (${MAX_BODY_LINES + 1} lines)`,
      `example.ts arrow (${MAX_BODY_LINES + 1} lines)`,
      `example.ts method (${MAX_BODY_LINES + 1} lines)`,
      `example.ts before (${MAX_BODY_LINES + 1} lines)`,
      `example.ts expression (${MAX_BODY_LINES + 1} lines)`,
    ]);
  });

  it(`has no function, method or arrow function body over ${MAX_BODY_LINES} lines in ${SCANNED.join(', ')}`, () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);

    const offenders = files.flatMap((file) => longBodies(file, readFileSync(join(PROJECT_ROOT, file), 'utf8'), MAX_BODY_LINES));

    expect(offenders).toEqual([]);
  });

  it(`has no file over ${MAX_FUNCTIONS_FILE_LINES} lines under functions/`, () => {
    const offenders = sourceFiles('functions')
      .map((file) => ({ file, lines: readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_FUNCTIONS_FILE_LINES)
      .map(({ file, lines }) => `${file} (${lines} lines)`);

    expect(offenders).toEqual([]);
  });
});
