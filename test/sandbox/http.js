'use strict';
/** Answers in the API's shapes: `{meta:{request_id}, data}` or `{meta:{request_id}, error}`. */
const crypto = require('node:crypto');

/** Upper-case UUID v7 (time-ordered), the form the reference page shows for ids. */
function uuid7() {
	const bytes = crypto.randomBytes(16);
	const ms = BigInt(Date.now());
	for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
	bytes[6] = (bytes[6] & 0x0f) | 0x70;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex').toUpperCase();
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The error bodies of the DTS reference page (create-data-source-connection.txt), by status. */
const STANDARD_ERRORS = {
	400: ['INVALID_PARAMETER', 'Invalid Parameter', 'The request contains invalid or malformed parameters.'],
	401: ['API_KEY_INVALID', 'Invalid API key', 'Provided API key was invalid.'],
	403: ['ACCESS_DENIED', 'Access Denied', 'You do not have permission to perform this operation.'],
	404: ['NOT_FOUND', 'Not Found', 'The requested resource was not found.'],
	405: ['METHOD_NOT_ALLOWED', 'Method Not Allowed', 'The method is not allowed on this path.'],
	409: ['CONFLICT_ERROR', 'Conflict', 'The request conflicts with the current state of the resource.'],
	422: ['UNPROCESSABLE_ENTITY', 'Unprocessable Entity', 'The request could not be processed.'],
	429: ['TOO_MANY_REQUESTS', 'Too Many Requests', 'Rate limit exceeded. Retry after the time given in Retry-After.'],
	500: ['INTERNAL_SERVER_ERROR', 'Internal Server Error', 'An unexpected error occurred. Please try again later or contact support.'],
	503: ['SERVICE_UNAVAILABLE', 'Service Unavailable', 'The service is temporarily unavailable.'],
};

/**
 * The logins API's envelope errors, code and message as its spec's examples give them; the
 * descriptions are the sandbox's (the Error schema makes them optional).
 */
const LOGINS_ERRORS = {
	400: ['BAD_REQUEST', 'The request was invalid.', 'The request body is not valid JSON.'],
	401: ['UNAUTHORIZED', 'Authentication is required.', 'Provided API key was invalid.'],
	403: ['FORBIDDEN', 'You do not have access to this resource.', 'The API key lacks the scope this operation needs.'],
	404: ['NOT_FOUND', 'The requested resource was not found.', 'The requested resource was not found.'],
	405: ['METHOD_NOT_ALLOWED', 'Method Not Allowed', 'The method is not allowed on this path.'],
	422: ['UNPROCESSABLE_ENTITY', 'Validation failed for the request parameters.', 'The request could not be processed.'],
	429: ['TOO_MANY_REQUESTS', 'Rate limit exceeded. Retry later.', 'Rate limit exceeded. Retry after the time given in Retry-After.'],
	500: ['INTERNAL_SERVER_ERROR', 'An unexpected error occurred.', 'An unexpected error occurred.'],
	503: ['SERVICE_UNAVAILABLE', 'Service Unavailable', 'The service is temporarily unavailable.'],
};

/**
 * An error the route raises; the server turns it into the error body of the route's API (and, for
 * the statuses a route answers with a flat `{error: '<CODE>', message}` body, its `plainErrors`,
 * that shape). `code`, `message` and `description` read as the DTS API would write them.
 */
class ApiError extends Error {
	constructor(status, overrides = {}, headers = {}) {
		const [code, message, description] = STANDARD_ERRORS[status] ?? [`HTTP_${status}`, `HTTP ${status}`, ''];
		super(overrides.message ?? message);
		this.status = status;
		this.overrides = overrides;
		this.code = overrides.code ?? code;
		this.description = overrides.description ?? description;
		this.headers = headers;
	}
}

/** The `{meta, error: {code, message, description}}` envelope, defaults from `table`. */
function errorBody(requestId, error, table = STANDARD_ERRORS) {
	const [code, message, description] = table[error.status] ?? [`HTTP_${error.status}`, `HTTP ${error.status}`, ''];
	const o = error.overrides ?? {};
	return { meta: { request_id: requestId }, error: { code: o.code ?? code, message: o.message ?? message, description: o.description ?? description } };
}

/**
 * The flat error shape, a string `error` with a fixed code and a `message`, no meta: the newest
 * reference's Table Groups responses (TableGroupNotFound, TableGroupSearchFailed, …; the older
 * logins file's LinkNotFound and the like are gone). The message carries what a description
 * would, being all there is.
 */
function plainErrorBody([code, fallback], error) {
	const o = error.overrides ?? {};
	return { error: code, message: String(o.description ?? o.message ?? fallback).slice(0, 255) };
}

module.exports = { uuid7, ApiError, errorBody, plainErrorBody, STANDARD_ERRORS, LOGINS_ERRORS };
