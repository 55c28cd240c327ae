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

/** A real YYYY-MM-DD date. */
function date(value, name) {
	const text = typeof value === 'string' ? value : '';
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match || !realDay(+match[1], +match[2], +match[3])) throw invalid(`The field '${name}' must be a date in the form YYYY-MM-DD.`);
	return text;
}

function realDay(year, month, dayOfMonth) {
	const at = new Date(Date.UTC(year, month - 1, dayOfMonth));
	return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === dayOfMonth;
}

/** RFC 3339 (OpenAPI's date-time): a zone is required, T and Z may be lower case. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch of an RFC 3339 date-time, or undefined when `text` is not one. */
function dateTimeMs(text) {
	const m = typeof text === 'string' ? DATE_TIME.exec(text) : null;
	if (!m) return undefined;
	const [year, month, dayOfMonth, hour, minute, second] = m.slice(1, 7).map(Number);
	const [offsetHours, offsetMinutes] = m[8] ? [0, 0] : [Number(m[10]), Number(m[11])];
	if (!realDay(year, month, dayOfMonth) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
	const sign = m[9] === '-' ? -1 : 1;
	const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
	return Date.UTC(year, month - 1, dayOfMonth, hour, minute, second, fraction) - sign * (offsetHours * 60 + offsetMinutes) * 60000;
}

/**
 * Runs `check` and answers its 400 as a 422: the logins API documents 422 UNPROCESSABLE_ENTITY
 * for invalid parameters, and 400 on one operation only.
 */
function unprocessable(check) {
	try {
		return check();
	} catch (error) {
		if (error instanceof ApiError && error.status === 400) throw new ApiError(422, { description: error.description });
		throw error;
	}
}

/** A path id of the logins API: a string of at most 50 of A-Z, a-z, 0-9, _ and -. */
function loginsId(name, text) {
	if (text.length > 50 || !/^[A-Za-z0-9_-]+$/.exec(text)) {
		throw new ApiError(422, { description: `Path parameter ${name} must be 1 to 50 characters of A-Z, a-z, 0-9, _ and -.` });
	}
	return text;
}

/** A query integer within bounds, for the logins API (422 when it is not one). */
function queryInteger(query, name, { min, max, fallback }) {
	const text = query[name];
	if (text === undefined) return fallback;
	if (!/^-?\d{1,12}$/.exec(text)) throw new ApiError(422, { description: `The query parameter '${name}' must be an integer.` });
	const value = Number(text);
	if (value < min || value > max) throw new ApiError(422, { description: `The query parameter '${name}' must be between ${min} and ${max}.` });
	return value;
}

const RUN_DATE_FORMS = ['day', 'date-time', 'both'];

/**
 * A runs query date (start_date, end_date), as its UTC day. The spec types both as date-time, while
 * its description and examples are days and Supermetrics' SDK sends 2026-01-01T00:00:00+00:00:
 * `form` 'both' (the default) takes either, 'day' or 'date-time' only that one, so that a client's
 * fallback between the two can be tried. A date-time is read as the UTC day it falls on.
 */
function runDate(value, name, form = 'both') {
	const text = typeof value === 'string' ? value : '';
	const isDay = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const accepts = form === 'day' ? 'a day (YYYY-MM-DD)' : form === 'date-time' ? 'an RFC 3339 date-time (e.g. 2026-01-01T00:00:00+00:00)' : 'a day (YYYY-MM-DD) or an RFC 3339 date-time (e.g. 2026-01-01T00:00:00+00:00)';
	const refuse = () => invalid(`The query parameter '${name}' must be ${accepts}, not '${text.slice(0, 60)}'.`);
	if (isDay) {
		if (form === 'date-time' || !realDay(+isDay[1], +isDay[2], +isDay[3])) throw refuse();
		return text;
	}
	const ms = dateTimeMs(text);
	if (ms === undefined || form === 'day') throw refuse();
	return new Date(ms).toISOString().slice(0, 10);
}

module.exports = { INT64_MAX, INT32_MAX, int64Id, int32Id, jsonObject, string, integer, array, oneOf, onlyKeys, date, runDate, dateTimeMs, RUN_DATE_FORMS, unprocessable, loginsId, queryInteger, CODE, invalid };
