'use strict';
/** The reference page's rules for path and body values; a failure is a 400 INVALID_PARAMETER. */
const { ApiError } = require('./http');

const INT64_MAX = 9223372036854775807n;

function invalid(description) {
	return new ApiError(400, { description });
}

/** An int64 path id from 1 to 2^63-1; parsed as the API would, so leading zeros are tolerated. */
function int64Id(name, text) {
	if (!/^\d{1,25}$/.exec(text)) throw invalid(`Path parameter ${name} must be an integer.`);
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
	if (pattern && !pattern.exec(value)) throw invalid(`The field '${name}' must match ${pattern.source}.`);
	return value;
}

const CODE = { maxLength: 50, pattern: /^[A-Z0-9_]+$/ };
const INT32_MAX = 2147483647;

/** An int32 path id (destination_id; transfer_id on the transfer configuration paths). */
function int32Id(name, text) {
	if (!/^\d{1,12}$/.exec(text)) throw invalid(`Path parameter ${name} must be an integer.`);
	const value = Number(text);
	if (value < 1 || value > INT32_MAX) throw invalid(`Path parameter ${name} must be between 1 and ${INT32_MAX}.`);
	return String(value);
}

/** A JSON integer within bounds, as the schema's format and minimum/maximum say. */
function integer(body, name, { required = true, min = -INT32_MAX - 1, max = INT32_MAX } = {}) {
	const value = body[name];
	if (value === undefined || value === null) {
		if (required) throw invalid(`The field '${name}' is required.`);
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`The field '${name}' must be an integer.`);
	if (value < min || value > max) throw invalid(`The field '${name}' must be between ${min} and ${max}.`);
	return value;
}

function array(body, name, { required = true } = {}) {
	const value = body[name];
	if (value === undefined || value === null) {
		if (required) throw invalid(`The field '${name}' is required.`);
		return undefined;
	}
	if (!Array.isArray(value)) throw invalid(`The field '${name}' must be an array.`);
	return value;
}

function oneOf(value, name, allowed) {
	if (!allowed.includes(value)) throw invalid(`The field '${name}' must be one of ${allowed.join(', ')}.`);
	return value;
}

/** additionalProperties: false. */
function onlyKeys(body, allowed, where = 'request body') {
	const extra = Object.keys(body).filter((key) => !allowed.includes(key));
	if (extra.length) throw invalid(`Unknown field(s) in the ${where}: ${extra.join(', ')}.`);
}

/** A real YYYY-MM-DD date; a query date-time is accepted and cut to its day. */
function date(value, name, { dateTime = false } = {}) {
	const text = typeof value === 'string' ? value : '';
	const match = (dateTime ? /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/ : /^(\d{4})-(\d{2})-(\d{2})$/).exec(text);
	const day = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
	if (!match || day.getUTCMonth() !== +match[2] - 1) throw invalid(`The field '${name}' must be a date in the form YYYY-MM-DD.`);
	return `${match[1]}-${match[2]}-${match[3]}`;
}

module.exports = { INT64_MAX, INT32_MAX, int64Id, int32Id, jsonObject, string, integer, array, oneOf, onlyKeys, date, CODE, invalid };
