import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import * as v from 'valibot';
import { ValidationCodesUnavailableError, errorName } from '../../core/validation-codes/errors';
import type {
  IssueCodeRequest,
  IssueCodeResult,
  ValidationCodes,
  VerifyCodeRequest,
  VerifyCodeResult,
} from '../../core/ports/validation-codes';
import { IssueCodeResultSchema, VerifyCodeResultSchema } from '../../schemas/events/validation-codes-event';

export interface LambdaValidationCodesOptions {
  /** Give it a short request timeout and few attempts: a check waits on this call. */
  readonly client: LambdaClient;
  /** The validation-codes function's name or ARN. */
  readonly functionName: string;
}

/**
 * Reaches the validation-codes function (functions/validation-codes.ts) with a synchronous Lambda Invoke. An issue that
 * cannot be answered is 'failed: unreachable' (the check still passes, with 876); a verify that cannot
 * be answered throws ValidationCodesUnavailableError, since the check cannot pass or fail without it.
 */
export class LambdaValidationCodes implements ValidationCodes {
  readonly #client: LambdaClient;
  readonly #functionName: string;

  constructor(options: LambdaValidationCodesOptions) {
    this.#client = options.client;
    this.#functionName = options.functionName;
  }

  async issue(request: IssueCodeRequest): Promise<IssueCodeResult> {
    try {
      return await this.#invoke({ operation: 'issue', ...request }, IssueCodeResultSchema);
    } catch {
      return { kind: 'failed', reason: 'unreachable' };
    }
  }

  async verify(request: VerifyCodeRequest): Promise<VerifyCodeResult> {
    return this.#invoke({ operation: 'verify', ...request }, VerifyCodeResultSchema);
  }

  async #invoke<T>(event: object, schema: v.GenericSchema<unknown, T>): Promise<T> {
    let output;
    try {
      output = await this.#client.send(
        new InvokeCommand({
          FunctionName: this.#functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
    } catch (error) {
      throw new ValidationCodesUnavailableError(`invoking the validation-codes function failed: ${errorName(error) ?? 'unknown error'}`, { cause: error });
    }
    if (output.FunctionError) throw new ValidationCodesUnavailableError(`the validation-codes function failed (${output.FunctionError})`);
    let reply: unknown;
    try {
      reply = JSON.parse(new TextDecoder().decode(output.Payload ?? new Uint8Array()));
    } catch (error) {
      throw new ValidationCodesUnavailableError('the validation-codes function replied with something other than JSON', { cause: error });
    }
    const parsed = v.safeParse(schema, reply);
    if (!parsed.success) {
      const detail = isInvalidEventReply(reply) ? `it refused the event: ${reply.message}` : 'the reply has an unknown shape';
      throw new ValidationCodesUnavailableError(`the validation-codes function's reply is not a result (${detail})`);
    }
    return parsed.output;
  }
}

function isInvalidEventReply(reply: unknown): reply is { message: string } {
  return typeof reply === 'object' && reply !== null && (reply as { error?: unknown }).error === 'invalid-event';
}
