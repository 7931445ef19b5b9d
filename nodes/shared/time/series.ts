// Runs of consecutive buckets, as a polling trigger walks them: which buckets have closed, the
// ones after its cursor, and the ones before for a backfill. Every step goes through
// bucketStartOf and bucketEndOf, so a run has exactly the edges a single bucket has.

import type { Bucket, BucketOptions, Granularity } from './buckets';
import { assertInstant, bucketEndOf, bucketStartOf } from './buckets';

/**
 * End of the newest bucket that is closed and settled at `now`: buckets ending on or before it
 * can be read. A bucket waits `settleMs` after its end because counts arrive late.
 */
export function closedUntil(
	now: number,
	settleMs: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	assertInstant(now, 'now');
	if (typeof settleMs !== 'number' || !Number.isFinite(settleMs) || settleMs < 0) {
		throw new Error(`settleMs must be a number >= 0, got ${String(settleMs)}`);
	}
	return bucketStartOf(now - settleMs, granularity, zone, options);
}

/**
 * The consecutive buckets from the bucket starting at `start`, oldest first, that end no later
 * than `until`, at most `limit` of them (Infinity for all).
 */
export function bucketsFrom(
	start: number,
	until: number,
	limit: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): Bucket[] {
	const buckets: Bucket[] = [];
	let bucketStart = start;
	while (buckets.length < limit) {
		const end = bucketEndOf(bucketStart, granularity, zone, options);
		if (end > until) break;
		buckets.push({ start: bucketStart, end });
		bucketStart = end;
	}
	return buckets;
}

/** Start of the bucket `count` buckets before the one starting at `end` (`end` itself for 0). */
export function bucketStartBefore(
	end: number,
	count: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	let start = end;
	for (let step = 0; step < count; step++) {
		start = bucketStartOf(start - 1, granularity, zone, options);
	}
	return start;
}
