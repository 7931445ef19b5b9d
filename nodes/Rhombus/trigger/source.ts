import { DateTime } from 'luxon';
import type { IPollFunctions } from 'n8n-workflow';

import { append } from '../../shared/arrays';
import { InputError, oneOf } from '../../shared/input';
import { nodeParameter, readTimeZone } from '../../shared/parameters';
import type { Grid } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import type { BucketRow } from '../../shared/trigger/engine';
import type { TriggerSource } from '../../shared/trigger/poll';
import { rowsOf } from '../../shared/trigger/poll';
import type { PollingSettings } from '../../shared/trigger/settings';
import { bareCameraUuid } from '../helpers/cameraIds';
import {
	readCameraUuids,
	readCrossingCountOptions,
	readInterval,
	readPerCamera,
} from '../helpers/parameters';
import {
	bucketSizeGranularity,
	bucketSizes,
	crossingCountItems,
	crossingCountItemsPerCamera,
	crossingCountsEndpoint,
	fetchCrossingCounts,
} from '../metrics/crossingCounts';
import type { OccupancyInterval } from '../metrics/occupancy';
import {
	fetchOccupancy,
	intervalGranularity,
	occupancyEndpoint,
	occupancyGrid,
	occupancyItems,
} from '../metrics/occupancy';
import type { MisplacedPoint } from '../metrics/pointBuckets';
import { unexpectedTimes } from '../metrics/pointBuckets';

export type RhombusTriggerEvent = 'crossingCounts' | 'occupancy';

/** Occupancy days follow the camera location's calendar, which the trigger does not know: up to hours. */
const triggerIntervals: OccupancyInterval[] = ['MINUTELY', 'QUARTERHOURLY', 'HOURLY'];

/**
 * The Rhombus requests behind one poll: every camera in one request, or one per camera
 * (occupancy, and crossing counts per camera when Rhombus adds the cameras up).
 */
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
		const perCamera = readPerCamera(context, 0);
		const granularity = bucketSizeGranularity[options.bucketSize];
		const misplaced = unexpectedTimes(
			context,
			crossingCountsEndpoint,
			`the calendar of ${timeZone}`,
		);
		return {
			scopes: cameraUuids.length,
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
				if (perCamera) {
					return rowsOf(await crossingCountItemsPerCamera(context, query, misplaced));
				}
				const response = await fetchCrossingCounts(context, query);
				return rowsOf(crossingCountItems(response, query, misplaced));
			},
		};
	}

	const interval = readInterval(context, 0, triggerIntervals);
	const granularity = intervalGranularity[interval];
	// The trigger walks one grid for all cameras before it has seen any answer. Minutes and
	// quarter hours are the same in every zone; hours are Rhombus's only where the chosen zone's
	// hours start at the same minute as those of each camera's location, which every answer
	// shows: a camera whose hours do not fit fails the poll rather than emit halves of hours.
	const grid = interval === 'HOURLY' ? calendarGrid('hour', timeZone) : occupancyGrid(interval);
	const unexpected = unexpectedTimes(
		context,
		occupancyEndpoint,
		interval === 'HOURLY' ? `the calendar of ${timeZone}` : 'UTC minutes and quarter hours',
	);
	return {
		scopes: cameraUuids.length,
		schedule: {
			...settings.schedule,
			basis: `rhombus|occupancy|${granularity}|${timeZone}`,
			granularity,
			timeZone,
			grid,
		},
		fetch: async (window) => {
			const rows: BucketRow[] = [];
			for (const cameraUuid of cameraUuids) {
				const query = {
					cameraUuid,
					start: window.start,
					end: window.end,
					timeZone,
					interval,
					grid,
				};
				const misplaced =
					interval === 'HOURLY'
						? hoursDoNotFit(cameraUuid, timeZone, grid, unexpected)
						: unexpected;
				const response = await fetchOccupancy(context, query);
				append(rows, rowsOf(occupancyItems(response, query, misplaced)));
			}
			return rows;
		},
	};
}

const hourMs = 3_600_000;

/**
 * The refusal when Rhombus's hours for a camera (its location's clock) are not the chosen zone's
 * hours: every bucket would be two halves of Rhombus's hours, so none is emitted.
 */
function hoursDoNotFit(
	cameraUuid: string,
	timeZone: string,
	grid: Grid,
	unexpected: MisplacedPoint,
): MisplacedPoint {
	const clock = (instant: number, zone: string) =>
		DateTime.fromMillis(instant, { zone }).toFormat('HH:mm');
	return (path, timestampMs) => {
		// A whole hour of the zone outside the window is a broken answer, not another clock.
		if (grid.startOf(timestampMs) === timestampMs) return unexpected(path, timestampMs);
		const end = timestampMs + hourMs;
		return new InputError(
			'Time Zone',
			`${timeZone} does not fit Interval Hour for camera ${bareCameraUuid(cameraUuid)}: Rhombus counts occupancy hours on the clock of the camera's location, and this camera's hours run ${clock(timestampMs, 'UTC')}–${clock(end, 'UTC')} UTC (${clock(timestampMs, timeZone)}–${clock(end, timeZone)} in ${timeZone}), not from one full hour of ${timeZone} to the next. Set Time Zone to the time zone of the camera's location (or another whose hours start at the same minute), or choose Interval Quarter Hour.`,
		);
	};
}
