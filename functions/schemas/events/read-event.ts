import * as v from 'valibot';

/** An event read with its schema, or what is wrong with it: the first issue, as `field: problem`. */
export type EventRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Reads an event with its schema (first issue only: an event is refused whole). */
export function readEvent<S extends v.GenericSchema>(schema: S, event: unknown): EventRead<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, event, { abortEarly: true });
  if (parsed.success) return { ok: true, value: parsed.output };
  const issue = parsed.issues[0];
  const where = v.getDotPath(issue);
  return { ok: false, problem: where ? `${where}: ${issue.message}` : issue.message };
}
