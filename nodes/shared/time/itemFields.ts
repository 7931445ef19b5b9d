// What a bucket looks like in an output item: its fields of the item schema (docs/contract.md §6)
// and its key. Called once per bucket and scope, so both lean on the shared texts of isoText.ts.

import type { Bucket, Granularity } from './buckets';
import { assertInstant } from './buckets';
import { formatOffset, localIso, utcIso } from './isoText';
import { offsetAt, zoneFor } from './zones';

export interface BucketFields {
	bucketStart: string;
	bucketEnd: string;
	bucketStartLocal: string;
	timeZone: string;
	granularity: Granularity;
}

/** The bucket's fields of the item schema: UTC bounds, local start with offset, zone and granularity. */
export function bucketFields(bucket: Bucket, granularity: Granularity, zone: string): BucketFields {
	assertInstant(bucket.start, 'bucket.start');
	assertInstant(bucket.end, 'bucket.end');
	const offset = offsetAt(zoneFor(zone), bucket.start);
	return {
		bucketStart: utcIso(bucket.start),
		bucketEnd: utcIso(bucket.end),
		bucketStartLocal: localIso(bucket.start + offset) + formatOffset(offset),
		timeZone: zone,
		granularity,
	};
}

/**
 * Stable id of one bucket of one scope: `source:metric:scope:granularity:bucketStartIsoUtc`,
 * e.g. `rhombus:crossingCounts:camera=AAAA:hour:2026-03-29T01:00:00.000Z`. A bucket whose end
 * does not follow from its start (a whole-period total, a bucket clipped by the requested range)
 * gives `end` too, and its key ends in the ISO 8601 interval `start/end`, so two such buckets
 * that share a start never share a key (docs/contract.md §6).
 */
export function bucketKey(parts: {
	source: string;
	metric: string;
	scope: string;
	granularity: Granularity;
	start: number;
	end?: number;
}): string {
	assertInstant(parts.start, 'start');
	const prefix = keyPrefix(parts.source, parts.metric, parts.scope, parts.granularity);
	if (parts.end === undefined) return prefix + utcIso(parts.start);
	assertInstant(parts.end, 'end');
	return `${prefix}${utcIso(parts.start)}/${utcIso(parts.end)}`;
}

const lastPrefix = { source: '', metric: '', scope: '', granularity: '', text: '' };

/**
 * The part of a key all buckets of a series share, built once: a key is then one join of two
 * shared strings, not a chain of nine, which a year of minute buckets would keep alive each.
 */
function keyPrefix(source: string, metric: string, scope: string, granularity: string): string {
	const last = lastPrefix;
	if (
		last.source !== source ||
		last.metric !== metric ||
		last.scope !== scope ||
		last.granularity !== granularity
	) {
		last.source = source;
		last.metric = metric;
		last.scope = scope;
		last.granularity = granularity;
		last.text = `${source}:${metric}:${scope}:${granularity}:`;
	}
	return last.text;
}
