import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { listenLocally, readBody, type LocalServer } from './http-server';
import type { Outbox } from './outbox';

/**
 * A stand-in for the SNS API, enough for the real @aws-sdk/client-sns to Publish SMS to it (AWS
 * query protocol: a form-encoded POST, an XML reply). Accepted messages go to the Outbox; nothing
 * leaves the machine. Point the client at `url` (its `endpoint` option or AWS_ENDPOINT_URL_SNS).
 */
export interface SnsEndpointOptions {
  readonly outbox: Outbox;
  readonly port?: number;
}

/** A Publish as the endpoint received it (also those it was told to fail). */
export interface ReceivedPublish {
  readonly phoneNumber?: string;
  readonly message?: string;
  /** Message attributes by name (string values). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly outcome: 'accepted' | 'rejected' | 'failed';
}

export interface SimulatedFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export interface SnsEndpoint extends LocalServer {
  /** Every Publish received, oldest first. */
  readonly received: readonly ReceivedPublish[];
  /** The next `count` Publish requests fail with this error (default: 500 InternalError). */
  failNext(count: number, failure?: Partial<SimulatedFailure>): void;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const E164 = /^\+[1-9][0-9]{7,14}$/;

export async function startSnsEndpoint(options: SnsEndpointOptions): Promise<SnsEndpoint> {
  const received: ReceivedPublish[] = [];
  let failures: { remaining: number; failure: SimulatedFailure } = { remaining: 0, failure: internalError() };

  const { url, close } = await listenLocally(async (request, response) => {
    try {
      const params = new URLSearchParams(await readBody(request));
      const action = params.get('Action');
      if (request.method !== 'POST' || action !== 'Publish') {
        return sendError(response, { status: 400, code: 'InvalidAction', message: `${action ?? 'no action'} is not supported here` });
      }
      const publish = {
        phoneNumber: params.get('PhoneNumber') ?? undefined,
        message: params.get('Message') ?? undefined,
        attributes: messageAttributes(params),
      };
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        received.push({ ...publish, outcome: 'failed' });
        return sendError(response, failures.failure);
      }
      if (publish.phoneNumber === undefined || !E164.test(publish.phoneNumber) || !publish.message) {
        received.push({ ...publish, outcome: 'rejected' });
        return sendError(response, {
          status: 400,
          code: 'InvalidParameter',
          message: publish.message ? 'Invalid parameter: PhoneNumber Reason: not an E.164 number' : 'Invalid parameter: Message',
        });
      }
      received.push({ ...publish, outcome: 'accepted' });
      options.outbox.record({ channel: 'SMS', destination: publish.phoneNumber, text: publish.message });
      const requestId = randomUUID();
      response.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      response.end(
        `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    } catch {
      sendError(response, internalError());
    }
  }, options.port);

  return {
    url,
    close,
    received,
    failNext(count, failure = {}) {
      failures = { remaining: count, failure: { ...internalError(), ...failure } };
    },
  };
}

function internalError(): SimulatedFailure {
  return { status: 500, code: 'InternalError', message: 'simulated failure' };
}

/** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue, as the query protocol flattens them. */
function messageAttributes(params: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; params.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const name = params.get(`MessageAttributes.entry.${n}.Name`) ?? '';
    attributes[name] = params.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
  }
  return attributes;
}

function sendError(response: ServerResponse, failure: SimulatedFailure): void {
  const type = failure.status < 500 ? 'Sender' : 'Receiver';
  const requestId = randomUUID();
  response.writeHead(failure.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  response.end(
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${escapeXml(failure.code)}</Code>` +
      `<Message>${escapeXml(failure.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
