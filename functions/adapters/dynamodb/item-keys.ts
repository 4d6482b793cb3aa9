import type { IdentifierType } from '../../core/model';

/**
 * Every item's key, in one place. One table, `pk`/`sk`; no secondary index is needed: identifiers
 * are their own items, written in the same transaction as the customer, which also keeps each
 * identifier unique within an org.
 *
 *   APIKEY#<sha256 of key>            APIKEY        partner credential -> org (+ allowed programs)
 *   ORG#<org>                         ORG           org settings (default program, program links)
 *   ORG#<org>                         PROGRAM#<id>  program name and rules (one Query loads them all)
 *   ORG#<org>#CUSTOMER#<id>           CUSTOMER      profile, fraud status, memberships and balances
 *   ORG#<org>#IDENT#<type>#<value>    IDENT         identifier (normalised) -> customer id
 *   ORG#<org>#GROUP#<id>              GROUP         group wallet, members and balances
 *   ORG#<org>#IDENT#group_external_id#<value>  IDENT  group external id -> group id
 *   ORG#<org>#IDENT#group_primary#<customer id> IDENT  primary member -> group id (one group per primary)
 *
 * A group and its two IDENT items are written in one transaction, as a customer and its identifiers.
 * Validation codes and their day counters are laid out by their own store
 * (validation-code-items.ts), in partitions of their own.
 */
export const ItemKeys = {
  apiKey: (keyDigest: string) => ({ pk: `APIKEY#${keyDigest}`, sk: 'APIKEY' }),
  org: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  orgPartition: (orgId: string) => `ORG#${orgId}`,
  program: (orgId: string, programId: number) => ({ pk: `ORG#${orgId}`, sk: `PROGRAM#${programId}` }),
  programSortKeyPrefix: 'PROGRAM#',
  customer: (orgId: string, customerId: number) => ({ pk: `ORG#${orgId}#CUSTOMER#${customerId}`, sk: 'CUSTOMER' }),
  identifier: (orgId: string, type: IdentifierType | 'group_external_id', value: string) => ({
    pk: `ORG#${orgId}#IDENT#${type}#${value}`,
    sk: 'IDENT',
  }),
  group: (orgId: string, groupId: number) => ({ pk: `ORG#${orgId}#GROUP#${groupId}`, sk: 'GROUP' }),
  groupPrimary: (orgId: string, customerId: number) => ({ pk: `ORG#${orgId}#IDENT#group_primary#${customerId}`, sk: 'IDENT' }),
} as const;
