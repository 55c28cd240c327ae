'use strict';
/**
 * The templates in docs/templates/ in one real n8n with the packed package: every node of ours in
 * them is checked against the node's description as n8n loads it (so a renamed parameter or
 * option breaks this suite), then each template runs against the DTS sandbox, its e-mail going to
 * an SMTP stand-in and its Slack posts to a Slack API stand-in (test/e2e/standins.js): first the
 * ones a manual or schedule trigger starts, with `n8n execute`; then, with n8n running, the alert
 * template activated (its triggers polling every minute instead of five), and a screenshot of each
 * in the editor (copied into docs/templates/ with TEMPLATE_SCREENSHOTS=docs).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { CACHE, N8N_VERSION, NODE_TYPE, startN8n } = require('../../scripts/n8n');
const { CREDENTIAL, DEMO_KEY, TRIGGER_TYPE } = require('../../scripts/fixtures');
const { OWNER, waitReady, setupOwner, login, activateWorkflow, data } = require('../../scripts/rest');
const { TEMPLATES_DIR, templateWorkflows } = require('../../scripts/templates');
const { launchBrowser } = require('../../scripts/chromium');
const { freePort } = require('../../scripts/proc');
const { OUTPUT, openInstance, printedExecution, eventually, sleep } = require('./instance');
const { startSlack, startSmtp } = require('./standins');

// n8n stores execution data in flatted form; its own copy reads it.
const flatted = require(path.join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'flatted'));
const MINUTE = 60000;
const DAY = 24 * 60 * MINUTE;
// "Every minute" fires at a second of the minute n8n picks; a busy machine adds to it.
const POLL_DEADLINE = 4 * MINUTE;
const SLACK_CREDENTIAL = { id: 'SmSlackStandin01', name: 'Slack stand-in', type: 'slackApi' };
const SMTP_CREDENTIAL = { id: 'SmSmtpStandin001', name: 'SMTP stand-in', type: 'smtp' };
/** The onboarding's BigQuery service account key, as a Destination Secrets credential. */
const KEY_CREDENTIAL = { id: 'SmBigQueryKey001', name: 'BigQuery service account key', type: 'supermetricsTransfersSecretsApi' };
const PRIVATE_KEY = 'onboarding-service-account-secret';
const OURS = [NODE_TYPE, TRIGGER_TYPE];

const TEMPLATES = Object.fromEntries(templateWorkflows().map(({ file, workflow }) => [file, workflow]));
const ALERT = 'alert-on-failed-runs-and-backfills';
const BACKFILL = 'backfill-history-safely';
const HEALTH = 'weekly-health-report';
const ONBOARD = 'onboard-a-client';
const LIKE_ANOTHER = 'onboard-a-client-like-another';
const LAYOUT = 'one-table-layout-for-every-client';

