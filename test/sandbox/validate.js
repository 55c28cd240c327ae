'use strict';
/** The reference page's rules for path and body values; a failure is a 400 INVALID_PARAMETER. */
const { ApiError } = require('./http');

const INT64_MAX = 9223372036854775807n;

function invalid(description) {
	return new ApiError(400, { description });
}

/** An int64 path id from 1 to 2^63-1; parsed as the API would, so leading zeros are tolerated. */
function int64Id(name, text) {
	if (!/^\d{1,25}$/.test(text)) throw invalid(`Path parameter ${name} must be an integer.`);
	const value = BigInt(text);
	if (value < 1n || value > INT64_MAX) throw invalid(`Path parameter ${name} must be between 1 and 9223372036854775807.`);
	return value.toString();
}

function jsonObject(body) {
	if (body === undefined) throw invalid('The request body must be a JSON object.');
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The request body must be a JSON object.');
	return body;
}

/** A required or optional string with maxLength and pattern, as in the OpenAPI schema. */
function string(body, name, { required = true, maxLength, pattern } = {}) {
	const value = body[name];
	if (value === undefined || value === null) {
		if (required) throw invalid(`The field '${name}' is required.`);
		return undefined;
	}
	if (typeof value !== 'string') throw invalid(`The field '${name}' must be a string.`);
	if (maxLength !== undefined && value.length > maxLength) throw invalid(`The field '${name}' must be at most ${maxLength} characters.`);
	if (pattern && !pattern.test(value)) throw invalid(`The field '${name}' must match ${pattern.source}.`);
	return value;
}

const CODE = { maxLength: 50, pattern: /^[A-Z0-9_]+$/ };

module.exports = { INT64_MAX, int64Id, jsonObject, string, CODE, invalid };
