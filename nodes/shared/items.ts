import type { IDataObject } from 'n8n-workflow';

import type { Bucket, Granularity } from './time';
import { bucketFields, bucketKey, steadyEnd } from './time';

export type Source = 'rhombus' | 'indivd';

export type Metric = 'crossingCounts' | 'occupancy' | 'lineCrosses' | 'zoneVisitors' | 'dropInRate';

/** The metric fields of each metric (docs/contract.md §6.3): what a correction compares and replaces. */
export const metricFields: Record<Metric, string[]> = {
	crossingCounts: ['ingress', 'egress', 'net'],
	occupancy: ['occupancy', 'eventCountMap'],
	lineCrosses: ['count'],
	zoneVisitors: [
		'visits',
		'uniqueVisits',
		'bounce',
		'bounceRate',
		'bounceThreshold',
		'dwellTimeMean',
		'dwellTimeMin',
		'dwellTimeMax',
		'dwellTimeP25',
		'dwellTimeP50',
		'dwellTimeP75',
		'dwellCount',
		'excludedBelowMinDwell',
		'excludedAboveMaxDwell',
	],
	dropInRate: ['passingBy', 'enter', 'dropInRate'],
};

export interface BucketItemInput {
	source: Source;
	metric: Metric;
	/** Identifies what the bucket covers inside the key, e.g. `camera=AAAA` or `zone=201`. */
	scope: string;
	bucket: Bucket;
	granularity: Granularity;
	timeZone: string;
	scopeFields: IDataObject;
	values: IDataObject;
	warning?: string | null;
	/**
	 * The bucket is cut short by the requested range (a month of which only some days were
	 * asked for): its key then carries its end, and the item says `partial: true`.
	 */
	partial?: boolean;
}

/**
 * One flat row per bucket and scope (docs/contract.md §6), in a stable column order for
 * spreadsheets: what a person reads first (local time, scope, numbers), then the fields
 * workflows key and filter on.
 */
export function bucketItem(input: BucketItemInput): IDataObject {
	const keyedByEnd =
		input.partial === true ||
		input.granularity === 'total' ||
		steadyEnd(input.bucket.start, input.granularity) !== input.bucket.end;
	const { bucketStart, bucketEnd, bucketStartLocal, timeZone, granularity } = bucketFields(
		input.bucket,
		input.granularity,
		input.timeZone,
	);
	const item: IDataObject = {
		bucketStartLocal,
		...input.scopeFields,
		...input.values,
		source: input.source,
		metric: input.metric,
		bucketKey: bucketKey({
			source: input.source,
			metric: input.metric,
			scope: input.scope,
			granularity: input.granularity,
			start: input.bucket.start,
			end: keyedByEnd ? input.bucket.end : undefined,
		}),
		bucketStart,
		bucketEnd,
		timeZone,
		granularity,
		...(input.partial === true ? { partial: true } : {}),
		complete: input.bucket.end + settleMs <= Date.now(),
	};
	if (input.warning) item.warning = input.warning;
	return item;
}

/**
 * How long after its end a bucket is taken as final: the triggers' default Settle Minutes, so an
 * action's open hour or day does not look like a closed one in a sheet (docs/contract.md §6.1).
 */
export const settleMs = 2 * 60_000;

/** Scope keys list ids sorted, so the same selection in another order gives the same key. */
export function scopeKey(name: string, ids: ReadonlyArray<string | number>): string {
	const sorted = [...ids].map(String).sort();
	return `${name}=${sorted.length ? sorted.join(',') : 'all'}`;
}

/** The scope part of an item's bucketKey: what the bucket covers, without its time. */
export function itemScope(item: IDataObject): string {
	const prefix = `${String(item.source)}:${String(item.metric)}:`;
	const time = `:${String(item.granularity)}:${String(item.bucketStart)}`;
	const key = String(item.bucketKey);
	if (!key.startsWith(prefix)) return key;
	for (const suffix of [time, `${time}/${String(item.bucketEnd)}`]) {
		if (key.endsWith(suffix)) return key.slice(prefix.length, -suffix.length);
	}
	return key;
}
