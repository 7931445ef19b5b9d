import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import type { Granularity } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import { rhombusApiRequest } from '../transport';
import type { CrossingCount, RhombusResponse } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';
import type { MisplacedPoint } from './pointBuckets';
import { PointBuckets } from './pointBuckets';

export const crossingCountsEndpoint = '/api/report/getBatchThresholdCrossingCountReport';

export type CrossingCountsResponse = RhombusResponse<typeof crossingCountsEndpoint>;

export type BucketSize = 'QUARTER_HOUR' | 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export const bucketSizeGranularity: Record<BucketSize, Granularity> = {
	QUARTER_HOUR: 'quarterHour',
	HOUR: 'hour',
	DAY: 'day',
	WEEK: 'week',
	MONTH: 'month',
};

export const bucketSizes = Object.keys(bucketSizeGranularity) as BucketSize[];

/** Every object the API counts; expressions may name any of them, not only those the list offers. */
export const crossingObjects = ['HUMAN', 'VEHICLE', 'FACE', 'LPR', 'POSE', 'CLIP_EMBED', 'UNKNOWN'];

export interface CrossingCountsQuery {
	/** Camera or device UUIDs as the user gave them, with or without a `.v0` facet. */
	cameraUuids: string[];
	/** Epoch ms, inclusive. */
	start: number;
	/** Epoch ms, exclusive. */
	end: number;
	/** IANA zone the buckets are aligned to. */
	timeZone: string;
	bucketSize: BucketSize;
	crossingObject: string;
	dedupe: boolean;
}

/** Body of one request covering every camera of the query. */
function crossingCountsRequest(query: CrossingCountsQuery): IDataObject {
	return {
		deviceUuids: query.cameraUuids,
		startTimeMs: query.start,
		endTimeMs: query.end,
		timeZone: query.timeZone,
		bucketSize: query.bucketSize,
		crossingObject: query.crossingObject,
		dedupe: query.dedupe,
	};
}

export async function fetchCrossingCounts(
	context: RequestContext,
	query: CrossingCountsQuery,
	options: CallOptions = {},
): Promise<CrossingCountsResponse> {
	return await rhombusApiRequest(
		context,
		crossingCountsEndpoint,
		crossingCountsRequest(query),
		options,
	);
}

function uniqueBareUuids(deviceUuids: string[]): string[] {
	return [...new Set(deviceUuids.map(bareCameraUuid))];
}

function countValues(count: CrossingCount): IDataObject {
	return {
		ingress: count.ingressCount,
		egress: count.egressCount,
		net: count.ingressCount - count.egressCount,
	};
}

/**
 * The per-device series in the order the cameras were requested, with the key Rhombus used; a
 * map key may carry a facet (`AAAA.v0`) or not, whatever the request said, and a camera listed
 * twice is counted once.
 */
function seriesByCamera(
	byDevice: Record<string, CrossingCount[]>,
	requested: string[],
): Array<[string, string, CrossingCount[]]> {
	const series = new Map<string, [string, CrossingCount[]]>();
	for (const cameraUuid of requested) {
		const key = Object.keys(byDevice).find(
			(deviceUuid) => bareCameraUuid(deviceUuid) === cameraUuid,
		);
		if (key !== undefined) series.set(cameraUuid, [key, byDevice[key]]);
	}
	for (const [deviceUuid, counts] of Object.entries(byDevice)) {
		const cameraUuid = bareCameraUuid(deviceUuid);
		if (!series.has(cameraUuid)) series.set(cameraUuid, [deviceUuid, counts]);
	}
	return [...series].map(([cameraUuid, [deviceUuid, counts]]) => [cameraUuid, deviceUuid, counts]);
}

/**
 * One docs/contract.md §6 row per bucket: per camera when Rhombus answered per device, otherwise
 * one row per bucket for the whole selection. Rhombus buckets in the requested zone, so a count
 * that starts no bucket of that calendar inside the range fails with `misplaced`.
 */
export function crossingCountItems(
	response: CrossingCountsResponse,
	query: CrossingCountsQuery,
	misplaced: MisplacedPoint,
): IDataObject[] {
	const granularity = bucketSizeGranularity[query.bucketSize];
	const grid = calendarGrid(granularity, query.timeZone);
	const series = (
		counts: CrossingCount[],
		path: string,
		scope: string,
		scopeFields: IDataObject,
	) => {
		const buckets = new PointBuckets(grid, query);
		return counts.map((count, index) => {
			const bucket = buckets.place(count.timestampMs);
			if (bucket === undefined) {
				throw misplaced(`${path}[${index}].timestampMs`, count.timestampMs);
			}
			return bucketItem({
				source: 'rhombus',
				metric: 'crossingCounts',
				scope,
				bucket,
				granularity,
				timeZone: query.timeZone,
				scopeFields,
				values: countValues(count),
				warning: response.warningMsg,
				partial: bucket.partial,
			});
		});
	};

	const cameraUuids = uniqueBareUuids(query.cameraUuids);
	const { report } = response;
	if (report.kind === 'perDevice') {
		const mapName = response.deviceCrossingCounts ? 'deviceCrossingCounts' : 'crossingCounts';
		return seriesByCamera(report.byDevice, cameraUuids).flatMap(
			([cameraUuid, deviceUuid, counts]) =>
				series(counts, `${mapName}.${deviceUuid}`, `camera=${cameraUuid}`, { cameraUuid }),
		);
	}
	return series(report.counts, 'crossingCounts', scopeKey('cameras', cameraUuids), {
		cameraUuids: cameraUuids.join(','),
	});
}

/** The answer as Rhombus sent it, without the shape marker the schema adds. */
export function crossingCountsRaw(response: CrossingCountsResponse): IDataObject {
	const sent = { ...response } as IDataObject;
	delete sent.report;
	return sent;
}
