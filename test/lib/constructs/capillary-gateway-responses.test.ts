import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { addCapillaryGatewayResponses, capillaryAnswerOf, gatewayAnswerOf } from '../../../lib/constructs/capillary-gateway-responses';
import { testApp } from '../../support/cdk-test-app';

/** A bare REST API with the gateway responses: what API Gateway will answer by itself. */
function gatewayResponses(): Map<string, { StatusCode: string; ResponseTemplates: Record<string, string> }> {
  const stack = new Stack(testApp(), 'GatewayResponsesTest');
  const api = new apigw.RestApi(stack, 'Api');
  api.root.addMethod('GET', new apigw.MockIntegration());
  addCapillaryGatewayResponses(api);
  const responses = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::GatewayResponse')).map((r) => r.Properties);
  return new Map(responses.map((r) => [r.ResponseType, r]));
}

describe('gateway responses when the authorizer cannot decide', () => {
  const responses = gatewayResponses();

  it.each(['AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR'])(
    '%s (the authorizer failed, timed out or could not be invoked) answers 503 retry shortly, naming the request, not 500 or 401',
    (type) => {
      const response = responses.get(type)!;

      expect(response.StatusCode).toBe('503');
      // API Gateway fills in $context.requestId; the rest is the read's documented 503 (README, "Answers").
      expect(JSON.parse(response.ResponseTemplates['application/json']!)).toEqual({
        response: {
          status: { success: 'false', code: 503, message: 'Service temporarily unavailable, nothing was changed; retry shortly (request $context.requestId)' },
        },
      });
    },
  );

  it('gives the local emulator the same answer, the request id filled in', () => {
    const answer = gatewayAnswerOf('AuthorizerFailure', 'abc-123');

    expect(answer.statusCode).toBe(503);
    expect(JSON.parse(answer.body).response.status.message).toBe('Service temporarily unavailable, nothing was changed; retry shortly (request abc-123)');
  });

  it('never hands the firewall a template with a variable it would not fill in', () => {
    expect(() => capillaryAnswerOf('AuthorizerFailure')).toThrow('AuthorizerFailure');
  });
});
