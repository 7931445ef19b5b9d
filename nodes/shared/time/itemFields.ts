// What a bucket looks like in an output item: its fields of the item schema (docs/contract.md §6)
// and its key. Called once per bucket and scope, so both lean on the shared texts of isoText.ts.

import type { Bucket, Granularity } from './buckets';
import { assertInstant } from './buckets';
import { DAY_MS, HOUR_MS, MINUTE_MS, mod, utcMillis } from './calendar';
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
 * does not follow from its start (a whole-period total, a bucket clipped by the requested range,
 * one in which the UTC offset changes: steadyEnd) gives `end`, and its key ends in the ISO 8601
 * interval `start/end`, so two buckets that share a start never share a key (docs/contract.md
 * §6.2): a March of London (to 31 March 23:00 UTC) is not the March of UTC.
 */
const fixedLengths: Partial<Record<Granularity, number>> = {
	minute: MINUTE_MS,
	quarterHour: 15 * MINUTE_MS,
	hour: HOUR_MS,
	day: DAY_MS,
	week: 7 * DAY_MS,
};

/** Every UTC offset in use lies between -12:00 and +14:00, in quarter hours. */
const quarterHour = 15 * MINUTE_MS;
const offsets: number[] = [];
for (let offset = -12 * HOUR_MS; offset <= 14 * HOUR_MS; offset += quarterHour) offsets.push(offset);

/**
 * The end a bucket of `granularity` starting at `start` has where the UTC offset stays the same
 * throughout it: its start plus its length, or for months and years the same wall time a month
 * or a year on, at the offset that makes the start a first of the month (of January). A bucket
 * whose end is another one (a daylight-saving day, week or month, a half hour at Lord Howe's
 * shift, a repeated hour kept as one bucket) is one the start alone does not name.
 */
export function steadyEnd(start: number, granularity: Granularity): number | undefined {
	const length = fixedLengths[granularity];
	if (length !== undefined) return start + length;
	if (granularity !== 'month' && granularity !== 'year') return undefined;
	for (const offset of offsets) {
		const wall = start + offset;
		if (mod(wall, DAY_MS) !== 0) continue;
		const date = new Date(wall);
		if (date.getUTCDate() !== 1 || (granularity === 'year' && date.getUTCMonth() !== 0)) continue;
		const year = date.getUTCFullYear() + (granularity === 'year' ? 1 : 0);
		const month = date.getUTCMonth() + (granularity === 'month' ? 1 : 0);
		return utcMillis(year, month, 1) - offset;
	}
	return undefined;
}

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
