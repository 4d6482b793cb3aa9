import { identifierInOrg } from '../identifiers';
import { unreadableMobileMessage } from '../mobile-numbers';
import type { CustomerIdentifier } from '../model';
import type { GroupSelector } from './redemption-request';

/** What names customers in a request: the customer, and for a group wallet maybe its primary member. */
interface NamesCustomers {
  readonly identifier: CustomerIdentifier;
  readonly group?: GroupSelector;
}

/** The request with its identifiers as the org stores them, or the parameter whose identifier cannot be one there. */
export type RequestInOrg<R extends NamesCustomers> =
  | { readonly ok: true; readonly request: R }
  | { readonly ok: false; readonly parameter: string; readonly message: string };

/**
 * A request's identifiers as the org stores them (ours: README, "Mobile numbers"): the customer's
 * and the group primary member's, mobile numbers read in the org's default country. Every lookup
 * of a check, a code, a redemption and an adjustment goes through here, so a national number and the same number
 * with its country code find the same customer. A number that cannot be one in the org is named
 * (the answer is 802).
 */
export function requestInOrg<R extends NamesCustomers>(request: R, defaultCountry: string | undefined): RequestInOrg<R> {
  const identifier = identifierInOrg(request.identifier, defaultCountry);
  if (!identifier) return unreadable(request.identifier.type, request.identifier, defaultCountry);
  const { group } = request;
  if (group?.by !== 'primary-user-identifier') return { ok: true, request: { ...request, identifier } };
  const primary = identifierInOrg(group.identifier, defaultCountry);
  if (!primary) return unreadable('user_group2_primary_user_identifier_value', group.identifier, defaultCountry);
  return { ok: true, request: { ...request, identifier, group: { ...group, identifier: primary } } };
}

/** Why an identifier is not one in the org: only mobile numbers depend on the org. */
export function unreadableMessage(identifier: CustomerIdentifier, defaultCountry: string | undefined): string {
  return identifier.type === 'mobile' ? unreadableMobileMessage(defaultCountry) : `is not a valid ${identifier.type.replace('_', ' ')}`;
}

function unreadable(parameter: string, identifier: CustomerIdentifier, defaultCountry: string | undefined): { ok: false; parameter: string; message: string } {
  return { ok: false, parameter, message: `${parameter}: ${unreadableMessage(identifier, defaultCountry)}` };
}
