'use strict';
/**
 * The Supermetrics Transfers Trigger in a real n8n, in each of n8n 2.41's two poll schedulers (the
 * regular one, and the durable one behind N8N_SCHEDULER_ENABLED, …_POLL_TRIGGERS_ENABLED,
 * N8N_USE_WORKFLOW_PUBLICATION_SERVICE, N8N_POLLER_DURABLE_CURSORS_ENABLED): a workflow activated
 * over REST polls the sandbox every minute and starts once for each run that finishes there, across
 * polls, n8n stopped cleanly or killed between polls and during one, deactivation and activation,
 * and (durable) an API that holds its answer past the poll's budget. Fetch Test Event over REST
 * and, once, in the editor shows the most recent finished run. Last, a second workflow on the
 * Login Link Used event starts once when a client authorizes a link on the sandbox's logins API.
 *
 * Nearly all of it is waiting for n8n's minute, so the scenarios run in chains side by side, each
 * chain with an n8n, user folder and sandbox of its own, and their waits overlap. The first chain
 * is the activation, a run reported once, Fetch Test Event (and the editor), then the login event.
 * Every other chain first does what the first chain's first two tests do, with the same assertions
 * (both workflows imported; activated, the first poll records where things stand and starts
 * nothing; a run reported once), then its scenarios one after another: each restart, kill,
 * deactivation or held answer meets a trigger that has reported runs already and must not report
 * them again. Three or four chains a scheduler, not one per scenario: each n8n costs a boot, and
 * CI's two cores run the other suites beside these. The durable scheduler's logs, all its
 * chains', are checked last for a poll n8n abandoned or a trigger error.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { CACHE, N8N_VERSION, startN8n } = require('../../scripts/n8n');
const { TRIGGER_NODE, TRIGGER_TYPE, triggerWorkflow } = require('../../scripts/fixtures');
const { OWNER, waitReady, setupOwner, login, data } = require('../../scripts/rest');
const { launchBrowser } = require('../../scripts/chromium');
const { freePort, processesOf, signalIfSame } = require('../../scripts/proc');
const { OUTPUT, openInstance, eventually, sleep } = require('./instance');

// n8n stores execution data in flatted form; its own copy reads it.
const flatted = require(path.join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'flatted'));

const WORKFLOW = triggerWorkflow();
/** The login event needs no team or transfer: those fields are hidden for it, and left as they are. */
const LOGIN_WORKFLOW = triggerWorkflow({ id: 'SmLoginTrigger01', name: 'When a client authorizes a login link', parameters: { event: 'loginLinkUsed' } });
const SLACK_EXAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/examples/slack-when-a-run-fails.json'), 'utf8'));
const MINUTE = 60000;
const QUIET_TIME = '2026-06-01T10:00:00Z';
// "Every minute" fires at one second of the minute (random, or seeded by the durable scheduler); a
// busy machine adds to it.
const POLL_DEADLINE = 3 * MINUTE;
const SCREENSHOT = path.join(OUTPUT, 'trigger-editor.png');

/**
 * The durable scheduler, with its poll timeout at 15 s: getPollBudgetMs() is then 10 s (15 s less
 * n8n's least margin of 5 s), so the test of an API holding its answer takes seconds, not a minute.
 */
const DURABLE = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TIMEOUT: '15',
};
const SCHEDULERS = { regular: {}, durable: DURABLE };

/** Each scenario's test name. */
const TITLES = {
	activation: 'both workflows import; activated over REST, the trigger records where things stand and emits nothing',
	runAfterActivation: 'a run that finishes after the activation\'s poll starts the workflow at the next poll, once',
	fetchTestEvent: 'Fetch Test Event over REST (a manual run from the trigger) returns the most recent finished run',
	stoppedCleanly: 'n8n stopped cleanly between polls: a run that finished while it was down, once',
	killedBetweenPolls: 'n8n killed (SIGKILL) between polls: a run that finished meanwhile, once',
	killedDuringPoll: 'n8n killed during a poll (the API holding its answer): the run, once, after the restart',
	deactivated: 'deactivated and activated again: a run that finished while inactive, once',
	heldPastBudget: 'an API that holds its answer past the poll\'s budget: the poll stops in time (n8n never abandons it) and the next one reports the run, once',
	editor: 'the editor shows the trigger\'s fields, and Fetch Test Event shows the run',
	loginLinkUsed: 'Login Link Used: a client who authorizes a link after the activation starts that workflow once, with the link\'s login',
};

/**
 * One scheduler's chains, each with an n8n of its own: `setup` scenarios run first in its `before`
 * hook (their assertions made there as in the first chain's tests), then each of `tests` is a test.
 */
