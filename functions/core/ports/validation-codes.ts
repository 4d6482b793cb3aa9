import * as v from 'valibot';
import { otpFields } from '../../schemas/stored/program-rules';

/**
 * The validation-codes port: the operations of the validation-codes function, each with the
 * schema of its request and of its reply, in one table. Everything else follows from the table:
 * the `ValidationCodes` port (one method per operation), the function's event dispatch, the Lambda
 * Invoke adapter, the lazy production wrapper and the test fakes. A new operation is a new row.
 * The wire format is documented in the README ("The validation-codes function's event and reply").
 */

/** How a code reaches the customer (the contract's `validation_type`, less `INVALID`). */
export const ValidationChannel = { SMS: 'SMS', MISSED_CALL: 'MISSED_CALL' } as const;
export type ValidationChannel = (typeof ValidationChannel)[keyof typeof ValidationChannel];
/** Reads a channel: `SMS` or `MISSED_CALL`. */
export const ValidationChannelSchema = v.picklist(Object.values(ValidationChannel));

/**
 * Why a code was not accepted (ours; the contract has one item code, 808, for all of them):
 * no live code, a wrong code (or one issued for another amount), past its validity, blocked after
 * maxAttempts wrong ones, already used up by a redemption.
 */
export const VerifyFailureReasonSchema = v.picklist(['no-code', 'wrong', 'expired', 'attempts-exhausted', 'used']);
export type VerifyFailureReason = v.InferOutput<typeof VerifyFailureReasonSchema>;

/**
 * Why no code was issued, by a rule (ours): the resend cooldown, another code for the same
 * customer and program being sent at this moment, the daily limits, no usable or allowed
 * destination, a channel not available for the program, an alphabet a call cannot carry.
 */
export const IssueRefusalReasonSchema = v.picklist([
  'cooldown',
  'in-progress',
  'daily-limit',
  'no-mobile',
  'country-not-allowed',
  'channel-disabled',
  'alphabet-not-callable',
]);
export type IssueRefusalReason = v.InferOutput<typeof IssueRefusalReasonSchema>;

/**
 * Why no code was issued, by a failure (ours): the message was not accepted (or its outcome is
 * unknown); the message went out but a newer code took its place before it could be made live;
 * the table could not be written; the function could not be asked (said by the caller).
 */
export const IssueFailureReasonSchema = v.picklist(['delivery-failed', 'superseded', 'store-unavailable', 'unreachable']);
export type IssueFailureReason = v.InferOutput<typeof IssueFailureReasonSchema>;

const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));

/** The program's OTP rules for the customer's tier: the fields and bounds of the program rules. */
export const OtpRulesSchema = v.object({ ...otpFields, smsTemplate: v.optional(otpFields.smsTemplate) });

/** What a code is bound to: a code issued for one of these fails for any other. */
const bindingEntries = {
  orgId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(128)),
  customerId: id,
  programId: id,
  points: id,
};

/**
 * Issue: send the customer a new code for this binding. `mobile` is the customer's registered
 * number (any written form; digits, country code first once normalised); `otp` is the program's
 * OTP rules for the customer's tier (never a group's overrides): the code's shape and limits.
 */
export const IssueCodeRequestSchema = v.object({
  ...bindingEntries,
  channel: ValidationChannelSchema,
  mobile: v.optional(v.pipe(v.string(), v.maxLength(32))),
  programName: v.pipe(v.string(), v.maxLength(200)),
  otp: OtpRulesSchema,
});

/** `expiresAt`: epoch ms, the end of the code's validity. Never carries the code. */
export const IssueCodeResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('issued'), channel: ValidationChannelSchema, expiresAt: v.number() }),
  v.object({ kind: v.literal('refused'), reason: IssueRefusalReasonSchema }),
  v.object({ kind: v.literal('failed'), reason: IssueFailureReasonSchema }),
]);

/**
 * Verify: is `code` the live code of this binding? `otp` is the program's OTP rules for the
 * customer's tier; the attempt limit is not read from it (a code keeps the maxAttempts it was
 * issued with).
 */
export const VerifyCodeRequestSchema = v.object({
  ...bindingEntries,
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  otp: OtpRulesSchema,
});

/**
 * `codeId`: which code matched. A redemption passes it to the write that uses the code up in the
 * same transaction as the points (adapters/dynamodb: consumeCodeWrite), so only that code is used.
 */
export const VerifyCodeResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('valid'), codeId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)) }),
  v.object({ kind: v.literal('invalid'), reason: VerifyFailureReasonSchema }),
]);

