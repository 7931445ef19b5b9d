import { DateTime, Settings } from 'luxon';

import { dayNumber, instantFromLocalParts, startOfDay } from '../../nodes/shared/time';
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

describe('day numbers', () => {
	test('count days from 1970-01-01 and roll over like Date', () => {
		expect(dayNumber(1970, 0, 1)).toBe(0);
		expect(dayNumber(1969, 11, 31)).toBe(-1);
		expect(dayNumber(2026, 2, 29)).toBe(20541);
		expect(dayNumber(2026, 0, 32)).toBe(dayNumber(2026, 1, 1));
	});

	test('start at local midnight, also on DST days and in years 1 to 99', () => {
		expect(isoUtc(startOfDay(dayNumber(2026, 2, 29), 'Europe/Berlin'))).toBe(
			'2026-03-28T23:00:00.000Z',
		);
		expect(isoUtc(startOfDay(dayNumber(2026, 9, 25), 'Europe/Berlin'))).toBe(
			'2026-10-24T22:00:00.000Z',
		);
		expect(isoUtc(startOfDay(dayNumber(42, 0, 1), 'UTC'))).toBe('0042-01-01T00:00:00.000Z');
	});

	test('a midnight skipped by a forward shift moves forward by the gap', () => {
		// Chile moved its clocks forward at midnight, from 00:00 -04:00 to 01:00 -03:00.
		expect(isoUtc(startOfDay(dayNumber(2019, 8, 8), 'America/Santiago'))).toBe(
			'2019-09-08T04:00:00.000Z',
		);
	});

	test('an unresolved time zone is refused', () => {
		expect(() => startOfDay(0, 'Mars/Olympus')).toThrow('resolveTimeZone');
	});
});
