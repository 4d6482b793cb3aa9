import type { Path, Problem } from './issue-paths';

/**
 * The numbers of a JSON text that JSON.parse does not read as written. A JSON number becomes a
 * double: 9007199254740993 is read as 9007199254740992, 1e400 as Infinity, 0.1000000000000000055
 * as 0.1. A schema only ever sees the double, so the text itself is checked: a number passes when
 * the shortest decimal of its double is the number written (0.1 passes; 1.50 passes as 1.5).
 */
export function inexactNumbers(json: string): Problem[] {
  const problems: Problem[] = [];
  const frames: Frame[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(json); match; match = TOKEN.exec(json)) {
    const [, text, number, punctuation] = match;
    const top = frames.at(-1);
    if (text !== undefined) {
      if (top?.kind === 'object' && top.expectingKey) top.key = JSON.parse(text) as string;
    } else if (number !== undefined) {
      const read = Number(number);
      if (!sameDecimal(number, String(read))) {
        problems.push({ path: pathOf(frames), message: `${number} cannot be stored as written: it would be read as ${read}` });
      }
    } else if (punctuation === '{') frames.push({ kind: 'object', key: '', expectingKey: true });
    else if (punctuation === '[') frames.push({ kind: 'array', index: 0 });
    else if (punctuation === '}' || punctuation === ']') frames.pop();
    else if (punctuation === ':' && top?.kind === 'object') top.expectingKey = false;
    else if (punctuation === ',' && top?.kind === 'object') top.expectingKey = true;
    else if (punctuation === ',' && top?.kind === 'array') top.index += 1;
  }
  return problems;
}

/** Where the scan is: the key being read in each object, the position in each array. */
type Frame = { kind: 'object'; key: string; expectingKey: boolean } | { kind: 'array'; index: number };

/** One token of a valid JSON text (JSON.parse has accepted it): a string, a number, punctuation or a literal. */
const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|([{}[\]:,])|true|false|null)/y;

function pathOf(frames: readonly Frame[]): Path {
  return frames.map((frame) => (frame.kind === 'array' ? frame.index : frame.key));
}

/** Whether two decimal numerals (as JSON or String(number) writes them) have the same value. */
function sameDecimal(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

/** `-1.50e2` -> `-15e1`: sign, significant digits without leading or trailing zeros, exponent. */
function canonical(numeral: string): string {
  const parts = /^(-?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(numeral);
  if (!parts) return numeral; // Infinity, NaN: never the same as a numeral
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = parts;
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  let power = Number(exponent) - fraction.length;
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  power += trailing;
  return `${sign}${digits}e${power}`;
}
