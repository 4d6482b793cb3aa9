import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { apiKeyDigest } from '../core/api-key';
import { errorName } from '../core/errors';
import type { Partner } from '../core/model';
import type { PartnerDirectory } from '../core/ports/partner-directory';
import { apiKeyOf } from '../http/api-key-header';
import { PartnerLookupError } from './errors';

export interface ApiKeyAuthorizerDeps {
  readonly partners: PartnerDirectory;
  readonly logger: Logger;
  /** X-Ray segments per invocation; none when absent. */
  readonly tracer?: Tracer;
}

/** API Gateway answers 401 (our gateway response renders it in the Capillary envelope) for this error. */
export const UNAUTHORIZED = 'Unauthorized';

/**
 * REQUEST authorizer: x-api-key -> sha256 -> the partner's item -> the org. The policy covers every
 * method of the API's stage, so API Gateway's authorizer cache can serve a partner's next calls on
 * any route. The org, allowed programs and a key label travel to the function in the context.
 */
export function makeApiKeyAuthorizerHandler(deps: ApiKeyAuthorizerDeps) {
  const handler = middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult, Error, Context>();
  if (deps.tracer) handler.use(captureLambdaHandler(deps.tracer, { captureResponse: false }));
  return handler
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const key = apiKeyOf(event.headers);
      const partner = key === undefined ? undefined : await lookUp(deps, key);
      if (!partner) {
        deps.logger.info('partner refused', { reason: key === undefined ? 'no key' : 'unknown key' });
        throw new Error(UNAUTHORIZED);
      }
      const [arnPrefix, apiId, stage] = splitMethodArn(event.methodArn);
      return {
        principalId: `${partner.orgId}:${partner.keyLabel}`,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}:${apiId}/${stage}/*/*` }],
        },
        context: { orgId: partner.orgId, programIds: partner.programIds?.join(',') ?? '', keyLabel: partner.keyLabel },
        // For usage plans keyed by partner (apiKeySource AUTHORIZER): the key itself is the plan's key.
        usageIdentifierKey: key,
      };
    });
}

/** The partner of a key; a failed lookup is logged by its error's name and becomes a PartnerLookupError. */
async function lookUp(deps: ApiKeyAuthorizerDeps, key: string): Promise<Partner | undefined> {
  try {
    return await deps.partners.findByKeyDigest(apiKeyDigest(key));
  } catch (error) {
    // The error, not the key: SDK errors name the failure (TimeoutError, ProvisionedThroughputExceededException).
    deps.logger.error('partner lookup failed', { errorName: errorName(error) ?? typeof error, error: error as Error });
    throw new PartnerLookupError({ cause: error });
  }
}

/** arn:aws:execute-api:region:account:apiId/stage/METHOD/path -> [arn:aws:execute-api:region:account, apiId, stage] */
function splitMethodArn(methodArn: string): [string, string, string] {
  const [prefix = '', rest = ''] = [methodArn.slice(0, methodArn.lastIndexOf(':')), methodArn.slice(methodArn.lastIndexOf(':') + 1)];
  const [apiId = '*', stage = '*'] = rest.split('/');
  return [prefix, apiId, stage];
}
