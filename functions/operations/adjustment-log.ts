import { maskIdentifier } from '../core/identifiers';
import type { AdjustRequest, AdjustResult } from '../core/use-cases/adjust-points';

/**
 * The fields an adjustment's log line carries, wherever it came from (a direct invocation, the
 * queue): the customer masked, never a key.
 */
export function adjustmentLogFields(request: AdjustRequest, result: AdjustResult): Readonly<Record<string, unknown>> {
  return {
    customer: maskIdentifier(request.identifier),
    program: request.programId,
    type: request.type,
    points: request.points,
    reference: request.reference,
    outcome: result.kind === 'adjusted' ? (result.replayed ? 'replayed' : 'adjusted') : `refused:${result.code}`,
    ...(result.kind === 'adjusted' && { adjustmentId: result.record.adjustmentId, balanceAfter: result.record.after.currentPoints }),
  };
}
