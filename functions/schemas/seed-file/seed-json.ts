import { formatPath } from './issue-paths';
import { inexactNumbers } from './json-numbers';
import { parseSeedFile, type SeedFileParseResult } from './seed-file';

/**
 * A seed file from its text: JSON syntax, every number exactly as written (json-numbers.ts), then the
 * file's schema (seed-file.ts). Every problem is returned at once, each naming the field by its path;
 * a field whose number cannot be read as written is named once, for that reason.
 */
export function parseSeedJson(text: string): SeedFileParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch (error) {
    return { success: false, problems: [`(file): the file is not valid JSON: ${(error as Error).message}`] };
  }
  const inexact = inexactNumbers(text).map((problem) => ({ at: formatPath(problem.path) || '(file)', message: problem.message }));
  const parsed = parseSeedFile(input);
  if (inexact.length === 0) return parsed;
  const others = parsed.success ? [] : parsed.problems.filter((problem) => !inexact.some(({ at }) => problem.startsWith(`${at}: `)));
  return { success: false, problems: [...inexact.map(({ at, message }) => `${at}: ${message}`), ...others] };
}
