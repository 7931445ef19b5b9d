import type { IPollFunctions } from 'n8n-workflow';

import { append } from '../../shared/arrays';
import { oneOf } from '../../shared/input';
import { nodeParameter, readTimeZone } from '../../shared/parameters';
import { calendarGrid } from '../../shared/time';
import type { BucketRow } from '../../shared/trigger/engine';
import type { TriggerSource } from '../../shared/trigger/poll';
import { rowsOf } from '../../shared/trigger/poll';
import type { PollingSettings } from '../../shared/trigger/settings';
import { readCameraUuids, readCrossingCountOptions, readInterval } from '../helpers/parameters';
import {
	bucketSizeGranularity,
	bucketSizes,
	crossingCountItems,
	fetchCrossingCounts,
} from '../metrics/crossingCounts';
import type { OccupancyInterval } from '../metrics/occupancy';
import { fetchOccupancy, intervalGranularity, occupancyItems } from '../metrics/occupancy';

export type RhombusTriggerEvent = 'crossingCounts' | 'occupancy';

/** Occupancy days follow the camera location's calendar, which the trigger cannot see: up to hours. */
const triggerIntervals: OccupancyInterval[] = ['MINUTELY', 'QUARTERHOURLY', 'HOURLY'];

/** The Rhombus requests behind one poll: every camera in one request, or one per camera. */
export function rhombusTriggerSource(
	context: IPollFunctions,
	settings: PollingSettings,
): TriggerSource {
	const event = oneOf<RhombusTriggerEvent>(
		nodeParameter(context, 0, 'event', 'crossingCounts'),
		['crossingCounts', 'occupancy'],
		'Event',
	);
	const cameraUuids = readCameraUuids(context, 0);
	const timeZone = readTimeZone(context, 0);

	if (event === 'crossingCounts') {
		const options = readCrossingCountOptions(context, 0, bucketSizes);
		const granularity = bucketSizeGranularity[options.bucketSize];
		return {
			schedule: {
				...settings.schedule,
				basis: `rhombus|crossingCounts|${granularity}|${timeZone}`,
				granularity,
				timeZone,
				grid: calendarGrid(granularity, timeZone),
			},
			fetch: async (window) => {
				const query = {
					cameraUuids,
					start: window.start,
					end: window.end,
					timeZone,
					...options,
				};
				return rowsOf(crossingCountItems(await fetchCrossingCounts(context, query), query));
			},
		};
	}

	const interval = readInterval(context, 0, triggerIntervals);
	const granularity = intervalGranularity[interval];
	return {
		schedule: {
			...settings.schedule,
			basis: `rhombus|occupancy|${granularity}|${timeZone}`,
			granularity,
			timeZone,
			grid: calendarGrid(granularity, timeZone),
		},
		fetch: async (window) => {
			const rows: BucketRow[] = [];
			for (const cameraUuid of cameraUuids) {
				const query = { cameraUuid, start: window.start, end: window.end, timeZone, interval };
				append(rows, rowsOf(occupancyItems(await fetchOccupancy(context, query), query)));
			}
			return rows;
		},
	};
}
