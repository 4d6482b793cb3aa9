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
  safeParseQuery,
  type QueryParseResult,
} from './query-fields';

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

export function parseValidationCodeQuery(params: Readonly<Record<string, string>>): QueryParseResult<IssueValidationCodeRequest> {
  const parsed = safeParseQuery(ValidationCodeQuerySchema, params);
  if (!parsed.ok) return parsed;
  const q = parsed.value;
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
