import type { IDataObject } from 'n8n-workflow';

import { append } from '../../shared/arrays';
import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import { joinWarnings } from '../../shared/warnings';
import type { Granularity } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import { rhombusApiRequest } from '../transport';
import type { CrossingCount, RhombusResponse } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';
import { AnswerGaps, warnEach } from '../helpers/answerGaps';
import type { MisplacedPoint, PlacedBucket } from './pointBuckets';
import { everyBucket, PointBuckets } from './pointBuckets';

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
 * that starts no bucket of that calendar inside the range is refused. What the spec lets Rhombus
 * leave out is told on every item (AnswerGaps): a count without its time is left out, an absent
 * count is 0, and an answer without any list is 0 in every bucket. With `perCamera`, rows
 * without a per-device answer are per camera too: the zeros of an answer without any list for
 * each camera, and the summed list of a request for one camera as that camera's series.
 */
export function crossingCountItems(
	response: CrossingCountsResponse,
	query: CrossingCountsQuery,
	misplaced: MisplacedPoint,
	perCamera = false,
): IDataObject[] {
	const granularity = bucketSizeGranularity[query.bucketSize];
	const grid = calendarGrid(granularity, query.timeZone);
	const gaps = new AnswerGaps();
	const item = (
		bucket: PlacedBucket,
		scope: string,
		scopeFields: IDataObject,
		ingress: number,
		egress: number,
	) =>
		bucketItem({
			source: 'rhombus',
			metric: 'crossingCounts',
			scope,
			bucket,
			granularity,
			timeZone: query.timeZone,
			scopeFields,
			values: { ingress, egress, net: ingress - egress },
			partial: bucket.partial,
		});
	const series = (
		counts: CrossingCount[],
		listName: string,
		path: string,
		scope: string,
		scopeFields: IDataObject,
	) => {
		const buckets = new PointBuckets(grid, query);
		const items: IDataObject[] = [];
		let timeless = 0;
		for (let index = 0; index < counts.length; index++) {
			const count = counts[index];
			if (count.timestampMs === undefined || count.timestampMs === null) {
				timeless++;
				continue;
			}
			const bucket = buckets.place(count.timestampMs);
			if (bucket === undefined) {
				throw misplaced(`${path}[${index}].timestampMs`, count.timestampMs);
			}
			const ingress = gaps.orZero(count.ingressCount, `${listName} rows without ingressCount`);
			const egress = gaps.orZero(count.egressCount, `${listName} rows without egressCount`);
			items.push(item(bucket, scope, scopeFields, ingress, egress));
		}
		if (timeless === 0) return items;
		gaps.leaveOutTimeless(listName, timeless);
		return gaps.fillBuckets(items, everyBucket(grid, query), (bucket) =>
			item(bucket, scope, scopeFields, 0, 0),
		);
	};

	const cameraUuids = uniqueBareUuids(query.cameraUuids);
	const selection = scopeKey('cameras', cameraUuids);
	const selectionFields = { cameraUuids: cameraUuids.join(',') };
	const { report } = response;
	if (report.kind === 'none') {
		const scopes: Array<[string, IDataObject]> = perCamera
			? cameraUuids.map((cameraUuid) => [`camera=${cameraUuid}`, { cameraUuid }])
			: [[selection, selectionFields]];
		return warnEach(
			scopes.flatMap(([scope, fields]) =>
				everyBucket(grid, query).map((bucket) => item(bucket, scope, fields, 0, 0)),
			),
			joinWarnings(response.warningMsg, noCrossingCounts),
		);
	}
	let items: IDataObject[];
	if (report.kind === 'perDevice') {
		const mapName = response.deviceCrossingCounts ? 'deviceCrossingCounts' : 'crossingCounts';
		items = seriesByCamera(report.byDevice, cameraUuids).flatMap(
			([cameraUuid, deviceUuid, counts]) =>
				series(counts, mapName, `${mapName}.${deviceUuid}`, `camera=${cameraUuid}`, {
					cameraUuid,
				}),
		);
	} else if (perCamera && cameraUuids.length === 1) {
		const [cameraUuid] = cameraUuids;
		items = series(report.counts, 'crossingCounts', 'crossingCounts', `camera=${cameraUuid}`, {
			cameraUuid,
		});
	} else {
		items = series(report.counts, 'crossingCounts', 'crossingCounts', selection, selectionFields);
	}
	return warnEach(items, gaps.warning(response.warningMsg));
}

/**
 * One row per camera and bucket. The one request for all cameras comes first, as without
 * `perCamera`: its answer serves when Rhombus answers per device (or there is one camera, or
 * no list at all). Rhombus's documented answer sums the cameras into one list, which cannot be
 * split, so then each camera is asked again on its own: 1 + N requests for N cameras.
 */
export async function crossingCountItemsPerCamera(
	context: RequestContext,
	query: CrossingCountsQuery,
	misplaced: MisplacedPoint,
	options: CallOptions = {},
): Promise<IDataObject[]> {
	const response = await fetchCrossingCounts(context, query, options);
	const cameras = camerasAsGiven(query.cameraUuids);
	if (response.report.kind !== 'aggregate' || cameras.length === 1) {
		return crossingCountItems(response, query, misplaced, true);
	}
	const items: IDataObject[] = [];
	for (const cameraUuid of cameras) {
		const cameraQuery = { ...query, cameraUuids: [cameraUuid] };
		const answer = await fetchCrossingCounts(context, cameraQuery, options);
		append(items, crossingCountItems(answer, cameraQuery, misplaced, true));
	}
	return items;
}

/** Each camera once, as the user gave it first (with its facet, if any), in the order given. */
function camerasAsGiven(deviceUuids: string[]): string[] {
	const byCamera = new Map<string, string>();
	for (const deviceUuid of deviceUuids) {
		const cameraUuid = bareCameraUuid(deviceUuid);
		if (!byCamera.has(cameraUuid)) byCamera.set(cameraUuid, deviceUuid);
	}
	return [...byCamera.values()];
}

/** The spec lets `crossingCounts` be null; counted as 0, as an absent count in a row is. */
const noCrossingCounts = 'Rhombus sent no crossingCounts (every bucket counted as 0)';

/** The answer as Rhombus sent it, without the shape marker the schema adds. */
export function crossingCountsRaw(response: CrossingCountsResponse): IDataObject {
	const sent = { ...response } as IDataObject;
	delete sent.report;
	return sent;
}
