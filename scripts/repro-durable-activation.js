#!/usr/bin/env node
'use strict';
/**
 * `node scripts/repro-durable-activation.js [regular|durable]…`: n8n 2.41's durable poll scheduler
 * drops what an activation poll leaves in its static data when that poll emits nothing, with n8n's
 * own RSS Feed Trigger and no other node (no community package, no Code node).
 *
 * An RSS feed on loopback holds one old item. The workflow is activated; n8n's activation poll
 * reads the feed, emits nothing (the item is old) and records the newest item's date. Right after,
 * a new item is published. The regular scheduler saved the activation's record, so its next poll
 * emits the new item. The durable one never committed it (poll-trigger-executor.js runs the
 * activation poll as a test, and commits a staged cursor only when `!testingTrigger`): its first
 * tick starts with empty static data, takes "now" as its starting point, and the new item, dated
 * before that tick, is never emitted.
 *
 * Prints, per scheduler, the feed's requests, when the item was published, and the executions.
 * Needs the cached n8n (npm run test:e2e or npm start installs it); about 2 minutes a scheduler.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { ROOT, ensureN8n, n8nCli, startN8n } = require('./n8n');
const { ensureNode24 } = require('./node24');
const { freePort, waitFor } = require('./proc');
const { data, login, setupOwner, waitReady } = require('./rest');

const DURABLE = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};
const WORKFLOW_ID = 'ReproRssTrigger1';
const MINUTE = 60000;

/** An RSS 2.0 feed whose items the script adds; every request to it is noted. */
async function feedServer() {
	const items = [{ title: 'old item', date: new Date(Date.now() - 24 * 3600 * 1000) }];
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push(Date.now());
		const entries = [...items]
			.sort((a, b) => b.date - a.date)
			.map((item) => `<item><title>${item.title}</title><guid>${item.title}</guid><pubDate>${item.date.toUTCString()}</pubDate></item>`)
			.join('');
		res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
		res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>repro</title><link>http://127.0.0.1/</link><description>repro</description>${entries}</channel></rss>`);
	});
	const port = await freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${port}/feed.xml`, items, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

const workflow = (feedUrl) => ({
	id: WORKFLOW_ID,
	name: 'Repro: RSS Feed Trigger alone',
	active: false,
	nodes: [
		{
			id: '2f4a3b8e-1c55-4d1e-9c77-0d9e3f1a2b01',
			name: 'RSS Feed Trigger',
			type: 'n8n-nodes-base.rssFeedReadTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, feedUrl },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
});

async function repro(scheduler) {
	const feed = await feedServer();
	const userFolder = path.join(ROOT, 'test-output', `repro-durable-activation-${scheduler}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const file = path.join(userFolder, 'workflow.json');
	fs.writeFileSync(file, JSON.stringify([workflow(feed.url)]));
	const imported = await n8nCli(userFolder, ['import:workflow', `--input=${file}`]);
	if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);

	const port = await freePort();
	const log = fs.createWriteStream(path.join(userFolder, 'n8n.log'));
	const server = startN8n(userFolder, { port, brokerPort: await freePort(), env: scheduler === 'durable' ? DURABLE : {}, output: log });
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitReady(url, { exited: server.exited });
		await setupOwner(url);
		const rest = await login(url);
		const { versionId } = data(await rest.get(`/workflows/${WORKFLOW_ID}`), 'GET workflow');
		data(await rest.post(`/workflows/${WORKFLOW_ID}/activate`, { versionId }), 'activate');
		const start = Date.now();
		// The activation's poll (n8n publishes activations through an outbox, polled every 15 s).
		await waitFor(() => feed.requests.length >= 1, { timeoutMs: 2 * MINUTE, what: 'the activation poll', exited: server.exited });
		feed.items.push({ title: 'new item', date: new Date() });
		const published = Date.now();
		// Three polls more: the item is emitted by the first, or never.
		await waitFor(() => feed.requests.length >= 4, { timeoutMs: 5 * MINUTE, what: 'three polls', exited: server.exited });
		const body = data(await rest.get('/executions', { params: { filter: JSON.stringify({ workflowId: WORKFLOW_ID }) } }), 'GET executions');
		const executions = (body.results ?? body).filter((execution) => execution.workflowId === WORKFLOW_ID);
		const at = (ms) => `${((ms - start) / 1000).toFixed(1)} s`;
		return {
			scheduler,
			feedRequests: feed.requests.map(at),
			newItemPublished: at(published),
			executions: executions.length,
			verdict: executions.length === 1 ? 'the new item started the workflow once' : `the new item started ${executions.length} executions`,
		};
	} finally {
		await server.stop();
		await feed.close();
	}
}

async function main() {
	const schedulers = process.argv.slice(2).length ? process.argv.slice(2) : ['regular', 'durable'];
	await ensureNode24();
	await ensureN8n();
	for (const scheduler of schedulers) {
		if (!['regular', 'durable'].includes(scheduler)) throw new Error(`Unknown scheduler ${scheduler}: regular or durable`);
		console.log(JSON.stringify(await repro(scheduler)));
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
