import type { IdentifierType } from '../../core/model';

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
 *   ORG#<org>#OTP#<customer id>       PROGRAM#<id>  the live validation code (keyed hash only)
 *   ORG#<org>#OTPDAY#<scope>#<day>    OTPDAY        per-day issue counters (customer, phone); TTL
 *   ORG#<org>#GROUP#<id>              GROUP         group wallet: primary member, balances
 *   ORG#<org>#GROUP#<id>              MEMBER#<customer id>  a member -> canRedeem (one Query lists them all)
 *   ORG#<org>#IDENT#group_external_id#<value>  IDENT  group external id -> group id
 *   ORG#<org>#IDENT#group_primary#<customer id> IDENT  primary member -> group id (one group per primary)
 *
 * A group and its two IDENT items are written in one transaction; a customer and its identifiers too
 * when they fit in one (scripts/seed-import/customer-writer.ts).
 * Codes and their counters have partitions of their own (`#OTP#`, `#OTPDAY#`), so the OTP function's
 * IAM policy can name them by leading key and reach no other item.
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
  otp: (orgId: string, customerId: number, programId: number) => ({
    pk: `ORG#${orgId}#OTP#${customerId}`,
    sk: `PROGRAM#${programId}`,
  }),
  otpDailyCounter: (orgId: string, scope: string, day: string) => ({ pk: `ORG#${orgId}#OTPDAY#${scope}#${day}`, sk: 'OTPDAY' }),
  group: (orgId: string, groupId: number) => ({ pk: `ORG#${orgId}#GROUP#${groupId}`, sk: 'GROUP' }),
  groupMember: (orgId: string, groupId: number, customerId: number) => ({ pk: `ORG#${orgId}#GROUP#${groupId}`, sk: `MEMBER#${customerId}` }),
  groupMemberSortKeyPrefix: 'MEMBER#',
  groupPrimary: (orgId: string, customerId: number) => ({ pk: `ORG#${orgId}#IDENT#group_primary#${customerId}`, sk: 'IDENT' }),
} as const;