function chains(scheduler) {
	const first = ['activation', 'runAfterActivation'];
	return [
		{ name: 'activation', title: 'activated, a run, Fetch Test Event, the login event', tests: [...first, 'fetchTestEvent', ...(scheduler === 'regular' ? ['editor'] : []), 'loginLinkUsed'] },
		{ name: 'restart', title: 'after a run reported: stopped cleanly, then killed between polls', setup: first, tests: ['stoppedCleanly', 'killedBetweenPolls'] },
		{ name: 'kill-in-poll', title: 'after a run reported: killed during a poll, then deactivated and activated', setup: first, tests: ['killedDuringPoll', 'deactivated'] },
		...(scheduler === 'durable' ? [{ name: 'held', title: 'after a run reported: an answer held past the budget', setup: first, tests: ['heldPastBudget'] }] : []),
	];
}

/** One chain's n8n, with its own user folder and sandbox, and the scenarios run on it. */
function instance(scheduler, env, chain) {
	let n8n;
	let server;
	let rest;
	let startedAt;
	let readyAt;
	/** The runs this chain makes, each expected to start the workflow exactly once. */
	const runs = [];

	/** n8n on the instance's user folder (again, after a stop), logged in. */
	async function boot() {
		const logFile = path.join(n8n.userFolder, 'n8n.log');
		// A port drawn free can be taken by another suite's process before n8n binds it (CI runs
		// a dozen n8n side by side): n8n then exits saying so, and another pair of ports is drawn.
		let local;
		for (let attempt = 1; ; attempt++) {
			const port = await freePort();
			local = `http://127.0.0.1:${port}`;
			const logged = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
			const log = fs.createWriteStream(logFile, { flags: 'a' });
			server = startN8n(n8n.userFolder, { port, brokerPort: await freePort(), env, output: log });
			try {
				await waitReady(local, { exited: server.exited });
				break;
			} catch (error) {
				await server.stop();
				// Its last words through the pipes, then into the file, before reading them.
				const { child } = server;
				await new Promise((resolve) => (child.stdout.closed && child.stderr.closed ? resolve() : child.once('close', resolve)));
				await new Promise((resolve) => log.end(resolve));
				const said = fs.readFileSync(logFile, 'utf8').slice(logged);
				if (attempt >= 3 || !/port \d+ is already in use/.test(said)) throw error;
			}
		}
		assert.match(await setupOwner(local), /^(created|existing)$/);
		rest = await login(local);
		assert.ok(rest, `the owner ${OWNER.email} cannot log in`);
	}

	/** SIGKILL, as a crash would: n8n saves nothing more; its task runner is ended after it. */
	async function kill() {
		const [, ...children] = processesOf(server.pid);
		process.kill(server.pid, 'SIGKILL');
		await server.exited;
		// Each only if it is still the same process (gone with its parent, its pid may be another's now).
		for (const child of children) signalIfSame(child, 'SIGKILL');
	}

	async function open() {
		startedAt = Date.now();
		// The sandbox's clock starts far from 22:00 UTC, when the seeded transfer's daily run would
		// start: the runs this test makes are the only ones that finish while it moves the clock.
		n8n = await openInstance(`trigger-${scheduler}-${chain}`, [WORKFLOW, LOGIN_WORKFLOW, { ...SLACK_EXAMPLE, id: 'SmSlackExample01' }], { sandbox: { clock: { start: QUIET_TIME } } });
		await boot();
		readyAt = Date.now();
	}

	async function close() {
		await server?.stop();
		await n8n?.close();
		const seconds = (from, to = Date.now()) => `${((to - from) / 1000).toFixed(0)} s`;
		console.log(`# trigger e2e, ${scheduler} scheduler, ${chain}: ${seconds(startedAt)} (n8n ready after ${readyAt ? seconds(startedAt, readyAt) : '-'})`);
	}

	const executions = async (workflowId = WORKFLOW.id) => {
		const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId }), limit: 100 } }), 'GET executions');
		return (body.results ?? body).filter((execution) => execution.workflowId === workflowId);
	};
	/** The items the trigger node put out in a finished execution. */
	const triggerItems = async (id) => {
		const execution = data(await rest.get(`/executions/${id}`), `GET execution ${id}`);
		if (!execution.stoppedAt) return null;
		const runData = flatted.parse(execution.data).resultData.runData;
		return { execution, items: runData[TRIGGER_NODE]?.[0]?.data?.main?.[0]?.map((item) => item.json) };
	};
	/** How often each run started an active (not a manual) execution, once all have finished. */
	const reported = async () => {
		const counts = {};
		for (const { id, mode } of await executions()) {
			if (mode === 'manual') continue;
			const finished = await triggerItems(id);
			if (!finished) return null;
			for (const item of finished.items ?? []) counts[item.id] = (counts[item.id] ?? 0) + 1;
		}
		return counts;
	};
	/** Waits until `run` started the workflow; then one more poll, and every run so far is in exactly once. */
	async function reportedOnce(run) {
		await eventually(`an execution with run ${run.id}`, POLL_DEADLINE, async () => (await reported())?.[run.id]);
		const seen = n8n.sandbox.requests.length;
		await eventually('the next poll', POLL_DEADLINE, async () => n8n.sandbox.requests.length >= seen + 2);
		await sleep(3000);
		const counts = await eventually('the executions to finish', MINUTE, reported);
		assert.deepEqual(counts, Object.fromEntries(runs.map((r) => [r.id, 1])));
	}
	/** A run of the seeded transfer that finishes a minute after it starts, and five minutes on. */
	function finishRun() {
		const run = n8n.sandbox.addRun({ transferId: '36091', outcome: 'FAILED', durationMs: MINUTE });
		n8n.sandbox.clock.advance(5 * MINUTE);
		runs.push(run);
		return run;
	}
	/** Resolves just after a poll (both its requests answered): the trigger is between polls. */
	async function betweenPolls() {
		const seen = n8n.sandbox.requests.length;
		await eventually('a poll', POLL_DEADLINE, async () => n8n.sandbox.requests.length >= seen + 2);
		await sleep(2000);
	}
	const calls = () => n8n.sandbox.requests.map((r) => `${r.method} ${r.path}`);

	const scenarios = {
		async activation() {
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
			assert.deepEqual(calls().slice(0, 2), ['GET /teams/12345/backfills', 'GET /teams/12345/transfers/36091/runs']);
			// The newest reference's one scheme on every path, Bearer, accepted the first time.
			assert.deepEqual(n8n.sandbox.requests.slice(0, 2).map((r) => [r.headers.authorization, r.status]), [['Bearer sandbox-demo-key', 200], ['Bearer sandbox-demo-key', 200]]);
			assert.deepEqual(await executions(), []);
		},

		async runAfterActivation() {
			// The durable scheduler drops the activation poll's state (it emitted nothing): before the
			// trigger kept a copy where n8n does save it, this run was never reported.
			const run = finishRun();
			await reportedOnce(run);
			const list = await executions();
			assert.equal(list.length, 1);
			const { items, execution } = await triggerItems(list[0].id);
			assert.deepEqual(
				{ id: items[0].id, status: items[0].status, team_id: items[0].team_id, transfer_id: items[0].transfer_id, succeeded: items[0].succeeded },
				{ id: run.id, status: 'FAILED', team_id: '12345', transfer_id: '36091', succeeded: false },
			);
			assert.equal(items[0].ended_time, run.ends_at);
			assert.equal(execution.mode, 'trigger');
		},

		async fetchTestEvent() {
			const started = data(await rest.post(`/workflows/${WORKFLOW.id}/run`, { triggerToStartFrom: { name: TRIGGER_NODE } }), 'POST run');
			assert.ok(started.executionId, `no execution id: ${JSON.stringify(started)}`);
			const { execution, items } = await eventually('the manual execution', MINUTE, async () => await triggerItems(started.executionId));
			assert.equal(execution.mode, 'manual');
			assert.deepEqual(items.map((item) => [item.id, item.status]), [[runs.at(-1).id, 'FAILED']]);
		},

		async stoppedCleanly() {
			await betweenPolls();
			await server.stop();
			const run = finishRun();
			await boot();
			await reportedOnce(run);
		},

		async killedBetweenPolls() {
			await betweenPolls();
			const run = finishRun();
			await kill();
			await boot();
			await reportedOnce(run);
		},

		async killedDuringPoll() {
			await betweenPolls();
			const run = finishRun();
			const gate = n8n.sandbox.hold({ path: '/runs' });
			await eventually('a poll waiting for its answer', POLL_DEADLINE, async () => gate.held >= 1);
			await kill();
			gate.release();
			await boot();
			await reportedOnce(run);
		},

		async deactivated() {
			await betweenPolls();
			data(await rest.post(`/workflows/${WORKFLOW.id}/deactivate`), 'deactivate');
			const run = finishRun();
			const workflow = data(await rest.get(`/workflows/${WORKFLOW.id}`), 'GET workflow');
			data(await rest.post(`/workflows/${WORKFLOW.id}/activate`, { versionId: workflow.versionId }), 'activate');
			await reportedOnce(run);
		},

		async heldPastBudget() {
			await betweenPolls();
			const run = finishRun();
			const gate = n8n.sandbox.hold({ path: '/runs' });
			await eventually('a poll waiting for its answer', POLL_DEADLINE, async () => gate.held >= 1);
			// The poll's budget is 10 s; n8n abandons a tick at 15 s. Past both, the poll is over.
			await sleep(20000);
			assert.equal((await reported())?.[run.id], undefined);
			gate.release();
			await reportedOnce(run);
			const log = fs.readFileSync(path.join(n8n.userFolder, 'n8n.log'), 'utf8');
			assert.doesNotMatch(log, /Poll exceeded its timeout and was abandoned/);
			assert.doesNotMatch(log, /Supermetrics Transfers Trigger.*(error|failed)/i);
		},

		async editor() {
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
				const view = output.locator('[data-test-id=ndv-data-container]', { hasText: runs.at(-1).id });
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
		},

		async loginLinkUsed() {
			data(await rest.post(`/workflows/${WORKFLOW.id}/deactivate`), 'deactivate');
			const linkPolls = () => n8n.sandbox.requests.filter((r) => r.api === 'logins' && r.method === 'GET' && r.path === '/ds/login/links').length;
			const workflow = data(await rest.get(`/workflows/${LOGIN_WORKFLOW.id}`), 'GET login workflow');
			data(await rest.post(`/workflows/${LOGIN_WORKFLOW.id}/activate`, { versionId: workflow.versionId }), 'activate');
			// The activation's poll makes the baseline (the durable scheduler drops its state, as above).
			await eventually('the login trigger\'s first poll', 2 * MINUTE, async () => linkPolls() >= 1);
			await sleep(2000);
			assert.deepEqual(await executions(LOGIN_WORKFLOW.id), []);

			// A link made as Login Link → Create makes it, then opened and authorized by the client.
			const made = await fetch(`${n8n.sandbox.apiUrl}/ds/login/link`, {
				method: 'POST',
				headers: { Authorization: 'Bearer sandbox-demo-key', 'Content-Type': 'application/json' },
				body: JSON.stringify({ ds_id: 'FA' }),
			});
			assert.equal(made.status, 201);
			const { data: link } = await made.json();
			n8n.sandbox.clock.advance(MINUTE);
			const login = n8n.sandbox.completeLogin(link.link_id);

			await eventually('an execution for the used link', POLL_DEADLINE, async () => (await executions(LOGIN_WORKFLOW.id)).length > 0);
			const seen = linkPolls();
			await eventually('the next poll', POLL_DEADLINE, async () => linkPolls() >= seen + 1);
			await sleep(3000);
			const list = await executions(LOGIN_WORKFLOW.id);
			assert.equal(list.length, 1, `executions: ${JSON.stringify(list.map((e) => e.id))}`);
			const { items, execution } = await eventually('the execution to finish', MINUTE, async () => await triggerItems(list[0].id));
			assert.equal(execution.mode, 'trigger');
			assert.deepEqual(
				items.map((item) => ({ link_id: item.link_id, login_id: item.login_id, login_username: item.login_username })),
				[{ link_id: link.link_id, login_id: login.login_id, login_username: login.username }],
			);
			data(await rest.post(`/workflows/${LOGIN_WORKFLOW.id}/deactivate`), 'deactivate');
		},
	};

	return { open, close, scenarios, logFile: () => path.join(n8n.userFolder, 'n8n.log') };
}

