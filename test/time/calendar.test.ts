import { DateTime, Settings } from 'luxon';

import {
	bucketStartOf,
	endOfMongoWeek,
	instantFromLocalParts,
	mongoWeekOf,
	startOfMongoWeek,
} from '../../nodes/shared/time';
import { isoUtc, utc } from './helpers';

describe('instantFromLocalParts', () => {
	test.each([
		[
			'a Berlin wall time in summer',
			{ year: 2026, month: 6, day: 1, hour: 9, minute: 15 },
			'Europe/Berlin',
			'2026-06-01T07:15:00.000Z',
		],
		[
			'only a year, as its local January 1',
			{ year: 2026 },
			'Europe/Berlin',
			'2025-12-31T23:00:00.000Z',
		],
		[
			'a Kolkata midnight',
			{ year: 2026, month: 3, day: 1 },
			'Asia/Kolkata',
			'2026-02-28T18:30:00.000Z',
		],
		[
			'a Lord Howe wall time in summer',
			{ year: 2026, month: 1, day: 10, hour: 12 },
			'Australia/Lord_Howe',
			'2026-01-10T01:00:00.000Z',
		],
		['a leap day', { year: 2028, month: 2, day: 29 }, 'UTC', '2028-02-29T00:00:00.000Z'],
	])('turns %s into its instant', (_case, parts, zone, expected) => {
		expect(isoUtc(instantFromLocalParts(parts, zone))).toBe(expected);
	});

	test.each([
		[
			'Europe/Berlin',
			{ year: 2026, month: 10, day: 25, hour: 2, minute: 30 },
			'2026-10-25T00:30:00.000Z',
			'2026-10-25T01:30:00.000Z',
		],
		[
			'America/Los_Angeles',
			{ year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
			'2026-11-01T08:30:00.000Z',
			'2026-11-01T09:30:00.000Z',
		],
		[
			'Australia/Sydney',
			{ year: 2026, month: 4, day: 5, hour: 2 },
			'2026-04-04T15:00:00.000Z',
			'2026-04-04T16:00:00.000Z',
		],
		[
			'Australia/Lord_Howe',
			{ year: 2026, month: 4, day: 5, hour: 1, minute: 45 },
			'2026-04-04T14:45:00.000Z',
			'2026-04-04T15:15:00.000Z',
		],
	])(
		'a repeated %s fall-back wall time is the earlier instant, or the later one on request',
		(zone, parts, earlier, later) => {
			expect(isoUtc(instantFromLocalParts(parts, zone))).toBe(earlier);
			expect(isoUtc(instantFromLocalParts(parts, zone, { later: true }))).toBe(later);
		},
	);

	test.each([
		[
			'Europe/Berlin',
			{ year: 2026, month: 3, day: 29, hour: 2, minute: 30 },
			'2026-03-29T01:30:00.000Z',
		],
		['America/Los_Angeles', { year: 2026, month: 3, day: 8, hour: 2 }, '2026-03-08T10:00:00.000Z'],
		[
			'Australia/Lord_Howe',
			{ year: 2026, month: 10, day: 4, hour: 2, minute: 15 },
			'2026-10-03T15:45:00.000Z',
		],
	])(
		'a %s wall time skipped by spring-forward moves forward by the gap, as luxon does',
		(zone, parts, expected) => {
			const actual = instantFromLocalParts(parts, zone);
			expect(isoUtc(actual)).toBe(expected);
			expect(actual).toBe(DateTime.fromObject(parts, { zone }).toMillis());
			expect(instantFromLocalParts(parts, zone, { later: true })).toBe(actual);
		},
	);

	test.each(['2026-01-15T00:00:00Z', '2026-07-15T00:00:00Z'])(
		'does not depend on the clock (today = %s), unlike luxon for repeated wall times',
		(today) => {
			const realNow = Settings.now;
			const frozen = utc(today);
			Settings.now = () => frozen;
			try {
				const parts = { year: 2026, month: 10, day: 25, hour: 2, minute: 30 };
				expect(isoUtc(instantFromLocalParts(parts, 'Europe/Berlin'))).toBe(
					'2026-10-25T00:30:00.000Z',
				);
			} finally {
				Settings.now = realNow;
			}
		},
	);

	test('every local hour of 2026 in Berlin maps back to its wall time', () => {
		const problems: string[] = [];
		for (
			let day = DateTime.fromISO('2026-01-01', { zone: 'UTC' });
			day.year === 2026;
			day = day.plus({ days: 1 })
		) {
			for (let hour = 0; hour < 24; hour++) {
				const parts = { year: day.year, month: day.month, day: day.day, hour, minute: 15 };
				const local = DateTime.fromMillis(instantFromLocalParts(parts, 'Europe/Berlin'), {
					zone: 'Europe/Berlin',
				});
				const skipped = day.toISODate() === '2026-03-29' && hour === 2;
				const expectedHour = skipped ? 3 : hour;
				if (local.hour !== expectedHour || local.minute !== 15 || local.day !== day.day) {
					problems.push(`${day.toISODate()} ${hour}:15 -> ${local.toISO()}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	test.each([
		['month 0', { year: 2026, month: 0 }, 'month'],
		['month 13', { year: 2026, month: 13 }, 'month'],
		['April 31', { year: 2026, month: 4, day: 31 }, 'day'],
		['February 29 of a common year', { year: 2026, month: 2, day: 29 }, 'day'],
		['day 0', { year: 2026, month: 1, day: 0 }, 'day'],
		['hour 24', { year: 2026, month: 1, day: 1, hour: 24 }, 'hour'],
		['minute 60', { year: 2026, month: 1, day: 1, minute: 60 }, 'minute'],
		['a fractional hour', { year: 2026, month: 1, day: 1, hour: 1.5 }, 'hour'],
		['year NaN', { year: NaN }, 'year'],
		['year 0', { year: 0 }, 'year'],
	])('rejects %s', (_case, parts, field) => {
		expect(() => instantFromLocalParts(parts, 'UTC')).toThrow(RangeError);
		expect(() => instantFromLocalParts(parts, 'UTC')).toThrow(field);
	});
});

describe('MongoDB $week', () => {
	// strftime %U, computed independently from luxon's ordinal day and weekday.
	function expectedWeek(local: DateTime): number {
		return Math.floor((local.ordinal - 1 + 7 - (local.weekday % 7)) / 7);
	}

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
		const noon = DateTime.fromISO(`${date}T12:00:00`, { zone: 'Europe/Berlin' }).toMillis();
		expect(mongoWeekOf(noon, 'Europe/Berlin')).toEqual({ year, week });
	});

	test('the week of an instant is taken on the local calendar', () => {
		const instant = utc('2026-01-03T23:30:00Z');
		expect(mongoWeekOf(instant, 'UTC')).toEqual({ year: 2026, week: 0 });
		expect(mongoWeekOf(instant, 'Europe/Berlin')).toEqual({ year: 2026, week: 1 });
	});

	test.each(['Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'])(
		'every day of 2025 and 2026 in %s round-trips through its week',
		(zone) => {
			const problems: string[] = [];
			const first = DateTime.fromISO('2025-01-01T00:00:00', { zone });
			for (let day = first; day.year < 2027; day = day.plus({ days: 1 })) {
				for (const time of [day, day.plus({ hours: 12 }), day.endOf('day')]) {
					const instant = time.toMillis();
					const week = mongoWeekOf(instant, zone);
					const start = startOfMongoWeek(week.year, week.week, zone);
					const end = endOfMongoWeek(week.year, week.week, zone);
					const startLocal = DateTime.fromMillis(start, { zone });
					const label = `${time.toISO()} (${week.year}-${week.week})`;
					if (week.year !== time.year || week.week !== expectedWeek(time))
						problems.push(`${label}: week`);
					if (!(start <= instant && instant < end)) problems.push(`${label}: not inside its week`);
					if (startLocal.weekday !== 7 && startLocal.ordinal !== 1)
						problems.push(`${label}: start day`);
					if (startLocal.toMillis() !== startLocal.startOf('day').toMillis())
						problems.push(`${label}: start time`);
					const endLocal = DateTime.fromMillis(end, { zone });
					if (endLocal.weekday !== 7 && endLocal.ordinal !== 1) problems.push(`${label}: end day`);
					const weekOfStart = mongoWeekOf(start, zone);
					const weekOfLast = mongoWeekOf(end - 1, zone);
					if (weekOfStart.week !== week.week || weekOfLast.week !== week.week)
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
		['week 0 when January 1 is a Sunday', 2023, 0],
		['week 53 in a year without it', 2026, 53],
		['week 54', 2026, 54],
		['week -1', 2026, -1],
		['a fractional week', 2026, 1.5],
	])('refuses %s', (_case, year, week) => {
		expect(() => startOfMongoWeek(year, week, 'UTC')).toThrow(RangeError);
		expect(() => endOfMongoWeek(year, week, 'UTC')).toThrow(RangeError);
	});
});
