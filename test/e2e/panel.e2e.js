'use strict';
/**
 * The node as a person adds it, in n8n's editor in headless Chromium: every action n8n's node panel
 * offers for the package (the node's and the trigger's) added to a new workflow lands on its
 * operation, with Resource and Operation (or Event) in view and the operation's fields; picking
 * another credential changes nothing but the credential; the templates open without a warning on
 * any of the package's nodes once `npm start`'s credentials exist.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { NodeHelpers } = require('n8n-workflow');

const { NODE_TYPE, startN8n } = require('../../scripts/n8n');
const { CREDENTIAL, SECRETS_CREDENTIAL, TRIGGER_TYPE } = require('../../scripts/fixtures');
const { OWNER, waitReady, setupOwner, login, data } = require('../../scripts/rest');
const { launchBrowser } = require('../../scripts/chromium');
const { freePort } = require('../../scripts/proc');
const { templateWorkflows, withSandboxCredential } = require('../../scripts/templates');
const { OUTPUT, openInstance, settled } = require('./instance');

const { SupermetricsTransfers } = require('../../dist/nodes/SupermetricsTransfers/SupermetricsTransfers.node.js');
const { SupermetricsTransfersTrigger } = require('../../dist/nodes/SupermetricsTransfers/SupermetricsTransfersTrigger.node.js');

const TIMEOUT = 60000;
const NODE = new SupermetricsTransfers().description;
const TRIGGER = new SupermetricsTransfersTrigger().description;
/** A second credential of each type, to switch to. */
const OTHER_API = { id: 'SmSecondCred0001', name: 'Supermetrics second team', type: CREDENTIAL.type, data: { apiKey: 'second-team-key', authScheme: 'perEndpoint' } };
const OTHER_SECRETS = { id: 'SmSecondSecrets1', name: 'Second warehouse secrets', type: SECRETS_CREDENTIAL.type, data: { password: 'second-password' } };
const TEMPLATES = templateWorkflows().map(({ file, workflow }) => ({ file, workflow: withSandboxCredential(workflow) }));
const ONBOARD = TEMPLATES.find(({ file }) => file === 'onboard-a-client').workflow;

const stub = (type, parameters) => ({ name: 'n', type, typeVersion: 1, position: [0, 0], parameters });
/** A node's parameters as n8n reads them: the stored ones and every displayed default. */
const withDefaults = (description, type, parameters) => NodeHelpers.getNodeParameters(description.properties, parameters, true, false, stub(type, parameters), description);
/** The top-level fields n8n's panel shows for these parameters, as their labels, in order. */
function labelsShown(description, type, parameters) {
	const values = withDefaults(description, type, parameters);
	return description.properties
		// A resource mapper shows its own header, not a label (checked by its container instead).
		.filter((p) => !['hidden', 'notice', 'callout', 'resourceMapper'].includes(p.type) && NodeHelpers.displayParameter(values, p, stub(type, values), description))
		.map((p) => p.displayName)
		.filter((label, i, all) => all.indexOf(label) === i);
}

/** Whether n8n's panel shows a resource mapper (a form loaded from the API) for these parameters. */
function hasMapper(description, type, parameters) {
	const values = withDefaults(description, type, parameters);
	return description.properties.some((p) => p.type === 'resourceMapper' && NodeHelpers.displayParameter(values, p, stub(type, values), description));
}

