import { DateTime } from 'luxon';

import type { DateRange, DateRangeLimits } from '../../nodes/shared/time';
import {
	bucketKey,
	bucketStartBefore,
	bucketStartOf,
	bucketsFrom,
	closedUntil,
	daysInclusive,
	splitDateRange,
	calendarGrid,
} from '../../nodes/shared/time';
import { MINUTE_MS, localMidnight, utc } from './helpers';

function nextDate(date: string): string {
	return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() ?? '';
}

/** What is wrong with a split: gaps, overlaps, wrong ends, or chunks breaking a limit. */
function splitProblems(
	chunks: DateRange[],
	startDate: string,
	endDate: string,
	limits: DateRangeLimits,
): string[] {
	const problems: string[] = [];
	if (chunks[0]?.startDate !== startDate) problems.push('does not start at the start');
	if (chunks[chunks.length - 1]?.endDate !== endDate) problems.push('does not end at the end');
	chunks.forEach((chunk, index) => {
		const label = `${chunk.startDate}..${chunk.endDate}`;
		if (chunk.startDate > chunk.endDate) problems.push(`${label}: reversed`);
		if (index > 0 && chunk.startDate !== nextDate(chunks[index - 1].endDate)) {
			problems.push(`${label}: gap or overlap`);
		}
		if (
			limits.maxDays !== undefined &&
			daysInclusive(chunk.startDate, chunk.endDate) > limits.maxDays
		) {
			problems.push(`${label}: too long`);
		}
		if (limits.withinCalendarYear && chunk.startDate.slice(0, 4) !== chunk.endDate.slice(0, 4)) {
			problems.push(`${label}: crosses New Year`);
		}
	});
	return problems;
}

/** The fewest chunks: within each calendar year part, ceil(days / maxDays). */
function fewestChunks(startDate: string, endDate: string, limits: DateRangeLimits): number {
	const parts: Array<[string, string]> = [];
	if (limits.withinCalendarYear) {
		for (let year = Number(startDate.slice(0, 4)); year <= Number(endDate.slice(0, 4)); year++) {
			const first = `${year}-01-01` > startDate ? `${year}-01-01` : startDate;
			const last = `${year}-12-31` < endDate ? `${year}-12-31` : endDate;
			parts.push([first, last]);
		}
	} else {
		parts.push([startDate, endDate]);
	}
	const perPart = ([first, last]: [string, string]) =>
		limits.maxDays === undefined ? 1 : Math.ceil(daysInclusive(first, last) / limits.maxDays);
	return parts.reduce((sum, part) => sum + perPart(part), 0);
}

describe('daysInclusive', () => {
	test.each([
		['a single day', '2026-03-29', '2026-03-29', 1],
		['three days across the Berlin DST night', '2026-03-28', '2026-03-30', 3],
		['a common year', '2026-01-01', '2026-12-31', 365],
		['a leap year', '2028-01-01', '2028-12-31', 366],
		['New Year', '2025-12-31', '2026-01-01', 2],
		['an end before the start', '2026-01-05', '2026-01-01', 0],
	])('counts %s', (_case, startDate, endDate, days) => {
		expect(daysInclusive(startDate, endDate)).toBe(days);
	});

	test('refuses a malformed date', () => {
		expect(() => daysInclusive('2026-1-1', '2026-01-02')).toThrow(RangeError);
		expect(() => daysInclusive('2026-01-01', '2026-02-30')).toThrow(RangeError);
	});
});

