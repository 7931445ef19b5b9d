import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OccupancyInterval, OccupancyQuery } from '../../metrics/occupancy';
import {
	fetchOccupancy,
	intervalGranularity,
	needsLocationZone,
	occupancyEndpoint,
	occupancyGrid,
	occupancyItems,
	occupancyRaw,
} from '../../metrics/occupancy';
import { unexpectedTimes } from '../../metrics/pointBuckets';
import {
	cameraLocatorSearching,
	endTimeProperty,
	outputModeProperty,
	startTimeProperty,
	timeZoneProperty,
} from '../common.descriptions';
import { InputError } from '../../../shared/input';
import { readRawOutput, readTimeZone } from '../../../shared/parameters';
import { readCameraUuid, readInterval, readTimeRange } from '../../helpers/parameters';
import type { RhombusRun } from '../../helpers/run';
import { bareCameraUuid } from '../../helpers/cameraIds';
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
			"Length of each period with its own occupancy count. Rhombus counts hours, days, weeks and months on the calendar of the camera's location, which the node looks up once per run (two requests).",
	},
	outputModeProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['getOccupancy'] } },
	properties,
);

const intervalNames: Record<OccupancyInterval, string> = {
	MINUTELY: 'Minutely',
	QUARTERHOURLY: 'Quarter-Hourly',
	HOURLY: 'Hourly',
	DAILY: 'Daily',
	WEEKLY: 'Weekly',
	MONTHLY: 'Monthly',
};

/**
 * The zone of the camera's location, which Rhombus's hours, days, weeks and months follow: the
 * request names no zone. Without it no bucket could be placed exactly, so the item fails
 * before asking for occupancy.
 */
async function locationZone(
	run: RhombusRun,
	cameraUuid: string,
	interval: OccupancyInterval,
	itemIndex: number,
): Promise<string> {
	const place = await run.cameraZones.placeOf(cameraUuid, { itemIndex });
	if (place?.timeZone !== undefined) return place.timeZone;
	const camera = bareCameraUuid(cameraUuid);
	const why =
		place === undefined
			? `camera ${camera} is not in the organization's camera list`
			: `the location of camera ${camera}${place.locationName ? ` (${place.locationName})` : ''} has no time zone in Rhombus`;
	throw new InputError(
		'Interval',
		`${intervalNames[interval]} occupancy follows the calendar of the camera's location, and ${why}, so its ${intervalGranularity[interval]}s cannot be placed exactly. Give the location a time zone in the Rhombus Console, or choose Minutely, Quarter-Hourly or None (One Total).`,
	);
}

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
	let calendar = 'UTC minutes and quarter hours';
	if (interval !== undefined && !raw) {
		const zone = needsLocationZone(interval)
			? await locationZone(run, cameraUuid, interval, itemIndex)
			: undefined;
		query.grid = occupancyGrid(interval, zone);
		if (zone !== undefined) calendar = `the calendar of ${zone} (the camera's location)`;
	}
	const response = await fetchOccupancy(this, query, { itemIndex });
	if (raw) {
		return [{ json: occupancyRaw(response) }];
	}
	const misplaced = unexpectedTimes(this, occupancyEndpoint, calendar, itemIndex);
	const items = occupancyItems(response, query, misplaced);
	// A camera without an occupancy region counts 0 silently; only an all-zero answer asks why.
	await explainZeros(this, 'occupancy', [cameraUuid], items, { itemIndex });
	return items.map((json) => ({ json }));
}
