import * as v from 'valibot';
import { defaultItemMessage, ItemCode } from '../../../core/item-codes';
import { IdentifierType } from '../../../core/model';

/**
 * The answers' shapes, as valibot schemas: what the API document (OpenAPI) describes and what tests
 * check answers against. The answers are built in functions/http/answers/; these say what they are.
 * Objects are strict: a field the document does not name is a field the answers do not send.
 */

/** The strings "true"/"false" the reference sends for booleans. */
export const FlagSchema = v.picklist(['true', 'false']);

const described = <const TCode extends number>(code: TCode, description: string) => v.pipe(v.literal(code), v.description(description));

/** Every item code, each with the message it is sent with (`defaultItemMessage`; some are specialised where raised). */
export const ItemCodeSchema = v.pipe(
  v.union(Object.values(ItemCode).map((code) => described(code, defaultItemMessage[code]))),
  v.description('The item status code: 800 redeemable, anything else says why not (README, "Item codes")'),
);

/** `status.code`, the request-level status: 200, 500 for a refused item, or the HTTP error it stands for. */
export const RequestStatusCodeSchema = v.pipe(
  v.union([
    described(200, 'Success'),
    described(500, 'All requests have failed due to errors: the item was refused, its item_status says why'),
    described(400, 'Malformed request: the message names the parameter'),
    described(401, 'No key, or a key that is not known or disabled'),
    described(403, 'The key may not call this resource'),
    described(404, 'No such resource'),
    described(405, 'A method the resource does not take'),
    described(413, 'Request body too large'),
    described(415, 'Unsupported media type: send the body as application/json'),
    described(429, 'Too many requests (API Gateway)'),
    described(502, 'Bad gateway (API Gateway)'),
    described(503, 'A dependency failed: the message says whether anything may have changed'),
    described(504, 'Gateway timeout (API Gateway)'),
  ]),
  v.description('The request-level status code'),
);

/** `response.status`. */
export const StatusSchema = v.strictObject({ success: FlagSchema, code: RequestStatusCodeSchema, message: v.string() });

/** `item_status` of an item: the item code and its message. */
export const ItemStatusSchema = v.strictObject({ success: FlagSchema, code: ItemCodeSchema, message: v.string() });

/** An answer with only a request-level status: 401, 403, 404, 405, 413, 415, 429, 503 ... */
export const StatusAnswerSchema = v.strictObject({ response: v.strictObject({ status: StatusSchema }) });

/** Which identifier found the customer (README, "GET /v1.1/points/isredeemable"). */
export const IdentifiedBySchema = v.picklist(Object.values(IdentifierType));

/** What every item repeats of the customer: the stored identifiers, or what the request said (816, 809). */
export const customerEchoEntries = { mobile: v.string(), email: v.string(), external_id: v.string() };

/** The malformed parameter, named as the request wrote it (a query parameter or a body field path). */
export const InvalidParameterSchema = v.pipe(v.string(), v.description('The malformed parameter: a query parameter or a body field path'));
