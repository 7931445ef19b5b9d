import type { Bucket, DateRange, Granularity } from '../../shared/time';
import type { CalendarParts, UnitGranularity } from './localUnits';
import { nextUnitStart, unitStartOfParts, wallOfDate } from './localUnits';
import { firstRecordFrom } from './zoneDataGrid';

export type { CalendarParts } from './localUnits';

const DAY_MS = 86_400_000;

/**
 * Where an Indivd metric's numbers sit in time. Line crosses are counted in UTC to the minute, so
 * a unit's data starts at the unit itself. Zone data is hourly records grouped by the local time
 * of their start (zoneDataGrid.ts), so a unit's data starts at its first record.
 */
export interface IndivdCalendar {
	zone: string;
	/** The instant where the data counted from local wall time `wall` onwards starts. */
	dataFrom(wall: number): number;
}

export const lineCrossCalendar: IndivdCalendar = { zone: 'UTC', dataFrom: (wall) => wall };

export function zoneDataCalendar(zone: string): IndivdCalendar {
	return { zone, dataFrom: (wall) => firstRecordFrom(wall, zone) };
}

/** The whole requested period: the data from local midnight of its first day to that after its last. */
export function periodBucket(period: DateRange, calendar: IndivdCalendar): Bucket {
	return {
		start: calendar.dataFrom(wallOfDate(period.startDate)),
		end: calendar.dataFrom(wallOfDate(period.endDate) + DAY_MS),
	};
}

function unitGranularity(granularity: Granularity): UnitGranularity {
	if (granularity === 'total' || granularity === 'quarterHour')
		throw new Error(`Indivd has no ${granularity} rows`);
	return granularity;
}

/**
 * The whole unit a row of Indivd's calendar groupings stands for, whatever the period cut off.
 * Weeks are MongoDB `$week`s (Sunday starts, week 0 before the year's first Sunday), so week
 * buckets never cross New Year.
 */
export function unitBucketOfParts(
	parts: CalendarParts,
	granularity: Granularity,
	calendar: IndivdCalendar,
	period: DateRange,
): Bucket {
	if (granularity === 'total') return periodBucket(period, calendar);
	const unit = unitGranularity(granularity);
	const start = unitStartOfParts(parts, unit, Number(period.startDate.slice(0, 4)));
	return {
		start: calendar.dataFrom(start),
		end: calendar.dataFrom(nextUnitStart(start, unit)),
	};
}

export interface RowBucket {
	bucket: Bucket;
	/** The period starts or ends inside the row's unit, so the row covers only part of it. */
	partial: boolean;
}

/**
 * The buckets of a period's rows: each row's unit, cut to the period where the period starts or
 * ends inside it (the March row of 25 March to 10 April holds 25-31 March only), and then
 * partial (docs/contract.md §6.1). A unit entirely outside the period is not the period's to cut
 * and keeps its bounds.
 */
export function rowBuckets(
	granularity: Granularity,
	calendar: IndivdCalendar,
	period: DateRange,
): (parts: CalendarParts) => RowBucket {
	const asked = periodBucket(period, calendar);
	return (parts) => {
		const whole = unitBucketOfParts(parts, granularity, calendar, period);
		if (whole.end <= asked.start || whole.start >= asked.end)
			return { bucket: whole, partial: false };
		const bucket = {
			start: Math.max(whole.start, asked.start),
			end: Math.min(whole.end, asked.end),
		};
		return { bucket, partial: bucket.start !== whole.start || bucket.end !== whole.end };
	};
}

/** The period has not begun at `now`: Indivd can have no data for it yet, which is no scope problem. */
export function periodIsAhead(period: DateRange, calendar: IndivdCalendar, now: number): boolean {
	return periodBucket(period, calendar).start > now;
}
