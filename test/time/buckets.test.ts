import { DateTime } from 'luxon';

import type { Bucket, BucketOptions, Granularity } from '../../nodes/shared/time';
import {
	bucketEndOf,
	bucketFields,
	bucketKey,
	bucketStartBefore,
	bucketStartOf,
	bucketsFrom,
	calendarGrid,
	closedUntil,
} from '../../nodes/shared/time';
import {
	ALIGNABLE_GRANULARITIES,
	DAY_MS,
	HOUR_MS,
	MINUTE_MS,
	SUB_DAY_GRANULARITIES,
	ZONES,
	bucketsCovering,
	firstMismatch,
	isoUtc,
	localDateTime,
	localMidnight,
	offsetChanges,
	sampleInstants,
	utc,
} from './helpers';

const SUB_DAY_MS: Record<(typeof SUB_DAY_GRANULARITIES)[number], number> = {
	minute: MINUTE_MS,
	quarterHour: 15 * MINUTE_MS,
	hour: HOUR_MS,
};

function yearOf2026(zone: string): { start: number; end: number } {
	return { start: localMidnight('2026-01-01', zone), end: localMidnight('2027-01-01', zone) };
}

function hourBucketsOfLocalDay(date: string, zone: string) {
	const start = localMidnight(date, zone);
	return bucketsFrom(start, bucketEndOf(start, 'day', zone), Infinity, calendarGrid('hour', zone));
}

describe('days and hours on DST transition days', () => {
	const transitionDays = [
		{ zone: 'Europe/Berlin', date: '2026-03-29', dayHours: 23, hourBuckets: 23 },
		{ zone: 'Europe/Berlin', date: '2026-10-25', dayHours: 25, hourBuckets: 25 },
		{ zone: 'America/Los_Angeles', date: '2026-03-08', dayHours: 23, hourBuckets: 23 },
		{ zone: 'America/Los_Angeles', date: '2026-11-01', dayHours: 25, hourBuckets: 25 },
		{ zone: 'Australia/Sydney', date: '2026-04-05', dayHours: 25, hourBuckets: 25 },
		{ zone: 'Australia/Sydney', date: '2026-10-04', dayHours: 23, hourBuckets: 23 },
		// Lord Howe shifts by 30 minutes: the repeated or remaining half hour is a bucket of its own.
		{ zone: 'Australia/Lord_Howe', date: '2026-04-05', dayHours: 24.5, hourBuckets: 25 },
		{ zone: 'Australia/Lord_Howe', date: '2026-10-04', dayHours: 23.5, hourBuckets: 24 },
		{ zone: 'Asia/Kolkata', date: '2026-03-29', dayHours: 24, hourBuckets: 24 },
		{ zone: 'Asia/Kolkata', date: '2026-10-25', dayHours: 24, hourBuckets: 24 },
		{ zone: 'UTC', date: '2026-03-29', dayHours: 24, hourBuckets: 24 },
		{ zone: 'UTC', date: '2026-11-01', dayHours: 24, hourBuckets: 24 },
		...ZONES.map((zone) => ({ zone, date: '2026-06-15', dayHours: 24, hourBuckets: 24 })),
	];

	test.each(transitionDays)(
		'a $zone day bucket on $date lasts $dayHours hours',
		({ zone, date, dayHours }) => {
			const midnight = localMidnight(date, zone);
			const start = bucketStartOf(midnight + 12 * HOUR_MS, 'day', zone);
			expect(start).toBe(midnight);
			expect((bucketEndOf(start, 'day', zone) - start) / HOUR_MS).toBe(dayHours);
		},
	);

	test.each(transitionDays)(
		'the local day $date in $zone has $hourBuckets hour buckets filling its $dayHours hours',
		({ zone, date, dayHours, hourBuckets }) => {
			const buckets = hourBucketsOfLocalDay(date, zone);
			expect(buckets).toHaveLength(hourBuckets);
			const total = buckets.reduce((sum, bucket) => sum + bucket.end - bucket.start, 0);
			expect(total / HOUR_MS).toBe(dayHours);
		},
	);

	test.each([
		{ zone: 'Europe/Berlin', date: '2026-10-25', hour: 2 },
		{ zone: 'America/Los_Angeles', date: '2026-11-01', hour: 1 },
		{ zone: 'Australia/Sydney', date: '2026-04-05', hour: 2 },
	])(
		'the repeated local hour $hour on the $zone fall-back day $date is two one-hour buckets',
		({ zone, date, hour }) => {
			const repeated = hourBucketsOfLocalDay(date, zone).filter(
				(bucket) => localDateTime(bucket.start, zone).hour === hour,
			);
			expect(repeated).toHaveLength(2);
			expect(repeated.map((bucket) => bucket.end - bucket.start)).toEqual([HOUR_MS, HOUR_MS]);
			expect(repeated[1].start - repeated[0].start).toBe(HOUR_MS);
			const offsets = repeated.map((bucket) => localDateTime(bucket.start, zone).offset);
			expect(offsets[0] - offsets[1]).toBe(60);
		},
	);

	test.each([
		{ zone: 'Europe/Berlin', date: '2026-03-29', skipped: 2 },
		{ zone: 'America/Los_Angeles', date: '2026-03-08', skipped: 2 },
		{ zone: 'Australia/Sydney', date: '2026-10-04', skipped: 2 },
	])(
		'the skipped local hour $skipped on the $zone spring-forward day $date has no bucket',
		({ zone, date, skipped }) => {
			const hours = hourBucketsOfLocalDay(date, zone).map(
				(bucket) => localDateTime(bucket.start, zone).hour,
			);
			const expected = Array.from({ length: 24 }, (_, hour) => hour).filter(
				(hour) => hour !== skipped,
			);
			expect(hours).toEqual(expected);
		},
	);

	test('Lord Howe hours keep their local labels and only the shifted half hour is short', () => {
		const fallBack = hourBucketsOfLocalDay('2026-04-05', 'Australia/Lord_Howe');
		const labels = fallBack.map((bucket) =>
			localDateTime(bucket.start, 'Australia/Lord_Howe').toFormat('HH:mm'),
		);
		expect(labels.slice(0, 4)).toEqual(['00:00', '01:00', '01:30', '02:00']);
		expect(fallBack.filter((bucket) => bucket.end - bucket.start !== HOUR_MS)).toEqual([
			{ start: utc('2026-04-04T15:00:00Z'), end: utc('2026-04-04T15:30:00Z') },
		]);

		const springForward = hourBucketsOfLocalDay('2026-10-04', 'Australia/Lord_Howe');
		expect(springForward.filter((bucket) => bucket.end - bucket.start !== HOUR_MS)).toEqual([
			{ start: utc('2026-10-03T15:30:00Z'), end: utc('2026-10-03T16:00:00Z') },
		]);
	});
});

