import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { listenLocally, readBody, type LocalServer } from './http-server';
import type { Outbox } from './outbox';

/**
 * A fake flash-call provider implementing the contract HttpMissedCallSender documents
 * (POST /v1/flash-calls, bearer credential, {"to", "callerIdSuffix"}). A "placed" call goes to the
 * Outbox with the calling number the customer would see: a fixed fake prefix followed by the code.
 */
export interface MissedCallProviderOptions {
  readonly outbox: Outbox;
  /** The bearer credential it accepts. */
  readonly apiKey: string;
  readonly port?: number;
  /** The fake calling number's start. Default "+1555000". */
  readonly callerPrefix?: string;
}

/** ok: place calls; fail: answer 503; hang: never answer (until closed), for timeout tests. */
export const ProviderMode = { OK: 'ok', FAIL: 'fail', HANG: 'hang' } as const;
export type ProviderMode = (typeof ProviderMode)[keyof typeof ProviderMode];

export interface ReceivedFlashCall {
  readonly to?: string;
  readonly callerIdSuffix?: string;
  readonly authorized: boolean;
  readonly outcome: 'placed' | 'rejected' | 'failed' | 'hung';
}

export interface MissedCallProvider extends LocalServer {
  readonly received: readonly ReceivedFlashCall[];
  setMode(mode: ProviderMode): void;
}

const E164 = /^\+[1-9][0-9]{7,14}$/;

export async function startMissedCallProvider(options: MissedCallProviderOptions): Promise<MissedCallProvider> {
  const received: ReceivedFlashCall[] = [];
  const callerPrefix = options.callerPrefix ?? '+1555000';
  let mode: ProviderMode = ProviderMode.OK;

  const { url, close } = await listenLocally(async (request, response) => {
    if (request.method !== 'POST' || request.url !== '/v1/flash-calls') return json(response, 404, { error: 'not found' });
    let body: { to?: unknown; callerIdSuffix?: unknown };
    try {
      body = JSON.parse(await readBody(request, 16 * 1024)) as typeof body;
    } catch {
      return json(response, 400, { error: 'body must be JSON' });
    }
    const authorized = request.headers.authorization === `Bearer ${options.apiKey}`;
    const to = typeof body.to === 'string' ? body.to : undefined;
    const callerIdSuffix = typeof body.callerIdSuffix === 'string' ? body.callerIdSuffix : undefined;
    const note = (outcome: ReceivedFlashCall['outcome']) => received.push({ to, callerIdSuffix, authorized, outcome });

    if (!authorized) {
      note('rejected');
      return json(response, 401, { error: 'unauthorized' });
    }
    if (mode === ProviderMode.HANG) return note('hung'); // never answers; close() ends the connection
    if (mode === ProviderMode.FAIL) {
      note('failed');
      return json(response, 503, { error: 'simulated provider failure' });
    }
    if (to === undefined || !E164.test(to) || callerIdSuffix === undefined || !/^[0-9]{1,10}$/.test(callerIdSuffix)) {
      note('rejected');
      return json(response, 400, { error: 'to must be E.164 and callerIdSuffix digits' });
    }
    note('placed');
    options.outbox.record({ channel: 'MISSED_CALL', destination: to, callerNumber: `${callerPrefix}${callerIdSuffix}` });
    return json(response, 202, { id: randomUUID() });
  }, options.port);

  return {
    url,
    close,
    received,
    setMode(next) {
      mode = next;
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
