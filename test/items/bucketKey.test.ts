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
		const partial = item('2026-03-24T23:00:00Z', '2026-03-31T22:00:00Z', {
			granularity: 'month',
			partial: true,
		});
		const full = item('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', { granularity: 'month' });
		expect(partial.partial).toBe(true);
		expect(partial.bucketKey).toBe(
			'indivd:zoneVisitors:zone=201:month:2026-03-24T23:00:00.000Z/2026-03-31T22:00:00.000Z',
		);
		expect(full.bucketKey).toBe('indivd:zoneVisitors:zone=201:month:2026-02-28T23:00:00.000Z');
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
