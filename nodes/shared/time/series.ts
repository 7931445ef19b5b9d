// Runs of consecutive buckets, as a polling trigger walks them: which buckets have closed, the
// ones after its cursor, and the ones before for a backfill. Every step goes through the grid's
// startOf and endOf, so a run has exactly the edges a single bucket has. Also the calendar
// arithmetic a trigger's reminders count in.

import type { Bucket, BucketOptions, Granularity } from './buckets';
import { assertAlignable, assertInstant, bucketEndOf, bucketStartOf } from './buckets';
import { DAY_MS } from './calendar';
import { instantOfWallTime, offsetAt, zoneFor } from './zones';

/**
 * How time is cut into buckets. Most vendors' numbers follow a zone's calendar
 * (`calendarGrid`); a vendor that stores fixed records and labels them by local time puts its
 * bucket edges elsewhere, and supplies its own grid so a bucket closes when its last record does.
 */
export interface Grid {
	/** Start of the bucket that holds `instant`. */
	startOf(instant: number): number;
	/** End of the bucket that starts at `start`, which is the next bucket's start. */
	endOf(start: number): number;
}

/** Buckets of `granularity` on the calendar of `zone`. */
export function calendarGrid(
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): Grid {
	assertAlignable(granularity);
	return {
		startOf: (instant) => bucketStartOf(instant, granularity, zone, options),
		endOf: (start) => bucketEndOf(start, granularity, zone, options),
	};
}

/**
 * End of the newest bucket that is closed and settled at `now`: buckets ending on or before it
 * can be read. A bucket waits `settleMs` after its end because counts arrive late.
 */
export function closedUntil(now: number, settleMs: number, grid: Grid): number {
	assertInstant(now, 'now');
	if (typeof settleMs !== 'number' || !Number.isFinite(settleMs) || settleMs < 0) {
		throw new Error(`settleMs must be a number >= 0, got ${String(settleMs)}`);
	}
	return grid.startOf(now - settleMs);
}

/**
 * The consecutive buckets from the bucket starting at `start`, oldest first, that end no later
 * than `until`, at most `limit` of them (Infinity for all).
 */
export function bucketsFrom(start: number, until: number, limit: number, grid: Grid): Bucket[] {
	const buckets: Bucket[] = [];
	let bucketStart = start;
	while (buckets.length < limit) {
		const end = grid.endOf(bucketStart);
		if (end > until) break;
		buckets.push({ start: bucketStart, end });
		bucketStart = end;
	}
	return buckets;
}

/** Start of the bucket `count` buckets before the one starting at `end` (`end` itself for 0). */
export function bucketStartBefore(end: number, count: number, grid: Grid): number {
	let start = end;
	for (let step = 0; step < count; step++) {
		start = grid.startOf(start - 1);
	}
	return start;
}

/**
 * The instant `spanMs` after `instant` on the calendar of `zone`, as luxon's and Temporal's
 * plus() count: whole days keep the local wall time (so a day is 23, 24 or 25 hours long), the
 * rest is exact time (so the repeated hour of a fall-back night is an hour too).
 */
export function plusOnCalendar(instant: number, spanMs: number, zone: string): number {
	const days = Math.floor(spanMs / DAY_MS);
	const rest = spanMs - days * DAY_MS;
	if (days <= 0) return instant + spanMs;
	const ianaZone = zoneFor(zone);
	const offset = offsetAt(ianaZone, instant);
	const sameOffset = instant + days * DAY_MS;
	// Keeping the offset when it is still in force picks, of a repeated wall time, the occurrence
	// on the same side of the shift, and spares the search on the usual day without one.
	const landed =
		offsetAt(ianaZone, sameOffset) === offset
			? sameOffset
			: instantOfWallTime(ianaZone, sameOffset + offset);
	return landed + rest;
}
