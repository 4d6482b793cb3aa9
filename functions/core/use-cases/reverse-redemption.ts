import { identifierInOrg } from '../identifiers';
import { randomId, referenceId } from '../ids';
import { defaultItemMessage, ItemCode } from '../item-codes';
import type { CustomerIdentifier, Partner } from '../model';
import type { Backoff } from '../ports/backoff';
import type { Clock } from '../ports/clock';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { PointsLedger, RedemptionRecord, ReversalRecord } from '../ports/points-ledger';
import type { ProgramCatalog } from '../ports/program-catalog';
import type { RandomSource } from '../ports/random-source';
import { unreadableMessage } from './request-in-org';
import { knownToKey } from './select-program';

export interface ReverseRedemptionDeps {
  /** The org's settings: how its mobile numbers are read. */
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly ledger: PointsLedger;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly backoff: Backoff;
}

/** POST reverse's request (contract, "POST /v2/points/reverse"), parsed. */
export interface ReverseRequest {
  readonly redemption: { readonly by: 'id'; readonly redemptionId: string } | { readonly by: 'reference'; readonly reference: string };
  /** Named-program points to give back; absent: all that remains. */
  readonly points?: number;
  /** The customer the redemption must belong to. */
  readonly identifier: CustomerIdentifier;
  /** (ours) Makes the reversal idempotent: a repeat answers the same reversal and gives nothing back twice. */
  readonly reference?: string;
}

export type ReverseResult =
  | { readonly kind: 'reversed'; readonly redemption: RedemptionRecord; readonly reversal: ReversalRecord; readonly replayed: boolean }
  | { readonly kind: 'refused'; readonly code: ItemCode; readonly message: string; readonly customerId?: number; readonly redemptionId?: string };

const MAX_REVERSAL_ATTEMPTS = 8;

/**
 * reverse: gives back points of a redemption of this customer (a return, a cancelled order). Partial
 * reversals add up to at most what was redeemed; each restores its share of what left the balance
 * (the last one exactly the rest, so a full reversal restores exactly what was taken, whatever the
 * rounding of a cross-program redemption). One transaction per reversal, conditioned on the
 * redemption's reversals and the balance being those read; concurrent reversals re-read and
 * re-decide, and concurrent copies of one reversal (one reference) all answer the one that
 * committed, never 810 or 812 for it. Refusals, nothing changed: 802 (a mobile number that cannot be one in the org), 816
 * (no such customer, or one the key may not know: select-program.ts `knownToKey`), 814 (no such
 * redemption of this customer in this org, or in a program the key may not use), 812 (fully
 * reversed), 810 (more than remains), 744 (the reversal reference names another reversal), 899
 * (kept changing: retry).
 */
export async function reverseRedemption(deps: ReverseRedemptionDeps, partner: Partner, request: ReverseRequest): Promise<ReverseResult> {
  const redemptionId =
    request.redemption.by === 'id' ? request.redemption.redemptionId : referenceId(partner.orgId, 'redemption', request.redemption.reference);
  const reversalId = request.reference === undefined ? randomId(deps.random) : referenceId(partner.orgId, 'reversal', `${redemptionId}/${request.reference}`);
  const { settings } = await deps.programs.catalogOf(partner.orgId);
  const identifier = identifierInOrg(request.identifier, settings.defaultCountry);
  if (!identifier) return refused(ItemCode.INVALID_IDENTIFIER, undefined, undefined, `identifier.value: ${unreadableMessage(request.identifier, settings.defaultCountry)}`);
  const customer = await deps.customers.findCustomer(partner.orgId, identifier, { programIds: partner.programIds ?? [] });
  if (!customer || !knownToKey(customer, partner)) return refused(ItemCode.CUSTOMER_NOT_FOUND);
  const mayUse = (redemption: RedemptionRecord | undefined): redemption is RedemptionRecord =>
    redemption !== undefined && redemption.customerId === customer.id && (partner.programIds === undefined || partner.programIds.includes(redemption.programId));

  /**
   * A refusal, unless this very reversal (its reference) was recorded meanwhile: a concurrent copy of
   * the request committed it, and this one answers it as a repeat, whatever the redemption now holds.
   */
  const refusedUnlessRecorded = async (refusal: ReverseResult): Promise<ReverseResult> => {
    const earlier = request.reference === undefined ? undefined : await deps.ledger.findReversal(partner.orgId, reversalId);
    return earlier ? replayOf(deps, partner, earlier, request, mayUse) : refusal;
  };

  if (request.reference !== undefined) {
    const earlier = await deps.ledger.findReversal(partner.orgId, reversalId);
    if (earlier) return replayOf(deps, partner, earlier, request, mayUse);
  }
  for (let attempt = 0; attempt < MAX_REVERSAL_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await deps.backoff.wait(attempt);
    const redemption = await deps.ledger.findRedemption(partner.orgId, redemptionId);
    if (!mayUse(redemption)) return refused(ItemCode.NO_POINTS_REDEEMED, customer.id);
    const remaining = redemption.points - redemption.reversedPoints;
    if (remaining === 0) return refusedUnlessRecorded(refused(ItemCode.ALREADY_REVERSED, customer.id, redemptionId));
    const points = request.points ?? remaining;
    if (points > remaining) {
      const message = `Points to reverse (${points}) are more than the ${remaining} that remain of this redemption`;
      return refusedUnlessRecorded(refused(ItemCode.REVERSAL_POINTS_MISMATCH, customer.id, redemptionId, message));
    }
    const balance = await deps.ledger.readBalance(partner.orgId, redemption.debit);
    if (balance === undefined) return refused(ItemCode.NO_POINTS_REDEEMED, customer.id, redemptionId);
    const reversal = reversalRecord({ partner, reversalId, redemptionId, customerId: customer.id, reference: request.reference, at: deps.clock.now() }, redemption, points, balance);
    const restore = reversal.credit.points;
    const commit = await deps.ledger.commitReversal(reversal);
    if (commit.kind === 'committed') {
      return { kind: 'reversed', redemption: { ...redemption, reversedPoints: redemption.reversedPoints + points, restoredPoints: redemption.restoredPoints + restore }, reversal, replayed: false };
    }
    if (commit.kind === 'duplicate') {
      const earlier = await deps.ledger.findReversal(partner.orgId, reversalId);
      if (earlier) return replayOf(deps, partner, earlier, request, mayUse);
    }
  }
  return refusedUnlessRecorded(
    refused(ItemCode.BALANCE_BUSY, customer.id, redemptionId, 'The redemption or the balance kept changing during the reversal; retry (with the same reference, if any)'),
  );
}

