import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dependsOnZone } from '../../metrics/calendars';
import type {
	OccupancyCalendars,
	OccupancyInterval,
	OccupancyQuery,
} from '../../metrics/occupancy';
import {
	fetchOccupancy,
	intervalGranularity,
	occupancyItems,
	occupancyRaw,
} from '../../metrics/occupancy';
import {
	cameraLocatorSearching,
	endTimeProperty,
	outputModeProperty,
	startTimeProperty,
	timeZoneProperty,
} from '../common.descriptions';
import { readRawOutput, readTimeZone } from '../../../shared/parameters';
import { readCameraUuid, readInterval, readTimeRange } from '../../helpers/parameters';
import type { RhombusRun } from '../../helpers/run';
import { explainZeros } from '../../helpers/countingCameras';

const noInterval = '';

const intervals = [noInterval, ...Object.keys(intervalGranularity)] as Array<
	OccupancyInterval | typeof noInterval
>;

const properties: INodeProperties[] = [
	{
		...cameraLocatorSearching('searchOccupancyCameras'),
		description:
			'Camera with an occupancy region defined in the Rhombus Console, listed first (the others count 0)',
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
		description:
			"Length of each period with its own occupancy count. Rhombus counts hours, days, weeks and months on the calendar its answer shows, usually the camera location's, which the node looks up once per run (two requests).",
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
	run: RhombusRun,
): Promise<INodeExecutionData[]> {
	const cameraUuid = readCameraUuid(this, itemIndex);
	const timeZone = readTimeZone(this, itemIndex);
	const { start, end } = readTimeRange(this, itemIndex, timeZone);
	const chosen = readInterval(this, itemIndex, intervals);
	const raw = readRawOutput(this, itemIndex);
	const interval = chosen === noInterval ? undefined : chosen;
	const query: OccupancyQuery = { cameraUuid, start, end, timeZone, interval };
	// The request names no zone, so Rhombus likely counts hours and longer on the calendar of the
	// camera's location: read once per run before the first request, as the first calendar to
	// try; minutes and quarter hours have the same edges everywhere and need it only for a date
	// sent as local text.
	const locationZones = async () => await run.cameraZones.zonesOf([cameraUuid], { itemIndex });
	const calendars: OccupancyCalendars = { moreZones: locationZones };
	if (interval !== undefined && !raw && dependsOnZone(intervalGranularity[interval])) {
		[calendars.locationZone] = await locationZones();
	}
	const response = await fetchOccupancy(this, query, { itemIndex });
	if (raw) {
		return [{ json: occupancyRaw(response) }];
	}
	const { items } = await occupancyItems(this, response, query, calendars, itemIndex);
	// A camera without an occupancy region counts 0 silently; only an all-zero answer asks why.
	await explainZeros(this, 'occupancy', [cameraUuid], items, { itemIndex });
	return items.map((json) => ({ json }));
}
