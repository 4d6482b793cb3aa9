import type * as v from 'valibot';

/**
 * valibot issues as `path: message` lines that name the bad field the way the input is written, for
 * people fixing a file by hand.
 */

/** Keys from the root: numbers are array positions. */
export type Path = readonly (string | number)[];
/** A problem found across fields: where (from the root the path is relative to) and what. */
export interface Problem {
  readonly path: Path;
  readonly message: string;
}

type IssuePath = [v.IssuePathItem, ...v.IssuePathItem[]];

/** valibot path items for a path inside `root`, so problems found across fields read like any other issue. */
export function issuePath(root: unknown, path: Path): IssuePath {
  const items: v.IssuePathItem[] = [];
  let input = root as Record<string | number, unknown>;
  for (const key of path) {
    const value = input?.[key];
    items.push(
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: input as unknown as unknown[], key, value }
        : { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value },
    );
    input = value as Record<string | number, unknown>;
  }
  return items as IssuePath;
}

/** `orgs[0].customers[2].programs.1.currentPoints`: array positions in brackets, keys after dots. */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

/** valibot's words for a strict object's key problems are about keys; someone editing a file thinks in fields. */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.path?.at(-1)?.origin === 'key') {
    return issue.expected === 'never' ? 'unknown field' : 'required field is missing';
  }
  return issue.message;
}

export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => (item.type === 'array' ? Number(item.key) : String(item.key)));
  return `${formatPath(keys) || '(file)'}: ${issueMessage(issue)}`;
}