describe('splitDateRange', () => {
	test('30 days with maxDays 7 are 5 requests', () => {
		expect(splitDateRange('2026-01-01', '2026-01-30', { maxDays: 7 })).toEqual([
			{ startDate: '2026-01-01', endDate: '2026-01-07' },
			{ startDate: '2026-01-08', endDate: '2026-01-14' },
			{ startDate: '2026-01-15', endDate: '2026-01-21' },
			{ startDate: '2026-01-22', endDate: '2026-01-28' },
			{ startDate: '2026-01-29', endDate: '2026-01-30' },
		]);
	});

	test('10 days with maxDays 3 are 4 requests', () => {
		expect(splitDateRange('2026-03-25', '2026-04-03', { maxDays: 3 })).toEqual([
			{ startDate: '2026-03-25', endDate: '2026-03-27' },
			{ startDate: '2026-03-28', endDate: '2026-03-30' },
			{ startDate: '2026-03-31', endDate: '2026-04-02' },
			{ startDate: '2026-04-03', endDate: '2026-04-03' },
		]);
	});

	test('a range across New Year within one calendar year each is 2 requests', () => {
		expect(splitDateRange('2025-12-20', '2026-01-10', { withinCalendarYear: true })).toEqual([
			{ startDate: '2025-12-20', endDate: '2025-12-31' },
			{ startDate: '2026-01-01', endDate: '2026-01-10' },
		]);
	});

	test('seven days across New Year with maxDays 7 and withinCalendarYear are 2 requests', () => {
		expect(
			splitDateRange('2025-12-29', '2026-01-04', { maxDays: 7, withinCalendarYear: true }),
		).toEqual([
			{ startDate: '2025-12-29', endDate: '2025-12-31' },
			{ startDate: '2026-01-01', endDate: '2026-01-04' },
		]);
	});

	test('a single day is one request', () => {
		expect(
			splitDateRange('2026-03-29', '2026-03-29', { maxDays: 3, withinCalendarYear: true }),
		).toEqual([{ startDate: '2026-03-29', endDate: '2026-03-29' }]);
	});

	test('an exact multiple of maxDays gives full chunks only', () => {
		const chunks = splitDateRange('2026-02-01', '2026-02-21', { maxDays: 7 });
		expect(chunks).toHaveLength(3);
		expect(chunks.map((chunk) => daysInclusive(chunk.startDate, chunk.endDate))).toEqual([7, 7, 7]);
	});

	test('maxDays 1 gives one request per day', () => {
		expect(splitDateRange('2026-02-27', '2026-03-01', { maxDays: 1 })).toEqual([
			{ startDate: '2026-02-27', endDate: '2026-02-27' },
			{ startDate: '2026-02-28', endDate: '2026-02-28' },
			{ startDate: '2026-03-01', endDate: '2026-03-01' },
		]);
	});

	test('without limits the range stays one request', () => {
		expect(splitDateRange('2024-06-01', '2026-06-01', {})).toEqual([
			{ startDate: '2024-06-01', endDate: '2026-06-01' },
		]);
	});

	test('covers every range exactly, in order, with the fewest valid chunks', () => {
		const starts = ['2024-12-25', '2025-02-27', '2025-12-31', '2026-01-01', '2027-12-30'];
		const lengths = [1, 2, 3, 6, 7, 8, 13, 14, 15, 30, 364, 365, 366, 800];
		const limitsList: DateRangeLimits[] = [
			{ maxDays: 1 },
			{ maxDays: 3 },
			{ maxDays: 7 },
			{ withinCalendarYear: true },
			{ maxDays: 3, withinCalendarYear: true },
			{ maxDays: 7, withinCalendarYear: true },
		];
		const problems: string[] = [];
		for (const startDate of starts) {
			for (const length of lengths) {
				const endDate =
					DateTime.fromISO(startDate, { zone: 'UTC' })
						.plus({ days: length - 1 })
						.toISODate() ?? '';
				for (const limits of limitsList) {
					const chunks = splitDateRange(startDate, endDate, limits);
					const label = `${startDate}..${endDate} ${JSON.stringify(limits)}`;
					for (const problem of splitProblems(chunks, startDate, endDate, limits)) {
						problems.push(`${label}: ${problem}`);
					}
					if (chunks.length !== fewestChunks(startDate, endDate, limits)) {
						problems.push(`${label}: ${chunks.length} chunks`);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});

	test.each([
		['an end before the start', '2026-01-05', '2026-01-01', {}],
		['a malformed start', '2026/01/01', '2026-01-05', {}],
		['an impossible end', '2026-01-01', '2026-02-31', {}],
		['maxDays 0', '2026-01-01', '2026-01-05', { maxDays: 0 }],
		['a fractional maxDays', '2026-01-01', '2026-01-05', { maxDays: 2.5 }],
	])('refuses %s', (_case, startDate, endDate, limits) => {
		expect(() => splitDateRange(startDate, endDate, limits)).toThrow(RangeError);
	});
});

describe('bucketKey', () => {
	const base = {
		source: 'rhombus',
		metric: 'crossingCounts',
		scope: 'camera=AAAA',
		granularity: 'hour' as const,
	};

	test('has the documented format', () => {
		expect(bucketKey({ ...base, start: utc('2026-03-29T01:00:00Z') })).toBe(
			'rhombus:crossingCounts:camera=AAAA:hour:2026-03-29T01:00:00.000Z',
		);
	});

	test('is the same whichever instant of the bucket or poll found it', () => {
		const zone = 'Europe/Berlin';
		const instants = [
			utc('2026-10-25T01:00:00Z'),
			utc('2026-10-25T01:29:59.999Z'),
			utc('2026-10-25T01:59:00Z'),
		];
		const keys = instants.map((instant) =>
			bucketKey({ ...base, start: bucketStartOf(instant, 'hour', zone) }),
		);
		const closed = closedUntil(
			utc('2026-10-25T02:02:00Z'),
			2 * MINUTE_MS,
			calendarGrid('hour', zone),
		);
		const fromPoll = bucketKey({
			...base,
			start: bucketStartBefore(closed, 1, calendarGrid('hour', zone)),
		});
		const fromRange = bucketKey({
			...base,
			start: bucketsFrom(
				utc('2026-10-25T00:00:00Z'),
				utc('2026-10-25T03:00:00Z'),
				Infinity,
				calendarGrid('hour', zone),
			)[1].start,
		});
		expect(new Set([...keys, fromPoll, fromRange])).toEqual(
			new Set(['rhombus:crossingCounts:camera=AAAA:hour:2026-10-25T01:00:00.000Z']),
		);
	});

	test('differs for every hour bucket of a Berlin year, including both repeated 02:00 hours', () => {
		const zone = 'Europe/Berlin';
		const buckets = bucketsFrom(
			localMidnight('2026-01-01', zone),
			localMidnight('2027-01-01', zone),
			Infinity,
			calendarGrid('hour', zone),
		);
		const keys = new Set(buckets.map((bucket) => bucketKey({ ...base, start: bucket.start })));
		expect(keys.size).toBe(buckets.length);
		expect(buckets.length).toBe(8760);
	});

	test('differs when only the granularity differs at the same UTC start', () => {
		const start = localMidnight('2026-03-01', 'Europe/Berlin');
		const keys = (['quarterHour', 'hour', 'day', 'month', 'total'] as const).map((granularity) =>
			bucketKey({ ...base, granularity, start }),
		);
		expect(new Set(keys).size).toBe(keys.length);
	});

	test('differs when the source, metric or scope differs', () => {
		const start = utc('2026-03-29T01:00:00Z');
		const keys = [
			bucketKey({ ...base, start }),
			bucketKey({ ...base, source: 'indivd', start }),
			bucketKey({ ...base, metric: 'occupancy', start }),
			bucketKey({ ...base, scope: 'camera=BBBB', start }),
			bucketKey({ ...base, scope: 'zone=201', start }),
		];
		expect(new Set(keys).size).toBe(keys.length);
	});
});
