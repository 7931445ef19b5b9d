import type { IANAZone } from 'luxon';

import { HOUR_MS, MINUTE_MS, calendarDateOf, dayNumber, mod } from './calendar';
import { firstInstantWhere, localDayOf, offsetAt, startOfLocalDay, zoneFor } from './zones';

export type Granularity =
	| 'minute'
	| 'quarterHour'
	| 'hour'
	| 'day'
	| 'week'
	| 'month'
	| 'year'
	| 'total';

/** Half-open interval `[start, end)` in epoch milliseconds. */
export interface Bucket {
	start: number;
	end: number;
}

export interface BucketOptions {
	/** 1 (default): weeks start on Monday, as in ISO 8601. 7: weeks start on Sunday, as in Indivd and MongoDB `$week`. */
	weekStart?: 1 | 7;
}

const SUB_DAY_BUCKET_MS: Partial<Record<Granularity, number>> = {
	minute: MINUTE_MS,
	quarterHour: 15 * MINUTE_MS,
	hour: HOUR_MS,
};

// 'total' is one bucket spanning whatever period was asked for, so it has no edges to align to.
const ALIGNABLE_GRANULARITIES: readonly Granularity[] = [
	'minute',
	'quarterHour',
	'hour',
	'day',
	'week',
	'month',
	'year',
];

export function assertAlignable(granularity: Granularity): void {
	if (!ALIGNABLE_GRANULARITIES.includes(granularity)) {
		throw new Error(`Granularity "${String(granularity)}" has no calendar buckets to align to`);
	}
}

export function assertInstant(instant: number, name: string): void {
	if (typeof instant !== 'number' || !Number.isFinite(instant)) {
		throw new Error(
			`${name} must be a finite number of epoch milliseconds, got ${String(instant)}`,
		);
	}
}

function weekStartOf(options: BucketOptions | undefined): 1 | 7 {
	const weekStart = options?.weekStart ?? 1;
	if (weekStart !== 1 && weekStart !== 7) {
		throw new Error(`weekStart must be 1 (Monday) or 7 (Sunday), got ${String(weekStart)}`);
	}
	return weekStart;
}

function startOfSubDayBucket(zone: IANAZone, instant: number, unit: number): number {
	const offset = offsetAt(zone, instant);
	const aligned = instant - mod(instant + offset, unit);
	if (aligned === instant || offsetAt(zone, aligned) === offset) return aligned;
	// The offset changed within this local unit (a DST shift, or Lord Howe's 30-minute one): the
	// bucket starts at the change, so a repeated hour is a bucket of its own.
	return firstInstantWhere(aligned, instant, (probe) => offsetAt(zone, probe) === offset);
}

function endOfSubDayBucket(zone: IANAZone, bucketStart: number, unit: number): number {
	const offset = offsetAt(zone, bucketStart);
	const aligned = bucketStart + unit - mod(bucketStart + offset, unit);
	if (offsetAt(zone, aligned - 1) === offset) return aligned;
	return firstInstantWhere(bucketStart, aligned - 1, (probe) => offsetAt(zone, probe) !== offset);
}

function firstDayOfCalendarBucket(day: number, granularity: Granularity, weekStart: 1 | 7): number {
	if (granularity === 'day') return day;
	if (granularity === 'week') {
		const isoWeekday = mod(day + 3, 7) + 1;
		return day - (weekStart === 7 ? isoWeekday % 7 : isoWeekday - 1);
	}
	const date = calendarDateOf(day);
	return granularity === 'month'
		? dayNumber(date.year, date.monthIndex, 1)
		: dayNumber(date.year, 0, 1);
}

function firstDayOfNextCalendarBucket(
	day: number,
	granularity: Granularity,
	weekStart: 1 | 7,
): number {
	const first = firstDayOfCalendarBucket(day, granularity, weekStart);
	if (granularity === 'day') return first + 1;
	if (granularity === 'week') return first + 7;
	const date = calendarDateOf(first);
	return granularity === 'month'
		? dayNumber(date.year, date.monthIndex + 1, 1)
		: dayNumber(date.year + 1, 0, 1);
}

/**
 * Start of the bucket containing `instant`, aligned to the calendar of `zone`. Sub-day buckets
 * follow the local clock (so in Asia/Kolkata an hour starts at :30 UTC) and also end where the
 * offset changes, so the repeated hour of a fall-back night is a bucket of its own.
 */
export function bucketStartOf(
	instant: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	assertAlignable(granularity);
	assertInstant(instant, 'instant');
	const ianaZone = zoneFor(zone);
	const unit = SUB_DAY_BUCKET_MS[granularity];
	if (unit !== undefined) return startOfSubDayBucket(ianaZone, instant, unit);
	const firstDay = firstDayOfCalendarBucket(
		localDayOf(ianaZone, instant),
		granularity,
		weekStartOf(options),
	);
	return startOfLocalDay(ianaZone, firstDay);
}

/** End of the bucket starting at `bucketStart`, which is the start of the next bucket. */
export function bucketEndOf(
	bucketStart: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	assertAlignable(granularity);
	assertInstant(bucketStart, 'bucketStart');
	const ianaZone = zoneFor(zone);
	const unit = SUB_DAY_BUCKET_MS[granularity];
	if (unit !== undefined) return endOfSubDayBucket(ianaZone, bucketStart, unit);
	const nextDay = firstDayOfNextCalendarBucket(
		localDayOf(ianaZone, bucketStart),
		granularity,
		weekStartOf(options),
	);
	return startOfLocalDay(ianaZone, nextDay);
}
