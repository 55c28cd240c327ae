/**
 * The transport: the only HTTP and error-mapping code of the package, one concern a file.
 * - settings: the credential's Base URL (baseUrl) and the node's options, checked once;
 * - send: one exchange through n8n's helper, with a deadline, a size limit and no redirects;
 * - request: the call, its 429 retries and the reading of its answer;
 * - read: linear-time JSON with exact int64 ids; retryAfter: RFC 9110's Retry-After;
 * - errors: API errors and failures as errors that lead with the cause; mask: secrets hidden;
 * - quota: the key's hourly budget, as the answers report it;
 * - writes: a write's 2xx answer handed on, whatever it lacks (never as if nothing happened);
 * - hosts and schemes: the two APIs' URLs, and the Authorization scheme each path declares;
 * - runDates: Transfer Run List's date parameters in whichever form the API takes.
 */
export { CREDENTIAL_TYPE, connection, requestOptions, requestSettings, RateLimitPause } from './settings';
export type { Connection, Context, RequestSettings } from './settings';
export { dtsList, dtsObject, dtsRequest, MAX_TRIES, requireData, requireList, unwrap } from './request';
export { isObject, parseJson } from './read';
export { MAX_ANSWER_BYTES } from './send';
export type { DtsCall, DtsResponse } from './request';
export { dtsError, errorDetails } from './errors';
export type { DtsErrorDetails, ErrorParts } from './errors';
export { Masker } from './mask';
export { writeAnswer } from './writes';
export { listRuns, runDate } from './runDates';
export type { RunDateForm } from './runDates';
export type { WriteKind } from './writes';
export { aboveReserve, RATE_LIMIT_RESERVE_SHARE, RateLimitQuota, reserveOf } from './quota';
export { parseRetryAfter } from './retryAfter';
