import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as v from 'valibot';

/**
 * Where a running `npm start` says how to reach its data, so that `npm run import -- --local FILE`
 * imports into it without credentials, region or table name. Written once the service is up,
 * removed when it stops (if it still names that service: the newest `npm start` owns the file).
 * The file holds no secret: DynamoDB Local checks no credentials.
 */
export const LocalServiceRecordSchema = v.strictObject({
  /** The `npm start` process. */
  pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** The API's base URL. */
  url: v.pipe(v.string(), v.url()),
  dynamoDbEndpoint: v.pipe(v.string(), v.url()),
  tableName: v.pipe(v.string(), v.nonEmpty()),
});
export type LocalServiceRecord = v.InferOutput<typeof LocalServiceRecordSchema>;

/** Overrides the file's place (tests, or two checkouts that should not share one). */
export const LOCAL_SERVICE_FILE_VARIABLE = 'LOCAL_SERVICE_FILE';

/** `$LOCAL_SERVICE_FILE`, or `.local/local-service.json` in the project (git-ignored). */
export function localServiceFile(env: NodeJS.ProcessEnv = process.env): string {
  return env[LOCAL_SERVICE_FILE_VARIABLE] || join(__dirname, '..', '.local', 'local-service.json');
}

/** Writes the record of a service that has started; returns what removes it when the service stops. */
export async function recordLocalService(file: string, record: LocalServiceRecord): Promise<() => Promise<void>> {
  await writeLocalServiceFile(file, record);
  return () => removeLocalServiceFile(file, record.pid);
}

/** Writes the record (through a temporary file and a rename, so a reader never sees half of it). */
export async function writeLocalServiceFile(file: string, record: LocalServiceRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${record.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Removes the file if it still names the service of `pid` (a newer `npm start` may have replaced it). */
export async function removeLocalServiceFile(file: string, pid: number): Promise<void> {
  const record = await readLocalServiceFile(file).catch(() => undefined);
  if (record?.pid === pid) await rm(file, { force: true });
}

/** The record, or undefined when there is no file; throws when the file is not such a record. */
export async function readLocalServiceFile(file: string): Promise<LocalServiceRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const result = v.safeParse(LocalServiceRecordSchema, JSON.parse(text) as unknown);
  if (!result.success) throw new Error(`${file} is not a local service record: ${result.issues.map((issue) => issue.message).join('; ')}`);
  return result.output;
}