describe('bucket fields for hand-checked buckets', () => {
	const cases: Array<{
		name: string;
		zone: string;
		granularity: Granularity;
		at: string;
		bucketStart: string;
		bucketEnd: string;
		bucketStartLocal: string;
	}> = [
		{
			name: 'the Berlin hour after the spring-forward jump is local 03:00 at +02:00',
			zone: 'Europe/Berlin',
			granularity: 'hour',
			at: '2026-03-29T01:30:00Z',
			bucketStart: '2026-03-29T01:00:00.000Z',
			bucketEnd: '2026-03-29T02:00:00.000Z',
			bucketStartLocal: '2026-03-29T03:00:00.000+02:00',
		},
		{
			name: 'the Berlin day of 2026-03-29 runs from midnight +01:00 to midnight +02:00',
			zone: 'Europe/Berlin',
			granularity: 'day',
			at: '2026-03-29T12:00:00Z',
			bucketStart: '2026-03-28T23:00:00.000Z',
			bucketEnd: '2026-03-29T22:00:00.000Z',
			bucketStartLocal: '2026-03-29T00:00:00.000+01:00',
		},
		{
			name: 'the first Berlin 02:00 hour of 2026-10-25 is at +02:00',
			zone: 'Europe/Berlin',
			granularity: 'hour',
			at: '2026-10-25T00:30:00Z',
			bucketStart: '2026-10-25T00:00:00.000Z',
			bucketEnd: '2026-10-25T01:00:00.000Z',
			bucketStartLocal: '2026-10-25T02:00:00.000+02:00',
		},
		{
			name: 'the second Berlin 02:00 hour of 2026-10-25 is at +01:00',
			zone: 'Europe/Berlin',
			granularity: 'hour',
			at: '2026-10-25T01:30:00Z',
			bucketStart: '2026-10-25T01:00:00.000Z',
			bucketEnd: '2026-10-25T02:00:00.000Z',
			bucketStartLocal: '2026-10-25T02:00:00.000+01:00',
		},
		{
			name: 'the Berlin day of 2026-10-25 lasts 25 hours',
			zone: 'Europe/Berlin',
			granularity: 'day',
			at: '2026-10-25T12:00:00Z',
			bucketStart: '2026-10-24T22:00:00.000Z',
			bucketEnd: '2026-10-25T23:00:00.000Z',
			bucketStartLocal: '2026-10-25T00:00:00.000+02:00',
		},
		{
			name: 'the Los Angeles day of 2026-03-08 starts at -08:00 and ends at -07:00',
			zone: 'America/Los_Angeles',
			granularity: 'day',
			at: '2026-03-08T20:00:00Z',
			bucketStart: '2026-03-08T08:00:00.000Z',
			bucketEnd: '2026-03-09T07:00:00.000Z',
			bucketStartLocal: '2026-03-08T00:00:00.000-08:00',
		},
		{
			name: 'the Los Angeles hour after the jump of 2026-03-08 is local 03:00',
			zone: 'America/Los_Angeles',
			granularity: 'hour',
			at: '2026-03-08T10:15:00Z',
			bucketStart: '2026-03-08T10:00:00.000Z',
			bucketEnd: '2026-03-08T11:00:00.000Z',
			bucketStartLocal: '2026-03-08T03:00:00.000-07:00',
		},
		{
			name: 'the first Los Angeles 01:00 hour of 2026-11-01 is at -07:00',
			zone: 'America/Los_Angeles',
			granularity: 'hour',
			at: '2026-11-01T08:10:00Z',
			bucketStart: '2026-11-01T08:00:00.000Z',
			bucketEnd: '2026-11-01T09:00:00.000Z',
			bucketStartLocal: '2026-11-01T01:00:00.000-07:00',
		},
		{
			name: 'the second Los Angeles 01:00 hour of 2026-11-01 is at -08:00',
			zone: 'America/Los_Angeles',
			granularity: 'hour',
			at: '2026-11-01T09:10:00Z',
			bucketStart: '2026-11-01T09:00:00.000Z',
			bucketEnd: '2026-11-01T10:00:00.000Z',
			bucketStartLocal: '2026-11-01T01:00:00.000-08:00',
		},
		{
			name: 'the Los Angeles day of 2026-11-01 lasts 25 hours',
			zone: 'America/Los_Angeles',
			granularity: 'day',
			at: '2026-11-01T20:00:00Z',
			bucketStart: '2026-11-01T07:00:00.000Z',
			bucketEnd: '2026-11-02T08:00:00.000Z',
			bucketStartLocal: '2026-11-01T00:00:00.000-07:00',
		},
		{
			name: 'the Sydney day of 2026-04-05 (DST ends) lasts 25 hours',
			zone: 'Australia/Sydney',
			granularity: 'day',
			at: '2026-04-05T02:00:00Z',
			bucketStart: '2026-04-04T13:00:00.000Z',
			bucketEnd: '2026-04-05T14:00:00.000Z',
			bucketStartLocal: '2026-04-05T00:00:00.000+11:00',
		},
		{
			name: 'the first Sydney 02:00 hour of 2026-04-05 is at +11:00',
			zone: 'Australia/Sydney',
			granularity: 'hour',
			at: '2026-04-04T15:20:00Z',
			bucketStart: '2026-04-04T15:00:00.000Z',
			bucketEnd: '2026-04-04T16:00:00.000Z',
			bucketStartLocal: '2026-04-05T02:00:00.000+11:00',
		},
		{
			name: 'the second Sydney 02:00 hour of 2026-04-05 is at +10:00',
			zone: 'Australia/Sydney',
			granularity: 'hour',
			at: '2026-04-04T16:20:00Z',
			bucketStart: '2026-04-04T16:00:00.000Z',
			bucketEnd: '2026-04-04T17:00:00.000Z',
			bucketStartLocal: '2026-04-05T02:00:00.000+10:00',
		},
		{
			name: 'the Sydney day of 2026-10-04 (DST starts) lasts 23 hours',
			zone: 'Australia/Sydney',
			granularity: 'day',
			at: '2026-10-04T02:00:00Z',
			bucketStart: '2026-10-03T14:00:00.000Z',
			bucketEnd: '2026-10-04T13:00:00.000Z',
			bucketStartLocal: '2026-10-04T00:00:00.000+10:00',
		},
		{
			name: 'the Sydney hour after the jump of 2026-10-04 is local 03:00 at +11:00',
			zone: 'Australia/Sydney',
			granularity: 'hour',
			at: '2026-10-03T16:45:00Z',
			bucketStart: '2026-10-03T16:00:00.000Z',
			bucketEnd: '2026-10-03T17:00:00.000Z',
			bucketStartLocal: '2026-10-04T03:00:00.000+11:00',
		},
		{
			name: 'a Kolkata hour starts at half past the UTC hour',
			zone: 'Asia/Kolkata',
			granularity: 'hour',
			at: '2026-06-01T10:10:00Z',
			bucketStart: '2026-06-01T09:30:00.000Z',
			bucketEnd: '2026-06-01T10:30:00.000Z',
			bucketStartLocal: '2026-06-01T15:00:00.000+05:30',
		},
		{
			name: 'a Kolkata quarter hour follows the local clock',
			zone: 'Asia/Kolkata',
			granularity: 'quarterHour',
			at: '2026-06-01T10:10:00Z',
			bucketStart: '2026-06-01T10:00:00.000Z',
			bucketEnd: '2026-06-01T10:15:00.000Z',
			bucketStartLocal: '2026-06-01T15:30:00.000+05:30',
		},
		{
			name: 'the repeated Lord Howe half hour of 2026-04-05 is a 30-minute hour bucket',
			zone: 'Australia/Lord_Howe',
			granularity: 'hour',
			at: '2026-04-04T15:10:00Z',
			bucketStart: '2026-04-04T15:00:00.000Z',
			bucketEnd: '2026-04-04T15:30:00.000Z',
			bucketStartLocal: '2026-04-05T01:30:00.000+10:30',
		},
		{
			name: 'the Lord Howe hour after the 30-minute jump of 2026-10-04 starts at 02:30',
			zone: 'Australia/Lord_Howe',
			granularity: 'hour',
			at: '2026-10-03T15:45:00Z',
			bucketStart: '2026-10-03T15:30:00.000Z',
			bucketEnd: '2026-10-03T16:00:00.000Z',
			bucketStartLocal: '2026-10-04T02:30:00.000+11:00',
		},
		{
			name: 'the Lord Howe day of 2026-04-05 lasts 24.5 hours',
			zone: 'Australia/Lord_Howe',
			granularity: 'day',
			at: '2026-04-05T02:00:00Z',
			bucketStart: '2026-04-04T13:00:00.000Z',
			bucketEnd: '2026-04-05T13:30:00.000Z',
			bucketStartLocal: '2026-04-05T00:00:00.000+11:00',
		},
		{
			name: 'a UTC day shows its local start with +00:00',
			zone: 'UTC',
			granularity: 'day',
			at: '2026-03-29T12:00:00Z',
			bucketStart: '2026-03-29T00:00:00.000Z',
			bucketEnd: '2026-03-30T00:00:00.000Z',
			bucketStartLocal: '2026-03-29T00:00:00.000+00:00',
		},
		{
			name: 'the Berlin week of Sunday 2026-03-29 starts on Monday 2026-03-23',
			zone: 'Europe/Berlin',
			granularity: 'week',
			at: '2026-03-29T12:00:00Z',
			bucketStart: '2026-03-22T23:00:00.000Z',
			bucketEnd: '2026-03-29T22:00:00.000Z',
			bucketStartLocal: '2026-03-23T00:00:00.000+01:00',
		},
		{
			name: 'the Berlin month of March 2026 ends at midnight +02:00',
			zone: 'Europe/Berlin',
			granularity: 'month',
			at: '2026-03-15T12:00:00Z',
			bucketStart: '2026-02-28T23:00:00.000Z',
			bucketEnd: '2026-03-31T22:00:00.000Z',
			bucketStartLocal: '2026-03-01T00:00:00.000+01:00',
		},
		{
			name: 'the Sydney year 2026 starts and ends at midnight +11:00',
			zone: 'Australia/Sydney',
			granularity: 'year',
			at: '2026-06-01T00:00:00Z',
			bucketStart: '2025-12-31T13:00:00.000Z',
			bucketEnd: '2026-12-31T13:00:00.000Z',
			bucketStartLocal: '2026-01-01T00:00:00.000+11:00',
		},
	];

	test.each(cases)(
		'$name',
		({ zone, granularity, at, bucketStart, bucketEnd, bucketStartLocal }) => {
			const start = bucketStartOf(utc(at), granularity, zone);
			const end = bucketEndOf(start, granularity, zone);
			expect(bucketFields({ start, end }, granularity, zone)).toEqual({
				bucketStart,
				bucketEnd,
				bucketStartLocal,
				timeZone: zone,
				granularity,
			});
		},
	);

	test('a total bucket has fields too, though it cannot be aligned', () => {
		const bucket = { start: utc('2026-01-01T00:00:00Z'), end: utc('2026-02-01T00:00:00Z') };
		expect(bucketFields(bucket, 'total', 'Asia/Kolkata')).toEqual({
			bucketStart: '2026-01-01T00:00:00.000Z',
			bucketEnd: '2026-02-01T00:00:00.000Z',
			bucketStartLocal: '2026-01-01T05:30:00.000+05:30',
			timeZone: 'Asia/Kolkata',
			granularity: 'total',
		});
	});

	test('a total bucket off the whole minute keeps its seconds in every field', () => {
		const bucket = { start: utc('2026-03-29T00:59:59.250Z'), end: utc('2026-03-29T01:00:30Z') };
		expect(bucketFields(bucket, 'total', 'Europe/Berlin')).toMatchObject({
			bucketStart: '2026-03-29T00:59:59.250Z',
			bucketEnd: '2026-03-29T01:00:30.000Z',
			bucketStartLocal: '2026-03-29T01:59:59.250+01:00',
		});
	});

	test('UTC fields read as Date#toISOString for whole minutes, seconds and far years', () => {
		const instants = [
			utc('2026-03-29T01:00:00Z'),
			utc('2026-03-29T01:00:00.001Z'),
			utc('2026-03-29T23:59:00Z'),
			utc('1969-12-31T23:59:00Z'),
			Date.UTC(-1, 0, 1),
			Date.UTC(10000, 0, 1),
			Date.UTC(10000, 0, 1) + 30_000,
		];
		for (const start of instants) {
			const fields = bucketFields({ start, end: start + MINUTE_MS }, 'total', 'UTC');
			expect([fields.bucketStart, fields.bucketEnd]).toEqual([
				new Date(start).toISOString(),
				new Date(start + MINUTE_MS).toISOString(),
			]);
		}
	});

	test('fields read the same whichever buckets were formatted before', () => {
		const zone = 'America/Los_Angeles';
		const days = [0, 1, 2].map((day) => utc('2026-11-01T07:00:00Z') + day * DAY_MS);
		const forward = days.map((start) => bucketFields({ start, end: start + DAY_MS }, 'day', zone));
		const backward = [...days]
			.reverse()
			.map((start) => bucketFields({ start, end: start + DAY_MS }, 'day', zone))
			.reverse();
		expect(backward).toEqual(forward);
		expect(forward.map((fields) => fields.bucketStartLocal)).toEqual([
			'2026-11-01T00:00:00.000-07:00',
			'2026-11-01T23:00:00.000-08:00',
			'2026-11-02T23:00:00.000-08:00',
		]);
	});

	test('bounds and keys read the same in any order of asking, across consecutive and repeated buckets', () => {
		const starts = [0, 1, 2, 1, 3, 0, 3].map(
			(hour) => utc('2026-03-29T00:00:00Z') + hour * HOUR_MS,
		);
		const orders = [
			['key', 'fields'],
			['fields', 'key'],
		];
		for (const order of orders) {
			for (const start of starts) {
				const end = start + HOUR_MS;
				for (const ask of order) {
					if (ask === 'key') {
						expect(
							bucketKey({ source: 's', metric: 'm', scope: 'x', granularity: 'hour', start }),
						).toBe(`s:m:x:hour:${new Date(start).toISOString()}`);
					} else {
						const fields = bucketFields({ start, end }, 'hour', 'UTC');
						expect([fields.bucketStart, fields.bucketEnd]).toEqual([
							new Date(start).toISOString(),
							new Date(end).toISOString(),
						]);
					}
				}
			}
		}
	});
});

