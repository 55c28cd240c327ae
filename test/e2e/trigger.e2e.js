'use strict';
/**
 * The Supermetrics Transfers Trigger in a real n8n: a workflow activated over REST polls the
 * sandbox every minute, fires on a run that finishes there, and does not fire twice; Fetch Test
 * Event over REST and in the editor shows the most recent finished run.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { CACHE, N8N_VERSION, startN8n } = require('../../scripts/n8n');
const { TRIGGER_NODE, TRIGGER_TYPE, triggerWorkflow } = require('../../scripts/fixtures');
const { OWNER, waitReady, setupOwner, login, data } = require('../../scripts/rest');
const { launchBrowser } = require('../../scripts/chromium');
const { freePort } = require('../../scripts/proc');
const { OUTPUT, openInstance } = require('./instance');

// n8n stores execution data in flatted form; its own copy reads it.
const flatted = require(path.join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'flatted'));

const WORKFLOW = triggerWorkflow();
const SLACK_EXAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/examples/slack-when-a-run-fails.json'), 'utf8'));
const MINUTE = 60000;
const QUIET_TIME = '2026-06-01T10:00:00Z';
// "Every minute" fires at a random second of the minute; a busy machine adds to it.
const POLL_DEADLINE = 3 * MINUTE;
const SCREENSHOT = path.join(OUTPUT, 'trigger-editor.png');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every second until it returns something, or fails after `ms`. */
async function eventually(what, ms, check) {
	const deadline = Date.now() + ms;
	for (;;) {
		const result = await check();
		if (result) return result;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
		await sleep(1000);
	}
}

