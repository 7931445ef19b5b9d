import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem } from '../../shared/items';
import type { Bucket, Granularity } from '../../shared/time';
import { bucketEndOf } from '../../shared/time';
import { rhombusApiRequest } from '../transport';
import type { OccupancyPoint, RhombusResponse } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';

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

export interface OccupancyQuery {
	/** Camera or device UUID as the user gave it, with or without a `.v0` facet. */
	cameraUuid: string;
	/** Epoch ms, inclusive. */
	start: number;
	/** Epoch ms, exclusive. */
	end: number;
	/** IANA zone of the local times and bucket ends. */
	timeZone: string;
	/** Without an interval Rhombus answers one count for the whole range. */
	interval?: OccupancyInterval;
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
 * Bounds of the point's bucket. Rhombus aligns the intervals to the camera's location, which may
 * not be `timeZone`, so a bucket never reaches past the start of the next point.
 */
function pointBucket(points: OccupancyPoint[], index: number, query: OccupancyQuery): Bucket {
	if (!query.interval) return { start: query.start, end: query.end };
	const start = points[index].timestampMs;
	const end = bucketEndOf(start, intervalGranularity[query.interval], query.timeZone);
	const next = points[index + 1]?.timestampMs;
	return { start, end: next === undefined ? end : Math.min(end, next) };
}

/** One docs/contract.md §6 row per interval, or a single `total` row when no interval was asked for. */
export function occupancyItems(response: OccupancyResponse, query: OccupancyQuery): IDataObject[] {
	const points = query.interval
		? response.timeSeriesDataPoints
		: response.timeSeriesDataPoints.slice(0, 1);
	const granularity: Granularity = query.interval ? intervalGranularity[query.interval] : 'total';
	const cameraUuid = bareCameraUuid(query.cameraUuid);
	const scope = `camera=${cameraUuid}`;
	const scopeFields = { cameraUuid };
	return points.map((point, index) =>
		bucketItem({
			source: 'rhombus',
			metric: 'occupancy',
			scope,
			bucket: pointBucket(points, index, query),
			granularity,
			timeZone: query.timeZone,
			scopeFields,
			values: { occupancy: occupancyOf(point), eventCountMap: point.eventCountMap },
			warning: response.warningMsg,
		}),
	);
}

/** The answer as Rhombus sent it (missing lists and maps read as empty). */
export function occupancyRaw(response: OccupancyResponse): IDataObject {
	return { ...response } as IDataObject;
}
