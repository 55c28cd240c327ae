/**
 * Supermetrics Transfers Trigger, Login Link Used and Login Expiring: polls through n8n-core's
 * PollContext in both of n8n's schedulers, against the sandbox's second origin (the Supermetrics
 * API: login links and logins) on a clock the test moves. The key's hourly window runs on n8n's
 * clock, which Jest moves where the trigger rests for minutes.
 */
import type { IDataObject } from 'n8n-workflow';

import { RATE_LIMIT_DEFER_MS } from '../../nodes/SupermetricsTransfers/trigger/limits';
import { pollingTrigger, SCHEDULERS } from './harness';
import type { PollingTrigger, Tick } from './harness';
import { apiData, hostileServer } from './hostile';
import { API_CANARY, everythingVisible, useSandbox } from './support';
import type { Sandbox } from './support';
import { activationState, api, DAY, holdNow, HOUR, later, MINUTE, restartAndPoll, START, takeRequests, trigger as triggerIn } from './triggerContext';
import type { TriggerSetup } from './triggerContext';

const ctx = useSandbox({ clock: { start: START } });
/** 10 requests an hour: the reserve, a fifth, is 2. */
const LIMIT = 10;
const RESERVE = 2;
const limited = useSandbox({ clock: { start: START }, rateLimit: { limit: LIMIT } });

const LINKS = 'GET /ds/login/links';
const LOGINS = 'GET /ds/logins';
/** The sandbox's seeded logins, both Google Ads (refreshable), expiring 30 and 5 days after START. */
const SEEDED_LOGIN = '2682599';
const SOON_REFRESHABLE = '2830506';

/** The login events need no Team ID: it is left empty, as the hidden field leaves it. */
const linkTrigger = (sandbox: Sandbox, parameters: Record<string, unknown> = {}, setup: TriggerSetup = {}) =>
	triggerIn(sandbox, { event: 'loginLinkUsed', teamId: '', transferId: '', ...parameters }, undefined, setup);
const expiryTrigger = (sandbox: Sandbox, parameters: Record<string, unknown> = {}, setup: TriggerSetup = {}) =>
	triggerIn(sandbox, { event: 'loginExpiring', teamId: '', transferId: '', daysBeforeExpiry: 7, ...parameters }, undefined, setup);

/** A login link made by another client (Login Link → Create); resolves with its link_id. */
async function newLink(sandbox: Sandbox, dsId = 'FA'): Promise<string> {
	const { data } = await api<{ data: { link_id: string } }>(sandbox, 'POST', '/ds/login/link', { ds_id: dsId });
	return data.link_id;
}

/** A client authorizes through a new link; resolves with the link and the login it made. */
async function usedLink(sandbox: Sandbox, dsId = 'FA', username?: string) {
	const linkId = await newLink(sandbox, dsId);
	const login = sandbox.completeLogin(linkId, { username });
	return { linkId, loginId: login.login_id as string };
}

/** A Facebook Ads login (not refreshable) expiring `inMs` from the sandbox's now. */
function nonRefreshable(sandbox: Sandbox, inMs: number, username = 'fb@client.example'): string {
	return sandbox.addLogin({ dsId: 'FA', username, expiryTime: sandbox.clock.now() + inMs }).login_id as string;
}

const linkIds = (items: IDataObject[]) => items.map((item) => item.link_id);
const loginIds = (items: IDataObject[]) => items.map((item) => `${String(item.login_id)} ${String(item.reason)}`);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

afterEach(() => jest.useRealTimers());

/** Polls `count` times, the clock moving `stepMs` before each; every poll emits nothing. */
async function quiet(t: PollingTrigger, sandbox: Sandbox, count: number, stepMs: number, tick?: Tick): Promise<void> {
	for (let i = 0; i < count; i++) {
		sandbox.clock.advance(stepMs);
		expect(await t.poll(tick)).toMatchObject({ items: [], error: undefined });
	}
}

