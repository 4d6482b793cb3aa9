import { AuthorizerEnvSchema, PointsApiEnvSchema, readEnv } from '../../../functions/config/points-api-config';

describe('points API and authorizer configuration', () => {
  it('fills the documented defaults', () => {
    expect(readEnv(PointsApiEnvSchema, { TABLE_NAME: 't', VALIDATION_CODES_FUNCTION_NAME: 'otp' })).toEqual({
      TABLE_NAME: 't',
      VALIDATION_CODES_FUNCTION_NAME: 'otp',
      RULES_CACHE_TTL_SECONDS: 30,
      PARTNER_CACHE_TTL_SECONDS: 60,
    });
    expect(readEnv(AuthorizerEnvSchema, { TABLE_NAME: 't', PARTNER_CACHE_TTL_SECONDS: '0' })).toEqual({ TABLE_NAME: 't', PARTNER_CACHE_TTL_SECONDS: 0 });
  });

  it.each([
    [{ VALIDATION_CODES_FUNCTION_NAME: 'otp' }, 'TABLE_NAME'],
    [{ TABLE_NAME: 't' }, 'VALIDATION_CODES_FUNCTION_NAME'],
    [{ TABLE_NAME: 't', VALIDATION_CODES_FUNCTION_NAME: 'otp', RULES_CACHE_TTL_SECONDS: 'soon' }, 'RULES_CACHE_TTL_SECONDS'],
  ])('stops the cold start with a message naming the variable: %j', (env, name) => {
    expect(() => readEnv(PointsApiEnvSchema, env)).toThrow(name);
  });
});
