import { createHash } from 'node:crypto';

/**
 * What is stored and looked up in place of an API key, so a copy of the table never yields a usable
 * credential. A plain hash suffices (no salt, no slow hash): keys are long random strings, not
 * passwords, and the authorizer must find the key's item in one read.
 */
export function apiKeyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
