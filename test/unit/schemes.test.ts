import { declaredScheme } from '../../nodes/SupermetricsTransfers/transport/schemes';
import type { Api } from '../../nodes/SupermetricsTransfers/transport/hosts';
import { readYaml } from './repo';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Spec = { paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>> };

function operations(file: string): Array<{ method: string; path: string; declared: string }> {
	const spec = readYaml(`test/reference/${file}`) as Spec;
	return Object.entries(spec.paths).flatMap(([path, item]) =>
		METHODS.filter((method) => item[method]).map((method) => ({
			method: method.toUpperCase(),
			// A concrete path, as the transport sends it.
			path: path.replace(/\{[a-z_]+\}/g, '123'),
			declared: Object.keys(item[method].security?.[0] ?? {})[0],
		})),
	);
}

describe.each([
	['dts' as Api, 'supermetrics-dts-openapi.yaml', 25],
	['logins' as Api, 'supermetrics-logins-openapi.yaml', 9],
])('the %s reference: every operation gets the scheme it declares', (api, file, count) => {
	const all = operations(file);
	test(`${count} operations, each declaring ApiKeyAuth or BearerAuth`, () => {
		expect(all).toHaveLength(count);
		for (const { declared } of all) expect(['ApiKeyAuth', 'BearerAuth']).toContain(declared);
	});
	test.each(all.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', (_, { method, path, declared }) => {
		expect(declaredScheme(api, method as never, path)).toBe(declared === 'BearerAuth' ? 'bearer' : 'apiKey');
	});
});
