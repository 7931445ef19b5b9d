import type {
	INodeProperties,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	cameraUuidsProperty,
	crossingCountProperties,
	perCameraProperty,
	summedCamerasHint,
	timeZoneProperty,
} from './actions/common.descriptions';
import { loadOptions } from './methods';
import { rhombusTriggerSource } from './trigger/source';
import { pollingProperties, thresholdProperties } from '../shared/trigger/properties';
import { runBucketTrigger } from '../shared/trigger/poll';
import { triggerSubtitle } from '../shared/subtitle';

const onCrossingCounts = { show: { event: ['crossingCounts'] } };
const onOccupancy = { show: { event: ['occupancy'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Crossing Counts',
				value: 'crossingCounts',
				action: 'When a bucket of crossing counts closes',
				description:
					'Ingress, egress and net per bucket; all cameras in one request per poll, unless One Row per Camera needs one per camera',
			},
			{
				name: 'Occupancy',
				value: 'occupancy',
				action: 'When a bucket of occupancy closes',
				description: 'Estimated people present per interval; one request per camera per poll',
			},
		],
		default: 'crossingCounts',
	},
	// One property per event, so each lists first the cameras that count what the event reports.
	{
		...cameraUuidsProperty,
		typeOptions: { loadOptionsMethod: 'getCountingLineCameras' },
		description:
			'Cameras to watch; those with a counting line are listed first (the others count 0). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: summedCamerasHint,
		displayOptions: onCrossingCounts,
	},
	{
		...cameraUuidsProperty,
		typeOptions: { loadOptionsMethod: 'getOccupancyCameras' },
		description:
			'Cameras to watch; those with an occupancy region are listed first (the others count 0). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: onOccupancy,
	},
	...[...crossingCountProperties, perCameraProperty].map((property) => ({
		...property,
		displayOptions: onCrossingCounts,
	})),
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		options: [
			{ name: 'Hour', value: 'HOURLY' },
			{ name: 'Minute', value: 'MINUTELY' },
			{ name: 'Quarter Hour', value: 'QUARTERHOURLY' },
		],
		default: 'HOURLY',
		description:
			"Length of each bucket. Rhombus counts hours on the clock of the camera's location, so with Hour the Time Zone's hours must start at the same minute (the location's own zone always does); otherwise the poll fails and says so.",
		displayOptions: onOccupancy,
	},
	{
		...timeZoneProperty,
		description:
			"IANA time zone the buckets follow (days, weeks and months are local calendar units). Leave empty to use the workflow's time zone.",
	},
	...pollingProperties,
	{
		displayName: 'Threshold Field',
		name: 'thresholdField',
		type: 'options',
		options: [
			{ name: 'Egress', value: 'egress' },
			{ name: 'Ingress', value: 'ingress' },
			{ name: 'Net (Ingress − Egress)', value: 'net' },
		],
		default: 'ingress',
		displayOptions: { show: { event: ['crossingCounts'], emit: ['threshold'] } },
	},
	{
		displayName: 'Threshold Field',
		name: 'thresholdField',
		type: 'options',
		options: [{ name: 'Occupancy', value: 'occupancy' }],
		default: 'occupancy',
		displayOptions: { show: { event: ['occupancy'], emit: ['threshold'] } },
	},
	...thresholdProperties,
];

export class RhombusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rhombus Trigger',
		name: 'rhombusTrigger',
		icon: { light: 'file:../../icons/rhombus.svg', dark: 'file:../../icons/rhombus.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggerSubtitle(properties, 'event', 'emit'),
		description:
			'People counting and video from Rhombus: crossing counts and occupancy per closed bucket, camera frames, saved clips',
		defaults: { name: 'Rhombus Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rhombusApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runBucketTrigger(this, rhombusTriggerSource);
	}
}