describe.each(SCHEDULERS)('Login Link Used (%s scheduler)', (scheduler) => {
	const setup = { scheduler };

	test('activation records where things stand (a link used before is old news); a poll is one request, to the Supermetrics API URL with Bearer', async () => {
		await usedLink(ctx.sandbox);
		ctx.sandbox.clock.advance(5 * MINUTE);
		takeRequests(ctx.sandbox);
		const t = linkTrigger(ctx.sandbox, {}, setup);
		expect(await t.activate()).toMatchObject({ items: [], error: undefined });
		const [request] = ctx.sandbox.requests;
		expect([request.api, request.headers.authorization]).toEqual(['logins', `Bearer ${API_CANARY}`]);
		expect(takeRequests(ctx.sandbox)).toEqual([LINKS]);
		expect(activationState(t)).toMatchObject({ key: 'loginLinkUsed|*', cutoff: START + 5 * MINUTE, reported: {}, since: START + 5 * MINUTE });
		await quiet(t, ctx.sandbox, 2, HOUR);
		expect(takeRequests(ctx.sandbox)).toEqual([LINKS, LINKS]);
	});

	test('a link used after the baseline is emitted once, with its login_id and login_username and the link\'s other fields, over several polls', async () => {
		const t = linkTrigger(ctx.sandbox, {}, setup);
		await t.activate();
		const linkId = await newLink(ctx.sandbox, 'GAWA');
		await quiet(t, ctx.sandbox, 1, MINUTE);
		ctx.sandbox.clock.advance(MINUTE);
		const login = ctx.sandbox.completeLogin(linkId, { username: 'ga@client.example' });
		const { items, error } = await t.poll();
		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({
				link_id: linkId,
				status_code: 'OPEN',
				ds_id: 'GAWA',
				ds_name: 'Google Analytics 4',
				login_id: login.login_id,
				login_time: iso(START + 2 * MINUTE),
				login_username: 'ga@client.example',
				login_url: expect.stringContaining(linkId),
			}),
		]);
		await quiet(t, ctx.sandbox, 4, 30 * MINUTE);
		// Each authorization once: the same client through the same link again (a renewal) is the
		// same login at a new login_time; another username makes another login.
		ctx.sandbox.completeLogin(linkId, { username: 'ga@client.example' });
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.poll()).items).toEqual([expect.objectContaining({ link_id: linkId, login_id: login.login_id, login_time: iso(START + 2 * HOUR + 2 * MINUTE) })]);
		await quiet(t, ctx.sandbox, 1, MINUTE);
		const other = ctx.sandbox.completeLogin(linkId, { username: 'second@client.example' });
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.poll()).items).toEqual([expect.objectContaining({ link_id: linkId, login_id: other.login_id, login_username: 'second@client.example' })]);
		await quiet(t, ctx.sandbox, 3, 2 * HOUR);
	});

	test('restart from an older saved state: nothing twice, nothing missed', async () => {
		const t = linkTrigger(ctx.sandbox, {}, setup);
		await t.activate();
		const first = await usedLink(ctx.sandbox);
		ctx.sandbox.clock.advance(MINUTE);
		expect(linkIds((await t.poll()).items)).toEqual([first.linkId]);
		const savedAfterEmit = t.saved();
		// Quiet polls: the cutoff moves on and the reported link goes; the regular scheduler keeps
		// that in memory only (so a restart goes back to the older state), the durable one commits it.
		await quiet(t, ctx.sandbox, 3, 2 * HOUR);
		if (scheduler === 'regular') expect(t.saved()).toEqual(savedAfterEmit);
		else expect(t.saved()?.supermetricsTransfersTrigger?.reported).toEqual({});

		const meanwhile = await usedLink(ctx.sandbox, 'GAWA');
		ctx.sandbox.clock.advance(5 * MINUTE);
		const restarted = await restartAndPoll(t);
		expect(restarted.error).toBeUndefined();
		expect(linkIds(restarted.items)).toEqual([meanwhile.linkId]);
		await quiet(t, ctx.sandbox, 2, HOUR);
		expect((await restartAndPoll(t)).items).toEqual([]);
	});

	test('Data Source: only links of that ds_id; changing it starts afresh', async () => {
		const t = linkTrigger(ctx.sandbox, { dsId: 'GAWA' }, setup);
		await t.activate();
		await usedLink(ctx.sandbox, 'FA');
		const ga = await usedLink(ctx.sandbox, 'GAWA');
		ctx.sandbox.clock.advance(MINUTE);
		expect(linkIds((await t.poll()).items)).toEqual([ga.linkId]);
		t.node.parameters.dsId = 'FA';
		expect((await t.poll()).items).toEqual([]);
		await usedLink(ctx.sandbox, 'GAWA');
		const fa = await usedLink(ctx.sandbox, 'FA');
		ctx.sandbox.clock.advance(MINUTE);
		expect(linkIds((await t.poll()).items)).toEqual([fa.linkId]);
	});

	test('Fetch Test Event: the most recently used link at once, and it changes nothing; none yet: a clear message', async () => {
		const t = linkTrigger(ctx.sandbox, {}, setup);
		await t.activate();
		const none = await t.fetchTestEvent();
		expect(none.error?.message).toBe('No used login link to show yet');
		await usedLink(ctx.sandbox, 'FA');
		ctx.sandbox.clock.advance(MINUTE);
		const last = await usedLink(ctx.sandbox, 'GAWA');
		const before = t.saved();
		const shown = await t.fetchTestEvent();
		expect(shown.error).toBeUndefined();
		expect(linkIds(shown.items)).toEqual([last.linkId]);
		expect(t.saved()).toEqual(before);
		// Both are still news to the active trigger.
		expect((await t.poll()).items).toHaveLength(2);
	});

	test('a 429 stops the poll without an error; the trigger rests 5 minutes, then reports the link once', async () => {
		holdNow();
		const t = linkTrigger(ctx.sandbox, {}, setup);
		await t.activate();
		const link = await usedLink(ctx.sandbox);
		ctx.sandbox.clock.advance(MINUTE);
		ctx.sandbox.queueFault({ api: 'logins', status: 429, retryAfter: 3600, path: '/ds/login/links' });
		takeRequests(ctx.sandbox);
		expect(await t.poll()).toMatchObject({ items: [], error: undefined });
		expect(takeRequests(ctx.sandbox)).toEqual([LINKS]);
		later(RATE_LIMIT_DEFER_MS - MINUTE);
		expect((await t.poll()).items).toEqual([]);
		expect(takeRequests(ctx.sandbox)).toEqual([]);
		later(2 * MINUTE);
		expect(linkIds((await t.poll()).items)).toEqual([link.linkId]);
		expect((await t.poll()).items).toEqual([]);
	});

	test('the key\'s reserve: the trigger never spends it, rests when an answer reaches it, and reports every link once', async () => {
		holdNow();
		const t = linkTrigger(limited.sandbox, {}, setup);
		await t.activate();
		takeRequests(limited.sandbox);
		const used: string[] = [];
		const emitted: IDataObject[] = [];
		const sent: number[] = [];
		for (let i = 0; i < 14; i++) {
			if (i % 3 === 0) used.push((await usedLink(limited.sandbox, 'FA', `user${i}@client.example`)).linkId);
			limited.sandbox.clock.advance(MINUTE);
			const polled = await t.poll();
			expect(polled.error).toBeUndefined();
			emitted.push(...polled.items);
			sent.push(takeRequests(limited.sandbox).filter((r) => r === LINKS).length);
			expect(limited.sandbox.windows.get(API_CANARY)?.count).toBeLessThanOrEqual(LIMIT - RESERVE);
			// Resting (it sent nothing): an hour on, the API's window starts again.
			if (sent[i] === 0) later(HOUR + MINUTE);
		}
		// The activation and seven polls spend 8 of 10: the eighth answer leaves the reserve, 2.
		expect(sent.slice(0, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
		expect(linkIds(emitted).sort()).toEqual([...used].sort());
		expect(new Set(linkIds(emitted)).size).toBe(emitted.length);
	});
});