describe('the Supermetrics Transfers Trigger in n8n', { timeout: 900000 }, () => {
	let n8n;
	let server;
	let rest;

	before(async () => {
		// The sandbox's clock starts far from 22:00 UTC, when the seeded transfer's daily run would
		// start: the runs this test makes are the only ones that finish while it moves the clock.
		n8n = await openInstance('trigger', [WORKFLOW, { ...SLACK_EXAMPLE, id: 'SmSlackExample01' }], { sandbox: { clock: { start: QUIET_TIME } } });
		const port = await freePort();
		const log = fs.createWriteStream(path.join(n8n.userFolder, 'n8n.log'));
		server = startN8n(n8n.userFolder, { port, brokerPort: await freePort(), output: log });
		const local = `http://127.0.0.1:${port}`;
		await waitReady(local, { exited: server.exited });
		assert.equal(await setupOwner(local), 'created');
		rest = await login(local);
		assert.ok(rest, `the owner ${OWNER.email} cannot log in`);
	});

	after(async () => {
		await server?.stop();
		await n8n?.close();
	});

	const executions = async () => {
		const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId: WORKFLOW.id }), limit: 50 } }), 'GET executions');
		return (body.results ?? body).filter((execution) => execution.workflowId === WORKFLOW.id);
	};
	/** The items the trigger node put out in a finished execution. */
	const triggerItems = async (id) => {
		const execution = data(await rest.get(`/executions/${id}`), `GET execution ${id}`);
		if (!execution.stoppedAt) return null;
		const runData = flatted.parse(execution.data).resultData.runData;
		return { execution, items: runData[TRIGGER_NODE]?.[0]?.data?.main?.[0]?.map((item) => item.json) };
	};
	const calls = () => n8n.sandbox.requests.map((r) => `${r.method} ${r.path}`);

	test('both workflows import; activated over REST, the trigger records where things stand and emits nothing', async () => {
		const slack = data(await rest.get('/workflows/SmSlackExample01'), 'GET Slack example');
		assert.deepEqual(slack.nodes.map((node) => node.type), [TRIGGER_TYPE, 'n8n-nodes-base.slack']);
		assert.equal(slack.nodes[0].parameters.onlyFailures, true);

		const workflow = data(await rest.get(`/workflows/${WORKFLOW.id}`), 'GET workflow');
		n8n.sandbox.requests.length = 0;
		const activated = data(await rest.post(`/workflows/${WORKFLOW.id}/activate`, { versionId: workflow.versionId }), 'activate');
		assert.equal(activated.active, true);
		// n8n 2.41 publishes an activated workflow through its outbox (polled every 15 s); the
		// trigger's first poll runs then: one backfill list, one run list, and no execution.
		await eventually('the first poll', 2 * MINUTE, async () => n8n.sandbox.requests.length >= 2);
		assert.deepEqual(calls(), ['GET /teams/12345/backfills', 'GET /teams/12345/transfers/36091/runs']);
		// Each path's declared scheme: the backfill list is BearerAuth, the run list ApiKeyAuth.
		assert.deepEqual(n8n.sandbox.requests.slice(0, 2).map((r) => r.headers.authorization), ['Bearer sandbox-demo-key', 'sandbox-demo-key']);
		assert.deepEqual(await executions(), []);
	});

	let run;
	test('a run that finishes in the sandbox starts the workflow at the next poll; the execution holds it, once', async () => {
		run = n8n.sandbox.addRun({ transferId: '36091', outcome: 'FAILED', durationMs: MINUTE });
		n8n.sandbox.clock.advance(5 * MINUTE);
		const [execution] = await eventually('an execution of the trigger workflow', POLL_DEADLINE, async () => {
			const list = await executions();
			return list.length ? list : null;
		});
		const { items } = await eventually('the execution to finish', MINUTE, async () => await triggerItems(execution.id));
		assert.equal(items.length, 1);
		assert.deepEqual(
			{ id: items[0].id, status: items[0].status, team_id: items[0].team_id, transfer_id: items[0].transfer_id, succeeded: items[0].succeeded },
			{ id: run.id, status: 'FAILED', team_id: '12345', transfer_id: '36091', succeeded: false },
		);
		assert.equal(items[0].ended_time, run.ends_at);
		assert.equal(execution.mode, 'trigger');

		// The next poll finds the same run and emits nothing: n8n saved what was reported.
		const seen = n8n.sandbox.requests.length;
		await eventually('the next poll', POLL_DEADLINE, async () => n8n.sandbox.requests.length >= seen + 2);
		await sleep(3000);
		assert.equal((await executions()).length, 1);
	});

	test('Fetch Test Event over REST (a manual run from the trigger) returns the most recent finished run', async () => {
		const started = data(
			await rest.post(`/workflows/${WORKFLOW.id}/run`, { triggerToStartFrom: { name: TRIGGER_NODE } }),
			'POST run',
		);
		assert.ok(started.executionId, `no execution id: ${JSON.stringify(started)}`);
		const { execution, items } = await eventually('the manual execution', MINUTE, async () => await triggerItems(started.executionId));
		assert.equal(execution.mode, 'manual');
		assert.deepEqual(items.map((item) => [item.id, item.status]), [[run.id, 'FAILED']]);
	});

	test('the editor shows the trigger\'s fields, and Fetch Test Event shows the run', async () => {
		const browser = await launchBrowser();
		const page = await browser.context.newPage();
		page.setDefaultTimeout(MINUTE);
		try {
			await page.goto(`${server.url}/signin`);
			await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
			await page.fill('input[name=password]', OWNER.password);
			await page.click('[data-test-id=form-submit-button]');
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			await page.goto(`${server.url}/workflow/${WORKFLOW.id}`);
			const canvasNode = page.locator(`[data-test-id=canvas-node][data-node-name="${TRIGGER_NODE}"]`);
			await canvasNode.waitFor();
			await canvasNode.dblclick();
			const ndv = page.locator('[data-test-id=ndv]');
			await ndv.waitFor();
			const parameters = ndv.locator('[data-test-id=node-parameters]');
			for (const label of ['Poll Times', 'Event', 'Team ID', 'Transfer', 'Only Failures']) {
				await parameters.getByText(label, { exact: true }).first().waitFor();
			}
			assert.equal(await ndv.locator('[data-test-id=parameter-input-teamId] input').inputValue(), '12345');
			await ndv.locator('[data-test-id=node-execute-button]').first().click();
			const output = ndv.locator('[data-test-id=output-panel]');
			await output.locator('[data-test-id=node-run-status-success]').waitFor();
			await output.locator('[data-test-id=radio-button-json]').click();
			const view = output.locator('[data-test-id=ndv-data-container]', { hasText: run.id });
			await view.waitFor();
			assert.match(await view.innerText(), /"status":\s*"FAILED"/);
			await page.screenshot({ path: SCREENSHOT });
		} catch (error) {
			await page.screenshot({ path: path.join(OUTPUT, 'trigger-editor-failure.png') }).catch(() => {});
			throw error;
		} finally {
			await page.goto('about:blank').catch(() => {});
			await browser.close();
		}
	});
});
