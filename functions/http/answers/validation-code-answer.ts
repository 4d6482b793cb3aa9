import type { IssueValidationCodeResult } from '../../core/use-cases/issue-validation-code';
import type { ParameterError } from '../../schemas/http/query-fields';
import type { OperationInput } from '../operation';
import { echoParam, echoPoints, refusalAnswer, REQUEST_FAILED_STATUS, status, type HttpAnswer } from '../envelope';

/** validationcode's answer (contract, "GET /v1.1/points/validationcode"). The code itself is never in it. */

const channelName = { SMS: 'SMS', MISSED_CALL: 'Missed Call' } as const;

/** validationcode: 200 "Validation Code Issued by SMS", or a refusal (816, 860 ...; REST status 400). The code is never in it. */
export function validationCodeAnswer(result: IssueValidationCodeResult): HttpAnswer {
  const issued = result.kind === 'issued';
  const code = {
    mobile: result.customer.mobile,
    email: result.customer.email,
    external_id: result.customer.externalId,
    points: result.points,
    item_status: issued
      ? status(true, 200, `Validation Code Issued by ${channelName[result.channel]}`)
      : status(false, result.code, result.message),
    ...(issued && { expires_at: new Date(result.expiresAt).toISOString() }),
  };
  return issued
    ? { statusCode: 200, body: { response: { status: status(true, 200, 'Operation Successful'), validation_code: { code } } } }
    : refusalAnswer(400, { response: { status: REQUEST_FAILED_STATUS, validation_code: { code } } });
}

/** A malformed validationcode request: 400 naming the parameter. */
export function invalidValidationCodeRequestAnswer(error: ParameterError, { params }: OperationInput): HttpAnswer {
  return {
    statusCode: 400,
    body: {
      response: {
        status: status(false, 400, error.message),
        validation_code: {
          code: {
            mobile: echoParam(params.mobile),
            email: echoParam(params.email),
            external_id: echoParam(params.external_id),
            points: echoPoints(params.points),
            item_status: status(false, error.code, error.message),
            invalid_parameter: error.parameter,
          },
        },
      },
    },
  };
}