describe.each(ZONES)('buckets in %s', (zone) => {
	const year = yearOf2026(zone);
	const changes = offsetChanges(zone, year.start, year.end);
	const probes = [
		...sampleInstants(year.start, year.end, 400),
		...changes.flatMap((change) =>
			[-DAY_MS, -HOUR_MS, -30 * MINUTE_MS, -MINUTE_MS, -1, 0, 1, MINUTE_MS, 30 * MINUTE_MS]
				.concat([59 * MINUTE_MS, HOUR_MS, 90 * MINUTE_MS, DAY_MS])
				.map((delta) => change + delta),
		),
	];

	test('the year 2026 has the offset changes the test matrix expects', () => {
		const expectedChanges = zone === 'Asia/Kolkata' || zone === 'UTC' ? 0 : 2;
		expect(changes).toHaveLength(expectedChanges);
	});

	describe.each(ALIGNABLE_GRANULARITIES)('%s buckets', (granularity) => {
		test('cover 2026 in order, contiguous and without overlaps', () => {
			const buckets = bucketsCovering(year.start, year.end, granularity, zone);
			expect(buckets[0].start).toBe(bucketStartOf(year.start, granularity, zone));
			expect(buckets[buckets.length - 1].end).toBeGreaterThanOrEqual(year.end);
			const problems: string[] = [];
			buckets.forEach((bucket, index) => {
				if (bucket.end <= bucket.start) problems.push(`empty bucket at ${isoUtc(bucket.start)}`);
				const next = buckets[index + 1];
				if (next && next.start !== bucket.end)
					problems.push(`gap or overlap at ${isoUtc(bucket.end)}`);
			});
			expect(problems).toEqual([]);
		});

		test('bucketStartOf is idempotent and bucketEndOf(bucketStartOf(x)) is after x', () => {
			const problems: string[] = [];
			for (const instant of probes) {
				const start = bucketStartOf(instant, granularity, zone);
				const end = bucketEndOf(start, granularity, zone);
				const at = isoUtc(instant);
				if (start > instant) problems.push(`${at}: starts after the instant`);
				if (bucketStartOf(start, granularity, zone) !== start)
					problems.push(`${at}: not idempotent`);
				if (end <= instant) problems.push(`${at}: ends before the instant`);
				if (bucketStartOf(end, granularity, zone) !== end)
					problems.push(`${at}: end is not a start`);
				if (bucketStartOf(end - 1, granularity, zone) !== start) {
					problems.push(`${at}: last millisecond belongs elsewhere`);
				}
			}
			expect(problems).toEqual([]);
		});
	});

	describe.each(SUB_DAY_GRANULARITIES)('%s buckets', (granularity) => {
		const unit = SUB_DAY_MS[granularity];

		test('start on the local clock and last one unit, except where the offset changes', () => {
			const buckets = bucketsFrom(year.start, year.end, Infinity, calendarGrid(granularity, zone));
			const problems: string[] = [];
			for (const bucket of buckets) {
				const touchesChange = changes.includes(bucket.start) || changes.includes(bucket.end);
				if (touchesChange) continue;
				if (bucket.end - bucket.start !== unit) problems.push(`${isoUtc(bucket.start)}: length`);
				if (granularity === 'minute') {
					if (bucket.start % MINUTE_MS !== 0) problems.push(`${isoUtc(bucket.start)}: second`);
					continue;
				}
				const local = localDateTime(bucket.start, zone);
				if ((local.hour * 60 + local.minute) % (unit / MINUTE_MS) !== 0 || local.second !== 0) {
					problems.push(`${isoUtc(bucket.start)}: local start ${local.toISO()}`);
				}
			}
			expect(problems).toEqual([]);
		});

		// luxon's startOf keeps the current offset, which is right wherever shifts are whole hours.
		const luxonStartOf = (instant: number): number => {
			const local = localDateTime(instant, zone);
			if (granularity === 'minute') return local.startOf('minute').toMillis();
			const hour = local.startOf('hour');
			if (granularity === 'hour') return hour.toMillis();
			return hour.plus({ minutes: Math.floor(local.minute / 15) * 15 }).toMillis();
		};

		if (zone !== 'Australia/Lord_Howe') {
			test('agree with luxon startOf, as the zone shifts by whole hours', () => {
				const problems: string[] = [];
				for (const instant of probes) {
					const actual = bucketStartOf(instant, granularity, zone);
					if (actual !== luxonStartOf(instant))
						problems.push(`${isoUtc(instant)}: ${isoUtc(actual)}`);
				}
				expect(problems).toEqual([]);
			});
		}

		const fullYear = granularity !== 'minute' || zone === 'Australia/Lord_Howe';
		test(
			fullYear
				? 'stepping back from the end meets the edges of stepping forward, over all of 2026'
				: 'stepping back from the end meets the edges of stepping forward, around each offset change and in January',
			() => {
				const windows = fullYear
					? [year]
					: [
							{ start: year.start, end: year.start + 7 * DAY_MS },
							...changes.map((change) => ({
								start: bucketStartOf(change - 2 * DAY_MS, granularity, zone),
								end: bucketStartOf(change + 2 * DAY_MS, granularity, zone),
							})),
						];
				for (const window of windows) {
					const forward = bucketsFrom(
						window.start,
						window.end,
						Infinity,
						calendarGrid(granularity, zone),
					);
					const backward: Bucket[] = [];
					for (let end = window.end; end > window.start; ) {
						const start = bucketStartBefore(end, 1, calendarGrid(granularity, zone));
						backward.push({ start, end });
						end = start;
					}
					expect(firstMismatch(forward, backward.reverse())).toBeUndefined();
				}
			},
			120_000,
		);
	});

	describe('calendar buckets agree with luxon for every day of 2026', () => {
		const noons = Array.from({ length: 365 }, (_, index) =>
			DateTime.fromMillis(year.start, { zone }).plus({ days: index, hours: 12 }),
		);

		test.each([
			['day', (noon: DateTime) => noon.startOf('day'), { days: 1 }],
			['week', (noon: DateTime) => noon.startOf('week'), { weeks: 1 }],
			['month', (noon: DateTime) => noon.startOf('month'), { months: 1 }],
			['year', (noon: DateTime) => noon.startOf('year'), { years: 1 }],
		] as const)('%s buckets start and end on local midnights', (granularity, startOf, length) => {
			const problems: string[] = [];
			for (const noon of noons) {
				const expectedStart = startOf(noon);
				const start = bucketStartOf(noon.toMillis(), granularity, zone);
				const end = bucketEndOf(start, granularity, zone);
				if (start !== expectedStart.toMillis() || end !== expectedStart.plus(length).toMillis()) {
					problems.push(`${noon.toISO()}: ${isoUtc(start)}..${isoUtc(end)}`);
				}
			}
			expect(problems).toEqual([]);
		});

		test('Sunday weeks (weekStart 7) start on the Sunday on or before each day', () => {
			const problems: string[] = [];
			for (const noon of noons) {
				const expectedStart = noon.startOf('day').minus({ days: noon.weekday % 7 });
				const start = bucketStartOf(noon.toMillis(), 'week', zone, { weekStart: 7 });
				const end = bucketEndOf(start, 'week', zone, { weekStart: 7 });
				if (
					start !== expectedStart.toMillis() ||
					end !== expectedStart.plus({ weeks: 1 }).toMillis()
				) {
					problems.push(`${noon.toISO()}: ${isoUtc(start)}..${isoUtc(end)}`);
				}
			}
			expect(problems).toEqual([]);
		});
	});
});

