// Indivd groups by the date parts of a local clock, so its rows are units of wall-clock time:
// an hour, a day, a MongoDB week, a month, a year. Here a wall time is counted like an instant,
// in milliseconds since 1970-01-01T00:00 but on the local clock, which keeps unit arithmetic
// free of offsets; only the caller turns a wall time into the instants its data covers.

import type { Granularity } from '../../shared/time';
import { instantFromLocalParts } from '../../shared/time';
import { mongoWeekDays, mongoWeekOfDay } from './mongoWeek';
/** A row's calendar parts, as Indivd names them. */
export interface CalendarParts {
	year?: number;
	month?: number;
	week?: number;
	dayofmonth?: number;
	day?: number;
	hour?: number;
	minute?: number;
}

export type UnitGranularity = Exclude<Granularity, 'quarterHour' | 'total'>;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function firstOfMonth(wall: number, monthsLater: number): number {
	const date = new Date(wall);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsLater, 1);
}

function firstOfYear(wall: number, yearsLater: number): number {
	return Date.UTC(new Date(wall).getUTCFullYear() + yearsLater, 0, 1);
}

/** Wall time at which the unit holding the wall time `wall` starts. */
export function unitStartOf(wall: number, granularity: UnitGranularity): number {
	switch (granularity) {
		case 'minute':
			return Math.floor(wall / MINUTE_MS) * MINUTE_MS;
		case 'hour':
			return Math.floor(wall / HOUR_MS) * HOUR_MS;
		case 'day':
			return Math.floor(wall / DAY_MS) * DAY_MS;
		case 'week':
			return mongoWeekOfDay(Math.floor(wall / DAY_MS)).first * DAY_MS;
		case 'month':
			return firstOfMonth(wall, 0);
		case 'year':
			return firstOfYear(wall, 0);
	}
}

/** Wall time at which the unit after the one starting at `unitStart` starts. */
export function nextUnitStart(unitStart: number, granularity: UnitGranularity): number {
	switch (granularity) {
		case 'minute':
			return unitStart + MINUTE_MS;
		case 'hour':
			return unitStart + HOUR_MS;
		case 'day':
			return unitStart + DAY_MS;
		case 'week':
			return mongoWeekOfDay(Math.floor(unitStart / DAY_MS)).next * DAY_MS;
		case 'month':
			return firstOfMonth(unitStart, 1);
		case 'year':
			return firstOfYear(unitStart, 1);
	}
}

/**
 * Wall time at which the unit of a row's calendar parts starts. Parts are checked as a date
 * (UTC has no offset, so the instant is the wall time), so an impossible one such as 31 April
 * fails instead of rolling over into May.
 */
export function unitStartOfParts(
	parts: CalendarParts,
	granularity: UnitGranularity,
	defaultYear: number,
): number {
	const year = parts.year ?? defaultYear;
	if (granularity === 'week') return mongoWeekDays(year, parts.week ?? 0).first * DAY_MS;
	return instantFromLocalParts(
		{
			year,
			month: parts.month,
			day: parts.dayofmonth ?? parts.day,
			hour: parts.hour,
			minute: parts.minute,
		},
		'UTC',
	);
}

/** Wall time of local midnight at the start of a yyyy-MM-dd date. */
export function wallOfDate(date: string): number {
	const [year, month, day] = date.split('-').map(Number);
	return instantFromLocalParts({ year, month, day }, 'UTC');
}
