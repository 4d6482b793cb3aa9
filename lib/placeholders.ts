import type { StageConfig } from './config';

/**
 * What a production stage may not deploy with: values that only hold a place in the cdk.json template.
 * A placeholder is
 * - a host under a name reserved for documentation and tests: example.com, example.net, example.org
 *   (RFC 2606) and the top-level names .example, .invalid, .localhost, .test, or localhost itself, a
 *   loopback address or a documentation address block (RFC 5737);
 * - a text setting containing a fill-me-in word: REPLACE, REPLACE-ME, CHANGE-ME, TODO, FIXME, TBD,
 *   PLACEHOLDER (any case, as a whole word);
 * - an example account id from the AWS documentation (123456789012, 111122223333, 444455556666) or
 *   000000000000;
 * - a telephone number from a range reserved for fiction (+1 NPA 555-0100 to 0199, +44 7700 900xxx);
 * - a missing setting a production stage needs: account, region, alarmEmail.
 */

/** One setting that still holds a placeholder, and why it counts as one. */
export interface PlaceholderProblem {
  /** Dotted path of the setting under the stage, e.g. `missedCallBaseUrl`, `tags.Owner`. */
  readonly setting: string;
  readonly reason: string;
}

const EXAMPLE_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;
const RESERVED_TOP_LEVEL_NAMES = ['example', 'invalid', 'localhost', 'test'] as const;
const DOCUMENTATION_IPV4_BLOCKS = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;
const DOCUMENTATION_ACCOUNT_IDS = ['123456789012', '111122223333', '444455556666', '000000000000'] as const;
const FILL_ME_IN = /(?:^|[^a-z0-9])(?:replace(?:[-_ ]?me)?|change[-_ ]?me|todo|fixme|tbd|placeholder)(?:[^a-z0-9]|$)/i;
const FICTIONAL_NUMBERS = [/^\+1\d{3}55501\d{2}$/, /^\+447700900\d{3}$/] as const;

/** Why a host name is a placeholder, or undefined when it may be real. */
export function placeholderHostReason(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const domain = EXAMPLE_DOMAINS.find((d) => name === d || name.endsWith(`.${d}`));
  if (domain) return `${domain} is reserved for documentation (RFC 2606)`;
  const topLevel = name.split('.').pop() ?? '';
  if ((RESERVED_TOP_LEVEL_NAMES as readonly string[]).includes(topLevel)) {
    return topLevel === 'localhost' ? 'localhost is this machine' : `.${topLevel} is a reserved top-level name (RFC 2606)`;
  }
  if (/^127\./.test(name) || name === '0.0.0.0' || name === '[::1]' || name === '::1') return `${name} is a loopback address`;
  if (DOCUMENTATION_IPV4_BLOCKS.some((block) => name.startsWith(block))) return `${name} is in a documentation address block (RFC 5737)`;
  return undefined;
}

/** Every setting of a production stage that still holds a placeholder (none means ready to deploy). */
export function placeholderProblems(config: StageConfig): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const add = (setting: string, reason: string) => {
    if (!problems.some((p) => p.setting === setting)) problems.push({ setting, reason });
  };

  if (config.account === undefined) {
    add('account', 'missing: a production stage names its account, so a deploy with another profile fails instead of creating a second stage there');
  } else if ((DOCUMENTATION_ACCOUNT_IDS as readonly string[]).includes(config.account)) {
    add('account', `"${config.account}" is an example account id from the AWS documentation`);
  }
  if (config.region === undefined) {
    add('region', 'missing: a production stage names its region, so a deploy with another profile fails instead of creating a second stage there');
  }
  if (config.alarmEmail === undefined) {
    add('alarmEmail', 'missing: the alarms would notify nobody');
  } else {
    const reason = placeholderHostReason(config.alarmEmail.slice(config.alarmEmail.lastIndexOf('@') + 1));
    if (reason) add('alarmEmail', `"${config.alarmEmail}": ${reason}`);
  }
  const urlReason = placeholderHostReason(new URL(config.missedCallBaseUrl).hostname);
  if (urlReason) add('missedCallBaseUrl', `"${config.missedCallBaseUrl}": ${urlReason}`);
  if (config.smsOriginationNumber && FICTIONAL_NUMBERS.some((range) => range.test(config.smsOriginationNumber!))) {
    add('smsOriginationNumber', `"${config.smsOriginationNumber}" is in a range reserved for fiction`);
  }
  for (const [setting, text] of textSettings(config)) {
    if (FILL_ME_IN.test(text)) add(setting, `"${text}" reads as a placeholder`);
  }
  return problems;
}

/** Every string value in the settings, with its dotted path. */
function textSettings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  return entries.flatMap(([key, item]) => textSettings(item, path ? `${path}.${key}` : key));
}
