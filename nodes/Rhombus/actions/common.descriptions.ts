import type { INodeProperties } from 'n8n-workflow';

import { rhombusIdPattern } from '../helpers/cameraIds';

export const cameraUuidsProperty: INodeProperties = {
	displayName: 'Camera Names or IDs',
	name: 'cameraUuids',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCameras' },
	required: true,
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** Occupancy lists the cameras with an occupancy region first; other operations list them all. */
export const cameraLocatorSearching = (searchListMethod: string): INodeProperties => ({
	displayName: 'Camera',
	name: 'cameraUuid',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod, searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. AAAAAAAAAAAAAAAAAAAAAA',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*${rhombusIdPattern}\\s*$`,
						errorMessage: 'A Rhombus camera ID has 22 letters, digits, "-" or "_"',
					},
				},
			],
		},
	],
});

export const cameraUuidLocator = cameraLocatorSearching('searchCameras');

export const startTimeProperty: INodeProperties = {
	displayName: 'Start Time',
	name: 'startTime',
	type: 'dateTime',
	required: true,
	default: '',
	description:
		"Start of the time range (included). Without a UTC offset it is read in the time zone below, e.g. {{ $now.minus(1, 'day').startOf('day') }}.",
};

export const endTimeProperty: INodeProperties = {
	displayName: 'End Time',
	name: 'endTime',
	type: 'dateTime',
	required: true,
	default: '',
	description:
		"End of the time range (excluded). Without a UTC offset it is read in the time zone below, e.g. {{ $now.startOf('day') }}.",
};

export const timeZoneProperty: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Europe/Berlin',
	description:
		"IANA time zone for reading the times above, aligning buckets and the local bucket times. Leave empty to use the workflow's time zone.",
};

export const outputModeProperty: INodeProperties = {
	displayName: 'Output',
	name: 'outputMode',
	type: 'options',
	options: [
		{
			name: 'Buckets',
			value: 'buckets',
			description: 'One flat item per time bucket, ready to be a spreadsheet row',
		},
		{
			name: 'Raw',
			value: 'raw',
			description: 'The answer of the Rhombus API as one item',
		},
	],
	default: 'buckets',
};

export const binaryPropertyNameProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

export const waitForCompletionProperty: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: false,
	description:
		'Whether to check the progress every few seconds until Rhombus has finished rendering the clip',
};

export const waitTimeoutSecProperty: INodeProperties = {
	displayName: 'Wait Timeout (Seconds)',
	name: 'waitTimeoutSec',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 300,
	description: 'How long to wait for the clip before failing; rendering goes on regardless',
	displayOptions: { show: { waitForCompletion: [true] } },
};

export const clipUuidProperty: INodeProperties = {
	displayName: 'Clip ID',
	name: 'clipUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. AAAAAAAAAAAAAAAAAAAAAA',
	description: 'ID of a saved clip, as returned by Clip → Create or Clip → Get Many',
};

/** How crossing counts are bucketed and what they count; shared with the trigger. */
export const crossingCountProperties: INodeProperties[] = [
	{
		displayName: 'Bucket Size',
		name: 'bucketSize',
		type: 'options',
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Hour', value: 'HOUR' },
			{ name: 'Month', value: 'MONTH' },
			{ name: 'Quarter Hour', value: 'QUARTER_HOUR' },
			{ name: 'Week (Starting Monday)', value: 'WEEK' },
		],
		default: 'HOUR',
		description: 'Length of each counted period, aligned to the calendar of the time zone',
	},
	{
		displayName: 'Crossing Object',
		name: 'crossingObject',
		type: 'options',
		options: [
			{ name: 'Face', value: 'FACE' },
			{ name: 'Human', value: 'HUMAN' },
			{ name: 'License Plate', value: 'LPR' },
			{ name: 'Vehicle', value: 'VEHICLE' },
		],
		default: 'HUMAN',
		description: 'What kind of object crossing the line is counted',
	},
	{
		displayName: 'Dedupe',
		name: 'dedupe',
		type: 'boolean',
		default: true,
		description: 'Whether Rhombus should deduplicate the counts',
	},
];

/** Rhombus's documented answer adds up the cameras of one request, which users do not expect. */
export const summedCamerasHint =
	'Rhombus usually adds up the counts of several cameras: one row per bucket, with their IDs comma-separated in cameraUuids. For separate rows, turn on One Row per Camera.';

/**
 * Off by default so that existing workflows keep their rows and their one request; the cost of
 * turning it on is said where it is turned on.
 */
export const perCameraProperty: INodeProperties = {
	displayName: 'One Row per Camera',
	name: 'perCamera',
	type: 'boolean',
	default: false,
	description:
		'Whether to give each camera its own rows (cameraUuid) instead of rows for all of them together (cameraUuids)',
	hint: 'When Rhombus answers with the cameras added up, as it usually does, each camera is asked again on its own: 1 + N requests for N cameras instead of 1',
};
