import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reading XML answers back as an XML-only client does: every element's text as a string, the
 * entries of a list (`<failed_checks><failed_check>`) as an array, the declaration checked apart.
 */
const parser = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name, jPath) => String(jPath).split('.').at(-2) === `${name}s`,
});

/** The XML document as elements and texts; throws when it is not well-formed XML. */
export function readXml(text: string): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return parser.parse(text);
}

/**
 * What the XML of a JSON answer reads back as, by the README's rules: root `<response>` (around the
 * fields of an answer without the v1.1 envelope), every value as its text, null and empty lists as
 * empty elements, a list's entries under the list's name in the singular.
 */
export function xmlReadingOf(body: unknown): unknown {
  const record = body as Record<string, unknown>;
  return { response: textsOf(Object.keys(record).length === 1 && 'response' in record ? record.response : record, 'response') };
}

function textsOf(value: unknown, name: string): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.length === 0 ? '' : { [name.slice(0, -1)]: value.map((entry) => textsOf(entry, name.slice(0, -1))) };
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '' : Object.fromEntries(entries.map(([key, entry]) => [key, textsOf(entry, key)]));
  }
  return String(value);
}
