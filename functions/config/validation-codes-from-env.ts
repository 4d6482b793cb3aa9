import type { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbValidationCodeStore } from '../adapters/dynamodb/dynamodb-validation-code-store';
import { HttpMissedCallSender } from '../adapters/missed-call/http-missed-call-sender';
import { CryptoRandomSource } from '../adapters/node-crypto/crypto-random-source';
import { SnsSmsSender } from '../adapters/sns/sns-sms-sender';
import { ValidationCodeService } from '../core/validation-codes/validation-code-service';
import type { CodeSender } from '../core/ports/code-sender';
import {
  InvokingValidationCodes,
  type OperationReply,
  type OperationRequest,
  type ValidationChannel,
  type ValidationCodeOperation,
  type ValidationCodes,
} from '../core/ports/validation-codes';
import { ConfigurationError } from '../core/validation-codes/errors';
import { dynamoDbClient, SDK_CLIENT_SETTINGS } from './aws-clients';
import { logServiceEvent } from './validation-code-service-log';
import { readValidationCodesConfig, type SecretSource } from './validation-codes-config';

/**
 * A ValidationCodes built on first use and then kept for the container's life: secrets are read
 * once, at the first invocation (the cold start), not per request. A failed build is retried.
 */
export function deferredValidationCodes(build: () => Promise<ValidationCodes>): ValidationCodes {
  return new BuiltOnFirstUse(build);
}

class BuiltOnFirstUse extends InvokingValidationCodes {
  readonly #build: () => Promise<ValidationCodes>;
  #building: Promise<ValidationCodes> | undefined;

  constructor(build: () => Promise<ValidationCodes>) {
    super();
    this.#build = build;
  }

  async invoke<O extends ValidationCodeOperation>(operation: O, request: OperationRequest<O>): Promise<OperationReply<O>> {
    const codes = await (this.#building ??= this.#build().catch((error: unknown) => {
      this.#building = undefined;
      throw error;
    }));
    return codes[operation](request);
  }
}

async function resolveSecret(source: SecretSource, client: () => SecretsManagerClient): Promise<string> {
  if (source.kind === 'value') return source.value;
  const { SecretString } = await client().send(new GetSecretValueCommand({ SecretId: source.arn }));
  if (!SecretString) throw new ConfigurationError(`secret ${source.arn} has no string value`);
  return SecretString;
}

/**
 * Two attempts of at most 2 s each, so a publish ends well inside the function's 6 s timeout, which
 * itself ends before the points API stops waiting (README, "Choices worth knowing"). Without
 * throwOnRequestTimeout the HTTP handler only warns when requestTimeout passes.
 */
const SNS_CLIENT_SETTINGS = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
} as const;

/** The production wiring, from the function's environment (README, "The validation-codes function's configuration"). */
export async function buildValidationCodesFromEnv(env: NodeJS.ProcessEnv, logger: Logger, tracer?: Tracer): Promise<ValidationCodes> {
  const config = readValidationCodesConfig(env);
  // Each AWS call a subsegment of the invocation's trace, when traced.
  const traced = <T>(client: T): T => (tracer ? tracer.captureAWSv3Client(client) : client);
  let secrets: SecretsManagerClient | undefined;
  const secretsClient = () => (secrets ??= traced(new SecretsManagerClient(SDK_CLIENT_SETTINGS)));
  const [hmacSecret, missedCallApiKey] = await Promise.all([
    resolveSecret(config.hmacSecret, secretsClient),
    config.missedCall ? resolveSecret(config.missedCall.apiKey, secretsClient) : undefined,
  ]);
  if (config.allowedCountryCodes.length === 0) logger.warn('SMS_ALLOWED_COUNTRY_CODES is empty: every number will be refused');

  const senders: Partial<Record<ValidationChannel, CodeSender>> = {
    SMS: new SnsSmsSender({
      client: traced(new SNSClient(SNS_CLIENT_SETTINGS)),
      senderId: config.sms.senderId,
      originationNumber: config.sms.originationNumber,
    }),
  };
  if (config.missedCall && missedCallApiKey !== undefined) {
    senders.MISSED_CALL = new HttpMissedCallSender({
      baseUrl: config.missedCall.baseUrl,
      apiKey: missedCallApiKey,
      timeoutMs: config.missedCall.timeoutMs,
    });
  }
  return new ValidationCodeService({
    store: new DynamoDbValidationCodeStore({ client: traced(dynamoDbClient()), tableName: config.tableName }),
    senders,
    random: new CryptoRandomSource(),
    clock: { now: () => Date.now() },
    hmacSecret,
    allowedCountryCodes: config.allowedCountryCodes,
    onEvent: (event) => logServiceEvent(logger, event),
  });
}