describe('weeks', () => {
	const saturdayNoon = utc('2026-03-28T12:00:00+01:00');

	test('by default a week starts on Monday', () => {
		expect(isoUtc(bucketStartOf(saturdayNoon, 'week', 'Europe/Berlin'))).toBe(
			'2026-03-22T23:00:00.000Z',
		);
	});

	test('with weekStart 7 a Saturday belongs to the week of the Sunday before', () => {
		expect(isoUtc(bucketStartOf(saturdayNoon, 'week', 'Europe/Berlin', { weekStart: 7 }))).toBe(
			'2026-03-21T23:00:00.000Z',
		);
	});

	test('a Sunday week in Berlin that contains the spring-forward night lasts 167 hours', () => {
		const sunday = utc('2026-03-29T12:00:00+02:00');
		const start = bucketStartOf(sunday, 'week', 'Europe/Berlin', { weekStart: 7 });
		const end = bucketEndOf(start, 'week', 'Europe/Berlin', { weekStart: 7 });
		expect([isoUtc(start), isoUtc(end)]).toEqual([
			'2026-03-28T23:00:00.000Z',
			'2026-04-04T22:00:00.000Z',
		]);
		expect((end - start) / HOUR_MS).toBe(167);
	});

	test('a Monday week in Sydney that contains the end of DST lasts 169 hours', () => {
		const start = bucketStartOf(utc('2026-04-02T12:00:00+11:00'), 'week', 'Australia/Sydney');
		expect((bucketEndOf(start, 'week', 'Australia/Sydney') - start) / HOUR_MS).toBe(169);
	});

	test('a weekStart other than 1 or 7 is a programming error', () => {
		expect(() =>
			bucketStartOf(saturdayNoon, 'week', 'UTC', { weekStart: 3 as unknown as 1 }),
		).toThrow('weekStart');
	});
});