describe.each(SCHEDULERS)('Login Expiring (%s scheduler)', (scheduler) => {
	const setup = { scheduler };

	test('activation: a login already expiring is old news, refreshable ones are never reported; a poll is one request, to the Supermetrics API URL with Bearer', async () => {
		nonRefreshable(ctx.sandbox, 3 * DAY);
		takeRequests(ctx.sandbox);
		const t = expiryTrigger(ctx.sandbox, {}, setup);
		expect(await t.activate()).toMatchObject({ items: [], error: undefined });
		const [request] = ctx.sandbox.requests;
		expect([request.api, request.headers.authorization]).toEqual(['logins', `Bearer ${API_CANARY}`]);
		expect(takeRequests(ctx.sandbox)).toEqual([LOGINS]);
		expect(activationState(t)?.key).toBe('loginExpiring|*|7d');
		// The seeded Google Ads login expires in 5 days, and later renews itself: never reported.
		expect(ctx.sandbox.state.logins.get(SOON_REFRESHABLE)?.is_refreshable).toBe(true);
		await quiet(t, ctx.sandbox, 4, 2 * DAY);
	});

	test('a login that cannot refresh itself is reported once when its expiry nears, and again for a later expiry after it was authorized again; the same expiry never twice', async () => {
		const t = expiryTrigger(ctx.sandbox, {}, setup);
		await t.activate();
		const loginId = nonRefreshable(ctx.sandbox, 20 * DAY);
		const expiry = START + 20 * DAY;
		await quiet(t, ctx.sandbox, 2, 6 * DAY);
		ctx.sandbox.clock.advance(DAY + MINUTE);
		const { items } = await t.poll();
		expect(items).toEqual([
			expect.objectContaining({ login_id: loginId, reason: 'expiring', expiry_time: iso(expiry), is_refreshable: false, ds_info: expect.objectContaining({ ds_id: 'FA' }) }),
		]);
		await quiet(t, ctx.sandbox, 3, HOUR);
		// Authorized again: the expiry moves 60 days on, past the window; then back to the one
		// reported: not twice.
		ctx.sandbox.expireLogin(loginId, expiry + 60 * DAY);
		await quiet(t, ctx.sandbox, 1, MINUTE);
		ctx.sandbox.expireLogin(loginId, expiry);
		await quiet(t, ctx.sandbox, 1, MINUTE);
		ctx.sandbox.expireLogin(loginId, expiry + 60 * DAY);
		// Past the old expiry it goes by, and nothing; nearing the new one (a week before it, on
		// day 73), once more.
		await quiet(t, ctx.sandbox, 2, 20 * DAY);
		await quiet(t, ctx.sandbox, 1, 19 * DAY);
		ctx.sandbox.clock.advance(DAY);
		expect(loginIds((await t.poll()).items)).toEqual([`${loginId} expiring`]);
		await quiet(t, ctx.sandbox, 3, 3 * DAY);
		const state = t.saved()?.supermetricsTransfersTrigger;
		if (scheduler === 'durable') expect(Object.keys(state?.reported ?? {})).toEqual([]);
	});

	test('a revoked login is reported once, refreshable or not; a restart from an older state repeats nothing', async () => {
		const t = expiryTrigger(ctx.sandbox, {}, setup);
		await t.activate();
		await api(ctx.sandbox, 'DELETE', `/ds/login/${SEEDED_LOGIN}`);
		ctx.sandbox.clock.advance(MINUTE);
		const { items } = await t.poll();
		expect(items).toEqual([expect.objectContaining({ login_id: SEEDED_LOGIN, reason: 'revoked', revoked_time: iso(START), is_refreshable: true })]);
		await quiet(t, ctx.sandbox, 3, HOUR);
		const soon = nonRefreshable(ctx.sandbox, 2 * DAY);
		ctx.sandbox.clock.advance(MINUTE);
		expect(loginIds((await restartAndPoll(t)).items)).toEqual([`${soon} expiring`]);
		await quiet(t, ctx.sandbox, 2, HOUR);
		expect((await restartAndPoll(t)).items).toEqual([]);
	});

	test('Data Source filters by ds_info.ds_id; Fetch Test Event shows the most recent one and changes nothing', async () => {
		const t = expiryTrigger(ctx.sandbox, { dsId: 'IG' }, setup);
		await t.activate();
		expect((await t.fetchTestEvent()).error?.message).toBe('No login of data source IG expiring within 7 days or revoked to show yet');
		ctx.sandbox.addLogin({ dsId: 'IG', username: 'ig@client.example', expiryTime: START + 2 * DAY });
		const last = ctx.sandbox.addLogin({ dsId: 'IG', username: 'ig2@client.example', expiryTime: START + 6 * DAY }).login_id as string;
		nonRefreshable(ctx.sandbox, 3 * DAY);
		const before = t.saved();
		const shown = await t.fetchTestEvent();
		expect(loginIds(shown.items)).toEqual([`${last} expiring`]);
		expect(t.saved()).toEqual(before);
		ctx.sandbox.clock.advance(MINUTE);
		expect((await t.poll()).items.map((item) => (item.ds_info as IDataObject).ds_id)).toEqual(['IG', 'IG']);
	});
});

