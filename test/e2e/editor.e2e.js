'use strict';
/** The n8n editor in headless Chromium: what a user sees of the node, and a run from the editor. */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { NODE_TYPE, startN8n } = require('../../scripts/n8n');
const http = require('node:http');

const { NODE, CREDENTIAL, EXAMPLE, DEMO_KEY, SECRETS_CREDENTIAL, SANDBOX_WAREHOUSE_PASSWORD } = require('../../scripts/fixtures');
const { OWNER, waitReady, setupOwner, login, data } = require('../../scripts/rest');
const { launchBrowser } = require('../../scripts/chromium');
const { freePort } = require('../../scripts/proc');
const { OUTPUT, openInstance, settled } = require('./instance');
const { DESTINATION_FORM, EXAMPLE_WORKFLOW } = require('./workflows');

// Page loads take 10-20 s on two cores.
const TIMEOUT = 60000;
const ICON = '/icons/n8n-nodes-supermetrics-transfers/dist/icons/supermetrics-transfers.svg';
const SCREENSHOT = path.join(OUTPUT, 'editor-run.png');
const FORM_SCREENSHOT = path.join(OUTPUT, 'destination-form.png');

describe('the n8n editor with the packed package', { timeout: 900000 }, () => {
	let n8n;
	let server;
	let browser;
	let page;

	before(async () => {
		n8n = await openInstance('editor', [EXAMPLE_WORKFLOW, DESTINATION_FORM]);
		const port = await freePort();
		const log = fs.createWriteStream(path.join(n8n.userFolder, 'n8n.log'));
		server = startN8n(n8n.userFolder, { port, brokerPort: await freePort(), output: log });
		await waitReady(`http://127.0.0.1:${port}`, { exited: server.exited });
		assert.equal(await setupOwner(`http://127.0.0.1:${port}`), 'created');
		browser = await launchBrowser();
		page = await browser.context.newPage();
		page.setDefaultTimeout(TIMEOUT);
	});

	after(async () => {
		// An editor left open keeps an "editing in another tab" lock on the workflow.
		await page?.goto('about:blank').catch(() => {});
		await browser?.close();
		await server?.stop();
		await n8n?.close();
	});

	const editorUrl = (route) => `${server.url}${route}`;

	test('the REST API shows the imported workflow, and the credential passes its test', async () => {
		const rest = await login(`http://127.0.0.1:${new URL(server.url).port}`);
		assert.ok(rest, `the owner ${OWNER.email} cannot log in`);
		const workflow = data(await rest.get(`/workflows/${EXAMPLE.id}`), 'GET workflow');
		assert.equal(workflow.name, EXAMPLE.name);
		assert.deepEqual(workflow.nodes.map((node) => node.type), ['n8n-nodes-base.manualTrigger', NODE_TYPE]);
		const credentials = data(await rest.get('/credentials'), 'GET credentials');
		assert.deepEqual(
			credentials.filter((c) => c.type === CREDENTIAL.type).map(({ id, name }) => ({ id, name })),
			[{ id: CREDENTIAL.id, name: CREDENTIAL.name }],
		);
		// The credential dialog gets the data with the key redacted (a password field) and sends it
		// back to test; n8n puts the stored key back and the test calls the sandbox's GET /ds/logins
		// (on the Supermetrics API URL, as that path declares: Bearer).
		const stored = data(await rest.get(`/credentials/${CREDENTIAL.id}?includeData=true`), 'GET credential');
		assert.equal(stored.data.baseUrl, n8n.sandbox.url);
		assert.equal(stored.data.apiUrl, n8n.sandbox.apiUrl);
		assert.notEqual(stored.data.apiKey, DEMO_KEY);
		n8n.sandbox.requests.length = 0;
		const tested = data(await rest.post('/credentials/test', { credentials: { ...CREDENTIAL, data: stored.data } }), 'POST credentials/test');
		assert.equal(tested.status, 'OK', JSON.stringify(tested));
		assert.deepEqual(n8n.sandbox.requests.map(({ api, method, path: p, headers }) => `${api} ${method} ${p} ${headers.authorization}`), [`logins GET /ds/logins Bearer ${DEMO_KEY}`]);

		// A Supermetrics API URL that redirects elsewhere: the test fails, and the key goes nowhere else.
		const elsewhere = await listen((req, res) => res.end('{}'));
		const redirecting = await listen((req, res) => {
			res.writeHead(302, { Location: `${elsewhere.url}/ds/logins` });
			res.end();
		});
		try {
			const redirected = data(
				await rest.post('/credentials/test', { credentials: { ...CREDENTIAL, data: { ...stored.data, apiUrl: redirecting.url } } }),
				'POST credentials/test',
			);
			assert.equal(redirected.status, 'Error', JSON.stringify(redirected));
			assert.deepEqual(redirecting.received, [`GET /ds/logins Bearer ${DEMO_KEY}`]);
			assert.deepEqual(elsewhere.received, []);
		} finally {
			await redirecting.close();
			await elsewhere.close();
		}

		// The Destination Secrets credential's own test checks its form, sending nothing.
		const secrets = data(await rest.get(`/credentials/${SECRETS_CREDENTIAL.id}?includeData=true`), 'GET secrets credential');
		const checked = data(await rest.post('/credentials/test', { credentials: { ...SECRETS_CREDENTIAL, data: secrets.data } }), 'POST credentials/test');
		assert.equal(checked.status, 'OK', JSON.stringify(checked));
	});

	test('log in, open the node, see its fields and icon, run it and see a connection_id', async () => {
		try {
			// The link npm start prints: after sign-in, the example workflow, not n8n's start page.
			await page.goto(editorUrl(`/signin?redirect=${encodeURIComponent(`/workflow/${EXAMPLE.id}`)}`));
			await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
			await page.fill('input[name=password]', OWNER.password);
			await page.click('[data-test-id=form-submit-button]');
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			await page.waitForURL((url) => url.pathname === `/workflow/${EXAMPLE.id}`);

			await page.goto(editorUrl(`/workflow/${EXAMPLE.id}`));
			const canvasNode = page.locator(`[data-test-id=canvas-node][data-node-name="${NODE}"]`);
			await canvasNode.waitFor();
			await assertIconShown(canvasNode);
			await canvasNode.getByText('Create: Data Source Connection', { exact: true }).waitFor();

			await canvasNode.dblclick();
			const ndv = page.locator('[data-test-id=ndv]');
			await ndv.waitFor();
			await assertIconShown(ndv);
			const parameters = ndv.locator('[data-test-id=node-parameters]');
			for (const label of ['Credential for Supermetrics Transfers API', 'Resource', 'Operation', 'Team ID', 'Data Source', 'Destination Type']) {
				await parameters.getByText(label, { exact: true }).waitFor();
			}
			assert.equal(await ndv.locator('[data-test-id=parameter-input-resource] input').inputValue(), 'Data Source Connection');
			assert.equal(await ndv.locator('[data-test-id=parameter-input-operation] input').inputValue(), 'Create');
			assert.equal(await ndv.locator('[data-test-id=parameter-input-teamId] input').inputValue(), '12345');
			assert.equal(await ndv.locator('[data-test-id=resource-locator-dataSourceId] input[data-test-id=rlc-input]').inputValue(), 'Google Analytics 4 (GAWA)');
			assert.equal(
				await ndv.locator('[data-test-id=resource-locator-destinationType] input[data-test-id=rlc-input]').inputValue(),
				'BigQuery (SQL_BQ)',
			);
			// The select shows the credential's id until the editor has loaded the credentials list.
			assert.equal(await settled(ndv.locator('[data-test-id=node-credentials-select] input'), CREDENTIAL.name), CREDENTIAL.name);

			await ndv.locator('[data-test-id=node-execute-button]').first().click();
			const output = ndv.locator('[data-test-id=output-panel]');
			await output.locator('[data-test-id=node-run-status-success]').waitFor();
			await output.locator('[data-test-id=radio-button-json]').click();
			// The JSON view renders a moment after the switch; wait for the key rather than read too early.
			const view = output.locator('[data-test-id=ndv-data-container]', { hasText: 'connection_id' });
			await view.waitFor().catch(() => {});
			const json = await output.locator('[data-test-id=ndv-data-container]').innerText();
			const [, connectionId] = /"connection_id":\s*"([0-9A-F-]{36})"/i.exec(json) ?? [];
			assert.ok(connectionId, `the output panel shows no connection_id:\n${json}`);
			assert.ok(n8n.sandbox.state.connections.has(connectionId), 'the connection shown is one the sandbox created');
			await page.screenshot({ path: SCREENSHOT });
		} catch (error) {
			await page.screenshot({ path: path.join(OUTPUT, 'editor-failure.png') }).catch(() => {});
			throw error;
		}
	});

	test('Destination → Create: pick a type, and its auth methods and settings become the form; fill it in and run', async () => {
		try {
			await page.goto(editorUrl(`/workflow/${DESTINATION_FORM.id}`));
			const canvasNode = page.locator(`[data-test-id=canvas-node][data-node-name="${NODE}"]`);
			await canvasNode.getByText('Create: Destination', { exact: true }).waitFor();
			await canvasNode.dblclick();
			const ndv = page.locator('[data-test-id=ndv]');
			const mapper = ndv.locator('[data-test-id=resource-mapper-container]');
			// Before a type is picked, the form says what to do, and Other Settings is there.
			await mapper.getByText('Pick a Destination Type to get its settings here, or add them under Other Settings by name.').waitFor();
			await ndv.getByText('Other Settings', { exact: true }).waitFor();

			const fields = page.waitForResponse((r) => r.url().includes('/rest/dynamic-node-parameters/resource-mapper-fields') && r.ok());
			await ndv.locator('[data-test-id=resource-locator-destinationType] input[data-test-id=rlc-input]').click();
			await page.getByText('Snowflake (DWH_SNOWFLAKE)', { exact: true }).click();
			await fields;
			for (const [id, label] of [['hostname', 'Hostname'], ['warehouse', 'Warehouse'], ['database_name', 'Database'], ['schema', 'Schema'], ['username', 'Username']]) {
				await mapper.locator(`[data-test-id=parameter-input-${id}]`).waitFor();
				await mapper.getByText(label, { exact: true }).waitFor();
			}
			assert.equal(await mapper.locator('[data-test-id=parameter-input-schema] input').inputValue(), 'PUBLIC', 'the API\'s default value is filled in');
			assert.equal(await mapper.locator('[data-test-id=parameter-input-private_key]').count(), 0, 'a secret is no plain field');

			await ndv.locator('[data-test-id=parameter-input-authMethod]').click();
			const options = page.locator('.el-select-dropdown__item:visible');
			await options.filter({ hasText: 'Username and Password (AUTH_METHOD_PASSWORD)' }).waitFor();
			assert.deepEqual(
				(await options.allInnerTexts()).map((text) => text.split('\n')[0]),
				["Type's Default (Key Pair Authentication)", 'Key Pair Authentication (AUTH_METHOD_KEY_PAIR)', 'Username and Password (AUTH_METHOD_PASSWORD)'],
			);
			const refetched = page.waitForResponse((r) => r.url().includes('/rest/dynamic-node-parameters/resource-mapper-fields') && r.ok());
			await options.filter({ hasText: 'Username and Password (AUTH_METHOD_PASSWORD)' }).click();
			await refetched;
			await mapper.locator('[data-test-id=parameter-input-username]').waitFor();

			const values = { hostname: 'acme.eu-west-1.snowflakecomputing.com', warehouse: 'LOAD_WH', database_name: 'MARKETING', username: 'LOADER' };
			for (const [id, value] of Object.entries(values)) await mapper.locator(`[data-test-id=parameter-input-${id}] input`).fill(value);
			n8n.sandbox.requests.length = 0;
			await ndv.locator('[data-test-id=node-execute-button]').first().click();
			const output = ndv.locator('[data-test-id=output-panel]');
			await output.locator('[data-test-id=node-run-status-success]').waitFor();
			await closeToasts(page);
			await page.screenshot({ path: FORM_SCREENSHOT });
			const created = n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/teams/12345/destinations');
			assert.deepEqual(created.map((r) => r.body), [
				{
					type: 'DWH_SNOWFLAKE',
					display_name: 'Marketing warehouse',
					auth_method: 'AUTH_METHOD_PASSWORD',
					fields: { ...values, schema: 'PUBLIC', password: SANDBOX_WAREHOUSE_PASSWORD },
				},
			]);
		} catch (error) {
			await page.screenshot({ path: path.join(OUTPUT, 'destination-form-failure.png') }).catch(() => {});
			throw error;
		}
	});
});

/** The node's own SVG is on screen and loaded (an unloaded image has no natural width). */
async function assertIconShown(container) {
	const icon = container.locator(`img[src$="${ICON}"]`).first();
	await icon.waitFor();
	assert.ok(await icon.evaluate((img) => img.complete && img.naturalWidth > 0), `the icon ${ICON} did not load`);
}

/** Closes n8n's notifications, so a screenshot shows the form under them. */
async function closeToasts(page) {
	const toasts = page.locator('.el-notification');
	for (const close of await toasts.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
	await toasts.first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
}

/** A bare HTTP server on loopback that records `METHOD path authorization` of each request. */
async function listen(handler) {
	const received = [];
	const server = http.createServer((req, res) => {
		received.push(`${req.method} ${req.url} ${req.headers.authorization}`);
		handler(req, res);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		received,
		close: () => new Promise((resolve) => {
			server.closeAllConnections();
			server.close(resolve);
		}),
	};
}
