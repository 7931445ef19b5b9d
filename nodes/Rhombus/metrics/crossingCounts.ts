import type { IDataObject } from 'n8n-workflow';

import { append } from '../../shared/arrays';
import type { CallOptions, RequestContext } from '../../shared/http';
import { unexpectedResponseError } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import { joinWarnings } from '../../shared/warnings';
import type { Granularity } from '../../shared/time';
import { rhombusApiRequest, rhombusVendor } from '../transport';
import type { CrossingCount, RhombusResponse } from '../transport/schemas';
import { bareCameraUuid } from '../helpers/cameraIds';
import { AnswerGaps, warnEach } from '../helpers/answerGaps';
import type { Attempt, PlacedBucket, Reading } from './calendars';
import { describeReading, everyBucket, gridOf, readingText, readOnItsCalendar } from './calendars';

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

/**
 * What the counts are of, in the key's scope where it is not the default (humans, deduplicated),
 * so vehicle counts never share a key with human counts and today's keys stay
 * (docs/contract.md §6.2).
 */
function measureOf(query: CrossingCountsQuery): string {
	const object = query.crossingObject === 'HUMAN' ? '' : `;object=${query.crossingObject}`;
	return query.dedupe ? object : `${object};dedupe=false`;
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

interface Read {
	items: IDataObject[];
	/** Items whose numbers Rhombus did not give: a trigger asks again before it sends them. */
	unknown?: ReadonlySet<IDataObject>;
}

/** The items of an answer, the reading they were made on, and those whose numbers are unknown. */
export interface ReadCounts extends Read {
	reading?: Reading;
}

/** What is known of the calendars Rhombus may have counted on (docs/contract.md §8.1). */
export interface CrossingCountCalendars {
	/** A reading an earlier answer showed (a trigger's state, or the first request of a run). */
	preferred?: Reading;
	/** The zones of the cameras' locations, looked up only when no other zone fits. */
	moreZones?: () => Promise<string[]>;
}

/**
 * One docs/contract.md §6 row per bucket: per camera when Rhombus answered per device, otherwise
 * one row per bucket for the whole selection. Rhombus is asked to bucket in `timeZone`, but the
 * answer decides: its rows are read on the calendar they show (readOnItsCalendar), the zone sent
 * first, then UTC, weeks from Monday, then Sunday. What the spec lets Rhombus leave out is told
 * on every item (AnswerGaps): a count without its time is left out and the buckets without a
 * row are unknown, an absent count is null, and an answer without any list is unknown in every
 * bucket, never 0. With `perCamera`, rows without a per-device answer are per camera too: the
 * unknown buckets of an answer without any list for each camera, and the summed list of a
 * request for one camera as that camera's series.
 */
export async function crossingCountItems(
	context: RequestContext,
	response: CrossingCountsResponse,
	query: CrossingCountsQuery,
	calendars: CrossingCountCalendars = {},
	perCamera = false,
	itemIndex?: number,
): Promise<ReadCounts> {
	const granularity = bucketSizeGranularity[query.bucketSize];
	const item = (
		bucket: PlacedBucket,
		timeZone: string,
		scope: string,
		scopeFields: IDataObject,
		ingress: number | null,
		egress: number | null,
	) =>
		bucketItem({
			source: 'rhombus',
			metric: 'crossingCounts',
			scope,
			bucket,
			granularity,
			timeZone,
			scopeFields,
			values: {
				ingress,
				egress,
				net: ingress === null || egress === null ? null : ingress - egress,
			},
			partial: bucket.partial,
		});

	const cameraUuids = uniqueBareUuids(query.cameraUuids);
	const measure = measureOf(query);
	const selection = scopeKey('cameras', cameraUuids) + measure;
	const selectionFields = { cameraUuids: cameraUuids.join(',') };
	const { report } = response;
	if (report.kind === 'none') {
		const calendar = calendars.preferred ?? { zone: query.timeZone, weekStart: 1 as const };
		const scopes: Array<[string, IDataObject]> = perCamera
			? cameraUuids.map((cameraUuid) => [`camera=${cameraUuid}${measure}`, { cameraUuid }])
			: [[selection, selectionFields]];
		const buckets = everyBucket(gridOf(granularity, calendar), query);
		const items = scopes.flatMap(([scope, fields]) =>
			buckets.map((bucket) => item(bucket, calendar.zone, scope, fields, null, null)),
		);
		return {
			items: warnEach(items, joinWarnings(response.warningMsg, noCrossingCounts)),
			unknown: new Set(items),
		};
	}

	type Series = [
		list: CrossingCount[],
		listName: string,
		path: string,
		scope: string,
		fields: IDataObject,
	];
	let allSeries: Series[];
	if (report.kind === 'perDevice') {
		const mapName = response.deviceCrossingCounts ? 'deviceCrossingCounts' : 'crossingCounts';
		allSeries = seriesByCamera(report.byDevice, cameraUuids).map(
			([cameraUuid, deviceUuid, counts]) => [
				counts,
				mapName,
				`${mapName}.${deviceUuid}`,
				`camera=${cameraUuid}${measure}`,
				{ cameraUuid },
			],
		);
	} else if (perCamera && cameraUuids.length === 1) {
		const [cameraUuid] = cameraUuids;
		allSeries = [
			[
				report.counts,
				'crossingCounts',
				'crossingCounts',
				`camera=${cameraUuid}${measure}`,
				{ cameraUuid },
			],
		];
	} else {
		allSeries = [[report.counts, 'crossingCounts', 'crossingCounts', selection, selectionFields]];
	}

	const build = (attempt: Attempt): Read | undefined => {
		const gaps = new AnswerGaps();
		const { zone } = attempt.reading;
		const items: IDataObject[] = [];
		for (const [counts, listName, path, scope, scopeFields] of allSeries) {
			const placer = attempt.series();
			let series: IDataObject[] = [];
			let timeless = 0;
			for (let index = 0; index < counts.length; index++) {
				const count = counts[index];
				if (count.timestampMs === undefined || count.timestampMs === null) {
					timeless++;
					continue;
				}
				const bucket = placer.place(count.timestampMs);
				if (bucket === undefined) {
					return attempt.reject(`${path}[${index}].timestampMs`, count.timestampMs);
				}
				const ingress = gaps.orNull(count.ingressCount, `${listName} rows without ingressCount`);
				const egress = gaps.orNull(count.egressCount, `${listName} rows without egressCount`);
				series.push(item(bucket, zone, scope, scopeFields, ingress, egress));
			}
			if (timeless > 0) {
				gaps.leaveOutTimeless(listName, timeless);
				series = gaps.fillBuckets(series, everyBucket(attempt.grid, query), (bucket) =>
					item(bucket, zone, scope, scopeFields, null, null),
				);
			}
			append(items, series);
		}
		return { items: warnEach(items, gaps.warning(response.warningMsg)), unknown: gaps.unknown };
	};
	const read = await readOnItsCalendar(
		context,
		crossingCountsEndpoint,
		{
			granularity,
			range: query,
			zones: [query.timeZone, 'UTC'],
			preferred: calendars.preferred,
			moreZones: calendars.moreZones,
		},
		build,
		itemIndex,
	);
	return { ...read.value, reading: read.reading };
}

/**
 * One row per camera and bucket. The one request for all cameras comes first, as without
 * `perCamera`: its answer serves when Rhombus answers per device (or there is one camera, or
 * no list at all). Rhombus's documented answer sums the cameras into one list, which cannot be
 * split, so then each camera is asked again on its own: 1 + N requests for N cameras. Every
 * answer after the first is read on the first one's calendar where it fits, and all must agree.
 */
export async function crossingCountItemsPerCamera(
	context: RequestContext,
	query: CrossingCountsQuery,
	calendars: CrossingCountCalendars = {},
	options: CallOptions = {},
): Promise<ReadCounts> {
	const response = await fetchCrossingCounts(context, query, options);
	const cameras = camerasAsGiven(query.cameraUuids);
	const first = await crossingCountItems(
		context,
		response,
		query,
		calendars,
		true,
		options.itemIndex,
	);
	if (response.report.kind !== 'aggregate' || cameras.length === 1) return first;
	const items: IDataObject[] = [];
	const unknown = new Set<IDataObject>();
	let reading = first.reading;
	for (const cameraUuid of cameras) {
		const cameraQuery = { ...query, cameraUuids: [cameraUuid] };
		const answer = await fetchCrossingCounts(context, cameraQuery, options);
		const read = await crossingCountItems(
			context,
			answer,
			cameraQuery,
			{ ...calendars, preferred: reading ?? calendars.preferred },
			true,
			options.itemIndex,
		);
		reading = sameReading(context, reading, read.reading, options.itemIndex);
		append(items, read.items);
		for (const item of read.unknown ?? []) unknown.add(item);
	}
	return { items, reading, unknown };
}

/**
 * The one reading of answers that must share a calendar (one trigger walks one grid, and one run
 * of requests for the same cameras counts on one calendar); answers on two contradict each other.
 */
export function sameReading(
	context: RequestContext,
	kept: Reading | undefined,
	next: Reading | undefined,
	itemIndex?: number,
): Reading | undefined {
	if (kept === undefined) return next;
	if (next === undefined || readingText(kept) === readingText(next)) return kept;
	throw unexpectedResponseError(
		context,
		rhombusVendor,
		crossingCountsEndpoint,
		{
			path: '(root)',
			problem: `answers for the same cameras follow two calendars (${describeReading(kept)}, then ${describeReading(next)})`,
		},
		itemIndex,
	);
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

/** The spec lets `crossingCounts` be null: no numbers, so every bucket is unknown, not 0. */
const noCrossingCounts = 'Rhombus sent no crossingCounts (every bucket left empty)';

/** The answer as Rhombus sent it, without the shape marker the schema adds. */
export function crossingCountsRaw(response: CrossingCountsResponse): IDataObject {
	const sent = { ...response } as IDataObject;
	delete sent.report;
	return sent;
}
