import { calendarGrid } from '../../nodes/shared/time';
import { bucketItem, itemScope } from '../../nodes/shared/items';
import type { BucketItemInput } from '../../nodes/shared/items';

const at = (iso: string) => Date.parse(iso);

function item(start: string, end: string, overrides: Partial<BucketItemInput> = {}) {
	return bucketItem({
		source: 'indivd',
		metric: 'zoneVisitors',
		scope: 'zone=201',
		bucket: { start: at(start), end: at(end) },
		granularity: 'total',
		timeZone: 'Europe/Berlin',
		scopeFields: { zoneId: 201 },
		values: { visits: 1 },
		...overrides,
	});
}

describe('one bucket, one key; different buckets, different keys', () => {
	it('gives two whole-period totals that share a start different keys', () => {
		const week = item('2026-02-28T23:00:00Z', '2026-03-07T23:00:00Z');
		const month = item('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
		expect(week.bucketKey).toBe(
			'indivd:zoneVisitors:zone=201:total:2026-02-28T23:00:00.000Z/2026-03-07T23:00:00.000Z',
		);
		expect(month.bucketKey).not.toBe(week.bucketKey);
	});

	it('gives the same total the same key whenever it is read', () => {
		expect(item('2026-02-28T23:00:00Z', '2026-03-07T23:00:00Z').bucketKey).toBe(
			item('2026-02-28T23:00:00Z', '2026-03-07T23:00:00Z').bucketKey,
		);
	});

	it('keys a partial bucket by its clipped bounds and marks it', () => {
		const partial = item('2026-10-24T22:00:00Z', '2026-10-31T23:00:00Z', {
			granularity: 'month',
			partial: true,
		});
		const full = item('2026-09-30T22:00:00Z', '2026-10-31T23:00:00Z', { granularity: 'month' });
		expect(partial.partial).toBe(true);
		expect(partial.bucketKey).toBe(
			'indivd:zoneVisitors:zone=201:month:2026-10-24T22:00:00.000Z/2026-10-31T23:00:00.000Z',
		);
		expect(partial.bucketKey).not.toBe(full.bucketKey);
		expect(full).not.toHaveProperty('partial');
		expect(full).not.toHaveProperty('partial');
	});

	it('keeps keys of calendar buckets as their start only', () => {
		expect(
			item('2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z', { granularity: 'hour' }).bucketKey,
		).toBe('indivd:zoneVisitors:zone=201:hour:2026-03-01T09:00:00.000Z');
	});

	it('reads the scope back from any key', () => {
		for (const json of [
			item('2026-02-28T23:00:00Z', '2026-03-07T23:00:00Z'),
			item('2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z', { granularity: 'hour' }),
			item('2026-03-24T23:00:00Z', '2026-03-31T22:00:00Z', { granularity: 'month', partial: true }),
		]) {
			expect(itemScope(json)).toBe('zone=201');
		}
	});
});

describe('buckets of different calendars that share a start', () => {
	const bucket = (
		start: string,
		end: string,
		granularity: BucketItemInput['granularity'],
		timeZone: string,
	) => item(start, end, { granularity, timeZone }).bucketKey;

	it('keys a March of London apart from the March of UTC: it ends an hour earlier', () => {
		const london = bucket('2026-03-01T00:00:00Z', '2026-03-31T23:00:00Z', 'month', 'Europe/London');
		const utc = bucket('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 'month', 'UTC');
		expect(utc).toBe('indivd:zoneVisitors:zone=201:month:2026-03-01T00:00:00.000Z');
		expect(london).toBe(
			'indivd:zoneVisitors:zone=201:month:2026-03-01T00:00:00.000Z/2026-03-31T23:00:00.000Z',
		);
	});

	it('keys the two-hour bucket of a fall-back night in Berlin apart from the same hour in Lagos', () => {
		const berlin = bucket('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z', 'hour', 'Europe/Berlin');
		const lagos = bucket('2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', 'hour', 'Africa/Lagos');
		expect(berlin).not.toBe(lagos);
		expect(lagos).toBe('indivd:zoneVisitors:zone=201:hour:2026-10-25T00:00:00.000Z');
	});

	it.each([
		['an ordinary Berlin day', '2026-11-01T23:00:00Z', '2026-11-02T23:00:00Z', 'day'],
		['a Berlin November', '2026-10-31T23:00:00Z', '2026-11-30T23:00:00Z', 'month'],
		['a Kolkata year', '2025-12-31T18:30:00Z', '2026-12-31T18:30:00Z', 'year'],
		['a Berlin hour', '2026-11-02T12:00:00Z', '2026-11-02T13:00:00Z', 'hour'],
		['a Monday week in Sydney', '2026-11-01T13:00:00Z', '2026-11-08T13:00:00Z', 'week'],
	] as const)(
		'keeps the key of %s as it was: its start alone',
		(_what, start, end, granularity) => {
			expect(bucket(start, end, granularity, 'UTC')).toBe(
				`indivd:zoneVisitors:zone=201:${granularity}:${new Date(start).toISOString()}`,
			);
		},
	);

	it('never gives two buckets of a year of any calendar one key', () => {
		const zones = [
			'UTC',
			'Europe/London',
			'Europe/Berlin',
			'Africa/Lagos',
			'Asia/Kolkata',
			'America/New_York',
			'Australia/Lord_Howe',
			'Pacific/Kiritimati',
			'Pacific/Pago_Pago',
		];
		const bounds = new Map<string, string>();
		for (const granularity of ['hour', 'day', 'week', 'month'] as const) {
			for (const zone of zones) {
				for (const weekStart of granularity === 'week' ? ([1, 7] as const) : ([1] as const)) {
					const grid = calendarGrid(granularity, zone, { weekStart });
					for (
						let start = grid.startOf(Date.UTC(2026, 0, 1));
						start < Date.UTC(2027, 0, 1);
						start = grid.endOf(start)
					) {
						const end = grid.endOf(start);
						const key = item(new Date(start).toISOString(), new Date(end).toISOString(), {
							granularity,
							timeZone: zone,
						}).bucketKey as string;
						const span = `${start}/${end}`;
						expect([key, bounds.get(key) ?? span]).toEqual([key, span]);
						bounds.set(key, span);
					}
				}
			}
		}
		// Calendars whose buckets have the same bounds share their keys: one bucket, one key.
		expect(bounds.size).toBeGreaterThan(20_000);
	});
});