/** Every action of the package as n8n's node panel lists it, with what it must land on. */
function expectedActions() {
	const resourceField = NODE.properties.find((p) => p.name === 'resource');
	const node = resourceField.options.flatMap((resource) =>
		NODE.properties
			.find((p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource.value))
			.options.map((operation) => ({
				type: NODE_TYPE,
				action: operation.action,
				parameters: { resource: resource.value, operation: operation.value },
				shown: { resource: resource.name, operation: operation.name },
				labels: labelsShown(NODE, NODE_TYPE, { resource: resource.value, operation: operation.value }),
				mapper: hasMapper(NODE, NODE_TYPE, { resource: resource.value, operation: operation.value }),
			})),
	);
	const trigger = TRIGGER.properties
		.find((p) => p.name === 'event')
		.options.map((event) => ({
			type: TRIGGER_TYPE,
			// n8n's own wording for a trigger's event without an `action` of its own.
			action: event.action ?? `On ${event.name.toLowerCase()}`,
			parameters: { event: event.value },
			shown: { event: event.name },
			labels: labelsShown(TRIGGER, TRIGGER_TYPE, { event: event.value }),
		}));
	return { node, trigger };
}

describe('the node as a person adds it in n8n\'s editor', { timeout: 1800000 }, () => {
	let n8n;
	let server;
	let browser;
	let page;
	let rest;

	before(async () => {
		n8n = await openInstance('panel', TEMPLATES.map(({ workflow }) => workflow), { credentials: [OTHER_API, OTHER_SECRETS] });
		const port = await freePort();
		const log = fs.createWriteStream(path.join(n8n.userFolder, 'n8n.log'));
		server = startN8n(n8n.userFolder, { port, brokerPort: await freePort(), output: log });
		const local = `http://127.0.0.1:${port}`;
		await waitReady(local, { exited: server.exited });
		assert.equal(await setupOwner(local), 'created');
		rest = await login(local);
		browser = await launchBrowser();
		page = await browser.context.newPage();
		page.setDefaultTimeout(TIMEOUT);
		await page.goto(`${server.url}/signin?redirect=${encodeURIComponent('/home/workflows')}`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	});

	after(async () => {
		await page?.goto('about:blank').catch(() => {});
		await browser?.close();
		await server?.stop();
		await n8n?.close();
	});

	/** Runs `steps`, with a screenshot of the page under `name` when they fail. */
	async function shot(name, steps) {
		try {
			return await steps();
		} catch (error) {
			await page.screenshot({ path: path.join(OUTPUT, `panel-${name}-failure.png`) }).catch(() => {});
			throw error;
		}
	}

	/** Opens n8n's node panel, finds the package by name and picks one of its actions. */
	async function addFromPanel(opener, action, screenshot) {
		await page.locator(opener).first().click();
		const creator = page.locator('[data-test-id=node-creator]');
		await creator.waitFor();
		await creator.locator('[data-test-id=node-creator-search-bar] input, [data-test-id=search-bar] input').first().fill('Supermetrics');
		const entries = creator.locator('[data-test-id=item-iterator-item]');
		await entries.filter({ hasText: 'Supermetrics Transfers' }).first().click();
		const item = creator.locator('[data-test-id=item-iterator-item]').filter({ has: page.getByText(action, { exact: true }) });
		if (!(await item.first().isVisible())) {
			// The panel folds the section (Triggers or Actions) a canvas does not start with.
			await creator.locator('[data-test-id=node-creator-category-item]').filter({ hasText: /^(Triggers|Actions) \(\d+\)/ }).filter({ hasNotText: 'expanded' }).last().click();
		}
		if (screenshot) await page.screenshot({ path: path.join(OUTPUT, screenshot) });
		await item.first().click();
		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.waitFor();
		return ndv;
	}

	/** The labels of the panel's parameters, top to bottom (the first line of each). */
	const labels = async (ndv) =>
		(await ndv.locator('[data-test-id=node-parameters] [data-test-id=input-label]').allInnerTexts()).map((text) => text.split('\n')[0].trim());

	/** `expected` appear in `shown` in that order (nested fields may show between them). */
	function assertInOrder(shown, expected, what) {
		let at = 0;
		for (const label of expected) {
			const found = shown.indexOf(label, at);
			assert.ok(found !== -1, `${what}: "${label}" is not shown (after "${shown[at - 1] ?? ''}"); the panel shows ${JSON.stringify(shown)}`);
			at = found + 1;
		}
	}

	test('every action of the node panel lands on its operation, with Resource and Operation in view', async () => {
		const { node, trigger } = expectedActions();
		assert.equal(node.length, 41);
		assert.equal(trigger.length, 4);
		await shot('actions', async () => {
			await page.goto(`${server.url}/workflow/new`);
			await page.locator('[data-test-id=canvas-plus-button]').waitFor();
			const added = [];
			for (const [index, expected] of [...trigger, ...node].entries()) {
				// An empty canvas starts from its "Add first step" button, later steps from the panel's +.
				const opener = index === 0 ? '[data-test-id=canvas-plus-button]' : '[data-test-id=node-creator-plus-button]';
				const ndv = await addFromPanel(opener, expected.action, expected === node[0] ? 'node-panel.png' : undefined);
				const what = `"${expected.action}"`;
				for (const [name, value] of Object.entries(expected.shown)) {
					const input = ndv.locator(`[data-test-id=parameter-input-${name}] input`).first();
					assert.ok(await input.isVisible(), `${what}: the ${name} dropdown is not in view`);
					assert.equal(await input.inputValue(), value, `${what}: ${name}`);
				}
				assertInOrder(await labels(ndv), expected.labels, what);
				if (expected.mapper) await ndv.locator('[data-test-id=resource-mapper-container]').waitFor();
				const title = (await ndv.locator('[data-test-id=node-title-container]').innerText()).split('\n')[0].trim();
				added.push({ ...expected, name: title });
				if (index === 0) await page.screenshot({ path: path.join(OUTPUT, 'panel-trigger.png') });
				if (expected.action === 'Create a login link') await page.screenshot({ path: path.join(OUTPUT, 'panel-action.png') });
				await ndv.locator('[data-test-id=ndv-close-button]').click();
				await ndv.waitFor({ state: 'hidden' });
			}
			await page.screenshot({ path: path.join(OUTPUT, 'panel-canvas.png') });

			// Saved as a person saves it; each stored node, as n8n reads it back, holds its action.
			const saved = page.waitForResponse((r) => /\/rest\/workflows(\/[^/?]+)?(\?|$)/.test(r.url()) && ['POST', 'PATCH'].includes(r.request().method()) && r.ok());
			await page.keyboard.press('Control+s');
			const workflowId = data({ status: 200, data: await (await saved).json() }, 'save').id;
			const stored = data(await rest.get(`/workflows/${workflowId}`), 'GET workflow').nodes;
			for (const expected of added) {
				const storedNode = stored.find((n) => n.name === expected.name);
				assert.ok(storedNode, `"${expected.action}": no node named "${expected.name}" was saved`);
				assert.equal(storedNode.type, expected.type, `"${expected.action}": node type`);
				const description = expected.type === NODE_TYPE ? NODE : TRIGGER;
				const values = withDefaults(description, expected.type, storedNode.parameters);
				for (const [name, value] of Object.entries(expected.parameters)) assert.equal(values[name], value, `"${expected.action}": stored ${name}`);
			}
			assert.equal(stored.filter((n) => [NODE_TYPE, TRIGGER_TYPE].includes(n.type)).length, 45);
		});
	});

	test('the templates open without a warning on any of the package\'s nodes; the others only miss the user\'s own credentials', async () => {
		for (const { file, workflow } of TEMPLATES) {
			await shot(`template-${file}`, async () => {
				await page.goto(`${server.url}/workflow/${workflow.id}`);
				const canvasNodes = page.locator('[data-test-id=canvas-node]');
				await canvasNodes.nth(workflow.nodes.length - 1).waitFor();
				for (const node of workflow.nodes) {
					const issues = page.locator(`[data-test-id=canvas-node][data-node-name="${node.name}"] [data-test-id=node-issues]`);
					if ([NODE_TYPE, TRIGGER_TYPE].includes(node.type)) {
						assert.equal(await issues.count(), 0, `${file}: "${node.name}" shows a warning`);
					} else if (await issues.count()) {
						await issues.hover();
						const tooltip = page.getByText(/^Credentials for .+ are not set\.$/);
						await tooltip.first().waitFor();
						await page.mouse.move(0, 0);
					}
				}
			});
		}
	});
	test('picking another credential changes no node\'s resource, operation or parameters, and each credential field says what it is', async () => {
		const switched = ['Create a login link', 'Create the data source connection', 'Create the destination', 'Create the transfer', 'Backfill the last 30 days'];
		const open = async (name) => {
			await page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`).dblclick();
			const ndv = page.locator('[data-test-id=ndv]');
			await ndv.waitFor();
			return ndv;
		};
		const close = async (ndv) => {
			await ndv.locator('[data-test-id=ndv-close-button]').click();
			await ndv.waitFor({ state: 'hidden' });
		};
		const save = async () => {
			const saved = page.waitForResponse((r) => r.url().includes(`/rest/workflows/${ONBOARD.id}`) && r.request().method() === 'PATCH' && r.ok());
			await page.keyboard.press('Control+s');
			await saved;
			return data(await rest.get(`/workflows/${ONBOARD.id}`), 'GET template').nodes;
		};
		const before = await shot('credentials', async () => {
			await page.goto(`${server.url}/workflow/${ONBOARD.id}`);
			// Opened and closed once first, then saved: the editor fills in defaults as it opens a
			// node (an empty Options, the settings form), which is not the credential's doing.
			for (const name of switched) await close(await open(name));
			return await save();
		});
		const after = await shot('credentials', async () => {
			for (const name of switched) {
				const storedBefore = before.find((n) => n.name === name);
				const { resource } = withDefaults(NODE, NODE_TYPE, storedBefore.parameters);
				const ndv = await open(name);
				const slots = ndv.locator('[data-test-id=node-credentials-slot]');
				const expectedSlots = resource === 'destination' ? 2 : 1;
				await slots.nth(expectedSlots - 1).waitFor();
				assert.equal(await slots.count(), expectedSlots, `${name}: credential fields`);
				const shownLabels = await ndv.locator('[data-test-id=credentials-label]').allInnerTexts();
				assert.deepEqual(
					shownLabels.map((text) => text.split('\n')[0].trim()),
					['Credential for Supermetrics Transfers API', 'Credential for Destination Secrets'].slice(0, expectedSlots),
				);
				for (const [slot, other] of [OTHER_API, OTHER_SECRETS].slice(0, expectedSlots).entries()) {
					const select = slots.nth(slot).locator('[data-test-id=node-credentials-select]');
					await select.click();
					await page.locator(`[data-test-id=node-credentials-select-item-${other.id}]`).click();
					// The name shows, not the id: the field lists this credential type's credentials.
					assert.equal(await settled(select.locator('input'), other.name, TIMEOUT), other.name, `${name}: the picked credential's name`);
				}
				assert.equal(await ndv.locator('[data-test-id=parameter-input-resource] input').inputValue(), resourceName(resource));
				if (expectedSlots === 2) await page.screenshot({ path: path.join(OUTPUT, 'panel-credentials.png') });
				await close(ndv);
			}
			return await save();
		});
		for (const name of switched) {
			const [was, now] = [before, after].map((nodes) => nodes.find((n) => n.name === name));
			assert.deepEqual(now.parameters, was.parameters, `${name}: parameters changed`);
			const expected = { [CREDENTIAL.type]: { id: OTHER_API.id, name: OTHER_API.name } };
			if (was.parameters.resource === 'destination') expected[SECRETS_CREDENTIAL.type] = { id: OTHER_SECRETS.id, name: OTHER_SECRETS.name };
			assert.deepEqual(now.credentials, expected, `${name}: credentials`);
		}
	});
});

const resourceName = (value) => NODE.properties.find((p) => p.name === 'resource').options.find((o) => o.value === value).name;
