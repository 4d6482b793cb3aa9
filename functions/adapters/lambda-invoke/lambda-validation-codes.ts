import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import * as v from 'valibot';
import {
  InvokingValidationCodes,
  operationRow,
  type OperationReply,
  type OperationRequest,
  type ValidationCodeOperation,
} from '../../core/ports/validation-codes';
import { errorName } from '../../core/errors';
import { ValidationCodesUnavailableError } from '../../core/validation-codes/errors';
import { InvalidEventReplySchema } from '../../schemas/events/validation-codes-event';

/** The function to invoke and, optionally, the client to invoke it with. */
export interface LambdaValidationCodesOptions {
  /** The validation-codes function's name or ARN. */
  readonly functionName: string;
  /**
   * The client to invoke with. Give it a short request timeout and no retries: a check waits on
   * this call, and a retried issue could send a second code.
   */
  readonly client?: LambdaClient;
  /** Settings of the client made when none is given. */
  readonly clientConfig?: LambdaClientConfig;
}

/**
 * Reaches the validation-codes function (functions/validation-codes.ts) with a synchronous Lambda
 * Invoke, for every operation of the table: the event is `{operation, ...request}` and the reply
 * is read with the operation's reply schema. An operation that gets no usable reply takes its
 * `unanswered` reply (issue: `failed: unreachable`) or throws ValidationCodesUnavailableError (verify).
 */
export class LambdaValidationCodes extends InvokingValidationCodes {
  readonly #client: LambdaClient;
  readonly #functionName: string;

  constructor(options: LambdaValidationCodesOptions) {
    super();
    this.#client = options.client ?? new LambdaClient(options.clientConfig ?? {});
    this.#functionName = options.functionName;
  }

  async invoke<O extends ValidationCodeOperation>(operation: O, request: OperationRequest<O>): Promise<OperationReply<O>> {
    const row = operationRow(operation);
    try {
      return await this.#invoke(operation, request, row.reply);
    } catch (error) {
      if (row.unanswered === undefined) throw error;
      return row.unanswered;
    }
  }

  async #invoke<T>(operation: ValidationCodeOperation, request: object, replySchema: v.GenericSchema<unknown, T>): Promise<T> {
    let output;
    try {
      output = await this.#client.send(
        new InvokeCommand({
          FunctionName: this.#functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify({ operation, ...request })),
        }),
      );
    } catch (error) {
      throw new ValidationCodesUnavailableError(`invoking the validation-codes function failed: ${errorName(error) ?? 'unknown error'}`, {
        cause: error,
      });
    }
    if (output.FunctionError) throw new ValidationCodesUnavailableError(`the validation-codes function failed (${output.FunctionError})`);
    let reply: unknown;
    try {
      reply = JSON.parse(new TextDecoder().decode(output.Payload ?? new Uint8Array()));
    } catch (error) {
      throw new ValidationCodesUnavailableError('the validation-codes function replied with something other than JSON', { cause: error });
    }
    const parsed = v.safeParse(replySchema, reply);
    if (parsed.success) return parsed.output;
    const refusal = v.safeParse(InvalidEventReplySchema, reply);
    const detail = refusal.success ? `it refused the event: ${refusal.output.message}` : 'the reply has an unknown shape';
    throw new ValidationCodesUnavailableError(`the validation-codes function's reply to ${operation} is not a reply (${detail})`);
  }
}
