/**
 * Retry-After as RFC 9110 defines it: delay-seconds (1*DIGIT) or an HTTP-date, in its preferred
 * IMF-fixdate form or the two obsolete forms a recipient must still accept. Anything else
 * (negative, fractional, words) is unreadable, and the caller takes its documented default.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** Sun, 06 Nov 1994 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** Sunday, 06-Nov-94 08:49:37 GMT */
const RFC850 = new RegExp(`^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** Sun Nov  6 08:49:37 1994 */
const ASCTIME = new RegExp(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function httpDate(text: string, now: number): number | undefined {
	let parts: { day: string; month: string; year: number; hh: string; mm: string; ss: string } | undefined;
	let m = IMF_FIXDATE.exec(text);
	if (m) parts = { day: m[2], month: m[3], year: Number(m[4]), hh: m[5], mm: m[6], ss: m[7] };
	m = m ?? RFC850.exec(text);
	if (!parts && m) {
		// Two-digit years more than 50 years ahead are in the past century (RFC 9110, 5.6.7).
		let year = 2000 + Number(m[4]);
		if (year > new Date(now).getUTCFullYear() + 50) year -= 100;
		parts = { day: m[2], month: m[3], year, hh: m[5], mm: m[6], ss: m[7] };
	}
	m = parts ? null : ASCTIME.exec(text);
	if (m) parts = { day: m[3].trim(), month: m[2], year: Number(m[7]), hh: m[4], mm: m[5], ss: m[6] };
	if (!parts) return undefined;
	const at = Date.UTC(parts.year, MONTHS.indexOf(parts.month), Number(parts.day), Number(parts.hh), Number(parts.mm), Number(parts.ss));
	return Number.isFinite(at) ? at : undefined;
}

/** Whole seconds to wait, or undefined when the header is missing or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	const text = value?.trim() ?? '';
	if (text === '') return undefined;
	// Very long digit strings are still a (huge) number of seconds, never a date.
	if (/^\d+$/.test(text)) return Number(text);
	const at = httpDate(text, now);
	return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