describe('the login events\' parameters and answers', () => {
	test.each([0, 366, 1.5, -1, 'seven'])('Days Before Expiry %p is refused before anything is sent, naming the field', async (days) => {
		const { error } = await expiryTrigger(ctx.sandbox, { daysBeforeExpiry: days }).activate();
		expect(error?.message).toBe(`Invalid Days Before Expiry ${JSON.stringify(days)} in item 0: must be a whole number from 1 to 365`);
		expect(takeRequests(ctx.sandbox)).toEqual([]);
	});

	test('a Data Source that is not a ds_id is refused before anything is sent', async () => {
		const { error } = await linkTrigger(ctx.sandbox, { dsId: 'F A' }).activate();
		expect(error?.message).toContain('Invalid Data Source "F A" in item 0');
		expect(takeRequests(ctx.sandbox)).toEqual([]);
	});

	test('the poll\'s time: a list unanswered at the deadline stops the poll without an error; the next reports the link', async () => {
		const t = linkTrigger(ctx.sandbox, {}, { scheduler: 'durable', budgetMs: 2_000 });
		await t.activate();
		const link = await usedLink(ctx.sandbox);
		ctx.sandbox.clock.advance(MINUTE);
		const gate = ctx.sandbox.hold({ path: '/ds/login/links' });
		const before = t.saved();
		const held = await t.poll({ abandonAfterMs: 7_000 });
		expect(held).toMatchObject({ items: [], error: undefined });
		expect(held.abandoned).toBeUndefined();
		expect(gate.held).toBe(1);
		expect(t.saved()).toEqual(before);
		gate.release();
		expect(linkIds((await t.poll()).items)).toEqual([link.linkId]);
	});

	test('lists with entries missing fields, nulls and junk: the poll does not fail; what cannot be read is skipped', async () => {
		let answers = 0;
		const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
		const server = await hostileServer((req, res) => {
			answers++;
			if (answers === 1) return apiData(res, 200, []);
			if (req.url === '/ds/login/links') {
				return apiData(res, 200, [null, 5, 'x', {}, { link_id: 'lnk_1', login_id: null, login_time: null }, { link_id: 'lnk_2', login_id: '77', login_time: 'soon' }, { link_id: 'lnk_3', login_id: '78', login_time: soon(60_000), login_username: null }]);
			}
			return apiData(res, 200, [
				null,
				{ login_id: '1' },
				{ login_id: '2', expiry_time: null, is_refreshable: false, revoked_time: null },
				{ login_id: '3', expiry_time: soon(DAY), is_refreshable: null },
				{ login_id: '4', expiry_time: soon(DAY), is_refreshable: false, revoked_time: 'garbage' },
				{ expiry_time: soon(DAY), is_refreshable: false },
				{ login_id: '5', expiry_time: soon(DAY), is_refreshable: false, ds_info: null },
			]);
		});
		try {
			for (const [event, expected] of [
				['loginLinkUsed', { link_id: 'lnk_3', login_id: '78', login_username: null }],
				['loginExpiring', { login_id: '5', reason: 'expiring', ds_info: null }],
			] as const) {
				answers = 0;
				const t = pollingTrigger({
					parameters: { event, daysBeforeExpiry: 7 },
					credentials: { apiKey: API_CANARY, baseUrl: server.url, apiUrl: server.origin },
				});
				expect(await t.activate()).toMatchObject({ items: [], error: undefined });
				const { items, error } = await t.poll();
				expect(error).toBeUndefined();
				expect(items).toEqual([expect.objectContaining(expected)]);
			}
			expect(server.received.map((r) => [r.url, r.headers.authorization])).toEqual([
				...Array.from({ length: 2 }, () => ['/ds/login/links', `Bearer ${API_CANARY}`]),
				...Array.from({ length: 2 }, () => ['/ds/logins', `Bearer ${API_CANARY}`]),
			]);
		} finally {
			await server.close();
		}
	});

	test('an answer that is not a list fails the poll with the API\'s words, the key nowhere, and changes nothing', async () => {
		const server = await hostileServer((_req, res) => apiData(res, 200, { links: 'none' }));
		try {
			const t = pollingTrigger({ parameters: { event: 'loginLinkUsed' }, credentials: { apiKey: API_CANARY, baseUrl: server.url, apiUrl: server.origin } });
			const { error, saved } = await t.activate();
			expect(error?.message).toBe('The Supermetrics API answered HTTP 200 without a list');
			expect(saved?.supermetricsTransfersTrigger).toBeUndefined();
			expect(everythingVisible({ run: saved, error, output: [] })).not.toContain(API_CANARY);
		} finally {
			await server.close();
		}
	});
});
