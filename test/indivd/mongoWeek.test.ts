import { DateTime } from 'luxon';

import {
	endOfMongoWeek,
	mongoWeeksOf,
	startOfMongoWeek,
} from '../../nodes/Indivd/helpers/mongoWeek';
import { bucketStartOf } from '../../nodes/shared/time';
import { isoUtc, utc } from '../time/helpers';

// strftime %U, computed independently from luxon's ordinal day and weekday.
function expectedWeek(local: DateTime): number {
	return Math.floor((local.ordinal - 1 + 7 - (local.weekday % 7)) / 7);
}

function isInWeek(instant: number, year: number, week: number, zone: string): boolean {
	return (
		startOfMongoWeek(year, week, zone) <= instant && instant < endOfMongoWeek(year, week, zone)
	);
}

describe('MongoDB $week', () => {
	test.each([
		['2025-01-01', 2025, 0],
		['2025-01-04', 2025, 0],
		['2025-01-05', 2025, 1],
		['2025-12-31', 2025, 52],
		['2026-01-01', 2026, 0],
		['2026-01-03', 2026, 0],
		['2026-01-04', 2026, 1],
		['2026-03-29', 2026, 13],
		['2026-12-31', 2026, 52],
		['2023-01-01', 2023, 1],
		['2023-12-31', 2023, 53],
	])('the local date %s is week %s-%s', (date, year, week) => {
		const noon = DateTime.fromISO(`${date}T12:00:00`, { zone: 'Europe/Berlin' });
		expect(expectedWeek(noon)).toBe(week);
		expect(isInWeek(noon.toMillis(), year, week, 'Europe/Berlin')).toBe(true);
	});

	test('the week of an instant is taken on the local calendar', () => {
		const instant = utc('2026-01-03T23:30:00Z');
		expect(isInWeek(instant, 2026, 0, 'UTC')).toBe(true);
		expect(isInWeek(instant, 2026, 1, 'Europe/Berlin')).toBe(true);
	});

	test.each(['Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'])(
		'every day of 2025 and 2026 in %s lies in its week',
		(zone) => {
			const problems: string[] = [];
			const first = DateTime.fromISO('2025-01-01T00:00:00', { zone });
			for (let day = first; day.year < 2027; day = day.plus({ days: 1 })) {
				for (const time of [day, day.plus({ hours: 12 }), day.endOf('day')]) {
					const instant = time.toMillis();
					const week = { year: time.year, week: expectedWeek(time) };
					const start = startOfMongoWeek(week.year, week.week, zone);
					const end = endOfMongoWeek(week.year, week.week, zone);
					const startLocal = DateTime.fromMillis(start, { zone });
					const label = `${time.toISO()} (${week.year}-${week.week})`;
					if (!(start <= instant && instant < end)) problems.push(`${label}: not inside its week`);
					if (startLocal.weekday !== 7 && startLocal.ordinal !== 1)
						problems.push(`${label}: start day`);
					if (startLocal.toMillis() !== startLocal.startOf('day').toMillis())
						problems.push(`${label}: start time`);
					const endLocal = DateTime.fromMillis(end, { zone });
					if (endLocal.weekday !== 7 && endLocal.ordinal !== 1) problems.push(`${label}: end day`);
					const lastLocal = DateTime.fromMillis(end - 1, { zone });
					if (
						startLocal.year !== week.year ||
						lastLocal.year !== week.year ||
						expectedWeek(startLocal) !== week.week ||
						expectedWeek(lastLocal) !== week.week
					)
						problems.push(`${label}: bounds`);
				}
			}
			expect(problems).toEqual([]);
		},
	);

	test('week 0 starts on January 1 and ends on the first Sunday', () => {
		expect(isoUtc(startOfMongoWeek(2026, 0, 'Europe/Berlin'))).toBe('2025-12-31T23:00:00.000Z');
		expect(isoUtc(endOfMongoWeek(2026, 0, 'Europe/Berlin'))).toBe('2026-01-03T23:00:00.000Z');
	});

	test('the last week of a year ends on January 1 of the next year', () => {
		expect(isoUtc(startOfMongoWeek(2026, 52, 'Europe/Berlin'))).toBe('2026-12-26T23:00:00.000Z');
		expect(isoUtc(endOfMongoWeek(2026, 52, 'Europe/Berlin'))).toBe('2026-12-31T23:00:00.000Z');
	});

	test('a full week starts where a Sunday week bucket starts', () => {
		for (let week = 1; week <= 51; week++) {
			const start = startOfMongoWeek(2026, week, 'America/Los_Angeles');
			expect(
				bucketStartOf(start + 3 * 86_400_000, 'week', 'America/Los_Angeles', { weekStart: 7 }),
			).toBe(start);
		}
	});

	test.each([
		[2023, 1, 53],
		[2025, 0, 52],
		[2026, 0, 52],
		[2000, 0, 53],
		[2012, 1, 53],
		[2028, 0, 53],
	])('the weeks of %s run from %s to %s (the last holding 31 December)', (year, first, last) => {
		expect(mongoWeeksOf(year)).toEqual({ first, last });
		const december31 = DateTime.fromISO(`${year}-12-31T12:00:00`, { zone: 'UTC' });
		expect(expectedWeek(december31)).toBe(last);
		expect(() => startOfMongoWeek(year, last + 1, 'UTC')).toThrow(RangeError);
	});

	test.each([
		['week 0 when January 1 is a Sunday', 2023, 0],
		['week 53 in a year without it', 2026, 53],
		['week 54', 2026, 54],
		['week -1', 2026, -1],
		['a fractional week', 2026, 1.5],
		['year 0', 0, 1],
	])('refuses %s', (_case, year, week) => {
		expect(() => startOfMongoWeek(year, week, 'UTC')).toThrow(RangeError);
		expect(() => endOfMongoWeek(year, week, 'UTC')).toThrow(RangeError);
	});
});
