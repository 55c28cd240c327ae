'use strict';
/**
 * What the sandbox knows of Supermetrics' catalogue. A pattern-valid code that is not here gets
 * 422 UNPROCESSABLE_ENTITY, as the real API answers for a data source it does not offer.
 */
const DATA_SOURCES = {
	ADM: 'Adobe Analytics',
	AW: 'Google Ads',
	FA: 'Facebook Ads',
	FB: 'Facebook Insights',
	GA: 'Google Analytics (Universal)',
	GAWA: 'Google Analytics 4',
	GW: 'Google Search Console',
	IG: 'Instagram Insights',
	LIA: 'LinkedIn Ads',
	LIP: 'LinkedIn Pages',
	AC: 'Microsoft Advertising',
	TIK: 'TikTok Ads',
	PIA: 'Pinterest Ads',
	SA360: 'Search Ads 360',
	DV360: 'Display & Video 360',
	HS: 'HubSpot',
	SF: 'Salesforce',
	SHP: 'Shopify',
};

/**
 * Sources whose logins cannot be refreshed without the user (is_refreshable false): Meta's
 * long-lived tokens end after 60 days and the user must log in again. The sandbox's expiring logins
 * are these; the other sources' logins refresh themselves.
 */
const NOT_REFRESHABLE = ['FA', 'FB', 'IG'];

const DESTINATION_TYPES = {
	SQL_BQ: 'BigQuery',
	DWH_SNOWFLAKE: 'Snowflake',
	DWH_REDSHIFT: 'Amazon Redshift',
	DWH_AZURE_SQL: 'Azure SQL Database',
	DWH_DATABRICKS: 'Databricks',
	DWH_S3: 'Amazon S3',
};

module.exports = { DATA_SOURCES, DESTINATION_TYPES, NOT_REFRESHABLE };
