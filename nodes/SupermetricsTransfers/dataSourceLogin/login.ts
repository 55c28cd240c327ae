import { loginsIdParam } from '../params';
import type { ParamContext } from '../params';
import { LOGIN_ID } from '../validation';

/** What the data source login operations share: one login's path and its checked id. */

/** /ds/login/{login_id}, below the Supermetrics API's URL. */
export const loginPath = (loginId: string) => `/ds/login/${loginId}`;

/**
 * The Data Source Login field's value, checked (^[A-Za-z0-9_-]+$, at most 50). A login_id DTS
 * gives as an int32 (Get Available Options) is taken too, and sent as its decimal string.
 */
export function loginIdParam(this: ParamContext, itemIndex: number): string {
	return loginsIdParam.call(this, 'loginId', LOGIN_ID, itemIndex);
}