/** Who reverses which redemption, under which id, and when. */
interface ReversalOf {
  readonly partner: Partner;
  readonly reversalId: string;
  readonly redemptionId: string;
  readonly customerId: number;
  readonly reference: string | undefined;
  readonly at: ReversalRecord['at'];
}

/**
 * The reversal to commit: `points` named points of the redemption, crediting the balance read
 * (`balance`) with their share of what it debited (restoredAfter), less what earlier reversals restored.
 */
function reversalRecord(of: ReversalOf, redemption: RedemptionRecord, points: number, balance: number): ReversalRecord {
  const restore = restoredAfter(redemption, redemption.reversedPoints + points) - redemption.restoredPoints;
  return {
    orgId: of.partner.orgId,
    reversalId: of.reversalId,
    redemptionId: of.redemptionId,
    customerId: of.customerId,
    ...(of.reference !== undefined && { reference: of.reference }),
    points,
    credit: { holder: redemption.debit.holder, programId: redemption.debit.programId, points: restore, before: balance, after: balance + restore },
    reversedBefore: redemption.reversedPoints,
    restoredBefore: redemption.restoredPoints,
    at: of.at,
    keyLabel: of.partner.keyLabel,
  };
}

/**
 * Balance points restored once `reversed` named points are reversed: their share of what was
 * debited, rounded down, and exactly all of it at a full reversal (ours: README, "POST /v2/points/reverse").
 */
export function restoredAfter(redemption: Pick<RedemptionRecord, 'points' | 'debit'>, reversed: number): number {
  if (reversed >= redemption.points) return redemption.debit.points;
  return Number((BigInt(redemption.debit.points) * BigInt(reversed)) / BigInt(redemption.points));
}

/** A repeat of a reversal with the same reference: the recorded reversal, if it is the same request. */
async function replayOf(
  deps: ReverseRedemptionDeps,
  partner: Partner,
  earlier: ReversalRecord,
  request: ReverseRequest,
  mayUse: (redemption: RedemptionRecord | undefined) => redemption is RedemptionRecord,
): Promise<ReverseResult> {
  const redemption = await deps.ledger.findRedemption(partner.orgId, earlier.redemptionId);
  if (!mayUse(redemption)) return refused(ItemCode.NO_POINTS_REDEEMED);
  if (request.points !== undefined && request.points !== earlier.points) {
    return refused(ItemCode.REFERENCE_EXISTS, redemption.customerId, redemption.redemptionId, 'This reversal reference was used for a reversal of another amount');
  }
  return { kind: 'reversed', redemption, reversal: earlier, replayed: true };
}

function refused(code: ItemCode, customerId?: number, redemptionId?: string, message = defaultItemMessage[code]): ReverseResult {
  return { kind: 'refused', code, message, ...(customerId !== undefined && { customerId }), ...(redemptionId !== undefined && { redemptionId }) };
}
