import * as v from 'valibot';
import {
  InvokingValidationCodes,
  VALIDATION_CODE_OPERATIONS,
  ValidationCodeOperations,
  operationRow,
  type OperationReply,
  type OperationRequest,
  type ValidationCodeOperation,
} from '../../../../functions/core/ports/validation-codes';
import { otpRules } from '../../../support/validation-code-fakes';

/** Records every invoke; replies `{kind: <operation>}`, whatever the operation. */
class RecordingCodes extends InvokingValidationCodes {
  readonly calls: [string, unknown][] = [];
  async invoke<O extends ValidationCodeOperation>(operation: O, request: OperationRequest<O>): Promise<OperationReply<O>> {
    this.calls.push([operation, request]);
    return { kind: operation } as never;
  }
}

describe('the validation-codes operations table', () => {
  it('names issue and verify, each with a request and a reply schema', () => {
    // Assess
    expect(VALIDATION_CODE_OPERATIONS).toEqual(['issue', 'verify']);
    for (const name of VALIDATION_CODE_OPERATIONS) {
      expect(operationRow(name)).toBe(ValidationCodeOperations[name]);
      expect(operationRow(name).request.kind).toBe('schema');
      expect(operationRow(name).reply.kind).toBe('schema');
    }
  });

  it('gives an adapter that implements invoke a method per operation, each passing its own name', async () => {
    // Prepare
    const codes = new RecordingCodes();
    const verify = { orgId: 'acme', customerId: 1, programId: 1, points: 10, code: '123456', otp: otpRules() };

    // Act
    const replies = await Promise.all(VALIDATION_CODE_OPERATIONS.map((name) => codes[name](verify as never)));

    // Assess
    expect(replies).toEqual([{ kind: 'issue' }, { kind: 'verify' }]);
    expect(codes.calls).toEqual([
      ['issue', verify],
      ['verify', verify],
    ]);
  });

  it('answers an issue nobody answered with failed: unreachable, and leaves verify without such a reply', () => {
    // Assess
    expect(operationRow('issue').unanswered).toEqual({ kind: 'failed', reason: 'unreachable' });
    expect(v.is(operationRow('issue').reply, operationRow('issue').unanswered)).toBe(true);
    expect(operationRow('verify').unanswered).toBeUndefined();
  });
});
