import { CheckAnswerSchema, CheckItemSchema, ExplanationSchema, FailedCheckSchema, InvalidCheckAnswerSchema } from './check-answer-schemas';
import { ItemCodeSchema, ItemStatusSchema, RequestStatusCodeSchema, StatusAnswerSchema, StatusSchema } from './envelope-schemas';
import { InvalidRedeemAnswerSchema, RedeemAnswerSchema, RedeemedItemSchema, RefusedRedemptionItemSchema } from './redeem-answer-schemas';
import { ReverseAnswerSchema, ReverseErrorSchema } from './reverse-answer-schemas';
import { InvalidValidationCodeAnswerSchema, ValidationCodeAnswerSchema } from './validation-code-answer-schemas';

/**
 * The answer schemas the API document names (its `components.schemas`, referred to wherever they are
 * used), by the name they have there.
 */
export const NAMED_ANSWER_SCHEMAS = {
  ItemCode: ItemCodeSchema,
  RequestStatusCode: RequestStatusCodeSchema,
  Status: StatusSchema,
  ItemStatus: ItemStatusSchema,
  StatusAnswer: StatusAnswerSchema,
  FailedCheck: FailedCheckSchema,
  Explanation: ExplanationSchema,
  CheckItem: CheckItemSchema,
  CheckAnswer: CheckAnswerSchema,
  InvalidCheckAnswer: InvalidCheckAnswerSchema,
  ValidationCodeAnswer: ValidationCodeAnswerSchema,
  InvalidValidationCodeAnswer: InvalidValidationCodeAnswerSchema,
  RedeemedItem: RedeemedItemSchema,
  RefusedRedemptionItem: RefusedRedemptionItemSchema,
  RedeemAnswer: RedeemAnswerSchema,
  InvalidRedeemAnswer: InvalidRedeemAnswerSchema,
  ReverseError: ReverseErrorSchema,
  ReverseAnswer: ReverseAnswerSchema,
};
