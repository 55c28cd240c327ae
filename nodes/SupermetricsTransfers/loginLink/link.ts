import { loginsIdParam } from '../params';
import type { ParamContext } from '../params';
import { LINK_ID } from '../validation';

/** What the login link operations share: one link's path and its checked id. */

/** /ds/login/link/{link_id}, below the Supermetrics API's URL. */
export const linkPath = (linkId: string) => `/ds/login/link/${linkId}`;

/** The Login Link field's value, checked (^[A-Za-z0-9_-]+$, at most 50). */
export function linkIdParam(this: ParamContext, itemIndex: number): string {
	return loginsIdParam.call(this, 'linkId', LINK_ID, itemIndex);
}
