import { maskIdentifier } from '../core/identifiers';
import { KeyScope } from '../core/model';
import type { Backoff } from '../core/ports/backoff';
import type { Clock } from '../core/ports/clock';
import type { CustomerDirectory } from '../core/ports/customer-directory';
import type { GroupDirectory } from '../core/ports/group-directory';
import type { PointsLedger } from '../core/ports/points-ledger';
import type { ProgramCatalog } from '../core/ports/program-catalog';
import type { RandomSource } from '../core/ports/random-source';
import type { ValidationCodes } from '../core/ports/validation-codes';
import { adjustPoints } from '../core/use-cases/adjust-points';
import { checkRedeemable } from '../core/use-cases/check-redeemable';
import { issueValidationCode } from '../core/use-cases/issue-validation-code';
import { redeemPoints } from '../core/use-cases/redeem-points';
import { reverseRedemption } from '../core/use-cases/reverse-redemption';
import { adjustAnswer, invalidAdjustRequestAnswer } from '../http/answers/adjust-answer';
import { invalidRedeemRequestAnswer, redeemAnswer } from '../http/answers/redeem-answer';
import { invalidRedemptionRequestAnswer, redemptionCheckAnswer } from '../http/answers/redemption-check-answer';
import { invalidReverseRequestAnswer, reverseAnswer } from '../http/answers/reverse-answer';
import { invalidValidationCodeRequestAnswer, validationCodeAnswer } from '../http/answers/validation-code-answer';
import { defineOperation, type Operation, type OperationDefinition, type OperationMeasures } from '../http/operation';
import { adjustRequest } from '../schemas/events/adjust-request';
import { isRedeemableRequest } from '../schemas/http/isredeemable-query';
import { redeemRequest } from '../schemas/http/redeem-request';
import { CheckAnswerSchema, InvalidCheckAnswerSchema } from '../schemas/http/answers/check-answer-schemas';
import { InvalidRedeemAnswerSchema, RedeemAnswerSchema } from '../schemas/http/answers/redeem-answer-schemas';
import { ReverseAnswerSchema } from '../schemas/http/answers/reverse-answer-schemas';
import { InvalidValidationCodeAnswerSchema, ValidationCodeAnswerSchema } from '../schemas/http/answers/validation-code-answer-schemas';
import { reverseRequest } from '../schemas/http/reverse-request';
import { validationCodeRequest } from '../schemas/http/validationcode-query';
import { adjustmentLogFields } from './adjustment-log';

/** What the points API's use cases need: the ports, built once per container by the entry. */
export interface PointsApiPorts {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
  readonly validationCodes: ValidationCodes;
  readonly ledger: PointsLedger;
  readonly clock: Clock;
  /** Ids of redemptions without a reference, and of reversals. */
  readonly random: RandomSource;
  /** The wait before a write that lost a race tries again. */
  readonly backoff: Backoff;
}

/** A row of this table: its use case gets the points API's ports. */
const operation = <Req, Res>(definition: OperationDefinition<PointsApiPorts, Req, Res>) => defineOperation(definition);

/**
 * Every operation of the points API function, one row each: route (absent: direct invocation
 * only), the key scope it needs, request schema, use case, answer. The handler dispatches from this table; the API Gateway
 * routes (CDK), the local emulator's routes and the direct-invoke operation names are derived from
 * it. Nothing else lists routes. A new operation is one row here, one request schema, one use case
 * and one answer (README, "Adding an operation").
 */
