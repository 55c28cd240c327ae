'use strict';
/**
 * A fake OpenAI-compatible model on loopback, for n8n's OpenAI Chat Model: it answers from a
 * script instead of a language model, so an AI Agent can be driven end to end without an OpenAI
 * account. It speaks what n8n 2.41's OpenAI Chat Model 1.3 sends: the Responses API
 * (`POST /v1/responses`) by default, Chat Completions (`POST /v1/chat/completions`) when "Use
 * Responses API" is off, and `GET /v1/models` for the credential test and the model picker.
 * Answers are not streamed; a streamed request is refused with a clear error.
 *
 * Every request is recorded as n8n sent it and as a conversation read from it (the tools offered
 * with their names, descriptions and parameter schemas; the messages; the tool calls and tool
 * results), so tests can assert on what a model is shown.
 */
const fs = require('node:fs');
const http = require('node:http');
const crypto = require('node:crypto');

const BASE_PATH = '/v1';
/** n8n's requests are a few kB; a body past this is refused unread. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MODELS = ['fake-model'];

const id = (prefix) => `${prefix}_${crypto.randomBytes(12).toString('hex')}`;

/** Text of a message content: a string, or the parts of a Responses or Chat Completions message. */
function textOf(content) {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : ''))
		.join('');
}

function parseArguments(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Tools and messages of a Responses API request, in one shape for both APIs. */
function readResponsesRequest(body) {
	const tools = (body.tools ?? []).map((tool) =>
		tool.type === 'function'
			? { name: tool.name, description: tool.description, parameters: tool.parameters }
			: { type: tool.type },
	);
	const messages = [];
	if (typeof body.instructions === 'string' && body.instructions) messages.push({ role: 'system', text: body.instructions });
	const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? []);
	for (const item of input) {
		if (item.type === 'function_call') {
			messages.push({ role: 'assistant', toolCalls: [{ id: item.call_id, name: item.name, arguments: parseArguments(item.arguments) }] });
		} else if (item.type === 'function_call_output') {
			messages.push({ role: 'tool', callId: item.call_id, output: textOf(item.output) });
		} else if (item.role) {
			messages.push({ role: item.role === 'developer' ? 'system' : item.role, text: textOf(item.content) });
		}
	}
	return { tools, messages };
}

/** Tools and messages of a Chat Completions request. */
function readChatRequest(body) {
	const tools = (body.tools ?? []).map((tool) =>
		tool.type === 'function'
			? { name: tool.function.name, description: tool.function.description, parameters: tool.function.parameters }
			: { type: tool.type },
	);
	const messages = [];
	for (const message of body.messages ?? []) {
		if (message.role === 'tool') {
			messages.push({ role: 'tool', callId: message.tool_call_id, output: textOf(message.content) });
		} else if (message.role === 'assistant' && message.tool_calls?.length) {
			const toolCalls = message.tool_calls.map((call) => ({ id: call.id, name: call.function.name, arguments: parseArguments(call.function.arguments) }));
			messages.push({ role: 'assistant', text: textOf(message.content), toolCalls });
		} else {
			messages.push({ role: message.role === 'developer' ? 'system' : message.role, text: textOf(message.content) });
		}
	}
	return { tools, messages };
}

/**
 * The current turn: the last user message, and the tool calls made since, each with the result
 * n8n sent back for it (`output` is the raw text the model got, `result` its JSON when it is).
 */
function currentTurn(conversation) {
	const { messages } = conversation;
	let start = messages.length - 1;
	while (start >= 0 && messages[start].role !== 'user') start--;
	const calls = [];
	for (const message of messages.slice(start + 1)) {
		for (const call of message.toolCalls ?? []) calls.push({ ...call, output: undefined, result: undefined });
		if (message.role === 'tool') {
			const call = calls.find((c) => c.id === message.callId);
			if (call) {
				call.output = message.output;
				call.result = parseArguments(message.output);
			}
		}
	}
	return { user: start >= 0 ? messages[start].text : '', calls };
}

/** A Responses API answer carrying tool calls or a message. */
function responsesAnswer(body, reply) {
	const output = reply.calls
		? reply.calls.map((call) => ({
				type: 'function_call',
				id: id('fc'),
				call_id: id('call'),
				name: call.name,
				arguments: JSON.stringify(call.arguments ?? {}),
				status: 'completed',
			}))
		: [{ type: 'message', id: id('msg'), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: reply.text, annotations: [] }] }];
	return {
		id: id('resp'),
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		error: null,
		incomplete_details: null,
		instructions: body.instructions ?? null,
		model: body.model,
		output,
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: body.tools ?? [],
		usage: { input_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens: 0, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 0 },
	};
}

/** A Chat Completions answer carrying tool calls or a message. */
function chatAnswer(body, reply) {
	const message = reply.calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: reply.calls.map((call) => ({ id: id('call'), type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) } })),
			}
		: { role: 'assistant', content: reply.text };
	return {
		id: id('chatcmpl'),
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices: [{ index: 0, message, finish_reason: reply.calls ? 'tool_calls' : 'stop', logprobs: null }],
		usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
	};
}

const API = {
	'/responses': { name: 'responses', read: readResponsesRequest, answer: responsesAnswer },
	'/chat/completions': { name: 'chat', read: readChatRequest, answer: chatAnswer },
};

