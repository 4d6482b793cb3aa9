/** The partner key's header, read alike by the authorizer and the points function (a small module: the authorizer loads nothing else of http/). */

/**
 * The partner's key, from the `x-api-key` header (any case). Over 256 characters is no key.
 * The function resolves the key itself rather than trusting an authorizer context in the event:
 * an event's shape is no credential, and a Lambda allowed to invoke the function could forge one.
 */
export function apiKeyOf(headers: Readonly<Record<string, string | undefined>> | null | undefined): string | undefined {
  const key = headerOf(headers, 'x-api-key')?.trim();
  return key && key.length <= 256 ? key : undefined;
}

/** A header's value by its name in any case. */
export function headerOf(headers: Readonly<Record<string, string | undefined>> | null | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([header]) => header.toLowerCase() === name)?.[1];
}
