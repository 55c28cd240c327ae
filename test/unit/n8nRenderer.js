'use strict';
/*
 * Not type-checked: sanitize-html ships no types (n8nRender.js declares what this hands back).
 *
 * n8n 2.41's editor's rendering of texts, with the same libraries at the same versions (read from
 * its bundle, n8n-editor-ui 2.41.1); see n8nRender.js, which runs this in a child Node.
 */
const sanitizeHtml = require('sanitize-html');
const { FilterXSS, escapeAttrValue } = require('xss');

const N8N_HTML = {
	allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'input']),
	allowedAttributes: {
		...sanitizeHtml.defaults.allowedAttributes,
		input: ['type', 'id', 'checked'],
		code: ['class'],
		a: sanitizeHtml.defaults.allowedAttributes.a.concat(['data-*']),
		div: ['class'],
	},
};

const XSS_TAGS = ['p', 'strong', 'b', 'code', 'a', 'br', 'i', 'ul', 'li', 'em', 'small', 'details', 'summary', 'mark'];
const XSS_ATTRIBUTES = ['href', 'name', 'target', 'title', 'class', 'id', 'style'];
const xss = new FilterXSS({
	onTagAttr: (tag, name, value) => {
		if (XSS_ATTRIBUTES.includes(name) || name.startsWith('data-')) {
			return name === 'href' && !/^https?:\/\//.test(value) && !value.startsWith('/') ? '' : `${name}="${escapeAttrValue(value)}"`;
		}
		return undefined;
	},
	onTag: (tag) => (XSS_TAGS.includes(tag) ? undefined : ''),
});

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of HTML as a browser shows it: tags gone, entities read, white space collapsed. */
function visibleText(html) {
	const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
	return text
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
			if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
			return ENTITIES[name.toLowerCase()] ?? whole;
		})
		.replace(/\s+/g, ' ')
		.trim();
}

/** A description, hint or notice as the editor shows it. */
const asHtml = (text) => visibleText(sanitizeHtml(text, N8N_HTML));

/** An error's description as the editor's error view shows it. */
const asErrorDescription = (text) => visibleText(sanitizeHtml(xss.process(text.replace(/`(.*?)`/g, '<code>$1</code>')), N8N_HTML));

/**
 * What a text means a person to read: its deliberate markup (a link, code, emphasis) read as a
 * browser reads it, everything else as written.
 */
function intended(text) {
	return visibleText(text.replace(/[<>]/g, (c, at) => (isFormattingTag(text, at) ? c : c === '<' ? '&lt;' : '&gt;')));
}

const FORMATTING = /^<\/?(a|b|br|code|em|i|li|p|strong|ul)(\s[^<>]*)?\/?>/i;

/** Whether the bracket at `at` opens or closes one of the formatting tags a description may use. */
function isFormattingTag(text, at) {
	if (text[at] === '<') return FORMATTING.test(text.slice(at));
	const start = text.lastIndexOf('<', at);
	return start !== -1 && FORMATTING.test(text.slice(start, at + 1));
}

module.exports = { asHtml, asErrorDescription, intended, visibleText };
