/**
 * Contract: every operation of the node, through n8n's engine and its real HTTP helper, against
 * Stoplight Prism mocking the DTS reference with its examples (--errors: a request Prism finds
 * invalid is refused, never answered with a mocked success). Each request must be one the
 * reference allows (method, path, parameters, body, security scheme) and the item must come out.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { runNode, SupermetricsTransfers } from '../engine/harness';
import { OPERATIONS, parametersOf, rowName } from './operations';
import type { OperationRow } from './operations';
import { specOperationList } from './prism';
import { credentials, expectValidRequests, showError, useMocks } from './support';

const mocks = useMocks({ dts: { spec: 'dts', label: 'DTS Prism (static, --errors)' } });

describe('each operation against the static mock (the reference\'s examples)', () => {
	test.each(OPERATIONS.map((row): [string, OperationRow] => [rowName(row), row]))('%s', async (name, row) => {
		const from = mocks.dts.log.length;
		const result = await runNode({ parameters: parametersOf(row), credentials: credentials(mocks.dts), secrets: row.secrets });
		const exchanges = mocks.dts.take();

		await expectValidRequests(mocks.dts, exchanges, name, from);
		expect(exchanges.map((exchange) => exchange.operation)).toEqual(row.calls);
		if (result.error) throw new Error(`${name}: the node failed on valid answers: ${showError(result.error)}`);
		expect((result.output ?? []).map((item) => item.json)).toEqual(row.output);
	});
});

describe('the table', () => {
	test('has a row for every operation the node offers, and none for one it does not', () => {
		const { properties } = new SupermetricsTransfers().description;
		const offered = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.displayOptions?.show?.resource ?? []).flatMap((resource) => (p.options as INodePropertyOptions[]).map((o) => `${String(resource)} → ${String(o.value)}`)));
		expect(offered).toHaveLength(25);
		expect(OPERATIONS.map(rowName).sort()).toEqual([...offered].sort());
	});

	test('calls every operation of the DTS reference', () => {
		const declared = new Set(OPERATIONS.flatMap((row) => row.calls));
		expect(specOperationList('dts').map((o) => o.operationId).filter((id) => !declared.has(id))).toEqual([]);
	});
});
