/**
 * What a transfer configuration may hold, as the reference constrains it: Create's (and Update's
 * and both Validate's) TransferConfigurationRequest, and Clone's overrides, which the reference
 * calls "the exact same structure" but constrains differently: no hourly runs, a refresh window of
 * at most 365 days, bounded lists, each account's login and username required, segments without a
 * login_id.
 */
export interface ConfigurationRules {
	intervals: readonly string[];
	refreshWindowMax: number;
	/** A list's maxItems, where the reference gives one. */
	maxItems: Partial<Record<'schedule' | 'accounts' | 'segments' | 'settings' | 'recipients', number>>;
	/** Every account needs account_id, data_source_username and login_id; every segment its username. */
	strictEntries: boolean;
	/** Segments carry a login_id. */
	segmentLogins: boolean;
}

export const CREATE_RULES: ConfigurationRules = {
	intervals: ['hourly', 'daily', 'weekly', 'monthly'],
	refreshWindowMax: 2147483647,
	maxItems: {},
	strictEntries: false,
	segmentLogins: true,
};

export const CLONE_RULES: ConfigurationRules = {
	intervals: ['daily', 'weekly', 'monthly'],
	refreshWindowMax: 365,
	maxItems: { schedule: 10, accounts: 1000, segments: 100, settings: 100, recipients: 50 },
	strictEntries: true,
	segmentLogins: false,
};
