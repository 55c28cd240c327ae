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

/** The error bodies of the reference page, by status. */
const STANDARD_ERRORS = {
	400: ['INVALID_PARAMETER', 'Invalid Parameter', 'The request contains invalid or malformed parameters.'],
	401: ['API_KEY_INVALID', 'Invalid API key', 'Provided API key was invalid.'],
	403: ['ACCESS_DENIED', 'Access Denied', 'You do not have permission to perform this operation.'],
	404: ['NOT_FOUND', 'Not Found', 'The requested resource was not found.'],
	409: ['CONFLICT_ERROR', 'Conflict', 'The request conflicts with the current state of the resource.'],
	422: ['UNPROCESSABLE_ENTITY', 'Unprocessable Entity', 'The request could not be processed.'],
	429: ['TOO_MANY_REQUESTS', 'Too Many Requests', 'Rate limit exceeded. Retry after the time given in Retry-After.'],
	500: ['INTERNAL_SERVER_ERROR', 'Internal Server Error', 'An unexpected error occurred. Please try again later or contact support.'],
	503: ['SERVICE_UNAVAILABLE', 'Service Unavailable', 'The service is temporarily unavailable.'],
};

/** An error the route raises; the server turns it into the API's error body. */
class ApiError extends Error {
	constructor(status, overrides = {}, headers = {}) {
		const [code, message, description] = STANDARD_ERRORS[status] ?? [`HTTP_${status}`, `HTTP ${status}`, ''];
		super(overrides.message ?? message);
		this.status = status;
		this.code = overrides.code ?? code;
		this.description = overrides.description ?? description;
		this.headers = headers;
	}
}

function errorBody(requestId, error) {
	return { meta: { request_id: requestId }, error: { code: error.code, message: error.message, description: error.description } };
}

module.exports = { uuid7, ApiError, errorBody, STANDARD_ERRORS };