/** A template as a user sets it up after import: each node with its credential(s). */
function withCredentials(workflow, change = (node) => node) {
	const api = { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
	const key = { supermetricsTransfersSecretsApi: { id: KEY_CREDENTIAL.id, name: KEY_CREDENTIAL.name } };
	const credentialOf = {
		[NODE_TYPE]: api,
		[TRIGGER_TYPE]: { supermetricsTransfersApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		'n8n-nodes-base.slack': { slackApi: { id: SLACK_CREDENTIAL.id, name: SLACK_CREDENTIAL.name } },
		'n8n-nodes-base.emailSend': { smtp: { id: SMTP_CREDENTIAL.id, name: SMTP_CREDENTIAL.name } },
	};
	const credentialsOf = (node) =>
		node.type === NODE_TYPE && node.parameters.resource === 'destination' && node.parameters.secretsSource === 'credential' ? { ...api, ...key } : credentialOf[node.type];
	return { ...workflow, nodes: workflow.nodes.map((node) => change({ ...node, ...(credentialsOf(node) && { credentials: credentialsOf(node) }) })) };
}

/** Whether n8n shows `property` for a node with these parameters (its displayOptions). */
function shown(property, parameters, defaults) {
	const value = (name) => (name in parameters ? parameters[name] : defaults[name]);
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return (
		Object.entries(show).every(([name, values]) => name.startsWith('@') || values.includes(value(name))) &&
		!Object.entries(hide).some(([name, values]) => !name.startsWith('@') && values.includes(value(name)))
	);
}

const isExpression = (value) => typeof value === 'string' && value.startsWith('=');

/** What is wrong with `value` for `property`: an option, a collection entry, a locator mode it does not have. */
function problems(property, value, where) {
	if (isExpression(value)) return [];
	switch (property.type) {
		case 'options':
			return property.options.some((option) => option.value === value) ? [] : [`${where}: "${value}" is not one of its options`];
		case 'multiOptions':
			return [].concat(value).filter((v) => !property.options.some((o) => o.value === v)).map((v) => `${where}: "${v}" is not one of its options`);
		case 'resourceLocator':
			return property.modes.some((mode) => mode.name === value?.mode) ? [] : [`${where}: no mode "${value?.mode}"`];
		case 'collection':
			return Object.entries(value ?? {}).flatMap(([name, inner]) => {
				const option = property.options.find((o) => o.name === name);
				return option ? problems(option, inner, `${where}.${name}`) : [`${where}: no option "${name}"`];
			});
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${where}: ${JSON.stringify(value)} is not true or false`];
		default:
			return [];
	}
}

/** Each parameter of a node of ours must be one its description shows for its resource and operation, with a value it allows. */
function checkNode(node, type) {
	const defaults = Object.fromEntries(type.properties.map((p) => [p.name, p.default]));
	const found = [];
	for (const [name, value] of Object.entries(node.parameters)) {
		if (name === 'pollTimes' && type.polling) continue;
		const candidates = type.properties.filter((p) => p.name === name && shown(p, node.parameters, defaults));
		if (!candidates.length) {
			found.push(`${node.name}: no parameter "${name}" for ${node.parameters.resource ?? ''}/${node.parameters.operation ?? node.parameters.event ?? ''}`);
			continue;
		}
		const each = candidates.map((p) => problems(p, value, `${node.name}: ${name}`));
		if (each.every((list) => list.length)) found.push(...each[0]);
	}
	return found;
}

describe('the templates in docs/templates/, imported into n8n and run against the sandbox', { timeout: 1800000, concurrency: 1 }, () => {
	let n8n;
	let smtp;
	let slack;
	let nodeTypes;

	before(async () => {
		[smtp, slack] = await Promise.all([startSmtp(), startSlack()]);
		const credentials = [
			{ ...SLACK_CREDENTIAL, data: { accessToken: 'xoxb-standin-token' } },
			{ ...SMTP_CREDENTIAL, data: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' } },
			{ ...KEY_CREDENTIAL, data: { privateKey: PRIVATE_KEY } },
		];
		// The alert template polls every minute here; the other templates are imported as they are.
		const alert = withCredentials(TEMPLATES[ALERT], (node) =>
			node.type === TRIGGER_TYPE ? { ...node, parameters: { ...node.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } } } : node,
		);
		const rest = Object.entries(TEMPLATES).filter(([file]) => file !== ALERT).map(([, workflow]) => withCredentials(workflow));
		n8n = await openInstance('templates', [alert, ...rest], { credentials, sandbox: { recentDays: 3 } });
		const file = path.join(n8n.userFolder, 'nodes.json');
		const exported = await n8n.cli(['export:nodes', `--output=${file}`]);
		assert.equal(exported.code, 0, exported.stderr);
		nodeTypes = JSON.parse(fs.readFileSync(file, 'utf8'));
	});

	after(async () => {
		await n8n?.close();
		await smtp?.close();
		await slack?.close();
	});

	const typeOf = (node) => nodeTypes.find((t) => t.name === node.type && [].concat(t.version).includes(node.typeVersion));

	async function execute(file) {
		n8n.sandbox.requests.length = 0;
		smtp.messages.length = 0;
		const result = await n8n.cli(['execute', `--id=${TEMPLATES[file].id}`]);
		const printed = printedExecution(result);
		assert.ok(printed, `n8n execute printed no execution (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-2000)}`);
		const errors = Object.entries(printed.execution.data.resultData.runData).filter(([, [run]]) => run.error).map(([name, [run]]) => `${name}: ${run.error.message}`);
		assert.equal(printed.outcome, 'Execution was successful:', errors.join('\n'));
		return printed.execution;
	}
	const calls = () => n8n.sandbox.requests.map((r) => `${r.method} ${r.path}`);
	const sandboxApi = (method, p, body) =>
		// Bearer, as the newest reference declares for every path (the sandbox's default reading).
		fetch(`${n8n.sandbox.url}${p}`, { method, headers: { Authorization: `Bearer ${DEMO_KEY}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) }).then((r) => r.json());

	test('every template is there, and each node of ours uses parameters and options our node has', () => {
		assert.deepEqual(Object.keys(TEMPLATES).sort(), [ALERT, BACKFILL, HEALTH, ONBOARD, LIKE_ANOTHER, LAYOUT].sort());
		for (const file of Object.keys(TEMPLATES)) assert.ok(fs.existsSync(path.join(TEMPLATES_DIR, `${file}.md`)), `docs/templates/${file}.md`);
		const found = [];
		for (const [file, workflow] of Object.entries(TEMPLATES)) {
			assert.ok(workflow.nodes.every((node) => node.credentials === undefined), `${file} carries no credential ids`);
			for (const node of workflow.nodes) {
				const type = typeOf(node);
				if (!type) {
					found.push(`${file}: ${node.name}: n8n has no ${node.type} v${node.typeVersion}`);
					continue;
				}
				if (OURS.includes(node.type)) found.push(...checkNode(node, type).map((problem) => `${file}: ${problem}`));
			}
			for (const [from, { main }] of Object.entries(workflow.connections)) {
				for (const to of main.flat()) assert.ok(workflow.nodes.some((n) => n.name === to.node) && workflow.nodes.some((n) => n.name === from), `${file}: ${from} → ${to.node}`);
			}
		}
		assert.deepEqual(found, []);
	});

	test('the check fails for a renamed parameter and an option value that does not exist', () => {
		const node = TEMPLATES[BACKFILL].nodes.find((n) => n.name === 'Runs of the range');
		const type = typeOf(node);
		assert.deepEqual(checkNode({ ...node, parameters: { ...node.parameters, returnEverything: true } }, type), ['Runs of the range: no parameter "returnEverything" for transferRun/list']);
		assert.deepEqual(checkNode({ ...node, parameters: { ...node.parameters, filters: { sortField: 'rows' } } }, type), ['Runs of the range: filters.sortField: "rows" is not one of its options']);
		assert.deepEqual(checkNode({ ...node, parameters: { ...node.parameters, operation: 'getAll' } }, type).length > 0, true);
	});

	/** Runs the backfill template, letting its backfill finish once the wait's first Backfill Get arrives. */
	async function runBackfillTemplate() {
		const gate = n8n.sandbox.hold({ method: 'GET', path: '/teams/12345/backfills/' });
		const finishing = eventually('the wait\'s first Backfill Get', 5 * MINUTE, () => gate.held > 0).then(() => {
			// Enough for a week's backfill (two minutes, then a run of one to three minutes a day);
			// no more, so the sandbox's day stays n8n's for the health report.
			n8n.sandbox.clock.advance(30 * MINUTE);
			gate.release();
		});
		try {
			const execution = await execute(BACKFILL);
			await finishing;
			return execution;
		} finally {
			gate.release();
		}
	}

	test(`"${TEMPLATES[BACKFILL].name}": no unfinished backfill, so it creates one, waits, and e-mails the run counts`, async () => {
		await runBackfillTemplate();
		const creates = calls().filter((c) => c === 'POST /teams/12345/transfers/36091/backfills');
		assert.equal(creates.length, 1);
		const created = n8n.sandbox.requests.find((r) => r.method === 'POST');
		assert.deepEqual(created.body, { range_start: '2025-01-10', range_end: '2025-01-16' });
		const backfill = await sandboxApi('GET', '/teams/12345/transfers/36091/backfills/latest');
		// The sandbox fails a run dated the 13th: so six of the seven days completed.
		assert.equal(backfill.data.status, 'FAILED');
		const [message] = smtp.messages;
		assert.equal(smtp.messages.length, 1);
		assert.deepEqual(message.to, ['data-team@example.com']);
		const rows = (await sandboxApi('GET', '/teams/12345/transfers/36091/runs?start_date=2025-01-10T00:00:00Z&end_date=2025-01-16T23:59:59Z&limit=100')).data.reduce((sum, run) => sum + run.total_rows, 0);
		assert.equal(message.subject, `Backfill ${backfill.data.transfer_backfill_id} of transfer 36091 FAILED: 7 runs: 6 completed, 1 failed, ${rows} rows`);
		assert.match(message.text, /^2025-01-13: FAILED, 0 rows \(Connection timeout to data source\)$/m);
		assert.match(message.text, /^2025-01-10: COMPLETED, \d+ rows$/m);
	});

	test(`"${TEMPLATES[BACKFILL].name}": an unfinished backfill of the transfer is waited for, and no second one is created`, async () => {
		const unfinished = (await sandboxApi('POST', '/teams/12345/transfers/36091/backfills', { range_start: '2025-02-01', range_end: '2025-02-03' })).data;
		assert.equal(unfinished.status, 'CREATED');
		await runBackfillTemplate();
		assert.deepEqual(calls().filter((c) => c.startsWith('POST')), []);
		assert.ok(calls().includes(`GET /teams/12345/backfills/${unfinished.transfer_backfill_id}`));
		const [message] = smtp.messages;
		assert.match(message.subject, new RegExp(`^Backfill ${unfinished.transfer_backfill_id} of transfer 36091 COMPLETED: 3 runs: 3 completed, 0 failed, \\d+ rows$`));
	});

	describe('with n8n running', () => {
		let server;
		let rest;
		let browser;
		before(async () => {
			const port = await freePort();
			const log = fs.createWriteStream(path.join(n8n.userFolder, 'n8n.log'), { flags: 'a' });
			server = startN8n(n8n.userFolder, { port, brokerPort: await freePort(), env: slack.env, output: log });
			await waitReady(`http://127.0.0.1:${port}`, { exited: server.exited });
			assert.equal(await setupOwner(`http://127.0.0.1:${port}`), 'created');
			rest = await login(`http://127.0.0.1:${port}`);
		});
		/**
		 * The editor's Execute workflow (n8n execute starts only from a Manual Trigger): a manual run
		 * from the template's trigger; resolves with the finished execution.
		 */
		async function manualRun(file) {
			n8n.sandbox.requests.length = 0;
			smtp.messages.length = 0;
			const workflow = TEMPLATES[file];
			const started = data(await rest.post(`/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: workflow.nodes[0].name } }), 'POST run');
			const execution = await eventually('the manual execution', 5 * MINUTE, async () => {
				const current = data(await rest.get(`/executions/${started.executionId}`), 'GET execution');
				return current.stoppedAt && current;
			});
			const parsed = { ...execution, data: flatted.parse(execution.data) };
			const errors = Object.entries(parsed.data.resultData.runData).filter(([, [run]]) => run.error).map(([name, [run]]) => `${name}: ${run.error.message}`);
			assert.equal(execution.status, 'success', errors.join('\n'));
			return parsed;
		}

		/**
		 * An onboarding's 30-day backfill finishes once the sandbox's clock has moved on enough for it
		 * (two minutes, then one to three minutes a run), after the wait's first Backfill Get; then
		 * the workflow e-mails the team. Resolves with that e-mail.
		 */
		async function backfillThenTeamEmail() {
			const gate = n8n.sandbox.hold({ method: 'GET', path: '/teams/12345/backfills/' });
			try {
				await eventually('the backfill wait\'s first Backfill Get', 10 * MINUTE, () => gate.held > 0);
				n8n.sandbox.clock.advance(3 * 60 * MINUTE);
			} finally {
				gate.release();
			}
			return await eventually('the e-mail to the team', 5 * MINUTE, () => smtp.messages.find((m) => m.to.includes('data-team@example.com')));
		}

		after(async () => {
			await browser?.close();
			for (const file of [ALERT, ONBOARD, LIKE_ANOTHER, LAYOUT]) if (rest) await rest.post(`/workflows/${TEMPLATES[file].id}/deactivate`).catch(() => {});
			await server?.stop();
		});

		test(`"${TEMPLATES[HEALTH].name}": lists every transfer (simplified), their runs of the week, and e-mails failures and rows`, async () => {
			// A second transfer, and a failed run of the seeded one, besides the sandbox's three recent days.
			const second = await sandboxApi('POST', '/teams/12345/transfers', {
				data_source_id: 'AW', schema_id: 2, destination_id: 8, display_name: 'Weekly report transfer',
				schedule: [{ run_interval: 'weekly', run_hour: 3, run_weekday: 1 }], accounts: [{ account_id: '8733197711', data_source_username: 'user.name@supermetrics.com', login_id: 2682599 }],
			});
			assert.ok(second.data?.transfer_id, JSON.stringify(second));
			const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
			n8n.sandbox.addRun({ transferId: '36091', dataDate: yesterday, outcome: 'FAILED', durationMs: MINUTE });
			n8n.sandbox.clock.advance(5 * MINUTE);
			const execution = await manualRun(HEALTH);
			const listed = execution.data.resultData.runData['Every transfer'][0].data.main[0].map((item) => item.json);
			assert.deepEqual(Object.keys(listed[0]), ['transfer_id', 'display_name', 'status', 'state', 'schedule', 'run_date', 'data_source', 'destination']);
			const [message] = smtp.messages;
			assert.equal(smtp.messages.length, 1);
			const today = new Date().toISOString().slice(0, 10);
			const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
			const week = (await sandboxApi('GET', `/teams/12345/transfers/36091/runs?start_date=${weekAgo}T00:00:00Z&end_date=${today}T23:59:59Z&limit=1000`)).data;
			const failed = week.filter((run) => run.status === 'FAILED').length;
			assert.ok(failed >= 1 && week.length >= 4, JSON.stringify(week));
			const rows = week.reduce((sum, run) => sum + (run.total_rows ?? 0), 0);
			assert.equal(message.subject, `Supermetrics transfers this week: 1 of ${listed.length} with failures`);
			assert.match(message.text, new RegExp(`^AW enhanced 2022-11-17 \\(36091, active\\): ${week.length} runs, ${failed} failed, ${rows} rows; last failure: Connection timeout to data source$`, 'm'));
			assert.match(message.text, /^Weekly report transfer \(\d+, active\): 0 runs, 0 failed, 0 rows$/m);
		});

		// Before any template is activated: activation opens n8n's Production Checklist over the canvas.
		test('each template in the editor: its nodes on the canvas, a screenshot of it', async () => {
			browser = await launchBrowser();
			const page = await browser.context.newPage();
			page.setDefaultTimeout(MINUTE);
			await page.goto(`${server.url}/signin`);
			await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
			await page.fill('input[name=password]', OWNER.password);
			await page.click('[data-test-id=form-submit-button]');
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			for (const [file, workflow] of Object.entries(TEMPLATES)) {
				await page.goto(`${server.url}/workflow/${workflow.id}`);
				const nodes = page.locator('[data-test-id=canvas-node]');
				await nodes.first().waitFor();
				await eventually(`${file}: its ${workflow.nodes.length} nodes on the canvas`, MINUTE, async () => (await nodes.count()) === workflow.nodes.length);
				await page.locator('[data-test-id=canvas-node] img').first().waitFor();
				await sleep(1000);
				const shot = path.join(OUTPUT, `template-${file}.png`);
				await page.screenshot({ path: shot });
				if (process.env.TEMPLATE_SCREENSHOTS === 'docs') fs.copyFileSync(shot, path.join(TEMPLATES_DIR, `${file}.png`));
			}
			await page.goto('about:blank');
		});

		test(`"${TEMPLATES[ALERT].name}": activated, a failed run and a failed backfill each reach Slack`, async () => {
			n8n.sandbox.requests.length = 0;
			await activateWorkflow(rest, TEMPLATES[ALERT].id);
			// Both triggers' first polls record where things stand; what finishes after them is news.
			await eventually('both triggers\' first polls', POLL_DEADLINE, () => calls().some((c) => c.endsWith('/runs')) && calls().some((c) => c.endsWith('/backfills/latest')));
			await sleep(3000);
			const run = n8n.sandbox.addRun({ transferId: '36091', outcome: 'FAILED', durationMs: MINUTE });
			const backfill = (await sandboxApi('POST', '/teams/12345/transfers/36091/backfills', { range_start: '2025-03-12', range_end: '2025-03-13' })).data;
			n8n.sandbox.clock.advance(30 * MINUTE);
			const posts = await eventually('both Slack posts', 2 * POLL_DEADLINE, () => {
				const mine = [slack.posts.find((p) => p.text.includes(`(run ${run.id},`)), slack.posts.find((p) => p.text.includes(`backfill ${backfill.transfer_backfill_id} `))];
				return mine.every(Boolean) && mine;
			});
			assert.equal(posts[0].channel, '#data-alerts');
			assert.equal(posts[0].authorization, 'Bearer xoxb-standin-token');
			assert.match(posts[0].text, new RegExp(`^:red_circle: Supermetrics transfer 36091: the run for \\d{4}-\\d{2}-\\d{2} ended FAILED at \\S+ \\(run ${run.id}, \\w+\\)\\.\\nConnection timeout to data source$`));
			assert.equal(
				posts[1].text,
				`:red_circle: Supermetrics transfer 36091: backfill ${backfill.transfer_backfill_id} (2025-03-12 to 2025-03-13) ended FAILED at ${(await sandboxApi('GET', `/teams/12345/backfills/${backfill.transfer_backfill_id}`)).data.end_time}: 1 of 2 runs failed.\n2025-03-13: Connection timeout to data source`,
			);
			assert.deepEqual(slack.refused, []);
			const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId: TEMPLATES[ALERT].id }) } }), 'GET executions');
			const executions = body.results ?? body;
			assert.ok(executions.length >= 2);
			assert.deepEqual([...new Set(executions.map((e) => e.status))], ['success']);
		});

		test(`"${TEMPLATES[ONBOARD].name}": the form submitted, the client e-mailed a login link, once used a connection, destination, transfer of the new login's accounts and a 30-day backfill, the team told`, async () => {
			// The alert template has been proven; its polls would only mingle with the onboarding's requests.
			data(await rest.post(`/workflows/${TEMPLATES[ALERT].id}/deactivate`), 'deactivate the alert template');
			await activateWorkflow(rest, TEMPLATES[ONBOARD].id);
			n8n.sandbox.requests.length = 0;
			smtp.messages.length = 0;
			const { timezone } = data(await rest.get('/settings'), 'GET settings');
			const dayIn = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
			const links = () => n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/ds/login/link');

			// The production form, as a browser submits it.
			const form = new FormData();
			form.append('field-0', 'Acme');
			form.append('field-1', 'marketing@acme.test');
			form.append('field-2', 'Google Analytics 4 (GAWA)');
			form.append('field-3', 'acme-analytics');
			const submittedAt = Date.now();
			const submitted = await fetch(`${server.url}/form/onboard-a-client`, { method: 'POST', body: form });
			assert.equal(submitted.status, 200, await submitted.text());

			const invitation = await eventually('the e-mail with the login link', 5 * MINUTE, () => smtp.messages.find((m) => m.to.includes('marketing@acme.test')));
			assert.equal(links().length, 1);
			const link = n8n.sandbox.state.loginLinks.get([...n8n.sandbox.state.loginLinks.keys()].pop());
			// Use Existing: a form sent twice for the client hands back this link rather than a second one.
			assert.deepEqual(links()[0].body, { ds_id: 'GAWA', description: 'Onboarding Acme', expiry_time: links()[0].body.expiry_time, use_existing: true });
			assert.equal(invitation.subject, 'Connect your Google Analytics 4 to our reporting');
			const loginUrl = /^(http\S+)$/m.exec(invitation.text)?.[1];
			assert.equal(loginUrl, link.login_url, invitation.text);
			assert.match(invitation.text, /^Hello Acme,$/m);

			// The workflow waits; the client opens the link and authorizes, as its page's button does.
			await eventually('the wait\'s first Login Link Get', 5 * MINUTE, () => calls().includes(`GET /ds/login/link/${link.link_id}`));
			const page = await fetch(loginUrl);
			assert.equal(page.status, 200);
			assert.match(await page.text(), /Authorize Google Analytics 4/);
			const authorized = await fetch(loginUrl, { method: 'POST', body: new URLSearchParams({ username: 'marketing@acme.test' }) });
			assert.equal(authorized.status, 200, await authorized.text());
			const loginId = n8n.sandbox.state.loginLinks.get(link.link_id).login_id;
			assert.ok(loginId, 'the link has a login now');
			const accounts = n8n.sandbox.state.logins.get(String(loginId)).accounts;
			assert.ok(accounts.length > 1, JSON.stringify(accounts));

			const done = await backfillThenTeamEmail();

			const posts = (p) => n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === p);
			assert.equal(links().length, 1);
			const [connection] = posts('/teams/12345/data-source-connections');
			assert.equal(posts('/teams/12345/data-source-connections').length, 1);
			assert.deepEqual(connection.body, { data_source_id: 'GAWA', destination_type: 'SQL_BQ' });
			const [destination] = posts('/teams/12345/destinations');
			assert.equal(posts('/teams/12345/destinations').length, 1);
			assert.deepEqual(destination.body, {
				type: 'SQL_BQ', display_name: 'BigQuery for Acme', auth_method: 'AUTH_METHOD_SERVICE_ACCOUNT_KEY',
				fields: { project_id: 'acme-analytics', dataset_location: 'EU', client_email: 'loader@acme-analytics.iam.gserviceaccount.com', private_key: PRIVATE_KEY },
			});
			const [transfer] = posts('/teams/12345/transfers');
			assert.equal(posts('/teams/12345/transfers').length, 1);
			assert.deepEqual(transfer.body.accounts, accounts.map((a) => ({ account_id: a.account_id, data_source_username: 'marketing@acme.test', login_id: Number(loginId) })));
			assert.equal(transfer.body.data_source_id, 'GAWA');
			const transfers = (await sandboxApi('GET', '/teams/12345/transfers')).data;
			const created = transfers.find((t) => t.display_name === 'Acme GAWA to BigQuery');
			assert.ok(created, JSON.stringify(transfers));
			const createdId = String(created.dwh_transfer_id);
			const backfills = n8n.sandbox.requests.filter((r) => r.method === 'POST' && /^\/teams\/12345\/transfers\/\d+\/backfills$/.test(r.path));
			assert.deepEqual(backfills.map((r) => r.path), [`/teams/12345/transfers/${createdId}/backfills`]);
			const { range_start, range_end } = backfills[0].body;
			// Yesterday, in n8n's time zone, at some moment between the form's submission and the e-mail.
			const days = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
			assert.ok([submittedAt, Date.now()].some((ms) => days(dayIn(ms), -1) === range_end), `${range_end} is yesterday in ${timezone}`);
			assert.equal(range_start, days(range_end, -29));
			const backfill = (await sandboxApi('GET', `/teams/12345/transfers/${createdId}/backfills/latest`)).data;
			assert.ok(['COMPLETED', 'FAILED'].includes(backfill.status), JSON.stringify(backfill));

			assert.equal(done.subject, `Onboarded Acme: transfer ${createdId}, backfill ${backfill.status}`);
			assert.equal(
				done.text,
				`Acme (marketing@acme.test) logged in to Google Analytics 4 as marketing@acme.test.\n\n` +
					`Transfer ${createdId} "Acme GAWA to BigQuery" reads the ${accounts.length} accounts of data source login ${loginId} into BigQuery project acme-analytics.\n` +
					`Backfill ${backfill.transfer_backfill_id} of ${range_start} to ${range_end}: ${backfill.status}, 30 runs.`,
			);
			const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId: TEMPLATES[ONBOARD].id }) } }), 'GET executions');
			const executions = body.results ?? body;
			assert.deepEqual(executions.map((e) => e.status), ['success']);
		});

		test(`"${TEMPLATES[LIKE_ANOTHER].name}": the form names a transfer; once the client logs in, a clone of it reads the new login's accounts, 30 days are backfilled, the team told`, async () => {
			data(await rest.post(`/workflows/${TEMPLATES[ONBOARD].id}/deactivate`), 'deactivate the onboarding template');
			await activateWorkflow(rest, TEMPLATES[LIKE_ANOTHER].id);
			n8n.sandbox.requests.length = 0;
			smtp.messages.length = 0;
			const source = (await sandboxApi('GET', '/teams/12345/transfers/36091')).data ?? (await sandboxApi('GET', '/teams/12345/transfers/36091'));
			const form = new FormData();
			form.append('field-0', 'Globex');
			form.append('field-1', 'analytics@globex.test');
			form.append('field-2', ' 36091 ');
			const submitted = await fetch(`${server.url}/form/onboard-like-another`, { method: 'POST', body: form });
			assert.equal(submitted.status, 200, await submitted.text());

			const invitation = await eventually('the e-mail with the login link', 5 * MINUTE, () => smtp.messages.find((m) => m.to.includes('analytics@globex.test')));
			const links = n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/ds/login/link');
			assert.deepEqual(links.map((r) => r.body.ds_id), [source.data_source.data_source_id]);
			assert.equal(links[0].body.use_existing, true);
			const loginUrl = /^(http\S+)$/m.exec(invitation.text)?.[1];
			const linkId = [...n8n.sandbox.state.loginLinks.values()].find((l) => l.login_url === loginUrl)?.link_id;
			assert.ok(linkId, invitation.text);
			await eventually('the wait\'s first Login Link Get', 5 * MINUTE, () => calls().includes(`GET /ds/login/link/${linkId}`));
			const authorized = await fetch(loginUrl, { method: 'POST', body: new URLSearchParams({ username: 'analytics@globex.test' }) });
			assert.equal(authorized.status, 200, await authorized.text());
			const loginId = n8n.sandbox.state.loginLinks.get(linkId).login_id;
			const accounts = n8n.sandbox.state.logins.get(String(loginId)).accounts;
			assert.ok(accounts.length > 1, JSON.stringify(accounts));

			const done = await backfillThenTeamEmail();

			const clones = n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/teams/12345/transfers/36091/clone');
			assert.equal(clones.length, 1, 'one clone for all of the login\'s accounts');
			assert.deepEqual(clones[0].body, {
				display_name: `Globex ${source.data_source.data_source_id} (like ${source.display_name})`,
				accounts: accounts.map((a) => ({ account_id: a.account_id, data_source_username: 'analytics@globex.test', login_id: Number(loginId) })),
				notification_recipients: ['data-team@example.com'],
			});
			const transfers = (await sandboxApi('GET', '/teams/12345/transfers')).data;
			const clone = transfers.find((t) => t.display_name === clones[0].body.display_name);
			assert.ok(clone, JSON.stringify(transfers));
			const cloneId = String(clone.dwh_transfer_id);
			const cloned = (await sandboxApi('GET', `/teams/12345/transfers/${cloneId}`)).data ?? (await sandboxApi('GET', `/teams/12345/transfers/${cloneId}`));
			assert.equal(cloned.data_source.data_source_id, source.data_source.data_source_id);
			const backfills = n8n.sandbox.requests.filter((r) => r.method === 'POST' && /^\/teams\/12345\/transfers\/\d+\/backfills$/.test(r.path));
			assert.deepEqual(backfills.map((r) => r.path), [`/teams/12345/transfers/${cloneId}/backfills`]);
			const backfill = (await sandboxApi('GET', `/teams/12345/transfers/${cloneId}/backfills/latest`)).data;
			assert.equal(done.subject, `Onboarded Globex like transfer 36091: transfer ${cloneId}, backfill ${backfill.status}`);
			assert.match(done.text, new RegExp(`^Transfer ${cloneId} ".+" is a copy of transfer 36091 ".+" \\(same destination, schema and schedule\\) reading the ${accounts.length} accounts of data source login ${loginId}\\.$`, 'm'));
			const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId: TEMPLATES[LIKE_ANOTHER].id }) } }), 'GET executions');
			assert.deepEqual((body.results ?? body).map((e) => e.status), ['success']);
		});

		test(`"${TEMPLATES[LAYOUT].name}": a layout file and two clients in the form; the table group imported, a transfer per client on its schema_id in one request, the team told`, async () => {
			data(await rest.post(`/workflows/${TEMPLATES[LIKE_ANOTHER].id}/deactivate`), 'deactivate the clone template');
			await activateWorkflow(rest, TEMPLATES[LAYOUT].id);
			n8n.sandbox.requests.length = 0;
			smtp.messages.length = 0;
			const layout = fs.readFileSync(path.join(TEMPLATES_DIR, 'files', 'table-layout-example.json'));
			const form = new FormData();
			form.append('field-0', new Blob([layout], { type: 'application/json' }), 'table-layout-example.json');
			form.append('field-1', 'Acme, 1234567890\nGlobex, 2345678901\n');
			const submitted = await fetch(`${server.url}/form/one-table-layout`, { method: 'POST', body: form });
			assert.equal(submitted.status, 200, await submitted.text());
			const done = await eventually('the e-mail to the team', 5 * MINUTE, () => smtp.messages.find((m) => m.to.includes('data-team@example.com')));

			const imports = n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/enterprise/v2/table/group/import');
			assert.deepEqual(imports.map((r) => r.body), [JSON.parse(layout)]);
			const group = [...n8n.sandbox.state.tableGroups.values()].find((g) => g.name === 'Agency GA4 Sessions');
			assert.ok(group, 'the table group exists in the sandbox');
			const batches = n8n.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/teams/12345/transfers/batch');
			assert.equal(batches.length, 1, 'both transfers in one request');
			assert.deepEqual(
				batches[0].body.transfers.map((t) => [t.display_name, t.schema_id, t.accounts]),
				[
					['Acme Agency GA4 Sessions', Number(group.schema_id), [{ account_id: '1234567890', data_source_username: 'user.name@supermetrics.com', login_id: 2682599 }]],
					['Globex Agency GA4 Sessions', Number(group.schema_id), [{ account_id: '2345678901', data_source_username: 'user.name@supermetrics.com', login_id: 2682599 }]],
				],
			);
			const transfers = (await sandboxApi('GET', '/teams/12345/transfers')).data;
			const created = ['Acme', 'Globex'].map((client) => transfers.find((t) => t.display_name === `${client} Agency GA4 Sessions`));
			assert.ok(created.every(Boolean), JSON.stringify(transfers));
			assert.equal(done.subject, 'Table layout Agency GA4 Sessions: 2 of 2 transfers created');
			assert.equal(
				done.text,
				`Table group ${group.group_id} "Agency GA4 Sessions" (schema_id ${group.schema_id}) was imported.\n\n` +
					`Acme: transfer ${created[0].dwh_transfer_id}\nGlobex: transfer ${created[1].dwh_transfer_id}`,
			);
			const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId: TEMPLATES[LAYOUT].id }) } }), 'GET executions');
			assert.deepEqual((body.results ?? body).map((e) => e.status), ['success']);
		});
	});
});