/**
 * What a test sees of the fake model.
 *
 * @typedef {object} Tool A tool offered to the model (a function tool; others keep only their type).
 * @property {string} [name]
 * @property {string} [description]
 * @property {object} [parameters] Its JSON schema.
 * @property {string} [type]
 *
 * @typedef {object} Message A message of the conversation, in one shape for both APIs.
 * @property {string} role 'system', 'user', 'assistant' or 'tool'.
 * @property {string} [text]
 * @property {Array<{ id: string, name: string, arguments: unknown }>} [toolCalls]
 * @property {string} [callId]
 * @property {string} [output]
 *
 * @typedef {object} Conversation What the model was shown: the API spoken, the tools, the messages.
 * @property {string} api 'responses' or 'chat'.
 * @property {Tool[]} tools
 * @property {Message[]} messages
 *
 * @typedef {object} Turn The last user message and the tool calls since, each with its result.
 * @property {string} user
 * @property {Array<{ id: string, name: string, arguments: unknown, output: string | undefined, result: unknown }>} calls
 *
 * @typedef {{ name: string, arguments?: object }} ToolCall
 * @typedef {{ call?: ToolCall, calls?: ToolCall[], text?: string }} Reply
 * @typedef {(conversation: Conversation, turn: Turn) => Reply | Promise<Reply>} Script
 *
 * @typedef {object} RecordedRequest A request as n8n sent it, and what the model read and replied.
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string | string[] | undefined>} headers
 * @property {string} rawBody
 * @property {unknown} [body]
 * @property {Conversation} [conversation]
 * @property {Reply} [reply]
 *
 * @typedef {object} FakeModel
 * @property {string} url The Base URL: `http://<host>:<port>/v1` once started.
 * @property {number} port
 * @property {Script | undefined} script
 * @property {RecordedRequest[]} requests
 * @property {(port?: number, host?: string) => Promise<FakeModel>} start
 * @property {() => Promise<void>} close
 * @property {() => RecordedRequest[]} turns
 */

/**
 * `script(conversation, turn)` decides each answer: `{ call: { name, arguments } }` (or `calls`)
 * to call tools, `{ text }` to answer. A call to a tool the request did not offer is refused with
 * a 400, so a renamed tool fails loudly instead of quietly.
 */
/**
 * @param {{ script?: Script, logFile?: string }} [options]
 * @returns {FakeModel}
 */
function createFakeModel({ script, logFile } = {}) {
	/** @type {FakeModel} */
	const model = {
		url: '',
		port: 0,
		script,
		/** Every request: method, path, headers, parsed body, the conversation read from it, the reply. */
		requests: [],
	};

	const record = (entry) => {
		model.requests.push(entry);
		if (!logFile) return;
		// The log is for reading what n8n sends a model; whatever key the credential holds stays out.
		const { headers, rawBody, ...rest } = entry;
		fs.appendFileSync(logFile, `${JSON.stringify({ at: new Date().toISOString(), ...rest })}\n`);
	};

	function send(res, status, body) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	}
	const refuse = (res, status, message) => send(res, status, { error: { message, type: 'invalid_request_error', param: null, code: null } });

	async function handle(req, res) {
		const chunks = [];
		let size = 0;
		for await (const chunk of req) {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) return refuse(res, 413, `fake model: request body over ${MAX_BODY_BYTES} bytes`);
			chunks.push(chunk);
		}
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url, 'http://fake-model');
		const path = url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length) : url.pathname;
		const entry = { method: req.method, path, headers: { ...req.headers }, rawBody: raw };

		if (req.method === 'GET' && path === '/models') {
			record(entry);
			return send(res, 200, { object: 'list', data: MODELS.map((m) => ({ id: m, object: 'model', created: 0, owned_by: 'fake-model' })) });
		}
		const api = req.method === 'POST' ? API[path] : undefined;
		if (!api) {
			record(entry);
			return refuse(res, 404, `fake model: no ${req.method} ${path}`);
		}
		let body;
		try {
			body = JSON.parse(raw);
		} catch {
			record(entry);
			return refuse(res, 400, 'fake model: the body is not JSON');
		}
		const conversation = { api: api.name, ...api.read(body) };
		Object.assign(entry, { body, conversation });
		if (body.stream) {
			record(entry);
			return refuse(res, 400, 'fake model: streamed answers are not supported; the OpenAI Chat Model does not stream for an agent behind a chat trigger in "lastNode" mode');
		}
		const turn = currentTurn(conversation);
		let reply;
		try {
			reply = await model.script(conversation, turn);
		} catch (error) {
			record(entry);
			return refuse(res, 500, `fake model: the script failed: ${error.message}`);
		}
		if (reply.call) reply = { calls: [reply.call] };
		const offered = new Set(conversation.tools.map((t) => t.name));
		const unknown = (reply.calls ?? []).find((call) => !offered.has(call.name));
		entry.reply = reply;
		record(entry);
		if (unknown) return refuse(res, 400, `fake model: the script calls "${unknown.name}", which is not among the tools offered: ${[...offered].join(', ')}`);
		return send(res, 200, api.answer(body, reply));
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) refuse(res, 500, `fake model: ${error.message}`);
		});
	});

	model.start = (port = 0, host = '127.0.0.1') =>
		new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				model.port = server.address().port;
				model.url = `http://${host}:${model.port}${BASE_PATH}`;
				resolve(model);
			});
		});
	model.close = () =>
		new Promise((resolve) => {
			server.closeAllConnections?.();
			server.close(() => resolve());
		});
	/** The requests that asked for an answer (not the model list), oldest first. */
	model.turns = () => model.requests.filter((r) => r.conversation);
	return model;
}

module.exports = { createFakeModel, currentTurn, MODELS, BASE_PATH };
