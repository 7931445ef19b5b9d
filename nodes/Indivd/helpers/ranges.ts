import type { DateRange, DateRangeLimits, Granularity } from '../../shared/time';
import { daysInclusive, splitDateRange } from '../../shared/time';
import { InputError } from '../../shared/input';

/** Indivd's time groupings: MongoDB date parts, named as the API names them. */
export type TimePart = 'year' | 'month' | 'week' | 'dayofmonth' | 'day' | 'hour' | 'minute';

const granularityOfPart: Record<TimePart, Granularity> = {
	year: 'year',
	month: 'month',
	week: 'week',
	dayofmonth: 'day',
	day: 'day',
	hour: 'hour',
	minute: 'minute',
};

const fineToCoarse: TimePart[] = ['minute', 'hour', 'dayofmonth', 'day', 'week', 'month', 'year'];

/** The finest time grouping decides the bucket length; no time grouping means one total. */
export function granularityOf(groupings: readonly string[]): Granularity {
	const finest = fineToCoarse.find((part) => groupings.includes(part));
	return finest ? granularityOfPart[finest] : 'total';
}

/** Documented defaults when aggregate_by is not set on line crosses. */
export function defaultLineCrossAggregate(startDate: string, endDate: string): TimePart {
	const days = daysInclusive(startDate, endDate);
	return days <= 1 ? 'hour' : days <= 31 ? 'dayofmonth' : 'month';
}

/** Documented defaults for zone visitors (aggregate_by) and drop-in rate (interval, with `day`). */
export function defaultZoneAggregate(
	startDate: string,
	endDate: string,
): 'hour' | 'day' | 'week' | 'month' {
	const days = daysInclusive(startDate, endDate);
	return days <= 1 ? 'hour' : days <= 31 ? 'day' : days <= 364 ? 'week' : 'month';
}

/**
 * The documented range limits (minute ≤ 3 days, hour ≤ 7 days, week within one calendar year),
 * and time lines split at New Year: Indivd may leave `year` out of its rows (docs/contract.md
 * §8.2), and only a request within one year tells the year of such a row. That costs one request
 * more, only for a range that crosses New Year. Groupings that summarise the period (day of week,
 * whole period) are not split: their rows cannot be added up across requests.
 */
export function rangeLimitsFor(groupings: readonly string[]): DateRangeLimits {
	const limits: DateRangeLimits = {};
	if (groupings.includes('minute')) limits.maxDays = 3;
	else if (groupings.includes('hour')) limits.maxDays = 7;
	const summarises = groupings.includes('dayofweek') || groupings.includes('zone');
	const timeLine = granularityOf(groupings) !== 'total' && !summarises;
	if (groupings.includes('week') || timeLine) limits.withinCalendarYear = true;
	return limits;
}

/** One request: its own period and, riding along, a chunk of the comparison period. */
export type RequestWindow =
	| { current: DateRange; comparison?: DateRange }
	| { current?: undefined; comparison: DateRange };

/** The dates of one request as Indivd's query parameters. */
export function windowDates(window: RequestWindow) {
	const own = window.current ?? window.comparison;
	return {
		start_date: own.startDate,
		end_date: own.endDate,
		comparison_start_date: window.current ? window.comparison?.startDate : undefined,
		comparison_end_date: window.current ? window.comparison?.endDate : undefined,
	};
}

/** Enough for a year of minute data; beyond it a typo in a year is the likelier story. */
const maxRequestsPerQuery = 200;

/**
 * The fewest requests that together cover the period and the comparison period without
 * breaking a range limit. A comparison chunk without a partner becomes a request of its own,
 * whose `current` answer belongs to the comparison.
 */
export function planWindows(
	current: DateRange,
	comparison: DateRange | undefined,
	limits: DateRangeLimits,
): RequestWindow[] {
	const currentChunks = splitDateRange(current.startDate, current.endDate, limits);
	const comparisonChunks = comparison
		? splitDateRange(comparison.startDate, comparison.endDate, limits)
		: [];
	const requests = Math.max(currentChunks.length, comparisonChunks.length);
	if (requests > maxRequestsPerQuery) {
		const busy = currentChunks.length >= comparisonChunks.length ? current : comparison;
		throw new InputError(
			busy === current ? 'Start Date' : 'Comparison Start Date',
			`${busy?.startDate} to ${busy?.endDate} at this grouping takes ${requests} requests to Indivd, more than the ${maxRequestsPerQuery} allowed per item. Shorten the range or choose a coarser grouping.`,
		);
	}
	const windows: RequestWindow[] = [];
	for (let index = 0; index < requests; index++) {
		const currentChunk = currentChunks[index];
		const comparisonChunk = comparisonChunks[index];
		windows.push(
			currentChunk
				? { current: currentChunk, comparison: comparisonChunk }
				: { comparison: comparisonChunk },
		);
	}
	return windows;
}

/**
 * Groupings that are not a time line (day of week, whole-period totals) cannot be added up
 * across split requests for unique visits and dwell times, so such a query must fit one request.
 */
export function assertMergeable(
	groupings: readonly string[],
	windows: readonly RequestWindow[],
	parameter: string,
) {
	const spansPeriod = groupings.filter(
		(grouping) => grouping === 'dayofweek' || grouping === 'zone',
	);
	if (spansPeriod.length === 0 || windows.length <= 1) return;
	throw new InputError(
		parameter,
		`"${spansPeriod.join(', ')}" summarises the whole period and cannot be combined with a finer time grouping over a range Indivd only answers in ${windows.length} separate requests. Shorten the range or drop the finer grouping.`,
	);
}
