import type { INodeProperties } from 'n8n-workflow';

export const periodFields: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		// Indivd asks in whole days, so a clock in the picker would offer a choice that is ignored.
		typeOptions: { dateOnly: true },
		required: true,
		default: '',
		description:
			'First day of the period, included. Only the date is used; a date and time from an expression gives its date.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		// Indivd asks in whole days, so a clock in the picker would offer a choice that is ignored.
		typeOptions: { dateOnly: true },
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
		// Indivd asks in whole days, so a clock in the picker would offer a choice that is ignored.
		typeOptions: { dateOnly: true },
		default: '',
		description:
			'First day of a period to compare with, aggregated the same way. Leave empty for none.',
	},
	{
		displayName: 'Comparison End Date',
		name: 'comparisonEndDate',
		type: 'dateTime',
		// Indivd asks in whole days, so a clock in the picker would offer a choice that is ignored.
		typeOptions: { dateOnly: true },
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

export const bounceThresholdField: INodeProperties = {
	displayName: 'Bounce Threshold (Seconds)',
	name: 'bounceThreshold',
	type: 'number',
	typeOptions: { minValue: -1 },
	default: -1,
	hint: "-1 = zone default (each zone's own bounce setting); 0 = no bounces",
	description:
		"Visits shorter than this count as bounces. -1 uses each zone's own setting, 0 turns bounces off.",
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Europe/Stockholm',
	description:
		"IANA time zone the buckets follow. Empty uses each location's own time zone, asking locations in different time zones separately, as Indivd advises.",
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

/** Which counting lines count: line crosses only. */
export const lineFilterFields: INodeProperties[] = [
	{
		displayName: 'Line Names or IDs',
		name: 'lineIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLines', loadOptionsDependsOn: ['locations'] },
		default: [],
		description:
			'Counting lines to include. Scope to lines, categories or zones: a visitor crossing three lines counts three times. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Category Names or IDs',
		name: 'categories',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCategories' },
		default: [],
		description:
			'Only lines of these categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...zonesField,
		displayName: 'Entering Zone Names or IDs',
		name: 'zoneTo',
		description:
			'Only lines where visitors enter these zones. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...zonesField,
		displayName: 'Leaving Zone Names or IDs',
		name: 'zoneFrom',
		description:
			'Only lines where visitors leave these zones. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Floor Names or IDs',
		name: 'floors',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFloors' },
		default: [],
		description:
			'Only lines on these floors (negative for basements). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Organization Name or ID',
		name: 'organization',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrganizations' },
		default: '',
		description:
			'One organisation; empty means all the token covers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];
