import { maskIdentifier } from '../core/identifiers';
import type { CustomerDirectory } from '../core/ports/customer-directory';
import type { GroupDirectory } from '../core/ports/group-directory';
import type { ProgramCatalog } from '../core/ports/program-catalog';
import type { ValidationCodes } from '../core/ports/validation-codes';
import { checkRedeemable } from '../core/use-cases/check-redeemable';
import { issueValidationCode } from '../core/use-cases/issue-validation-code';
import { invalidRedemptionRequestAnswer, redemptionCheckAnswer } from '../http/answers/redemption-check-answer';
import { invalidValidationCodeRequestAnswer, validationCodeAnswer } from '../http/answers/validation-code-answer';
import { defineOperation, type Operation, type OperationDefinition } from '../http/operation';
import { isRedeemableRequest } from '../schemas/http/isredeemable-query';
import { validationCodeRequest } from '../schemas/http/validationcode-query';

/** What the points API's use cases need: the ports, built once per container by the entry. */
export interface PointsApiPorts {
  readonly programs: ProgramCatalog;
  readonly customers: CustomerDirectory;
  readonly groups: GroupDirectory;
  readonly validationCodes: ValidationCodes;
}

/** A row of this table: its use case gets the points API's ports. */
const operation = <Req, Res>(definition: OperationDefinition<PointsApiPorts, Req, Res>) => defineOperation(definition);

/**
 * Every operation of the points API function, one row each: route (absent: direct invocation
 * only), request schema, use case, answer. The handler dispatches from this table; the API Gateway
 * routes (CDK), the local emulator's routes and the direct-invoke operation names are derived from
 * it. Nothing else lists routes. A new operation is one row here, one request schema, one use case
 * and one answer (README, "Adding an operation").
 */
export const pointsApiOperations = {
  /** Contract, "GET /v1.1/points/isredeemable". */
  isredeemable: operation({
    route: { method: 'GET', path: '/v1.1/points/isredeemable' },
    writes: false,
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
  }),
  /** Contract, "GET /v1.1/points/validationcode". */
  validationcode: operation({
    route: { method: 'GET', path: '/v1.1/points/validationcode' },
    writes: false,
    request: validationCodeRequest,
    run: issueValidationCode,
    answer: validationCodeAnswer,
    invalid: invalidValidationCodeRequestAnswer,
    logFields: (request, result) => ({
      customer: maskIdentifier(request.identifier),
      points: request.points,
      outcome: result.kind === 'issued' ? `issued:${result.channel}` : `refused:${result.code}`,
    }),
  }),
} satisfies Record<string, Operation<PointsApiPorts>>;

export type PointsApiOperationName = keyof typeof pointsApiOperations;
export const POINTS_API_OPERATION_NAMES = Object.keys(pointsApiOperations) as PointsApiOperationName[];
