import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	bounceThresholdField,
	lineFilterFields,
	locationsField,
	zonesField,
} from './actions/common.descriptions';
import { loadOptions } from './methods';
import { indivdTriggerSource } from './trigger/source';
import { pollingProperties, thresholdProperties } from '../shared/trigger/properties';
import { runBucketTrigger } from '../shared/trigger/poll';
import { triggerSubtitle } from '../shared/subtitle';

const on = (...events: string[]) => ({ show: { event: events } });

const showFor = (events: string[], properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({ ...property, displayOptions: on(...events) }));

const thresholdField = (
	event: string,
	options: Array<{ name: string; value: string }>,
	value: string,
) => ({
	displayName: 'Threshold Field',
	name: 'thresholdField',
	type: 'options' as const,
	options,
	default: value,
	displayOptions: { show: { event: [event], emit: ['threshold'] } },
});

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Drop-in Rate',
				value: 'dropInRate',
				action: 'When a bucket of drop-in rate closes',
				description: 'Passers-by and entries per zone',
			},
			{
				name: 'Line Crosses',
				value: 'lineCrosses',
				action: 'When a bucket of line crosses closes',
				description: 'Crossings of counting lines (UTC)',
			},
			{
				name: 'Zone Visitors',
				value: 'zoneVisitors',
				action: 'When a bucket of zone visitors closes',
				description: 'Visits, unique visits, bounces and dwell times per zone',
			},
		],
		default: 'lineCrosses',
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Day', value: 'day' },
			{ name: 'Hour', value: 'hour' },
			{ name: 'Minute', value: 'minute' },
		],
		default: 'hour',
		displayOptions: on('lineCrosses'),
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Day', value: 'day' },
			{ name: 'Hour', value: 'hour' },
		],
		default: 'hour',
		description:
			'Zone data is hourly records from the UTC hour; a bucket is emitted once its last record is complete, never while it is still growing',
		displayOptions: on('zoneVisitors', 'dropInRate'),
	},
	{ ...locationsField, displayOptions: undefined },
	...showFor(['zoneVisitors', 'dropInRate'], [zonesField]),
	...showFor(['lineCrosses'], lineFilterFields),
	{ ...bounceThresholdField, displayOptions: on('zoneVisitors') },
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Stockholm',
		description:
			"IANA time zone the hours and days follow. Indivd files each hourly record under the local time it starts, so in a zone such as Asia/Kolkata an hour runs from :00 UTC, shown as 14:30. Leave empty to use the workflow's time zone.",
		displayOptions: on('zoneVisitors', 'dropInRate'),
	},
	...pollingProperties,
	thresholdField('lineCrosses', [{ name: 'Count', value: 'count' }], 'count'),
	thresholdField(
		'zoneVisitors',
		[
			{ name: 'Bounce Rate (%)', value: 'bounceRate' },
			{ name: 'Bounces', value: 'bounce' },
			{ name: 'Mean Dwell Time (Seconds)', value: 'dwellTimeMean' },
			{ name: 'Unique Visits', value: 'uniqueVisits' },
			{ name: 'Visits', value: 'visits' },
		],
		'visits',
	),
	thresholdField(
		'dropInRate',
		[
			{ name: 'Drop-in Rate (%)', value: 'dropInRate' },
			{ name: 'Entries', value: 'enter' },
			{ name: 'Passers-By', value: 'passingBy' },
		],
		'dropInRate',
	),
	...thresholdProperties,
];

export class IndivdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Indivd Trigger',
		name: 'indivdTrigger',
		icon: { light: 'file:../../icons/indivd.svg', dark: 'file:../../icons/indivd.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggerSubtitle(properties, 'event', 'granularity'),
		description:
			'People counting from Indivd: line crosses, zone visitors with dwell time, drop-in rate, per closed bucket',
		defaults: { name: 'Indivd Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'indivdApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runBucketTrigger(this, indivdTriggerSource);
	}
}
