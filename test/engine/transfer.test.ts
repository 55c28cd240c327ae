import { byCode, byId, json, SEEDED, TEAM, useSandbox } from './context';

const ctx = useSandbox();

const configuration = {
	dataSourceId: byCode('AW'),
	schemaId: '2',
	destinationId: byId(SEEDED.destinationId),
	displayName: 'Google Ads to Snowflake',
	schedule: { entries: [{ runInterval: 'daily', runHour: 22, refreshWindow: 1 }] },
	accounts: { entries: [{ accountId: '8733197711', dataSourceUsername: 'user.name@supermetrics.com', loginId: 2682599 }] },
};

const expectedBody = {
	data_source_id: 'AW',
	schema_id: 2,
	destination_id: 8,
	display_name: 'Google Ads to Snowflake',
	schedule: [{ run_interval: 'daily', run_hour: 22, refresh_window: 1 }],
	accounts: [{ account_id: '8733197711', data_source_username: 'user.name@supermetrics.com', login_id: 2682599 }],
};

const transfer = (operation: string, extra: object = {}) => ({ resource: 'transfer', operation, teamId: TEAM, ...extra });

describe('Transfer: List', () => {
	test('one item per transfer, ids as strings, transfer_id beside the API\'s dwh_transfer_id', async () => {
		const result = await ctx.run(transfer('list'));
		expect(json(result)).toEqual([
			expect.objectContaining({ dwh_transfer_id: '36091', transfer_id: '36091', display_name: 'AW enhanced 2022-11-17', state: 'active' }),
		]);
		expect(Object.keys(json(result)[0]).slice(0, 2)).toEqual(['dwh_transfer_id', 'transfer_id']);
		expect(ctx.sent()).toEqual([expect.objectContaining({ method: 'GET', path: '/teams/12345/transfers' })]);
	});

	test('its items chain into the next step on transfer_id, as every other step\'s do', async () => {
		const listed = json(await ctx.run(transfer('list')));
		const result = await ctx.run(transfer('get', { transferId: byId('={{ $json.transfer_id }}') }), { items: listed });
		expect(ctx.last().path).toBe('/teams/12345/transfers/36091');
		expect(json(result)[0]).toMatchObject({ transfer_id: '36091' });
	});

	test('a bad team id sends nothing', async () => {
		const result = await ctx.run(transfer('list', { teamId: '12a45' }));
		expect(result.error?.message).toBe('Invalid Team ID "12a45" in item 0: must be a whole number from 1 to 9223372036854775807');
		expect(ctx.sent()).toEqual([]);
	});

	test('an unknown key fails with the API code, status and request id', async () => {
		const result = await ctx.run(transfer('list'), { apiKey: 'wrong-key' });
		expect(result.error?.message).toBe('Provided API key was invalid. (API_KEY_INVALID)');
		expect(result.error?.description).toMatch(/\[HTTP 401, code API_KEY_INVALID, request_id [0-9A-F-]{36}\]/);
	});
});