describe('months', () => {
	const monthHours: Array<[string, number[]]> = [
		['Europe/Berlin', [744, 672, 743, 720, 744, 720, 744, 744, 720, 745, 720, 744]],
		['America/Los_Angeles', [744, 672, 743, 720, 744, 720, 744, 744, 720, 744, 721, 744]],
		['Australia/Sydney', [744, 672, 744, 721, 744, 720, 744, 744, 720, 743, 720, 744]],
		['Australia/Lord_Howe', [744, 672, 744, 720.5, 744, 720, 744, 744, 720, 743.5, 720, 744]],
		['Asia/Kolkata', [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]],
		['UTC', [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]],
	];

	test.each(monthHours)(
		'the twelve month buckets of 2026 in %s have the expected lengths',
		(zone, hours) => {
			const year = yearOf2026(zone);
			const months = bucketsFrom(year.start, year.end, Infinity, calendarGrid('month', zone));
			expect(months.map((bucket) => (bucket.end - bucket.start) / HOUR_MS)).toEqual(hours);
			expect(
				months.map((bucket) => localDateTime(bucket.start, zone).toFormat('MM-dd HH:mm')),
			).toEqual(
				Array.from({ length: 12 }, (_, index) => `${String(index + 1).padStart(2, '0')}-01 00:00`),
			);
		},
	);

	test.each(ZONES)('the year 2026 in %s is one bucket of 8760 hours', (zone) => {
		const year = yearOf2026(zone);
		expect(bucketsFrom(year.start, year.end, Infinity, calendarGrid('year', zone))).toEqual([year]);
		expect((year.end - year.start) / HOUR_MS).toBe(8760);
	});

	test('a leap February has 29 days', () => {
		const start = bucketStartOf(utc('2028-02-10T00:00:00Z'), 'month', 'Europe/Berlin');
		expect((bucketEndOf(start, 'month', 'Europe/Berlin') - start) / DAY_MS).toBe(29);
	});
});

