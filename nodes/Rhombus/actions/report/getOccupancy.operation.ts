import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OccupancyInterval, OccupancyQuery } from '../../metrics/occupancy';
import {
	fetchOccupancy,
	intervalGranularity,
	occupancyItems,
	occupancyRaw,
} from '../../metrics/occupancy';
import {
	cameraUuidLocator,
	endTimeProperty,
	outputModeProperty,
	startTimeProperty,
	timeZoneProperty,
} from '../common.descriptions';
import { readRawOutput, readTimeZone } from '../../../shared/parameters';
import { readCameraUuid, readInterval, readTimeRange } from '../../helpers/parameters';

const noInterval = '';

const intervals = [noInterval, ...Object.keys(intervalGranularity)] as Array<
	OccupancyInterval | typeof noInterval
>;

const properties: INodeProperties[] = [
	{
		...cameraUuidLocator,
		description: 'Camera with an occupancy region defined in the Rhombus Console',
	},
	startTimeProperty,
	endTimeProperty,
	timeZoneProperty,
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		options: [
			{ name: 'Daily', value: 'DAILY' },
			{ name: 'Hourly', value: 'HOURLY' },
			{ name: 'Minutely', value: 'MINUTELY' },
			{ name: 'Monthly', value: 'MONTHLY' },
			{
				name: 'None (One Total)',
				value: noInterval,
				description: 'One occupancy count for the whole time range',
			},
			{ name: 'Quarter-Hourly', value: 'QUARTERHOURLY' },
			{ name: 'Weekly (Starting Monday)', value: 'WEEKLY' },
		],
		default: 'HOURLY',
		description: 'Length of each period with its own occupancy count',
	},
	outputModeProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['getOccupancy'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const cameraUuid = readCameraUuid(this, itemIndex);
	const timeZone = readTimeZone(this, itemIndex);
	const { start, end } = readTimeRange(this, itemIndex, timeZone);
	const interval = readInterval(this, itemIndex, intervals);
	const raw = readRawOutput(this, itemIndex);
	const query: OccupancyQuery = {
		cameraUuid,
		start,
		end,
		timeZone,
		interval: interval === noInterval ? undefined : interval,
	};
	const response = await fetchOccupancy(this, query, { itemIndex });
	if (raw) {
		return [{ json: occupancyRaw(response) }];
	}
	return occupancyItems(response, query).map((json) => ({ json }));
}
