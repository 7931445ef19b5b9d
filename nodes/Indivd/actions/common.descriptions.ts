import type { INodeProperties } from 'n8n-workflow';

export const periodFields: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'First day of the period, included. A date and time is accepted; its date is used.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Last day of the period, included. Long ranges are split into as many requests as Indivd needs and merged.',
	},
];

export const comparisonFields: INodeProperties[] = [
	{
		displayName: 'Comparison Start Date',
		name: 'comparisonStartDate',
		type: 'dateTime',
		default: '',
		description:
			'First day of a period to compare with, aggregated the same way. Leave empty for none.',
	},
	{
		displayName: 'Comparison End Date',
		name: 'comparisonEndDate',
		type: 'dateTime',
		default: '',
		description: 'Last day of the comparison period, included. Required with a comparison start.',
	},
];

export const locationsField: INodeProperties = {
	displayName: 'Location Names or IDs',
	name: 'locations',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLocations' },
	default: [],
	description:
		'Locations to include; none means every location the token covers. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const zonesField: INodeProperties = {
	displayName: 'Zone Names or IDs',
	name: 'zones',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getZones', loadOptionsDependsOn: ['locations'] },
	default: [],
	description:
		'Zones to include; none means all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Europe/Stockholm',
	description:
		"IANA time zone the buckets follow. Empty uses the first location's time zone, as Indivd does.",
};

export const outputModeField: INodeProperties = {
	displayName: 'Output',
	name: 'outputMode',
	type: 'options',
	options: [
		{
			name: 'Buckets',
			value: 'buckets',
			description: 'One flat item per time bucket and zone or line scope, ready for a spreadsheet',
		},
		{
			name: 'Raw',
			value: 'raw',
			description: 'The answer as Indivd gives it, merged when the range needed several requests',
		},
	],
	default: 'buckets',
};