describe('bucketsFrom', () => {
	test('returns the buckets from a bucket start that end by the given end, oldest first', () => {
		const start = bucketStartOf(utc('2026-06-01T10:20:00+02:00'), 'hour', 'Europe/Berlin');
		const hoursUntil = (until: string) =>
			bucketsFrom(start, utc(until), Infinity, calendarGrid('hour', 'Europe/Berlin')).map(
				(bucket) => localDateTime(bucket.start, 'Europe/Berlin').hour,
			);
		expect(hoursUntil('2026-06-01T13:00:00+02:00')).toEqual([10, 11, 12]);
		expect(hoursUntil('2026-06-01T12:10:00+02:00')).toEqual([10, 11]);
	});

	test('returns at most limit buckets', () => {
		const start = utc('2026-06-01T00:00:00Z');
		expect(bucketsFrom(start, start + DAY_MS, 2, calendarGrid('hour', 'UTC'))).toEqual([
			{ start, end: start + HOUR_MS },
			{ start: start + HOUR_MS, end: start + 2 * HOUR_MS },
		]);
	});

	test('returns no buckets when the end is not after the start', () => {
		const instant = utc('2026-06-01T10:00:00Z');
		expect(bucketsFrom(instant, instant, Infinity, calendarGrid('hour', 'UTC'))).toEqual([]);
		expect(bucketsFrom(instant, instant - 1, Infinity, calendarGrid('day', 'UTC'))).toEqual([]);
	});

	test.each(['Europe/Berlin', 'Australia/Lord_Howe', 'UTC'])(
		'a year of minute buckets in %s is 525,600 buckets',
		(zone) => {
			const year = yearOf2026(zone);
			expect(
				bucketsFrom(year.start, year.end, Infinity, calendarGrid('minute', zone)),
			).toHaveLength(525_600);
		},
	);

	test('a run from an instant in the repeated Berlin hour starts with the second 02:00 bucket', () => {
		const buckets = bucketsFrom(
			bucketStartOf(utc('2026-10-25T01:30:00Z'), 'hour', 'Europe/Berlin'),
			utc('2026-10-25T03:00:00Z'),
			Infinity,
			calendarGrid('hour', 'Europe/Berlin'),
		);
		expect(
			buckets.map((bucket) => bucketFields(bucket, 'hour', 'Europe/Berlin').bucketStartLocal),
		).toEqual(['2026-10-25T02:00:00.000+01:00', '2026-10-25T03:00:00.000+01:00']);
	});
});

