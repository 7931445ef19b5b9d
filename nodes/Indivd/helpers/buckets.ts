import type { Bucket, DateRange, Granularity } from '../../shared/time';
import { bucketEndOf, instantFromLocalParts } from '../../shared/time';
import { endOfMongoWeek, startOfMongoWeek } from './mongoWeek';

export interface CalendarParts {
	year?: number;
	month?: number;
	week?: number;
	dayofmonth?: number;
	day?: number;
	hour?: number;
	minute?: number;
}

function startOfDate(date: string, zone: string): number {
	const [year, month, day] = date.split('-').map(Number);
	return instantFromLocalParts({ year, month, day }, zone);
}

/** The whole requested period, from local midnight of the first day to that after the last. */
export function periodBucket(period: DateRange, zone: string): Bucket {
	const start = startOfDate(period.startDate, zone);
	return { start, end: bucketEndOf(startOfDate(period.endDate, zone), 'day', zone) };
}

/**
 * Where a row of Indivd's calendar groupings sits in time. Weeks are MongoDB `$week`s (Sunday
 * starts, week 0 before the year's first Sunday), so week buckets never cross New Year.
 */
export function bucketOfParts(
	parts: CalendarParts,
	granularity: Granularity,
	zone: string,
	period: DateRange,
): Bucket {
	if (granularity === 'total') return periodBucket(period, zone);
	const year = parts.year ?? Number(period.startDate.slice(0, 4));
	if (granularity === 'week') {
		const week = parts.week ?? 0;
		return { start: startOfMongoWeek(year, week, zone), end: endOfMongoWeek(year, week, zone) };
	}
	const start = instantFromLocalParts(
		{
			year,
			month: parts.month,
			day: parts.dayofmonth ?? parts.day,
			hour: parts.hour,
			minute: parts.minute,
		},
		zone,
	);
	return { start, end: bucketEndOf(start, granularity, zone) };
}
