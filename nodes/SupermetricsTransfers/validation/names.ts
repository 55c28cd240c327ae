/**
 * Every field a check can name: how the form labels it and what the API (or n8n) calls it, so an
 * error can say both. The checks are in checks.ts and logins.ts; index.ts is the one import.
 */

/** The API's int64 maximum; ids are kept as strings because a JS number loses digits past 2^53. */
export const INT64_MAX = 9223372036854775807n;
/** destination_id is an int32 in the spec. */
export const INT32_MAX = 2147483647n;

/** A user-facing name and the API's own name for a field, so an error can say both. */
export interface FieldName {
	displayName: string;
	apiName: string;
}

export const TEAM_ID: FieldName = { displayName: 'Team ID', apiName: 'team_id' };
export const DATA_SOURCE_ID: FieldName = { displayName: 'Data Source', apiName: 'data_source_id' };
export const DESTINATION_TYPE: FieldName = {
	displayName: 'Destination Type',
	apiName: 'destination_type',
};
export const TRANSFER_ID: FieldName = { displayName: 'Transfer', apiName: 'transfer_id' };
export const DESTINATION_ID: FieldName = { displayName: 'Destination', apiName: 'destination_id' };
export const TRANSFER_RUN_ID: FieldName = { displayName: 'Transfer Run ID', apiName: 'transfer_run_id' };
export const BACKFILL_ID: FieldName = { displayName: 'Backfill ID', apiName: 'backfill_id' };
export const SCHEMA_ID: FieldName = { displayName: 'Schema ID', apiName: 'schema_id' };
export const DISPLAY_NAME: FieldName = { displayName: 'Display Name', apiName: 'display_name' };
export const AUTH_METHOD: FieldName = { displayName: 'Auth Method', apiName: 'auth_method' };
export const RANGE_START: FieldName = { displayName: 'Range Start', apiName: 'range_start' };
export const RANGE_END: FieldName = { displayName: 'Range End', apiName: 'range_end' };
export const START_DATE: FieldName = { displayName: 'Start Date', apiName: 'start_date' };
export const END_DATE: FieldName = { displayName: 'End Date', apiName: 'end_date' };
export const NOTIFICATION_RECIPIENTS: FieldName = {
	displayName: 'Notification Recipients',
	apiName: 'notification_recipients',
};
export const SCHEDULE: FieldName = { displayName: 'Schedule', apiName: 'schedule' };
export const TRANSFER_TYPE: FieldName = { displayName: 'Transfer Type', apiName: 'transfer_type' };
export const TRANSFER_STATE: FieldName = { displayName: 'Action', apiName: 'transfer_state' };
export const SETTING_NAME: FieldName = { displayName: 'Setting Name', apiName: 'fields' };
export const SECRETS_SOURCE: FieldName = { displayName: 'Secrets From', apiName: 'secretsSource' };
export const NEW_PASSWORD: FieldName = { displayName: 'New Secret', apiName: 'new_password' };
export const NEW_SECRET: FieldName = { displayName: 'New Secret', apiName: 'new_secret' };
export const INPUT_FIELD: FieldName = { displayName: 'Input Field', apiName: 'inputField' };
export const LIMIT: FieldName = { displayName: 'Limit', apiName: 'limit' };
export const RETURN_ALL: FieldName = { displayName: 'Return All', apiName: 'returnAll' };
export const SORT_FIELD: FieldName = { displayName: 'Sort By', apiName: 'sort_field' };
export const SORT_DIRECTION: FieldName = { displayName: 'Sort Direction', apiName: 'sort_direction' };
/** The node's own options: not sent to the API, so their "API name" is where they live. */
export const TIMEOUT: FieldName = { displayName: 'Timeout', apiName: 'options.timeout' };
export const MAX_RATE_LIMIT_WAIT: FieldName = { displayName: 'Max Rate-Limit Wait', apiName: 'options.maxRateLimitWait' };
export const BATCH_SIZE: FieldName = { displayName: 'Items per Batch', apiName: 'options.batching.batch.batchSize' };
export const BATCH_INTERVAL: FieldName = { displayName: 'Batch Interval', apiName: 'options.batching.batch.batchInterval' };
export const CONCURRENCY: FieldName = { displayName: 'Max Concurrent Requests', apiName: 'options.batching.batch.concurrency' };

/** The Supermetrics API's (login links and logins) fields, named as its reference names them. */
export const DS_ID: FieldName = { displayName: 'Data Source', apiName: 'ds_id' };
export const LINK_ID: FieldName = { displayName: 'Login Link', apiName: 'link_id' };
export const LOGIN_ID: FieldName = { displayName: 'Data Source Login', apiName: 'login_id' };
export const EXPIRY_TIME: FieldName = { displayName: 'Expiry Time', apiName: 'expiry_time' };
export const LINK_DESCRIPTION: FieldName = { displayName: 'Description', apiName: 'description' };
export const REQUIRE_USERNAME: FieldName = { displayName: 'Require Username', apiName: 'require_username' };
export const REDIRECT_URL: FieldName = { displayName: 'Redirect URL', apiName: 'redirect_url' };
export const TYPE_FILTER: FieldName = { displayName: 'Type', apiName: 'type' };
export const NAME_FILTER: FieldName = { displayName: 'Name', apiName: 'name' };
export const USE_EXISTING: FieldName = { displayName: 'Use Existing', apiName: 'use_existing' };
export const REQUIRE_LOGIN: FieldName = { displayName: 'Require Login', apiName: 'require_login' };
export const OFFSET: FieldName = { displayName: 'Offset', apiName: 'offset' };

/** Fields of the trigger and of Wait Until Finished: the node's own, so named by their parameter. */
export const EVENT: FieldName = { displayName: 'Event', apiName: 'event' };
export const ONLY_FAILURES: FieldName = { displayName: 'Only Failures', apiName: 'onlyFailures' };
export const WAIT_UNTIL_FINISHED: FieldName = { displayName: 'Wait Until Finished', apiName: 'waitUntilFinished' };
export const POLL_INTERVAL: FieldName = { displayName: 'Poll Interval', apiName: 'pollInterval' };
export const MAX_WAIT: FieldName = { displayName: 'Max Wait', apiName: 'maxWait' };
export const SIMPLIFY: FieldName = { displayName: 'Simplify', apiName: 'simplify' };
export const WAIT_UNTIL_USED: FieldName = { displayName: 'Wait Until Used', apiName: 'waitUntilUsed' };

/** Table Groups (the Supermetrics API below /enterprise/v2), named as its reference names them. */
export const GROUP_ID: FieldName = { displayName: 'Table Group', apiName: 'group_id' };
export const MODEL_VERSION: FieldName = { displayName: 'Version', apiName: 'version' };
export const DATA_MODEL_FROM: FieldName = { displayName: 'Data Model From', apiName: 'dataModelFrom' };
export const DATA_MODEL: FieldName = { displayName: 'Data Model', apiName: 'dataModel' };
export const INPUT_BINARY_FIELD: FieldName = { displayName: 'Input Binary Field', apiName: 'binaryPropertyName' };
export const OUTPUT_BINARY_FIELD: FieldName = { displayName: 'Put Output File in Field', apiName: 'binaryPropertyName' };