describe('bucketStartBefore', () => {
	test('steps back over the short Berlin day of 2026-03-29 by local midnights', () => {
		const end = localMidnight('2026-03-31', 'Europe/Berlin');
		expect(isoUtc(bucketStartBefore(end, 0, calendarGrid('day', 'Europe/Berlin')))).toBe(
			isoUtc(end),
		);
		expect(isoUtc(bucketStartBefore(end, 2, calendarGrid('day', 'Europe/Berlin')))).toBe(
			'2026-03-28T23:00:00.000Z',
		);
	});
});

/** The newest closed bucket's start, as "Fetch Test Event" finds it. */
function lastClosedBucketStart(
	now: number,
	settleMs: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	const end = closedUntil(now, settleMs, calendarGrid(granularity, zone, options));
	return bucketStartBefore(end, 1, calendarGrid(granularity, zone, options));
}

describe('closedUntil', () => {
	const berlin = 'Europe/Berlin';
	const twoMinutes = 2 * MINUTE_MS;

	test('a bucket is not closed until its settle time has passed', () => {
		const now = utc('2026-06-01T10:01:00+02:00');
		expect(isoUtc(lastClosedBucketStart(now, twoMinutes, 'hour', berlin))).toBe(
			'2026-06-01T06:00:00.000Z',
		);
	});

	test('a bucket is closed exactly when end + settle equals now', () => {
		const now = utc('2026-06-01T10:02:00+02:00');
		expect(isoUtc(lastClosedBucketStart(now, twoMinutes, 'hour', berlin))).toBe(
			'2026-06-01T07:00:00.000Z',
		);
	});

	test('with no settle time the bucket that just ended is closed', () => {
		const now = utc('2026-06-01T10:00:00+02:00');
		expect(isoUtc(lastClosedBucketStart(now, 0, 'hour', berlin))).toBe('2026-06-01T07:00:00.000Z');
	});

	test('a settle time longer than a bucket reaches further back', () => {
		const now = utc('2026-06-01T10:00:30Z');
		expect(isoUtc(lastClosedBucketStart(now, 5 * MINUTE_MS, 'minute', 'UTC'))).toBe(
			'2026-06-01T09:54:00.000Z',
		);
	});

	test('the 23-hour Berlin day of 2026-03-29 is closed two minutes after local midnight', () => {
		const justBefore = utc('2026-03-30T00:01:59+02:00');
		const justAfter = utc('2026-03-30T00:02:00+02:00');
		expect(isoUtc(lastClosedBucketStart(justBefore, twoMinutes, 'day', berlin))).toBe(
			'2026-03-27T23:00:00.000Z',
		);
		expect(isoUtc(lastClosedBucketStart(justAfter, twoMinutes, 'day', berlin))).toBe(
			'2026-03-28T23:00:00.000Z',
		);
	});

	test('the two Berlin 02:00 hours of 2026-10-25 close one after the other', () => {
		expect(
			isoUtc(lastClosedBucketStart(utc('2026-10-25T01:02:00Z'), twoMinutes, 'hour', berlin)),
		).toBe('2026-10-25T00:00:00.000Z');
		expect(
			isoUtc(lastClosedBucketStart(utc('2026-10-25T02:02:00Z'), twoMinutes, 'hour', berlin)),
		).toBe('2026-10-25T01:00:00.000Z');
	});

	test('Sunday weeks close at the local midnight starting Sunday', () => {
		const now = utc('2026-11-22T00:05:00-08:00');
		const start = lastClosedBucketStart(now, twoMinutes, 'week', 'America/Los_Angeles', {
			weekStart: 7,
		});
		expect(isoUtc(start)).toBe('2026-11-15T08:00:00.000Z');
	});

	test('a negative settle time is a programming error', () => {
		expect(() => closedUntil(0, -1, calendarGrid('hour', 'UTC'))).toThrow('settleMs');
	});
});

describe('programming errors', () => {
	test.each([
		['bucketStartOf', () => bucketStartOf(0, 'total', 'UTC')],
		['bucketEndOf', () => bucketEndOf(0, 'total', 'UTC')],
		['bucketsFrom', () => bucketsFrom(0, DAY_MS, Infinity, calendarGrid('total', 'UTC'))],
		['bucketStartBefore', () => bucketStartBefore(DAY_MS, 1, calendarGrid('total', 'UTC'))],
		['closedUntil', () => closedUntil(DAY_MS, 0, calendarGrid('total', 'UTC'))],
	])('%s refuses the total granularity', (_name, call) => {
		expect(call).toThrow('total');
	});

	test('an unresolved time zone is refused', () => {
		expect(() => bucketStartOf(0, 'hour', 'Mars/Olympus')).toThrow('resolveTimeZone');
	});

	test('a non-finite instant is refused', () => {
		expect(() => bucketStartOf(NaN, 'hour', 'UTC')).toThrow('epoch milliseconds');
	});
});