// Both schedulers, and within each every chain, side by side: each chain mostly waits for its n8n's
// minute, so together they take about as long as the longest chain alone. Within a chain, one
// test at a time (subtests would inherit the concurrency).
describe('the Supermetrics Transfers Trigger in n8n, in each scheduler', { concurrency: true }, () => {
	for (const [scheduler, env] of Object.entries(SCHEDULERS)) {
		describe(`the Supermetrics Transfers Trigger in n8n (${scheduler} scheduler)`, { concurrency: 1 }, () => {
			const opened = [];
			describe(`${scheduler} scheduler: the scenarios, in chains side by side`, { concurrency: true }, () => {
				for (const { name, title, setup = [], tests } of chains(scheduler)) {
					describe(`${scheduler} scheduler, ${title}`, { timeout: 1800000, concurrency: 1 }, () => {
						const chain = instance(scheduler, env, name);
						opened.push(chain);
						before(async () => {
							await chain.open();
							for (const scenario of setup) await chain.scenarios[scenario]();
						});
						after(() => chain.close());
						for (const scenario of tests) test(TITLES[scenario], () => chain.scenarios[scenario]());
					});
				}
			});

			if (scheduler === 'durable') {
				// What the held-answer test checks in its own log, checked in every chain's: no poll of
				// any scenario was abandoned, none logged a trigger error.
				test('no chain\'s n8n abandoned a poll or logged a trigger error', () => {
					for (const chain of opened) {
						const log = fs.readFileSync(chain.logFile(), 'utf8');
						assert.doesNotMatch(log, /Poll exceeded its timeout and was abandoned/);
						assert.doesNotMatch(log, /Supermetrics Transfers Trigger.*(error|failed)/i);
					}
				});
			}
		});
	}
});