export const pointsApiOperations = {
  /** Contract, "GET /v1.1/points/isredeemable". */
  isredeemable: operation({
    route: { method: 'GET', path: '/v1.1/points/isredeemable' },
    writes: false,
    document: {
      summary: 'Whether a customer may redeem an amount now; optionally sends a validation code',
      envelope: 'v1.1',
      answer: CheckAnswerSchema,
      invalid: InvalidCheckAnswerSchema,
      refusals: { 400: 'a failed check: the first failing item code, every broken rule in explanation' },
    },
    scope: KeyScope.CHECK,
    request: isRedeemableRequest,
    run: checkRedeemable,
    answer: redemptionCheckAnswer,
    invalid: invalidRedemptionRequestAnswer,
    logFields: (request, result) => ({
      customer: maskIdentifier(request.identifier),
      program: result.programId,
      points: result.points,
      redeemable: result.redeemable,
      code: result.status.code,
      ...(result.group && { group: result.group.id }),
      ...(result.earnedIn && { earnProgram: result.earnedIn.programId }),
      ...(result.otp && { otp: result.otp.outcome === 'issued' ? `issued:${result.otp.channel}` : `not-issued:${result.otp.reason}` }),
    }),
    measure: (result) => ({ itemCode: result.status.code }),
  }),
  /** Contract, "GET /v1.1/points/validationcode". */
  validationcode: operation({
    route: { method: 'GET', path: '/v1.1/points/validationcode' },
    writes: false,
    document: {
      summary: 'Sends the customer a validation code for an amount, without a check',
      envelope: 'v1.1',
      answer: ValidationCodeAnswerSchema,
      invalid: InvalidValidationCodeAnswerSchema,
      refusals: { 400: 'no code sent: 816, 809, 881, 1101, 895, 823, 860' },
    },
    scope: KeyScope.CHECK,
    request: validationCodeRequest,
    run: issueValidationCode,
    answer: validationCodeAnswer,
    invalid: invalidValidationCodeRequestAnswer,
    logFields: (request, result) => ({
      customer: maskIdentifier(request.identifier),
      points: request.points,
      outcome: result.kind === 'issued' ? `issued:${result.channel}` : `refused:${result.code}`,
    }),
    measure: (result) => ({ itemCode: result.kind === 'issued' ? 200 : result.code }),
  }),
  /** Contract, "POST /v1.1/points/redeem". */
  redeem: operation({
    route: { method: 'POST', path: '/v1.1/points/redeem' },
    writes: true,
    idempotencyKey: (request) => request.reference,
    document: {
      summary: 'Spends points, exactly once per external_reference_number',
      envelope: 'v1.1',
      answer: RedeemAnswerSchema,
      invalid: InvalidRedeemAnswerSchema,
      refusals: { 400: 'a refused redemption: the item of a failed check (801 to 1632, 808), or 744 for a reference used otherwise', 409: '899: the balance kept changing; nothing changed, retry with the same reference' },
    },
    scope: KeyScope.REDEEM,
    request: redeemRequest,
    run: redeemPoints,
    answer: redeemAnswer,
    invalid: invalidRedeemRequestAnswer,
    logFields: (request, result) => ({
      customer: maskIdentifier(request.check.identifier),
      program: request.check.programId,
      points: request.check.amount.points,
      ...(request.reference !== undefined && { reference: request.reference }),
      outcome: result.kind === 'redeemed' ? (result.replayed ? 'replayed' : 'redeemed') : `refused:${result.check.status.code}`,
      ...(result.kind === 'redeemed' && { redemptionId: result.redemption.redemptionId, balanceAfter: result.redemption.debit.after }),
    }),
    measure: (result): OperationMeasures => {
      if (result.kind !== 'redeemed') return { itemCode: result.check.status.code };
      return { itemCode: 800, counts: result.replayed ? { RedemptionReplays: 1 } : { Redemptions: 1, RedeemedPoints: result.redemption.points } };
    },
  }),
  /** Contract, "POST /v2/points/reverse". */
  reverse: operation({
    route: { method: 'POST', path: '/v2/points/reverse' },
    writes: true,
    idempotencyKey: (request) => request.reference,
    document: {
      summary: 'Gives back points of an earlier redemption',
      envelope: 'v2',
      answer: ReverseAnswerSchema,
      invalid: ReverseAnswerSchema,
      refusals: { 400: '810: more points than remain of the redemption', 404: '814: no such redemption for this customer; 816: no such customer', 409: '812: fully reversed already; 744: the reversalReference names a reversal of another amount; 899: retry' },
    },
    scope: KeyScope.REDEEM,
    request: reverseRequest,
    run: reverseRedemption,
    answer: reverseAnswer,
    invalid: invalidReverseRequestAnswer,
    logFields: (request, result) => ({
      customer: maskIdentifier(request.identifier),
      outcome: result.kind === 'reversed' ? (result.replayed ? 'replayed' : 'reversed') : `refused:${result.code}`,
      ...(result.kind === 'reversed' && { redemptionId: result.redemption.redemptionId, reversalId: result.reversal.reversalId, points: result.reversal.points }),
    }),
    measure: (result): OperationMeasures => {
      if (result.kind !== 'reversed') return { itemCode: result.code };
      return { itemCode: 200, ...(!result.replayed && { counts: { Reversals: 1, ReversedPoints: result.reversal.points } }) };
    },
  }),
  /** Ours (README, "Adjustments"): no route, so never on the public API; other Lambdas and the adjustments queue only. */
  adjust: operation({
    writes: true,
    scope: KeyScope.ADJUST,
    request: adjustRequest,
    run: adjustPoints,
    answer: adjustAnswer,
    invalid: invalidAdjustRequestAnswer,
    logFields: adjustmentLogFields,
    measure: (result): OperationMeasures => {
      if (result.kind !== 'adjusted') return { itemCode: result.code };
      return { itemCode: 200, ...(!result.replayed && { counts: { Adjustments: 1 } }) };
    },
  }),
} satisfies Record<string, Operation<PointsApiPorts>>;

export type PointsApiOperationName = keyof typeof pointsApiOperations;
export const POINTS_API_OPERATION_NAMES = Object.keys(pointsApiOperations) as PointsApiOperationName[];
