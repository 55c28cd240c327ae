'use strict';
/**
 * A real n8n AI Agent drives the packed node as a tool: Chat Trigger → AI Agent, an OpenAI Chat
 * Model whose credential points at the fake model on loopback, and the node as three tools (Create
 * Data Source Connection, Transfer Run → List, Login Link → Create) with inputs from $fromAI(). The fake model answers
 * from each test's script and records what n8n sends it: the tools it offers, the results and
 * errors it hands back.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after, beforeEach } = require('node:test');
const axios = require('axios');

const { startN8n } = require('../../scripts/n8n');
const { DEMO_KEY } = require('../../scripts/fixtures');
const { AGENT, FAKE_MODEL_KEY, FROM_AI, TOOLS, agentWorkflow, fakeModelCredential } = require('../../scripts/agentFixtures');
const { EXAMPLE_MESSAGE } = require('../../scripts/agentDemo');
const { OWNER, waitReady, setupOwner, login, data } = require('../../scripts/rest');
const { launchBrowser } = require('../../scripts/chromium');
const { freePort } = require('../../scripts/proc');
const { createFakeModel, currentTurn } = require('../fake-model/server');
const { callOnce, demoScript, toolError } = require('../fake-model/scripts');
const { OUTPUT, openInstance, apiCalls } = require('./instance');

/**
 * `npm start`'s agent workflow as it is (its chat open to the editor only), and the same agent
 * with its chat public, at its own URL, once on the Responses API and once on Chat Completions
 * ("Use Responses API" off).
 */
const RESPONSES = { id: 'SmAgentFlowHttp1', name: 'AI agent, public chat', webhookId: '6f0c3f1e-2b7a-4c55-9a1d-5c1f2a7e0b01' };
const CHAT_COMPLETIONS = { id: 'SmAgentFlowChat1', name: 'AI agent on Chat Completions', webhookId: '6f0c3f1e-2b7a-4c55-9a1d-5c1f2a7e0c01' };
const SCREENSHOT = path.join(OUTPUT, 'agent-chat.png');

/** n8n sends the model a node's name as its tool name, in the characters a tool name allows. */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
const CREATE = toolName(TOOLS.create);
const LIST_RUNS = toolName(TOOLS.listRuns);
const LOGIN_LINK = toolName(TOOLS.loginLink);
const CLONE = toolName(TOOLS.clone);
const GOOD = { Team_ID: '12345', Data_Source: 'GAWA', Destination_Type: 'SQL_BQ' };
const OUTPUT_KEYS = ['connect_url', 'connection_id', 'data_source_id', 'destination_type', 'location', 'login_url', 'request_id', 'team_id'];
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const stringParameter = (key) => ({ type: 'string', description: FROM_AI[key] });

