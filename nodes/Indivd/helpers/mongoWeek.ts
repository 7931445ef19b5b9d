// Indivd groups rows by MongoDB `$week` (strftime %U), which is not a bucket granularity of the
// time package: weeks start on Sunday, week 1 starts on the year's first Sunday and week 0 is the
// days before it from January 1, so no week crosses New Year and the first and last are short.

import { dayNumber, startOfDay } from '../../shared/time';

function checkedWholeNumber(value: number, name: string, min: number, max: number): void {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(
			`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`,
		);
	}
}

/** Day numbers of the first day of the week and of the day after its last. */
export function mongoWeekDays(year: number, week: number): { first: number; next: number } {
	checkedWholeNumber(year, 'year', 1, 9999);
	checkedWholeNumber(week, 'week', 0, 53);
	const january1 = dayNumber(year, 0, 1);
	const nextJanuary1 = dayNumber(year + 1, 0, 1);
	// Day number 0, 1970-01-01, was a Thursday: (day + 4) mod 7 counts days since Sunday.
	const weekdayOfJanuary1 = (((january1 + 4) % 7) + 7) % 7;
	const firstSunday = january1 + ((7 - weekdayOfJanuary1) % 7);
	const first = week === 0 ? january1 : firstSunday + 7 * (week - 1);
	const next = Math.min(firstSunday + 7 * week, nextJanuary1);
	if (first >= next) {
		throw new RangeError(`Week ${week} does not exist in ${year} (weeks start on Sunday)`);
	}
	return { first, next };
}

/** The first and last `$week` of `year`: week 0 is empty, so absent, when January 1 is a Sunday. */
export function mongoWeeksOf(year: number): { first: number; last: number } {
	const january1 = dayNumber(year, 0, 1);
	const weekdayOfJanuary1 = (((january1 + 4) % 7) + 7) % 7;
	const firstSunday = january1 + ((7 - weekdayOfJanuary1) % 7);
	const december31 = dayNumber(year + 1, 0, 1) - 1;
	return {
		first: weekdayOfJanuary1 === 0 ? 1 : 0,
		last: Math.floor((december31 - firstSunday) / 7) + 1,
	};
}

/** Day numbers of the first day of the week holding `day` and of the day after its last. */
export function mongoWeekOfDay(day: number): { first: number; next: number } {
	const year = new Date(day * 86_400_000).getUTCFullYear();
	const january1 = dayNumber(year, 0, 1);
	const sunday = day - ((((day + 4) % 7) + 7) % 7);
	return {
		first: Math.max(sunday, january1),
		next: Math.min(sunday + 7, dayNumber(year + 1, 0, 1)),
	};
}

/** Start (local midnight in `zone`) of MongoDB `$week` `week` of `year`. */
export function startOfMongoWeek(year: number, week: number, zone: string): number {
	return startOfDay(mongoWeekDays(year, week).first, zone);
}

/** End of MongoDB `$week` `week` of `year`: the next Sunday, or January 1 of the next year. */
export function endOfMongoWeek(year: number, week: number, zone: string): number {
	return startOfDay(mongoWeekDays(year, week).next, zone);
}
