/**
 * Hides the API key and the item's secrets wherever an answer or an error could echo them, in
 * the forms a server or a proxy may give them back in, without touching unrelated data.
 *
 * - A secret of at least LONG characters is replaced wherever it occurs, in any of its encodings
 *   (as sent, JSON-escaped with or without \/ and \u escapes, URL- and form-encoded, HTML-escaped,
 *   base64, with its white space collapsed or removed).
 * - A shorter secret (a password "12") would match ids and words by chance, so it is replaced
 *   only where it stands alone: a whole string value (not an id), or a whole word in free text.
 * - Free text may have been cut by a server in the middle of a secret: a text that ends with the
 *   start of a secret, or starts with its end, loses that part too.
 */

const LONG = 6;
const STARS = '***';
const ID_KEY = /(^|_)id$/;
const WORD = /[A-Za-z0-9_]/;

function encodings(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const asciiJson = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	const url = encodeURIComponent(secret);
	const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const forms = [
		secret,
		json,
		json.replace(/\//g, '\\/'),
		asciiJson,
		asciiJson.replace(/\//g, '\\/'),
		url,
		url.replace(/%20/g, '+'),
		html,
		base64,
		base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
		secret.replace(/\s+/g, ' ').trim(),
		secret.replace(/\s+/g, ''),
	];
	return [...new Set(forms)].filter((form) => form.length > 0);
}

/** Occurrences of `needle` in `text` with no letter, digit or _ on either side. */
function replaceWords(text: string, needle: string): string {
	let out = '';
	let from = 0;
	for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
		const before = at > 0 && WORD.test(text[at - 1]);
		const after = at + needle.length < text.length && WORD.test(text[at + needle.length]);
		if (before || after) continue;
		out += text.slice(from, at) + STARS;
		from = at + needle.length;
	}
	return from === 0 ? text : out + text.slice(from);
}

export class Masker {
	private readonly long: string[];

	private readonly short: string[];

	constructor(
		readonly secrets: readonly string[],
		private readonly parent?: Masker,
	) {
		const forms = secrets.filter((s) => typeof s === 'string' && s !== '').flatMap(encodings);
		// Longest first, so that a secret inside a longer one does not leave part of the longer one.
		this.long = [...new Set(forms.filter((f) => f.length >= LONG))].sort((a, b) => b.length - a.length);
		this.short = [...new Set(forms.filter((f) => f.length < LONG))];
	}

	/** This masker and the item's own secrets. */
	with(secrets: readonly string[] | undefined): Masker {
		return secrets?.some((s) => s !== '') ? new Masker(secrets, this) : this;
	}

	/** Free text: an error message, a description, a page a proxy sent. */
	text(value: string): string {
		let text = this.parent ? this.parent.text(value) : value;
		for (const form of this.long) if (text.includes(form)) text = text.split(form).join(STARS);
		for (const form of this.short) text = replaceWords(text, form);
		return this.cutEnds(text);
	}

	/** A string inside an answer; `key` is the property it is the value of. */
	value(value: string, key?: string): string {
		let text = this.parent ? this.parent.value(value, key) : value;
		for (const form of this.long) if (text.includes(form)) text = text.split(form).join(STARS);
		if (this.short.includes(text) && !(key !== undefined && ID_KEY.test(key))) return STARS;
		return text;
	}

	/** The start or the end of a long secret left at a cut edge of the text. */
	private cutEnds(text: string): string {
		let result = text;
		for (const form of this.long) {
			const tail = longestEdge(result, form, 'end');
			if (tail) result = result.slice(0, result.length - tail) + STARS;
			const head = longestEdge(result, form, 'start');
			if (head) result = STARS + result.slice(head);
		}
		return result;
	}
}

/**
 * The length of the longest proper part of `form` (at least LONG characters) that the text ends
 * with (its start) or starts with (its end); 0 if none. Candidates are found with indexOf on a
 * LONG-character anchor within the last (or first) form.length characters, so the work is bounded
 * by the secret's length, not the text's.
 */
function longestEdge(text: string, form: string, edge: 'start' | 'end'): number {
	const span = Math.min(form.length - 1, text.length);
	if (span < LONG) return 0;
	if (edge === 'end') {
		const tail = text.slice(text.length - span);
		const anchor = form.slice(0, LONG);
		for (let at = tail.indexOf(anchor); at >= 0; at = tail.indexOf(anchor, at + 1)) {
			if (form.startsWith(tail.slice(at))) return tail.length - at;
		}
		return 0;
	}
	const head = text.slice(0, span);
	const anchor = form.slice(form.length - LONG);
	for (let at = head.lastIndexOf(anchor); at >= 0; at = at === 0 ? -1 : head.lastIndexOf(anchor, at - 1)) {
		if (form.endsWith(head.slice(0, at + LONG))) return at + LONG;
	}
	return 0;
}