describe('Transfer: Create', () => {
	test('sends the configuration and returns the new transfer, which List and Get then show', async () => {
		const created = json(await ctx.run(transfer('create', configuration)));
		expect(created).toEqual([{ transfer_id: '36092', transfer_name: 'Google Ads to Snowflake' }]);
		expect(ctx.sent()[0]).toMatchObject({ method: 'POST', path: '/teams/12345/transfers', body: expectedBody });

		const listed = json(await ctx.run(transfer('list')));
		expect(listed.map((t) => t.dwh_transfer_id)).toEqual(['36091', '36092']);
		const fetched = json(await ctx.run(transfer('get', { transferId: byId('36092') })));
		expect(fetched[0]).toMatchObject({ transfer_id: '36092', display_name: 'Google Ads to Snowflake', destination_id: '8', schema_id: '2' });
	});

	test('weekly and monthly schedules carry their day; additional fields are sent in the API words', async () => {
		await ctx.run(
			transfer('create', {
				...configuration,
				schedule: {
					entries: [
						{ runInterval: 'weekly', runHour: 3, refreshWindow: 2, runWeekday: 7, runDay: 9 },
						{ runInterval: 'monthly', runHour: 4, refreshWindow: 1, runWeekday: 2, runDay: 31 },
					],
				},
				additionalFields: {
					notificationRecipients: 'a@example.com, b@example.com',
					segments: { entries: [{ segmentId: '-1', segmentName: 'All users', loginId: 0 }] },
					dataSourceSettings: { entries: [{ fieldId: 'BRAND_KEYWORDS', value: 'acme', group: 'Default' }] },
					transferType: 1,
				},
			}),
		);
		expect(ctx.sent()[0].body).toEqual({
			...expectedBody,
			schedule: [
				{ run_interval: 'weekly', run_hour: 3, refresh_window: 2, run_weekday: 7 },
				{ run_interval: 'monthly', run_hour: 4, refresh_window: 1, run_day: 31 },
			],
			notification_recipients: ['a@example.com', 'b@example.com'],
			segments: [{ segment_id: '-1', segment_name: 'All users' }],
			data_source_settings: [{ field_id: 'BRAND_KEYWORDS', value: 'acme', group: 'Default' }],
			transfer_type: 1,
		});
	});

	test('a name already in use is a 409 CONFLICT_ERROR', async () => {
		const result = await ctx.run(transfer('create', { ...configuration, displayName: 'AW enhanced 2022-11-17' }));
		expect(result.error?.message).toBe("Transfer 36091 is already named 'AW enhanced 2022-11-17'. (CONFLICT_ERROR)");
		expect(result.error?.httpCode).toBe('409');
	});

	test('an unknown destination is a 422', async () => {
		const result = await ctx.run(transfer('create', { ...configuration, destinationId: byId('999') }));
		expect(result.error?.message).toBe('Destination 999 does not exist in team 12345. (UNPROCESSABLE_ENTITY)');
		expect(result.error?.description).toContain('Unprocessable Entity. [HTTP 422, code UNPROCESSABLE_ENTITY');
	});

	test('a read-only key is refused with 403 and a hint about the scope', async () => {
		const result = await ctx.run(transfer('create', configuration), { apiKey: 'sandbox-readonly-key' });
		expect(result.error?.message).toBe('You do not have permission to perform this operation. (ACCESS_DENIED)');
		expect(result.error?.description).toContain('dwh_transfers_write');
	});

	test('a 500 is not retried: the transfer may exist', async () => {
		ctx.sandbox.queueFault({ status: 500 });
		const result = await ctx.run(transfer('create', configuration));
		expect(result.error?.message).toBe('An unexpected error occurred. Please try again later or contact support. (INTERNAL_SERVER_ERROR)');
		expect(result.error?.description).toContain('The node does not retry a write after this: it may have been carried out.');
		expect(ctx.sent()).toHaveLength(1);
	});

	test.each([
		[{ schemaId: 'tg_99999' }, 'Invalid Schema ID "tg_99999" in item 0: must be a whole number from 1 to 2147483647'],
		[{ destinationId: byId('2147483648') }, 'Invalid Destination "2147483648" in item 0: must be a whole number from 1 to 2147483647'],
		[{ dataSourceId: byCode('={{ "aw" }}') }, 'Invalid Data Source "aw" in item 0: may contain only A-Z, 0-9 and _ (pattern ^[A-Z0-9_]+$)'],
		[{ displayName: 'x'.repeat(256) }, 'must be at most 255 characters (it has 256)'],
		[{ displayName: '  ' }, 'Invalid Display Name "  " in item 0: is required'],
		[{ schedule: {} }, 'Invalid Schedule [] in item 0: needs at least one entry'],
		[{ schedule: { entries: [{ runInterval: 'daily', runHour: 24, refreshWindow: 1 }] } }, 'Invalid Schedule 1: run_hour 24 in item 0: must be a whole number from 0 to 23'],
		[{ schedule: { entries: [{ runInterval: 'yearly', runHour: 1, refreshWindow: 1 }] } }, 'Invalid Schedule 1: run_interval "yearly" in item 0: must be one of hourly, daily, weekly, monthly'],
		[{ additionalFields: { notificationRecipients: 'a@example.com, nobody' } }, 'Invalid Notification Recipients "nobody" in item 0: must be an email address'],
	])('bad input %j sends nothing', async (change, message) => {
		const result = await ctx.run(transfer('create', { ...configuration, ...change }));
		expect(result.error?.message).toContain(message);
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer: Get', () => {
	test('the full configuration, bare in the spec, ids as strings', async () => {
		const [item] = json(await ctx.run(transfer('get', { transferId: byId(SEEDED.transferId) })));
		expect(item).toMatchObject({ transfer_id: '36091', schema_id: '2', destination_id: '8', schedule: [{ run_interval: 'daily' }] });
		expect(item.meta).toBeUndefined();
	});

	test('an unknown transfer is a 404', async () => {
		const result = await ctx.run(transfer('get', { transferId: byId('4242') }));
		expect(result.error?.message).toBe('The requested transfer could not be found or you do not have access to it. (NOT_FOUND)');
		expect(result.error?.httpCode).toBe('404');
	});

	test('a transfer id past int32 (the spec types this path int32) sends nothing', async () => {
		const result = await ctx.run(transfer('get', { transferId: byId('2147483648') }));
		expect(result.error?.message).toBe('Invalid Transfer "2147483648" in item 0: must be a whole number from 1 to 2147483647');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer: Update', () => {
	test('replaces the configuration; Get shows it', async () => {
		const [item] = json(await ctx.run(transfer('update', { ...configuration, transferId: byId(SEEDED.transferId), displayName: 'Renamed' })));
		expect(item).toEqual({ transfer_id: '36091', transfer_name: 'Renamed' });
		expect(ctx.sent()[0]).toMatchObject({ method: 'PUT', path: '/teams/12345/transfers/36091', body: { ...expectedBody, display_name: 'Renamed' } });
		const [fetched] = json(await ctx.run(transfer('get', { transferId: byId(SEEDED.transferId) })));
		expect(fetched.display_name).toBe('Renamed');
	});

	test('an unknown transfer is a 404', async () => {
		const result = await ctx.run(transfer('update', { ...configuration, transferId: byId('4242') }));
		expect(result.error?.httpCode).toBe('404');
	});

	test('a transfer id that an expression leaves empty sends nothing', async () => {
		const result = await ctx.run(transfer('update', { ...configuration, transferId: byId('={{ $json.missing }}') }));
		expect(result.error?.message).toBe('Invalid Transfer nothing in item 0: is required');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer: Delete', () => {
	test('204 with no body: the item names the transfer; List no longer shows it and Get is a 404', async () => {
		expect(json(await ctx.run(transfer('delete', { transferId: byId(SEEDED.transferId) })))).toEqual([
			{ transfer_id: '36091', deleted: true },
		]);
		expect(json(await ctx.run(transfer('list')))).toEqual([]);
		expect((await ctx.run(transfer('get', { transferId: byId(SEEDED.transferId) }))).error?.httpCode).toBe('404');
	});

	test('an unknown transfer is a 404; under Continue On Fail it is an item', async () => {
		const result = await ctx.run(transfer('delete', { transferId: byId('4242') }), { continueOnFail: true });
		expect(json(result)).toEqual([
			expect.objectContaining({ error: 'The requested transfer could not be found or you do not have access to it. (NOT_FOUND)', code: 'NOT_FOUND', http_code: 404, request_id: expect.any(String) }),
		]);
	});

	test('a zero id from an expression sends nothing', async () => {
		const result = await ctx.run(transfer('delete', { transferId: byId('={{ 0 }}') }));
		expect(result.error?.message).toBe('Invalid Transfer 0 in item 0: must be a whole number from 1 to 2147483647');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer: Pause or Resume', () => {
	test('pause shows in the answer and in List; resume turns it back', async () => {
		const [paused] = json(await ctx.run(transfer('changeState', { transferId: byId(SEEDED.transferId), transferState: 'pause' })));
		expect(paused).toEqual({ transfer_id: '36091', result: true, state: 'PAUSED' });
		expect(ctx.sent()[0]).toMatchObject({ method: 'PUT', path: '/teams/12345/transfers/36091/state', body: { transfer_state: 'pause' } });
		expect(json(await ctx.run(transfer('list')))[0].state).toBe('paused');

		const [resumed] = json(await ctx.run(transfer('changeState', { transferId: byId(SEEDED.transferId), transferState: 'unpause' })));
		expect(resumed.state).toBe('ACTIVE');
		expect(json(await ctx.run(transfer('list')))[0].state).toBe('active');
	});

	test('an unknown transfer is a 404', async () => {
		const result = await ctx.run(transfer('changeState', { transferId: byId('4242'), transferState: 'pause' }));
		expect(result.error?.httpCode).toBe('404');
	});

	test('an action from an expression that is not pause or unpause sends nothing', async () => {
		const result = await ctx.run(transfer('changeState', { transferId: byId(SEEDED.transferId), transferState: '={{ "stop" }}' }));
		expect(result.error?.message).toBe('Invalid Action "stop" in item 0: must be one of pause, unpause');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer: Validate and Validate Update', () => {
	test('a valid configuration answers is_valid true', async () => {
		expect(json(await ctx.run(transfer('validate', configuration)))).toEqual([{ is_valid: true, errors: [] }]);
		expect(ctx.sent()[0]).toMatchObject({ method: 'POST', path: '/teams/12345/transfers/validations', body: expectedBody });
	});

	test('an invalid one is data by default', async () => {
		const result = await ctx.run(transfer('validate', { ...configuration, destinationId: byId('999') }));
		expect(json(result)).toEqual([{ is_valid: false, errors: [{ field_id: 'destination_id', error_code: 'notFound' }] }]);
	});

	test('with Fail If Invalid, it fails the item with the field errors', async () => {
		const parameters = transfer('validate', { ...configuration, destinationId: byId('999'), failOnFalse: true });
		const result = await ctx.run(parameters);
		expect(result.error?.message).toBe('The transfer configuration is not valid: 1 error(s)');
		expect(result.error?.description).toBe('destination_id: notFound');
		const continued = await ctx.run(parameters, { continueOnFail: true });
		expect(json(continued)).toEqual([
			expect.objectContaining({ code: 'TRANSFER_INVALID', http_code: 200, description: 'destination_id: notFound' }),
		]);
	});

	test('Validate Update checks against the existing transfer: its own name is no clash', async () => {
		const parameters = transfer('validateUpdate', { ...configuration, transferId: byId(SEEDED.transferId), displayName: 'AW enhanced 2022-11-17' });
		expect(json(await ctx.run(parameters))).toEqual([{ is_valid: true, errors: [] }]);
		expect(ctx.sent()[0].path).toBe('/teams/12345/transfers/36091/validations');
		const clash = await ctx.run(transfer('validate', { ...configuration, displayName: 'AW enhanced 2022-11-17' }));
		expect(json(clash)[0].errors).toEqual([{ field_id: 'display_name', error_code: 'alreadyExists' }]);
	});

	test('Validate Update of an unknown transfer is a 404', async () => {
		const result = await ctx.run(transfer('validateUpdate', { ...configuration, transferId: byId('4242') }));
		expect(result.error?.httpCode).toBe('404');
	});

	test('bad input sends nothing', async () => {
		const result = await ctx.run(transfer('validate', { ...configuration, schemaId: '-2' }));
		expect(result.error?.message).toContain('Invalid Schema ID "-2"');
		expect(ctx.sent()).toEqual([]);
	});
});

describe('Transfer: Get Available Sources and Options', () => {
	test('available sources: one item with data_sources, destinations and destination_types', async () => {
		const [item] = json(await ctx.run(transfer('getAvailableSources')));
		expect(item.data_sources).toEqual(expect.arrayContaining([expect.objectContaining({ data_source_id: 'AW', service_name: 'Google Ads' })]));
		expect(item.destinations).toEqual([expect.objectContaining({ destination_id: '8', destination_type: 'DWH_SNOWFLAKE' })]);
		expect(item.destination_types).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'SQL_BQ' })]));
	});

	test('available sources: a 429 longer than the allowed wait fails at once, saying when to retry', async () => {
		ctx.sandbox.queueFault({ status: 429, retryAfter: 3600 });
		const result = await ctx.run(transfer('getAvailableSources'));
		expect(result.error?.message).toBe('Rate limit exceeded. Retry after the time given in Retry-After. (TOO_MANY_REQUESTS)');
		expect(result.error?.description).toContain('Retry after 3600 s');
		expect(ctx.sent()).toHaveLength(1);
	});

	test('available sources: a bad team id sends nothing', async () => {
		const result = await ctx.run(transfer('getAvailableSources', { teamId: '={{ "" }}' }));
		expect(result.error?.message).toBe('Invalid Team ID "" in item 0: is required');
		expect(ctx.sent()).toEqual([]);
	});

	test('available options: source_id and destination_id go in the query', async () => {
		const [item] = json(await ctx.run(transfer('getAvailableOptions', { dataSourceId: byCode('AW'), destinationId: byId('8') })));
		expect(ctx.sent()[0]).toMatchObject({ path: '/teams/12345/transfers/available-options', query: { source_id: 'AW', destination_id: '8' } });
		expect(item.schemas).toEqual([expect.objectContaining({ schema_id: '2' }), expect.objectContaining({ schema_id: '3' })]);
	});

	test('an unknown source is refused by the API', async () => {
		const result = await ctx.run(transfer('getAvailableOptions', { dataSourceId: byCode('NOPE'), destinationId: byId('8') }));
		expect(result.error?.httpCode).toBe('422');
	});

	test('a bad destination id sends nothing', async () => {
		const result = await ctx.run(transfer('getAvailableOptions', { dataSourceId: byCode('AW'), destinationId: byId('={{ "eight" }}') }));
		expect(result.error?.message).toContain('Invalid Destination "eight"');
		expect(ctx.sent()).toEqual([]);
	});
});
