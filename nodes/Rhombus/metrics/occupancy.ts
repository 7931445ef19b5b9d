import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem } from '../../shared/items';
import { joinWarnings } from '../../shared/warnings';
import type { Bucket, Granularity, Grid } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import { rhombusApiRequest } from '../transport';
import type { OccupancyPoint, RhombusResponse } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';
import { AnswerGaps, warnEach } from '../helpers/answerGaps';
import type { MisplacedPoint } from './pointBuckets';
import { everyBucket, fixedGrid, PointBuckets } from './pointBuckets';

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

/**
 * The keys of `eventCountMap` are undocumented, so the occupancy is the sum over all of them; the
 * spec lets the map and each of its values be null.
 */
function occupancyOf(point: OccupancyPoint, gaps: AnswerGaps): number {
	const map = point.eventCountMap;
	if (map === undefined || map === null) {
		return gaps.orZero(undefined, 'timeSeriesDataPoints rows without eventCountMap');
	}
	let sum = 0;
	for (const key in map) sum += gaps.orZero(map[key], 'eventCountMap values of null');
	return sum;
}

/**
 * One docs/contract.md §6 row per interval, or a single `total` row when no interval was asked
 * for. A point that starts no interval of `query.grid` would make a bucket that lies, so it is
 * refused. As with crossing counts (AnswerGaps), a point without its time is left out, an absent
 * count is 0, and an answer without any list is 0 in every bucket.
 */
export function occupancyItems(
	response: OccupancyResponse,
	query: OccupancyQuery,
	misplaced: MisplacedPoint,
): IDataObject[] {
	const cameraUuid = bareCameraUuid(query.cameraUuid);
	const scope = `camera=${cameraUuid}`;
	const scopeFields = { cameraUuid };
	const gaps = new AnswerGaps();
	const item = (
		bucket: Bucket,
		granularity: Granularity,
		partial: boolean,
		point?: OccupancyPoint,
	) =>
		bucketItem({
			source: 'rhombus',
			metric: 'occupancy',
			scope,
			bucket,
			granularity,
			timeZone: query.timeZone,
			scopeFields,
			values: {
				occupancy: point ? occupancyOf(point, gaps) : 0,
				eventCountMap: point?.eventCountMap ?? {},
			},
			partial,
		});

	const points = response.timeSeriesDataPoints;
	const granularity = query.interval ? intervalGranularity[query.interval] : 'total';
	const grid = query.interval ? (query.grid ?? occupancyGrid(query.interval)) : undefined;
	if (points === undefined || points === null) {
		const buckets = grid
			? everyBucket(grid, query)
			: [{ start: query.start, end: query.end, partial: false }];
		return warnEach(
			buckets.map((bucket) => item(bucket, granularity, bucket.partial)),
			joinWarnings(response.warningMsg, noDataPoints),
		);
	}
	let items: IDataObject[];
	if (grid === undefined) {
		const whole = { start: query.start, end: query.end };
		items = points.slice(0, 1).map((point) => item(whole, granularity, false, point));
	} else {
		const buckets = new PointBuckets(grid, query);
		items = [];
		let timeless = 0;
		for (let index = 0; index < points.length; index++) {
			const point = points[index];
			if (point.timestampMs === undefined || point.timestampMs === null) {
				timeless++;
				continue;
			}
			const bucket = buckets.place(point.timestampMs);
			if (bucket === undefined) {
				throw misplaced(`timeSeriesDataPoints[${index}].timestampMs`, point.timestampMs);
			}
			items.push(item(bucket, granularity, bucket.partial, point));
		}
		if (timeless > 0) {
			gaps.leaveOutTimeless('timeSeriesDataPoints', timeless);
			items = gaps.fillBuckets(items, everyBucket(grid, query), (bucket) =>
				item(bucket, granularity, bucket.partial),
			);
		}
	}
	return warnEach(items, gaps.warning(response.warningMsg));
}

/** The spec lets `timeSeriesDataPoints` be null; counted as 0, as an absent count in a point is. */
const noDataPoints = 'Rhombus sent no timeSeriesDataPoints (every bucket counted as 0)';

/** The answer as Rhombus sent it. */
export function occupancyRaw(response: OccupancyResponse): IDataObject {
	return { ...response } as IDataObject;
}
