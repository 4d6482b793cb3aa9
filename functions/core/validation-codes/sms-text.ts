/** The SMS a program gets when it configures no template. */
export const DEFAULT_SMS_TEMPLATE =
  '{code} is your code to redeem {points} points at {program}. It expires in {minutes} minutes. Never share it.';

/** The values an SMS template's placeholders take (`{code}`, `{points}`, `{program}`, `{minutes}`). */
export interface SmsTextValues {
  readonly code: string;
  readonly points: number;
  readonly programName: string;
  readonly validityMinutes: number;
}

const PLACEHOLDER = /\{(code|points|program|minutes)\}/g;

/**
 * The SMS text from the program's template. One pass over the template: a value that itself looks
 * like a placeholder (a program named "{code}") is inserted as it is, never expanded. A template
 * without `{code}` would send a message without the code, so the default is used instead.
 */
export function renderSmsText(template: string | undefined, values: SmsTextValues): string {
  const chosen = template !== undefined && template.includes('{code}') ? template : DEFAULT_SMS_TEMPLATE;
  const byName: Record<string, string> = {
    code: values.code,
    points: String(values.points),
    program: values.programName,
    minutes: String(values.validityMinutes),
  };
  return chosen.replace(PLACEHOLDER, (_, name: string) => byName[name] ?? '');
}
