import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem } from '../../shared/items';
import type { Bucket, Granularity, Grid } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import { rhombusApiRequest } from '../transport';
import type { OccupancyPoint, RhombusResponse } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';
import type { MisplacedPoint } from './pointBuckets';
import { fixedGrid, PointBuckets } from './pointBuckets';

export const occupancyEndpoint = '/api/report/getOccupancyCountsV2';

export type OccupancyResponse = RhombusResponse<typeof occupancyEndpoint>;

export type OccupancyInterval =
	| 'MINUTELY'
	| 'QUARTERHOURLY'
	| 'HOURLY'
	| 'DAILY'
	| 'WEEKLY'
	| 'MONTHLY';

export const intervalGranularity: Record<OccupancyInterval, Granularity> = {
	MINUTELY: 'minute',
	QUARTERHOURLY: 'quarterHour',
	HOURLY: 'hour',
	DAILY: 'day',
	WEEKLY: 'week',
	MONTHLY: 'month',
};

/**
 * Every UTC offset in use since 2000 is a whole number of quarter hours, and every shift between
 * offsets since 2012 happened on a quarter hour (outside Antarctica), so these intervals have the
 * same edges in every zone Rhombus has cameras and data in.
 */
const zoneFreeIntervals: Partial<Record<OccupancyInterval, Grid>> = {
	MINUTELY: fixedGrid(60_000),
	QUARTERHOURLY: fixedGrid(900_000),
};

/** Whether Rhombus's intervals can only be placed knowing the zone of the camera's location. */
export function needsLocationZone(interval: OccupancyInterval): boolean {
	return zoneFreeIntervals[interval] === undefined;
}

/**
 * Where Rhombus's intervals start and end. The request names no zone, so Rhombus counts on the
 * calendar of the camera's location (docs/contract.md §3.3): hours, days, weeks and months
 * need `locationZone`.
 */
export function occupancyGrid(interval: OccupancyInterval, locationZone?: string): Grid {
	const grid = zoneFreeIntervals[interval];
	if (grid !== undefined) return grid;
	if (locationZone === undefined) {
		throw new Error(`${interval} occupancy needs the time zone of the camera's location`);
	}
	return calendarGrid(intervalGranularity[interval], locationZone);
}

export interface OccupancyQuery {
	/** Camera or device UUID as the user gave it, with or without a `.v0` facet. */
	cameraUuid: string;
	/** Epoch ms, inclusive. */
	start: number;
	/** Epoch ms, exclusive. */
	end: number;
	/** IANA zone of the local times (the chosen Time Zone, not necessarily the camera's). */
	timeZone: string;
	/** Without an interval Rhombus answers one count for the whole range. */
	interval?: OccupancyInterval;
	/** Where the intervals start and end (occupancyGrid()); needed with an interval. */
	grid?: Grid;
}

function occupancyRequest(query: OccupancyQuery): IDataObject {
	const body: IDataObject = {
		deviceUuid: query.cameraUuid,
		startTimeMs: query.start,
		endTimeMs: query.end,
	};
	if (query.interval) body.interval = query.interval;
	return body;
}

export async function fetchOccupancy(
	context: RequestContext,
	query: OccupancyQuery,
	options: CallOptions = {},
): Promise<OccupancyResponse> {
	return await rhombusApiRequest(context, occupancyEndpoint, occupancyRequest(query), options);
}

/** The keys of `eventCountMap` are undocumented, so the occupancy is the sum over all of them. */
function occupancyOf(point: OccupancyPoint): number {
	let sum = 0;
	for (const key in point.eventCountMap) sum += point.eventCountMap[key];
	return sum;
}

/**
 * One docs/contract.md §6 row per interval, or a single `total` row when no interval was asked
 * for. A point that starts no interval of `query.grid` would make a bucket that lies, so it
 * fails with `misplaced` instead.
 */
export function occupancyItems(
	response: OccupancyResponse,
	query: OccupancyQuery,
	misplaced: MisplacedPoint,
): IDataObject[] {
	const cameraUuid = bareCameraUuid(query.cameraUuid);
	const scope = `camera=${cameraUuid}`;
	const scopeFields = { cameraUuid };
	const item = (
		point: OccupancyPoint,
		bucket: Bucket,
		granularity: Granularity,
		partial: boolean,
	) =>
		bucketItem({
			source: 'rhombus',
			metric: 'occupancy',
			scope,
			bucket,
			granularity,
			timeZone: query.timeZone,
			scopeFields,
			values: { occupancy: occupancyOf(point), eventCountMap: point.eventCountMap },
			warning: response.warningMsg,
			partial,
		});

	const points = response.timeSeriesDataPoints;
	if (!query.interval) {
		const whole = { start: query.start, end: query.end };
		return points.slice(0, 1).map((point) => item(point, whole, 'total', false));
	}
	const granularity = intervalGranularity[query.interval];
	const buckets = new PointBuckets(query.grid ?? occupancyGrid(query.interval), query);
	return points.map((point, index) => {
		const bucket = buckets.place(point.timestampMs);
		if (bucket === undefined) {
			throw misplaced(`timeSeriesDataPoints[${index}].timestampMs`, point.timestampMs);
		}
		return item(point, bucket, granularity, bucket.partial);
	});
}

/** The answer as Rhombus sent it (missing lists and maps read as empty). */
export function occupancyRaw(response: OccupancyResponse): IDataObject {
	return { ...response } as IDataObject;
}
