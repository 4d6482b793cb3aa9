/** Reading the README's fenced code blocks and the shell commands in them, as a reader would run them. */

/** A fenced code block: its language (`sh`, `json`, `xml`, or empty), its text and the line it starts on. */
export interface CodeBlock {
  readonly lang: string;
  readonly text: string;
  readonly line: number;
}

/** Every fenced code block of a Markdown text, in order. */
export function codeBlocksOf(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map((match) => ({
    lang: match[2] ?? '',
    // An indented block (in a list) is indented as a whole.
    text: (match[3] ?? '').replace(new RegExp(`^ {0,${match[1]?.length ?? 0}}`, 'gm'), ''),
    line: markdown.slice(0, match.index).split('\n').length,
  }));
}

/**
 * The commands of a shell script as words: single and double quotes, backslash escapes and
 * line continuations, comments, `;` and line ends between commands, and `$NAME` / `${NAME}` from
 * assignments earlier in the script (`K='x-api-key: ...'; API='http://...'`).
 */
export function shellCommandsOf(script: string): string[][] {
  const variables = new Map<string, string>();
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    const assignments = words.filter((w) => /^[A-Za-z_]\w*=/.test(w));
    if (words.length > 0 && assignments.length === words.length) {
      for (const assignment of assignments) variables.set(assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1));
    } else if (words.length > 0) commands.push(words);
    words = [];
  };
  const expand = (at: number): [string, number] => {
    const match = /^\$(?:\{(\w+)\}|(\w+))/.exec(script.slice(at));
    if (!match) return ['$', at + 1];
    return [variables.get(match[1] ?? match[2] ?? '') ?? '', at + match[0].length];
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') i += 2;
    else if (c === '\\') [word, i] = [(word ?? '') + (script[i + 1] ?? ''), i + 2];
    else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      [word, i] = [(word ?? '') + script.slice(i + 1, end), end + 1];
    } else if (c === '"') [word, i] = readDoubleQuoted(script, i + 1, word ?? '', expand);
    else if (c === '$') {
      const [value, next] = expand(i);
      [word, i] = [(word ?? '') + value, next];
    } else if (c === '#' && word === undefined) i = script.indexOf('\n', i) < 0 ? script.length : script.indexOf('\n', i);
    else if (c === '\n' || c === ';' || c === '|' || c === '&') [i] = [i + 1, endCommand()];
    else if (c === ' ' || c === '\t') [i] = [i + 1, endWord()];
    else [word, i] = [(word ?? '') + c, i + 1];
  }
  endCommand();
  return commands;
}

function readDoubleQuoted(script: string, from: number, word: string, expand: (at: number) => [string, number]): [string, number] {
  let i = from;
  let text = word;
  while (i < script.length && script[i] !== '"') {
    if (script[i] === '\\' && /["\\$]/.test(script[i + 1] ?? '')) [text, i] = [text + script[i + 1], i + 2];
    else if (script[i] === '$') {
      const [value, next] = expand(i);
      [text, i] = [text + value, next];
    } else [text, i] = [text + script[i], i + 1];
  }
  return [text, i + 1];
}

/** A curl command's request: method, URL, headers, body (`-d`), and whether it shows errors (`-sS`). */
export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly string[];
  readonly body?: string;
  /** Both -s and -S: silent, but a failed connection (a wrong port) still says so. */
  readonly showsErrors: boolean;
}

/** Reads the arguments of `curl` (the options the README uses: -s -S -i -X -H -d -o -w). */
export function curlRequestOf(args: readonly string[]): CurlRequest {
  const flags = new Set<string>();
  const headers: string[] = [];
  let method: string | undefined;
  let url = '';
  let body: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = () => args[++i] ?? '';
    if (arg === '-X') method = value();
    else if (arg === '-H') headers.push(value());
    else if (arg === '-d') body = value();
    else if (arg === '-o' || arg === '-w') value();
    else if (/^-[a-zA-Z]+$/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag);
    else url = arg;
  }
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, ...(body !== undefined && { body }), showsErrors: flags.has('s') && flags.has('S') };
}
