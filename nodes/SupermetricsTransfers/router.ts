import type { ICredentialsDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { backfill } from './backfill';
import { dataSourceConnection } from './dataSourceConnection';
import { dataSourceLogin } from './dataSourceLogin';
import { destination } from './destination';
import { NOT_THE_CREDENTIAL, SECRETS_OPERATIONS } from './destination/secrets';
import { loginLink } from './loginLink';
import { tableGroup } from './tableGroup';
import { transfer } from './transfer';
import { transferRun } from './transferRun';
import type { Operation, Resource } from './types';

/** Every resource the node offers; a new resource is one line here and one folder. */
export const resources: Resource[] = [
	dataSourceConnection,
	transfer,
	transferRun,
	destination,
	backfill,
	loginLink,
	dataSourceLogin,
	tableGroup,
];

export function findOperation(resource: string, operation: string): Operation['module'] | undefined {
	return resources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.value === operation)?.module;
}

/** The resource picker, one operation picker per resource, then every operation's fields. */
export function nodeProperties(): INodeProperties[] {
	// Named first: n8n's lint reads a default given as a name, not as a member expression.
	const firstResource = resources[0].value;
	const resourceField: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }): INodePropertyOptions => ({ name, value })),
		default: firstResource,
	};
	const operationFields = resources.map((resource): INodeProperties => {
		const firstOperation = resource.operations[0].value;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(({ name, value, description, action }) => ({
				name,
				value,
				description,
				action,
			})),
			default: firstOperation,
		};
	});
	const fields = resources.flatMap((r) => r.operations.flatMap((o) => o.module.fields));
	return [resourceField, ...operationFields, ...fields];
}

/**
 * The canvas subtitle, e.g. "Create: Data Source Connection": the operation's and the resource's
 * names as the pickers show them, looked up from the parameters' values.
 */
export function subtitle(): string {
	const names = Object.fromEntries(
		resources.flatMap((r) => r.operations.map((o) => [`${r.value}.${o.value}`, `${o.name}: ${r.name}`])),
	);
	return `={{ (${JSON.stringify(names)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}

/**
 * Where the Destination Secrets credential is hidden: every other resource, every Destination
 * operation that sends no secret, and Secrets From set to anything but the credential. Said with
 * `hide`, never `show`: a field named under a credential's `show` becomes an authentication field
 * in n8n's editor (see the node's credentials). A field that is not displayed has no value, which
 * hides nothing, so the credential shows exactly on Create, Update, Test Connection and Rotate
 * Secrets with Secrets From at its default, the credential.
 */
export function secretsCredentialHidden(): NonNullable<ICredentialsDisplayOptions['hide']> {
	return {
		resource: resources.filter((r) => r.value !== destination.value).map((r) => r.value),
		operation: destination.operations.map((o) => o.value).filter((o) => !SECRETS_OPERATIONS.includes(o)),
		secretsSource: NOT_THE_CREDENTIAL,
	};
}
