/**
 * The bounds of every number the service takes, stores or answers, each defined once: the request
 * schemas, the import file's schemas and the use cases all read them from here.
 */

/** The contract's `int`: points in requests, answers and balances, group ids (`user_group2_id`). */
export const MAX_INT = 2_147_483_647;

/**
 * The most points one amount or balance may be (contract: `points` is an int): requests are
 * refused above it (801) and no answer carries more.
 */
export const MAX_POINTS = MAX_INT;

/** Group ids (`user_group2_id`, the import's group ids): the contract's int. */
export const MAX_GROUP_ID = MAX_INT;

/** Program ids as `program_id` accepts them: any positive whole number a double holds exactly. */
export const MAX_PROGRAM_ID = Number.MAX_SAFE_INTEGER;

/** Customer ids are looked up as `id=<digits>`, which accepts up to 15 digits. */
export const MAX_CUSTOMER_ID = 999_999_999_999_999;

/**
 * Lifetime purchases (in the currency's unit), as decimal text: up to 999,999,999,999.999, at most
 * 3 decimals (the most any currency's minor unit has in common use). 15 significant digits: a double
 * holds each such value exactly as written, and DynamoDB stores it as written.
 */
export const MAX_LIFETIME_PURCHASES = '999999999999.999';

/** Decimals of lifetime purchases and of any amount added to them. */
export const LIFETIME_PURCHASES_DECIMALS = 3;
