// Calendar dates as day numbers (days since 1970-01-01), free of time zones: date ranges are
// counted and split here, and zones.ts turns a day number into the instant it starts somewhere.

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** An inclusive range of calendar dates, both yyyy-MM-dd. */
export interface DateRange {
	startDate: string;
	endDate: string;
}

export interface DateRangeLimits {
	maxDays?: number;
	withinCalendarYear?: boolean;
}

export const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Remainder that is never negative, so instants and days before 1970 align like later ones. */
export function mod(value: number, divisor: number): number {
	return ((value % divisor) + divisor) % divisor;
}

export function utcMillis(year: number, monthIndex: number, day: number): number {
	// Date.UTC maps years 0 to 99 to 1900 to 1999.
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	return date.getTime();
}

/** Days since 1970-01-01; an out-of-range month or day rolls over, as in Date. */
export function dayNumber(year: number, monthIndex: number, day: number): number {
	return Math.round(utcMillis(year, monthIndex, day) / DAY_MS);
}

export function calendarDateOf(day: number): { year: number; monthIndex: number; day: number } {
	const date = new Date(day * DAY_MS);
	return { year: date.getUTCFullYear(), monthIndex: date.getUTCMonth(), day: date.getUTCDate() };
}

export function formatDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a yyyy-MM-dd text; an impossible date such as 2026-02-31 is undefined. */
export function dayNumberOfDateText(text: string): number | undefined {
	const match = DATE_ONLY.exec(text);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const result = dayNumber(year, month - 1, day);
	return formatDay(result) === text ? result : undefined;
}

function dayOfDateArgument(text: string, name: string): number {
	const day = typeof text === 'string' ? dayNumberOfDateText(text) : undefined;
	if (day === undefined)
		throw new RangeError(`${name} must be a yyyy-MM-dd date, got "${String(text)}"`);
	return day;
}

/** Number of calendar days from `startDate` to `endDate` (yyyy-MM-dd), both included; 0 when end is before start. */
export function daysInclusive(startDate: string, endDate: string): number {
	const first = dayOfDateArgument(startDate, 'startDate');
	const last = dayOfDateArgument(endDate, 'endDate');
	return Math.max(0, last - first + 1);
}

/**
 * Splits an inclusive yyyy-MM-dd range into the fewest consecutive ranges that each span at most
 * `maxDays` days and, with `withinCalendarYear`, lie within one calendar year.
 */
export function splitDateRange(
	startDate: string,
	endDate: string,
	limits: DateRangeLimits,
): DateRange[] {
	const first = dayOfDateArgument(startDate, 'startDate');
	const last = dayOfDateArgument(endDate, 'endDate');
	if (last < first) throw new RangeError(`endDate ${endDate} is before startDate ${startDate}`);
	const { maxDays, withinCalendarYear } = limits;
	if (maxDays !== undefined && (!Number.isInteger(maxDays) || maxDays < 1)) {
		throw new RangeError(`maxDays must be a whole number >= 1, got ${String(maxDays)}`);
	}
	const ranges: DateRange[] = [];
	for (let chunkStart = first; chunkStart <= last; ) {
		let chunkEnd = last;
		if (maxDays !== undefined) chunkEnd = Math.min(chunkEnd, chunkStart + maxDays - 1);
		if (withinCalendarYear === true) {
			chunkEnd = Math.min(chunkEnd, dayNumber(calendarDateOf(chunkStart).year + 1, 0, 1) - 1);
		}
		ranges.push({ startDate: formatDay(chunkStart), endDate: formatDay(chunkEnd) });
		chunkStart = chunkEnd + 1;
	}
	return ranges;
}