describe('an n8n AI Agent with the node as its tools', { timeout: 900000 }, () => {
	let n8n;
	let model;
	let server;
	let base;

	before(async () => {
		model = await createFakeModel().start();
		const workflows = [agentWorkflow(), agentWorkflow({ ...RESPONSES, publicChat: true }), agentWorkflow({ ...CHAT_COMPLETIONS, publicChat: true, chatCompletions: true })];
		n8n = await openInstance('agent', workflows, { credentials: [fakeModelCredential(model.url)] });
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		const log = fs.createWriteStream(path.join(n8n.userFolder, 'n8n.log'));
		server = startN8n(n8n.userFolder, { port, brokerPort: await freePort(), output: log });
		await waitReady(base, { exited: server.exited });
		assert.equal(await setupOwner(base), 'created');
		// import:workflow cannot import a workflow as active: activate (publish) it over REST.
		const rest = await login(base);
		for (const { id, webhookId } of [RESPONSES, CHAT_COMPLETIONS]) {
			const { versionId } = data(await rest.get(`/workflows/${id}`), 'GET workflow');
			data(await rest.post(`/workflows/${id}/activate`, { versionId }), 'POST activate');
			await chatReady(webhookId);
		}
	});

	after(async () => {
		if (model) fs.writeFileSync(path.join(n8n?.userFolder ?? '.', 'model-requests.json'), JSON.stringify(model.requests, null, '\t'));
		await server?.stop();
		await n8n?.close();
		await model?.close();
	});

	beforeEach(() => {
		n8n.sandbox.reset();
		model.requests.length = 0;
	});

	/** The chat's production URL answers once n8n has registered it, a moment after activation. */
	async function chatReady(webhookId) {
		const deadline = Date.now() + 60000;
		for (;;) {
			const { status } = await axios.get(`${base}/webhook/${webhookId}/chat`, { validateStatus: () => true, timeout: 10000 });
			if (status === 200) return;
			if (Date.now() > deadline) throw new Error(`the chat of ${webhookId} answered ${status} for 60 s after activation`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** One chat message, as the chat widget sends it; resolves with the agent's answer. */
	async function chat(chatInput, webhookId = RESPONSES.webhookId) {
		const response = await axios.post(
			`${base}/webhook/${webhookId}/chat`,
			{ action: 'sendMessage', sessionId: `e2e-${Date.now()}`, chatInput },
			{ validateStatus: () => true, timeout: 180000 },
		);
		assert.equal(response.status, 200, `the chat answered HTTP ${response.status}: ${JSON.stringify(response.data)}`);
		return response.data.output;
	}

	/** What the model was given back for its one tool call: the request after the call. */
	function toolCallSeen() {
		const turns = model.turns();
		assert.equal(turns.length, 2, `the model was asked ${turns.length} times, not twice (call, then answer)`);
		const { calls } = currentTurn(turns[1].conversation);
		assert.equal(calls.length, 1);
		return calls[0];
	}

	/** Nothing the model received carries the Supermetrics API key; its own key is the fake one. */
	function assertNoApiKeySent() {
		for (const request of model.requests) {
			assert.ok(!request.rawBody.includes(DEMO_KEY), `a request to the model holds the API key: ${request.rawBody}`);
			assert.ok(!JSON.stringify(request.headers).includes(DEMO_KEY));
			assert.equal(request.headers.authorization, `Bearer ${FAKE_MODEL_KEY}`);
		}
	}

	test('the model is offered the four tools: names, descriptions and parameter schemas from the node and its $fromAI inputs', async () => {
		model.script = () => ({ text: 'Nothing to do.' });
		assert.equal(await chat('hello'), 'Nothing to do.');
		const [request] = model.turns();
		assert.equal(request.path, '/responses');
		assert.equal(request.body.stream, false);
		const schema = (keys) => ({
			type: 'object',
			properties: Object.fromEntries(keys.map((key) => [key, stringParameter(key)])),
			required: keys,
			additionalProperties: false,
			$schema: 'http://json-schema.org/draft-07/schema#',
		});
		const byName = Object.fromEntries(request.conversation.tools.map((tool) => [tool.name, tool]));
		assert.deepEqual(Object.keys(byName).sort(), [CREATE, LIST_RUNS, LOGIN_LINK, CLONE].sort());
		assert.deepEqual(byName[CREATE], {
			name: 'Create_a_data_source_connection_in_Supermetrics_Transfers',
			description: 'Create a data source connection in Supermetrics Transfers',
			parameters: schema(['Team_ID', 'Data_Source', 'Destination_Type']),
		});
		assert.deepEqual(byName[LIST_RUNS], {
			name: 'List_transfer_runs_in_Supermetrics_Transfers',
			description: 'List transfer runs in Supermetrics Transfers',
			parameters: schema(['Team_ID', 'Transfer_ID', 'Start_Date', 'End_Date']),
		});
		assert.deepEqual(byName[LOGIN_LINK], {
			name: 'Create_a_login_link_in_Supermetrics_Transfers',
			description: 'Create a login link in Supermetrics Transfers',
			parameters: schema(['Login_Data_Source', 'Link_Description']),
		});
		assert.deepEqual(byName[CLONE], {
			name: 'Clone_a_transfer_in_Supermetrics_Transfers',
			description: 'Clone a transfer in Supermetrics Transfers',
			parameters: schema(['Team_ID', 'Source_Transfer_ID', 'Clone_Name']),
		});
		assert.deepEqual(apiCalls(n8n.sandbox), []);
	});

	test('the model\'s call creates exactly one connection with the body it asked for; it gets the output item back, not the key', async () => {
		model.script = callOnce(CREATE, GOOD, (turn) => `Created ${turn.calls[0].result[0].connection_id}`);
		const answer = await chat('create the connection for team 12345 from GA4 to BigQuery');

		assert.deepEqual(apiCalls(n8n.sandbox), [
			{ method: 'POST', path: '/teams/12345/data-source-connections', fault: undefined, body: { data_source_id: 'GAWA', destination_type: 'SQL_BQ' } },
		]);
		assert.equal(n8n.sandbox.state.connections.size, 1);
		const [[connectionId, stored]] = n8n.sandbox.state.connections;
		assert.deepEqual({ team: String(stored.team_id), source: stored.data_source_id, destination: stored.destination_type }, { team: '12345', source: 'GAWA', destination: 'SQL_BQ' });

		const seen = toolCallSeen();
		assert.deepEqual(seen.arguments, { ...GOOD, id: seen.id }, 'n8n hands the call back to the model as it was made (plus its id)');
		assert.equal(seen.result.length, 1);
		const [item] = seen.result;
		assert.deepEqual(Object.keys(item).sort(), OUTPUT_KEYS);
		assert.equal(item.connection_id, connectionId);
		assert.match(item.request_id, UUID);
		assert.deepEqual(
			{ ...item, request_id: undefined },
			{
				connection_id: connectionId,
				login_url: null,
				connect_url: null,
				request_id: undefined,
				location: `${n8n.sandbox.url}/teams/12345/data-source-connections/${connectionId}`,
				team_id: '12345',
				data_source_id: 'GAWA',
				destination_type: 'SQL_BQ',
			},
		);
		assertNoApiKeySent();
		assert.equal(answer, `Created ${connectionId}`, 'the chat shows the model\'s final message, built from the tool result');
	});

	for (const [what, args, field, expected] of [
		[
			'a lower-case code',
			{ ...GOOD, Data_Source: 'gawa' },
			'Data Source',
			'Invalid Data Source "gawa" in item 0: may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)\n\nDetails: Field: Data Source (data_source_id). Nothing was sent for this item. Codes are upper case: did you mean "GAWA"?',
		],
		[
			'a team id past int64',
			{ ...GOOD, Team_ID: '9223372036854775808' },
			'Team ID',
			'Invalid Team ID "9223372036854775808" in item 0: must be a whole number from 1 to 9223372036854775807\n\nDetails: Field: Team ID (team_id). Nothing was sent for this item.',
		],
	]) {
		test(`${what} from the model comes back to it as an error naming the field (${field}); nothing is sent`, async () => {
			model.script = callOnce(CREATE, args);
			await chat('create a connection');
			assert.deepEqual(apiCalls(n8n.sandbox), []);
			const seen = toolCallSeen();
			assert.deepEqual(seen.result, [{ error: expected }], `the model got: ${seen.output}`);
			assertNoApiKeySent();
		});
	}

	test('a 422 comes back to the model with the API\'s words and code; one request was sent', async () => {
		model.script = callOnce(CREATE, { ...GOOD, Data_Source: 'NOPE' });
		await chat('create a connection from NOPE');
		assert.deepEqual(apiCalls(n8n.sandbox).map(({ method, path: p, body }) => ({ method, path: p, body })), [
			{ method: 'POST', path: '/teams/12345/data-source-connections', body: { data_source_id: 'NOPE', destination_type: 'SQL_BQ' } },
		]);
		const error = toolError(toolCallSeen());
		const [{ requestId }] = n8n.sandbox.requests;
		assert.equal(error, `Unknown data_source_id 'NOPE'. (UNPROCESSABLE_ENTITY)\n\nDetails: Unprocessable Entity. [HTTP 422, code UNPROCESSABLE_ENTITY, request_id ${requestId}]`);
		assert.equal(n8n.sandbox.state.connections.size, 0);
	});

	test('a 429 past Max Rate-Limit Wait comes back to the model with the API\'s words, code and the wait asked for; no retry', async () => {
		n8n.sandbox.queueFault({ status: 429, retryAfter: 3600, path: '/data-source-connections' });
		model.script = callOnce(CREATE, GOOD);
		await chat('create a connection');
		assert.deepEqual(apiCalls(n8n.sandbox).map(({ path: p, fault }) => ({ path: p, fault })), [{ path: '/teams/12345/data-source-connections', fault: '429' }]);
		const error = toolError(toolCallSeen());
		const [{ requestId }] = n8n.sandbox.requests;
		assert.match(
			error,
			new RegExp(
				[
					"^Rate limit exceeded\\. Retry after the time given in Retry-After\\. \\(TOO_MANY_REQUESTS\\)\\n\\n",
					'Details: Too Many Requests\\. Retry after 3600 s \\(at \\S+\\)\\. ',
					'That is longer than the node\'s "Max Rate-Limit Wait" of 60 s, so it did not wait\\. ',
					`\\[HTTP 429, code TOO_MANY_REQUESTS, request_id ${requestId}\\]$`,
				].join(''),
			),
		);
		assert.equal(n8n.sandbox.state.connections.size, 0);
	});

	test('the read tool: Transfer Run → List hands the model the runs of the days it asked for, ids as strings', async () => {
		const args = { Team_ID: '12345', Transfer_ID: '36091', Start_Date: '2024-01-13', End_Date: '2024-01-15' };
		model.script = callOnce(LIST_RUNS, args, (turn) => turn.calls[0].result.map((run) => `${run.data_date} ${run.status}`).join(', '));
		const answer = await chat('how did transfer 36091 run from 2024-01-13 to 2024-01-15?');
		assert.deepEqual(apiCalls(n8n.sandbox).map(({ method, path: p }) => `${method} ${p}`), ['GET /teams/12345/transfers/36091/runs']);
		assert.deepEqual(n8n.sandbox.requests[0].query, { start_date: '2024-01-13T00:00:00Z', end_date: '2024-01-15T23:59:59Z', limit: '50', offset: '0' });
		const { result } = toolCallSeen();
		assert.deepEqual(result.map(({ id, data_date, status, message }) => ({ id, data_date, status, message })), [
			{ id: result[0].id, data_date: '2024-01-15', status: 'COMPLETED', message: '' },
			{ id: result[1].id, data_date: '2024-01-14', status: 'FAILED', message: 'Connection timeout to data source' },
			{ id: result[2].id, data_date: '2024-01-13', status: 'COMPLETED', message: '' },
		]);
		for (const { id } of result) assert.match(id, /^\d+$/, 'run ids reach the model as strings');
		assert.equal(answer, '2024-01-15 COMPLETED, 2024-01-14 FAILED, 2024-01-13 COMPLETED');
		assertNoApiKeySent();
	});

	test('the link tool: Login Link → Create makes one link on the Supermetrics API URL, with Bearer; the model gets its login_url to send the client', async () => {
		const args = { Login_Data_Source: 'AW', Link_Description: 'Acme Inc, Google Ads' };
		model.script = callOnce(LOGIN_LINK, args, (turn) => `Send your client ${turn.calls[0].result[0].login_url}`);
		const answer = await chat('send Acme a link to connect their Google Ads');
		const sent = n8n.sandbox.requests.filter((r) => r.method !== 'GET' || !r.path.startsWith('/login/'));
		assert.deepEqual(sent.map(({ api, method, path: p, body }) => ({ api, method, path: p, body })), [
			{ api: 'logins', method: 'POST', path: '/ds/login/link', body: { ds_id: 'AW', description: 'Acme Inc, Google Ads' } },
		]);
		assert.equal(sent[0].headers.authorization, `Bearer ${DEMO_KEY}`, 'POST /ds/login/link declares BearerAuth');
		const { arguments: asked, result } = toolCallSeen();
		assert.deepEqual({ ...asked, id: undefined }, { ...args, id: undefined });
		assert.equal(result.length, 1);
		const [link] = result;
		assert.match(link.link_id, /^lnk_\d+$/);
		assert.equal(link.status_code, 'OPEN');
		assert.equal(link.ds_id, 'AW');
		assert.equal(link.login_url, `${n8n.sandbox.apiUrl}/login/${link.link_id}`);
		assert.deepEqual([...n8n.sandbox.state.loginLinks.keys()], [link.link_id], 'one link exists, the one the model was given');
		assert.equal(answer, `Send your client ${link.login_url}`);
		assertNoApiKeySent();
	});

	test('the clone tool: Transfer → Clone makes one copy of the transfer the model names, with its name; the model gets the new transfer_id', async () => {
		const args = { Team_ID: '12345', Source_Transfer_ID: '36091', Clone_Name: 'Globex GA4 to BigQuery' };
		model.script = callOnce(CLONE, args, (turn) => `Cloned: ${turn.calls[0].result[0].transfer_id}`);
		const answer = await chat('clone transfer 36091 for team 12345 as Globex GA4 to BigQuery');
		assert.deepEqual(apiCalls(n8n.sandbox), [
			{ method: 'POST', path: '/teams/12345/transfers/36091/clone', fault: undefined, body: { display_name: 'Globex GA4 to BigQuery' } },
		]);
		const { result } = toolCallSeen();
		assert.equal(result.length, 1);
		assert.equal(result[0].source_transfer_id, '36091');
		assert.match(result[0].transfer_id, /^\d+$/);
		assert.equal(answer, `Cloned: ${result[0].transfer_id}`);
		assertNoApiKeySent();
	});

	test('on Chat Completions ("Use Responses API" off) the same call makes the same connection', async () => {
		model.script = callOnce(CREATE, GOOD, (turn) => `Created ${turn.calls[0].result[0].connection_id}`);
		const answer = await chat('create the connection', CHAT_COMPLETIONS.webhookId);
		assert.deepEqual(model.turns().map((r) => r.path), ['/chat/completions', '/chat/completions']);
		assert.deepEqual(model.turns()[0].conversation.tools.map((t) => t.name).sort(), [CREATE, LIST_RUNS, LOGIN_LINK, CLONE].sort());
		const [[connectionId]] = n8n.sandbox.state.connections;
		assert.equal(answer, `Created ${connectionId}`);
		assert.deepEqual(Object.keys(toolCallSeen().result[0]).sort(), OUTPUT_KEYS);
		assertNoApiKeySent();
	});

	test('npm start\'s scripted model: the issue\'s sentence makes the connection and answers about the login link', async () => {
		model.script = demoScript();
		const answer = await chat(EXAMPLE_MESSAGE);
		assert.deepEqual(apiCalls(n8n.sandbox).map(({ path: p, body }) => ({ path: p, body })), [
			{ path: '/teams/12345/data-source-connections', body: { data_source_id: 'GAWA', destination_type: 'SQL_BQ' } },
		]);
		const [[connectionId]] = n8n.sandbox.state.connections;
		assert.equal(
			answer,
			`Done: data source connection ${connectionId} for team 12345 (GAWA to SQL_BQ).\nThe API gave no login link (login_url is null; the DTS API v1 always answers null there), so authorize the data source in Supermetrics Hub.`,
		);
	});
	test('npm start\'s workflow in the editor: the chat panel sends the issue\'s sentence, the agent calls the tool, the chat shows the answer', async () => {
		model.script = demoScript();
		const browser = await launchBrowser();
		const page = await browser.context.newPage();
		// Page loads take 10-20 s on two cores.
		page.setDefaultTimeout(60000);
		try {
			await page.setViewportSize({ width: 1440, height: 1150 });
			await page.goto(`${base.replace('127.0.0.1', 'localhost')}/signin`);
			await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
			await page.fill('input[name=password]', OWNER.password);
			await page.click('[data-test-id=form-submit-button]');
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			await page.goto(`${base.replace('127.0.0.1', 'localhost')}/workflow/${AGENT.id}`);
			await page.locator(`[data-test-id=canvas-node][data-node-name="${TOOLS.create}"]`).waitFor();

			await page.locator('[data-test-id=workflow-chat-button]').click();
			const input = page.locator('textarea[data-test-id=chat-input]');
			await input.fill(EXAMPLE_MESSAGE);
			await input.press('Enter');
			const answer = page.locator('[data-test-id=canvas-chat]').getByText(/^Done: data source connection /);
			await answer.waitFor({ timeout: 180000 });

			assert.deepEqual(apiCalls(n8n.sandbox).map(({ path: p, body }) => ({ path: p, body })), [
				{ path: '/teams/12345/data-source-connections', body: { data_source_id: 'GAWA', destination_type: 'SQL_BQ' } },
			]);
			const [[connectionId]] = n8n.sandbox.state.connections;
			assert.match(await answer.innerText(), new RegExp(`^Done: data source connection ${connectionId} for team 12345 \\(GAWA to SQL_BQ\\)\\.`));

			// The tool's run in the logs: the inputs the model gave it, the item it handed back.
			await page.locator('[data-test-id=logs-overview-body]').getByText(TOOLS.create, { exact: true }).click();
			const details = page.locator('[data-test-id=logs-panel]');
			for (const text of ['Team_ID', '12345', 'Data_Source', 'GAWA', 'Destination_Type', 'SQL_BQ', 'connection_id', connectionId]) {
				await details.getByText(text, { exact: true }).first().waitFor();
			}
			await screenshot(page);
		} catch (error) {
			await page.screenshot({ path: path.join(OUTPUT, 'agent-chat-failure.png') }).catch(() => {});
			throw error;
		} finally {
			await page.goto('about:blank').catch(() => {});
			await browser.close();
		}
	});
});

/** The picture for the README: the logs panel dragged taller, so the whole chat shows. */
async function screenshot(page) {
	const panel = await page.locator('[data-test-id=logs-panel]').boundingBox();
	await page.mouse.move(panel.x + 300, panel.y + 1);
	await page.mouse.down();
	await page.mouse.move(panel.x + 300, panel.y - 200, { steps: 10 });
	await page.mouse.up();
	await page.locator('.el-notification').waitFor({ state: 'detached', timeout: 15000 }).catch(() => {});
	await page.screenshot({ path: SCREENSHOT });
}
