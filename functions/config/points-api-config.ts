import * as v from 'valibot';

const seconds = (fallback: string) =>
  v.pipe(v.optional(v.string(), fallback), v.regex(/^[0-9]{1,5}$/, 'must be a whole number of seconds'), v.transform(Number));

/** The points API function's environment (README, "Configuration"). */
export const PointsApiEnvSchema = v.object({
  TABLE_NAME: v.pipe(v.string('TABLE_NAME is required'), v.nonEmpty('TABLE_NAME is required')),
  VALIDATION_CODES_FUNCTION_NAME: v.pipe(
    v.string('VALIDATION_CODES_FUNCTION_NAME is required'),
    v.nonEmpty('VALIDATION_CODES_FUNCTION_NAME is required'),
  ),
  /** How long program rules are served from memory; 0 reads them on every request. */
  RULES_CACHE_TTL_SECONDS: seconds('30'),
  /** How long a direct invocation's apiKey -> partner mapping is served from memory. */
  PARTNER_CACHE_TTL_SECONDS: seconds('60'),
});
export type PointsApiConfig = v.InferOutput<typeof PointsApiEnvSchema>;

export const AuthorizerEnvSchema = v.object({
  TABLE_NAME: PointsApiEnvSchema.entries.TABLE_NAME,
  PARTNER_CACHE_TTL_SECONDS: seconds('60'),
});

/** Parses an environment; a bad one stops the cold start with a message naming the variable. */
export function readEnv<S extends v.GenericSchema<unknown, unknown>>(schema: S, env: Record<string, string | undefined>): v.InferOutput<S> {
  const result = v.safeParse(schema, env);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new Error(`Invalid configuration: ${v.getDotPath(issue) ?? ''} ${issue.message}`.trim());
}
