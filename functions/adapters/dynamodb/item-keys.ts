import type { BalanceHolder, IdentifierType } from '../../core/model';

/**
 * Every item's key, in one place. One table, `pk`/`sk`; no secondary index is needed: identifiers
 * are their own items, claimed by the importer on the condition that they are free or already the
 * customer's, which keeps each identifier unique within an org.
 *
 *   APIKEY#<sha256 of key>            APIKEY        partner credential -> org (+ allowed programs)
 *   ORG#<org>                         ORG           org settings (default program, program links)
 *   ORG#<org>                         PROGRAM#<id>  program name and rules (one Query loads them all)
 *   ORG#<org>#CUSTOMER#<id>           CUSTOMER      profile, fraud status, memberships and balances
 *   ORG#<org>#CUSTOMER#<id>           CLAIMS        while an import writes the customer in steps: the identifiers
 *                                                   that may point at it unlisted (the importer's journal)
 *   ORG#<org>#IDENT#<type>#<value>    IDENT         identifier (normalised) -> customer id
 *   ORG#<org>#GROUP#<id>              GROUP         group wallet: primary member, balances
 *   ORG#<org>#GROUP#<id>              MEMBER#<customer id>  a member -> canRedeem (one Query lists them all)
 *   ORG#<org>#IDENT#group_external_id#<value>  IDENT  group external id -> group id
 *   ORG#<org>#IDENT#group_primary#<customer id> IDENT  primary member -> group id (one group per primary)
 *   ORG#<org>#CUSTOMER#<id> or #GROUP#<id>   LEDGER#<ISO time>#<entry id>  one change of that item's balances
 *   ORG#<org>#REDEMPTION#<id>         REDEMPTION    a redemption (id from the caller's reference, when given)
 *   ORG#<org>#REVERSAL#<id>           REVERSAL      a reversal of a redemption
 *   ORG#<org>#ADJUSTMENT#<id>         ADJUSTMENT    a balance adjustment (id from the caller's reference)
 *
 * A group and its two IDENT items are written in one transaction; a customer and its identifiers too
 * when they fit in one (scripts/seed-import/customer-writer.ts). Validation codes and their day
 * counters are laid out by their own store (validation-code-items.ts), in partitions of their own.
 */
export const ItemKeys = {
  apiKey: (keyDigest: string) => ({ pk: `APIKEY#${keyDigest}`, sk: 'APIKEY' }),
  org: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  orgPartition: (orgId: string) => `ORG#${orgId}`,
  program: (orgId: string, programId: number) => ({ pk: `ORG#${orgId}`, sk: `PROGRAM#${programId}` }),
  programSortKeyPrefix: 'PROGRAM#',
  customer: (orgId: string, customerId: number) => ({ pk: `ORG#${orgId}#CUSTOMER#${customerId}`, sk: 'CUSTOMER' }),
  customerClaims: (orgId: string, customerId: number) => ({ pk: `ORG#${orgId}#CUSTOMER#${customerId}`, sk: 'CLAIMS' }),
  identifier: (orgId: string, type: IdentifierType | 'group_external_id', value: string) => ({
    pk: `ORG#${orgId}#IDENT#${type}#${value}`,
    sk: 'IDENT',
  }),
  group: (orgId: string, groupId: number) => ({ pk: `ORG#${orgId}#GROUP#${groupId}`, sk: 'GROUP' }),
  groupMember: (orgId: string, groupId: number, customerId: number) => ({ pk: `ORG#${orgId}#GROUP#${groupId}`, sk: `MEMBER#${customerId}` }),
  groupMemberSortKeyPrefix: 'MEMBER#',
  groupPrimary: (orgId: string, customerId: number) => ({ pk: `ORG#${orgId}#IDENT#group_primary#${customerId}`, sk: 'IDENT' }),
  redemption: (orgId: string, redemptionId: string) => ({ pk: `ORG#${orgId}#REDEMPTION#${redemptionId}`, sk: 'REDEMPTION' }),
  reversal: (orgId: string, reversalId: string) => ({ pk: `ORG#${orgId}#REVERSAL#${reversalId}`, sk: 'REVERSAL' }),
  adjustment: (orgId: string, adjustmentId: string) => ({ pk: `ORG#${orgId}#ADJUSTMENT#${adjustmentId}`, sk: 'ADJUSTMENT' }),
  /** The item holding a balance: the customer's, or the group's. */
  balanceHolder: (orgId: string, holder: BalanceHolder) =>
    holder.kind === 'customer' ? ItemKeys.customer(orgId, holder.customerId) : ItemKeys.group(orgId, holder.groupId),
  /** A ledger entry, in the partition of the item whose balance it changed: its history is one Query, oldest first by time. */
  ledgerEntry: (holderPartition: string, at: number, entryId: string) => ({ pk: holderPartition, sk: `${LEDGER_PREFIX}${new Date(at).toISOString()}#${entryId}` }),
} as const;

/** The sort-key prefix of ledger entries (beside the CUSTOMER or GROUP item in the same partition). */
export const LEDGER_PREFIX = 'LEDGER#';
