import { DateTime } from 'luxon';

import type { Bucket, BucketOptions, Granularity } from '../../nodes/shared/time';
import { bucketEndOf, bucketStartOf, bucketsFrom, calendarGrid } from '../../nodes/shared/time';

export const ZONES = [
	'Europe/Berlin',
	'America/Los_Angeles',
	'Australia/Sydney',
	'Asia/Kolkata',
	'Australia/Lord_Howe',
	'UTC',
] as const;

export const SUB_DAY_GRANULARITIES = ['minute', 'quarterHour', 'hour'] as const;
export const CALENDAR_GRANULARITIES = ['day', 'week', 'month', 'year'] as const;
export const ALIGNABLE_GRANULARITIES: Granularity[] = [
	...SUB_DAY_GRANULARITIES,
	...CALENDAR_GRANULARITIES,
];

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function utc(iso: string): number {
	const instant = DateTime.fromISO(iso, { setZone: true });
	if (!instant.isValid) throw new Error(`Bad ISO in test: ${iso}`);
	return instant.toMillis();
}

export function isoUtc(instant: number): string {
	return new Date(instant).toISOString();
}

/** Local midnight of a yyyy-MM-dd date, read by luxon (no tested zone has an ambiguous midnight). */
export function localMidnight(date: string, zone: string): number {
	return DateTime.fromISO(date, { zone }).toMillis();
}

export function localDateTime(instant: number, zone: string): DateTime {
	return DateTime.fromMillis(instant, { zone });
}

export function offsetMinutes(instant: number, zone: string): number {
	return DateTime.fromMillis(instant, { zone }).offset;
}

/** Instants where the zone's offset changes in [start, end), found minute by minute around hourly probes. */
export function offsetChanges(zone: string, start: number, end: number): number[] {
	const changes: number[] = [];
	for (let probe = start; probe + HOUR_MS <= end; probe += HOUR_MS) {
		if (offsetMinutes(probe, zone) === offsetMinutes(probe + HOUR_MS, zone)) continue;
		for (let minute = probe + MINUTE_MS; minute <= probe + HOUR_MS; minute += MINUTE_MS) {
			if (offsetMinutes(minute, zone) !== offsetMinutes(probe, zone)) {
				changes.push(minute);
				break;
			}
		}
	}
	return changes;
}

/** Every bucket overlapping `[start, end)`, in order; the first starts at `bucketStartOf(start)`. */
export function bucketsCovering(
	start: number,
	end: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): Bucket[] {
	if (end <= start) return [];
	const first = bucketStartOf(start, granularity, zone, options);
	const last = bucketStartOf(end - 1, granularity, zone, options);
	const until = bucketEndOf(last, granularity, zone, options);
	return bucketsFrom(first, until, Infinity, calendarGrid(granularity, zone, options));
}

/** Deterministic pseudo-random instants in [start, end), so failures reproduce. */
export function sampleInstants(start: number, end: number, count: number, seed = 7): number[] {
	const instants: number[] = [];
	let state = seed;
	for (let index = 0; index < count; index++) {
		state = (state * 1103515245 + 12345) % 2147483648;
		instants.push(start + Math.floor((state / 2147483648) * (end - start)));
	}
	return instants;
}

export function firstMismatch(actual: Bucket[], expected: Bucket[]): string | undefined {
	const length = Math.max(actual.length, expected.length);
	for (let index = 0; index < length; index++) {
		const a = actual[index];
		const b = expected[index];
		if (a?.start !== b?.start || a?.end !== b?.end) {
			const show = (bucket: Bucket | undefined) =>
				bucket ? `${isoUtc(bucket.start)}..${isoUtc(bucket.end)}` : 'none';
			return `bucket ${index}: ${show(a)} instead of ${show(b)}`;
		}
	}
	return undefined;
}
