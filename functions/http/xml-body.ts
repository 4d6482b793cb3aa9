import { XMLBuilder } from 'fast-xml-parser';

/**
 * Answers in XML (`format=xml`), for the clients written for the reference that speak XML only and
 * read the same element names as the JSON (`response/status/success`, README, "XML answers"). Built
 * by fast-xml-parser's XMLBuilder from the very object the JSON answer is written from, so the two
 * cannot drift apart; text is escaped by the builder.
 */

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  tagValueProcessor: (_name, value) => xmlText(String(value)),
});

/** The XML declaration, as the builder writes it from attributes. */
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/**
 * The body of an answer as an XML document with the same element names and nesting as its JSON. The
 * root is `<response>`: the v1.1 envelope's own `response`, or around the fields of a v2 answer
 * (which has no envelope). An array is one element holding an element per entry, named for the
 * array in the singular (`xmlItemName`); null is an empty element; numbers and the string booleans
 * "true"/"false" are their text.
 */
export function xmlBodyOf(body: unknown): string {
  const inside = isRecord(body) && Object.keys(body).length === 1 && 'response' in body ? body.response : body;
  return builder.build({ ...DECLARATION, response: xmlTree(inside, 'response') });
}

/** The element of one entry of an array: `failed_checks` -> `failed_check`, `errors` -> `error`; `item` for a name not ending in "s". */
export function xmlItemName(arrayName: string): string {
  return arrayName.length > 1 && arrayName.endsWith('s') ? arrayName.slice(0, -1) : 'item';
}

function xmlTree(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const item = xmlItemName(name);
    return value.length === 0 ? '' : { [item]: value.map((entry) => xmlTree(entry, item)) };
  }
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, xmlTree(entry, key)]));
  return typeof value === 'boolean' ? String(value) : value;
}

/** XML 1.0 cannot carry control characters (other than tab and line ends) or lone surrogates: each becomes U+FFFD. */
function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
