import * as v from 'valibot';
import { ValidationChannel } from '../../core/ports/validation-codes';
import type { IssueValidationCodeRequest } from '../../core/use-cases/issue-validation-code';
import {
  chooseIdentifier,
  FormatSchema,
  identifierFields,
  parameterError,
  PointsSchema,
  ProgramIdSchema,
  type RequestParseResult,
} from './query-fields';
import { queryRequest } from './request-spec';

/** GET /v1.1/points/validationcode: one identifier, points, program_id, and (ours) validation_type. */
export const ValidationCodeQuerySchema = v.object({
  ...identifierFields,
  program_id: v.optional(ProgramIdSchema),
  points: v.optional(PointsSchema),
  validation_type: v.optional(
    v.pipe(v.string(), v.trim(), v.toUpperCase(), v.picklist(['SMS', 'MISSED_CALL'], 'must be SMS or MISSED_CALL')),
  ),
  format: v.optional(FormatSchema),
});

/** GET validationcode's request: one identifier, points, program and channel. */
export const validationCodeRequest = queryRequest(ValidationCodeQuerySchema, validationCodeRequestOf);

function validationCodeRequestOf(q: v.InferOutput<typeof ValidationCodeQuerySchema>): RequestParseResult<IssueValidationCodeRequest> {
  const identifier = chooseIdentifier(q);
  if (!identifier.ok) return identifier;
  if (q.points === undefined) return parameterError('points', 'is required (a positive whole number)');
  return {
    ok: true,
    value: {
      identifier: identifier.value,
      ...(q.program_id !== undefined && { programId: q.program_id }),
      points: q.points,
      channel: q.validation_type === 'MISSED_CALL' ? ValidationChannel.MISSED_CALL : ValidationChannel.SMS,
    },
  };
}
