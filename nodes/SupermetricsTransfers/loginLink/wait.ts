import type { IDisplayOptions } from 'n8n-workflow';

import type { OperationModule } from '../types';
import { dtsObject } from '../transport';
import { WAIT_UNTIL_USED } from '../validation';
import { addWait, waitTimeout } from '../wait';
import type { WaitFor } from '../wait';
import { linkPath } from './link';

/** Statuses after which a link takes no more logins. */
const ENDED = ['CLOSED', 'EXPIRED'];

const used = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Wait Until Used: Login Link Get until the link has a login_id (a login came of it: succeeded),
 * or is CLOSED or EXPIRED without one. A link used and then closed still counts as used.
 */
const untilUsed: WaitFor = {
	toggle: {
		...WAIT_UNTIL_USED,
		description:
			'Whether to wait until someone logs in through the link (it then has a login_id) or it is CLOSED or EXPIRED, and output it then, with succeeded (true once used). The item holds an n8n execution slot while it waits, at most 60 minutes.',
	},
	pollDescription: 'Seconds between two Login Link Get calls while waiting (at least 1)',
	maxWaitDescription:
		'Minutes to wait at most (above 0, at most 60; decimals allowed, e.g. 0.5). Past it the item fails with WAIT_TIMEOUT and the link stays open.',
	// A create answered without the link's id cannot be waited for: its notice says so.
	idOf: (link) => (typeof link.link_id === 'string' && link.link_id !== '' ? link.link_id : undefined),
	outcome: (link) => (used(link.login_id) ? true : ENDED.includes(String(link.status_code)) ? false : undefined),
	// Create's team_id is not in the link: it is handed on from the first item.
	carry: ['team_id'],
	async get(itemIndex, settings, id) {
		return await dtsObject.call(this, { api: 'logins', method: 'GET', path: linkPath(id) }, settings, itemIndex);
	},
	timeout(itemIndex, id, link, wait) {
		return waitTimeout(this, itemIndex, {
			message: `Login link ${id} was not used within ${wait.maxWaitMinutes} minutes (last status ${String(link.status_code)})`,
			description:
				`The link stays open: nothing was closed, and its login_url works until it expires (expiry_time) or is closed.${wait.slowed} Wait again with Login Link → Get (Wait Until Used), or close it with Login Link → Close.`,
			// Under Continue On Fail these come out on the error item too.
			facts: { link_id: id, status_code: link.status_code as string },
		});
	},
};

/** A login link operation (Create, Get) with Wait Until Used added after its own fields. */
export function withWait(operation: OperationModule, name: 'create' | 'get'): OperationModule {
	const show: IDisplayOptions = { show: { resource: ['loginLink'], operation: [name] } };
	return addWait(operation, show, untilUsed);
}