/**
 * One operation: its request and reply schemas and, when the caller must not fail for want of an
 * answer, the reply it takes instead (`unanswered`); without one, no answer is an error.
 */
export interface OperationRow<TRequest extends v.GenericSchema, TReply extends v.GenericSchema> {
  readonly request: TRequest;
  readonly reply: TReply;
  readonly unanswered?: v.InferOutput<TReply>;
}

function operation<TRequest extends v.GenericSchema, TReply extends v.GenericSchema>(
  row: OperationRow<TRequest, TReply>,
): OperationRow<TRequest, TReply> {
  return row;
}

/**
 * The operations of the validation-codes function. An issue nobody answered is `failed:
 * unreachable` (the check still passes, with 876); a verify nobody answered is an error, since a
 * check can neither pass nor fail without it.
 */
export const ValidationCodeOperations = {
  issue: operation({
    request: IssueCodeRequestSchema,
    reply: IssueCodeResultSchema,
    unanswered: { kind: 'failed', reason: 'unreachable' },
  }),
  verify: operation({ request: VerifyCodeRequestSchema, reply: VerifyCodeResultSchema }),
};

/** The name of an operation of the table: `issue`, `verify`. */
export type ValidationCodeOperation = keyof typeof ValidationCodeOperations;
/** The operations' names, in table order. */
export const VALIDATION_CODE_OPERATIONS = Object.keys(ValidationCodeOperations) as [ValidationCodeOperation, ...ValidationCodeOperation[]];

type Requests = { [O in ValidationCodeOperation]: v.InferOutput<(typeof ValidationCodeOperations)[O]['request']> };
type Replies = { [O in ValidationCodeOperation]: v.InferOutput<(typeof ValidationCodeOperations)[O]['reply']> };
/** The request of an operation, as its schema outputs it. */
export type OperationRequest<O extends ValidationCodeOperation> = Requests[O];
/** The reply of an operation, as its schema outputs it. */
export type OperationReply<O extends ValidationCodeOperation> = Replies[O];

/** A row of the table, typed by the operation's name (the table itself is typed per row). */
export interface ValidationCodeOperationRow<O extends ValidationCodeOperation> {
  readonly request: v.GenericSchema<unknown, OperationRequest<O>>;
  readonly reply: v.GenericSchema<unknown, OperationReply<O>>;
  readonly unanswered?: OperationReply<O>;
}
const ROWS: { readonly [O in ValidationCodeOperation]: ValidationCodeOperationRow<O> } = ValidationCodeOperations;

/** The row of an operation, for code generic over the operation's name (dispatch, invoke). */
export function operationRow<O extends ValidationCodeOperation>(operation: O): ValidationCodeOperationRow<O> {
  return ROWS[operation];
}

/** Shorthands for the two operations' requests and replies. */
export type IssueCodeRequest = OperationRequest<'issue'>;
export type IssueCodeResult = OperationReply<'issue'>;
export type VerifyCodeRequest = OperationRequest<'verify'>;
export type VerifyCodeResult = OperationReply<'verify'>;
/** What a code is bound to (org, customer, program, points): its hash covers these. */
export type CodeBinding = Pick<IssueCodeRequest, keyof typeof bindingEntries>;

/**
 * Issues and verifies one-time validation codes: one method per operation of the table. The check
 * does not know how this is reached (in production: the validation-codes Lambda through Lambda
 * Invoke). Expected outcomes are replies; a method throws only when no reply can be had.
 */
export type ValidationCodes = {
  readonly [O in ValidationCodeOperation]: (request: OperationRequest<O>) => Promise<OperationReply<O>>;
};

/** Runs any operation of the table, by name. */
export interface ValidationCodeInvoker {
  invoke<O extends ValidationCodeOperation>(operation: O, request: OperationRequest<O>): Promise<OperationReply<O>>;
}

/** Declares the methods the constructor below makes, one per row of the table. */
export interface InvokingValidationCodes extends ValidationCodes {}

/**
 * A ValidationCodes whose every method calls `invoke` with its operation's name: an adapter extends
 * it and implements `invoke` once (the Lambda Invoke adapter, the lazy production wrapper, the test
 * fakes), so each has a method for every row of the table without naming one.
 */
export abstract class InvokingValidationCodes implements ValidationCodeInvoker {
  constructor() {
    for (const name of VALIDATION_CODE_OPERATIONS) {
      Object.defineProperty(this, name, {
        value: (request: OperationRequest<typeof name>) => this.invoke(name, request),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }

  abstract invoke<O extends ValidationCodeOperation>(operation: O, request: OperationRequest<O>): Promise<OperationReply<O>>;
}
