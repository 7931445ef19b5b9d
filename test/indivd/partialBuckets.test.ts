import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { Parameters } from '../helpers/execute';
import { jsonOf, runIndivd } from './helpers';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, now: Date.UTC(2026, 10, 21, 12) });
});
afterAll(async () => await sim.close());

const zoneVisitors = { resource: 'zoneVisitors', operation: 'get', zones: [201] };
const lineCrosses = { resource: 'lineCrosses', operation: 'get', lineIds: [5001] };

async function items(parameters: Parameters) {
	return jsonOf((await runIndivd(sim, parameters)).items);
}

/** The time part of a key: what follows `:<granularity>:`. */
function keyTime(item: IDataObject): string {
	const key = String(item.bucketKey);
	const marker = `:${String(item.granularity)}:`;
	return key.slice(key.indexOf(marker) + marker.length);
}

/** Bounds, partial marker and key time of an item, as one line to compare. */
const shape = (item: IDataObject) => [
	item.bucketStart,
	item.bucketEnd,
	item.partial ?? false,
	keyTime(item),
];

const sumOf = (rows: IDataObject[], field: string, from: string, to: string) =>
	rows
		.filter((row) => String(row.bucketStart) >= from && String(row.bucketStart) < to)
		.reduce((total, row) => total + Number(row[field]), 0);

describe('a period cut by the requested range', () => {
	it('gives the months at both ends of 25 March to 10 April their clipped bounds, keys and counts (zone visitors)', async () => {
		const range = { startDate: '2026-03-25', endDate: '2026-04-10', timeZone: 'Europe/Stockholm' };
		const months = await items({ ...zoneVisitors, ...range, aggregateBy: ['month'] });
		expect(months.map(shape)).toEqual([
			[
				'2026-03-24T23:00:00.000Z',
				'2026-03-31T22:00:00.000Z',
				true,
				'2026-03-24T23:00:00.000Z/2026-03-31T22:00:00.000Z',
			],
			[
				'2026-03-31T22:00:00.000Z',
				'2026-04-10T22:00:00.000Z',
				true,
				'2026-03-31T22:00:00.000Z/2026-04-10T22:00:00.000Z',
			],
		]);
		expect(months[0].bucketKey).toBe(
			'indivd:zoneVisitors:zone=201:month:2026-03-24T23:00:00.000Z/2026-03-31T22:00:00.000Z',
		);
		expect(Object.keys(months[0]).slice(-3)).toEqual(['granularity', 'partial', 'complete']);
		const days = await items({ ...zoneVisitors, ...range, aggregateBy: ['dayofmonth'] });
		expect(months[0].visits).toBe(
			sumOf(days, 'visits', '2026-03-24T23:00:00.000Z', '2026-03-31T22:00:00.000Z'),
		);
		expect(months[1].visits).toBe(
			sumOf(days, 'visits', '2026-03-31T22:00:00.000Z', '2026-04-10T22:00:00.000Z'),
		);
	});

	it('gives a range inside one month one partial item with the range’s bounds', async () => {
		const [month, ...more] = await items({
			...zoneVisitors,
			startDate: '2026-03-10',
			endDate: '2026-03-20',
			timeZone: 'Europe/Stockholm',
			aggregateBy: ['month'],
		});
		expect(more).toEqual([]);
		expect(shape(month)).toEqual([
			'2026-03-09T23:00:00.000Z',
			'2026-03-20T23:00:00.000Z',
			true,
			'2026-03-09T23:00:00.000Z/2026-03-20T23:00:00.000Z',
		]);
	});

	it('clips the weeks at both ends to the records of the asked days in Asia/Kolkata, and keeps the whole week between', async () => {
		const weeks = await items({
			...zoneVisitors,
			startDate: '2026-11-04',
			endDate: '2026-11-17',
			timeZone: 'Asia/Kolkata',
			aggregateBy: ['week'],
		});
		expect(weeks.map(shape)).toEqual([
			[
				'2026-11-03T19:00:00.000Z',
				'2026-11-07T19:00:00.000Z',
				true,
				'2026-11-03T19:00:00.000Z/2026-11-07T19:00:00.000Z',
			],
			['2026-11-07T19:00:00.000Z', '2026-11-14T19:00:00.000Z', false, '2026-11-07T19:00:00.000Z'],
			[
				'2026-11-14T19:00:00.000Z',
				'2026-11-17T19:00:00.000Z',
				true,
				'2026-11-14T19:00:00.000Z/2026-11-17T19:00:00.000Z',
			],
		]);
		expect(weeks[0].bucketStartLocal).toBe('2026-11-04T00:30:00.000+05:30');
	});

	it('clips the years at both ends of December to January', async () => {
		const years = await items({
			...zoneVisitors,
			startDate: '2025-12-01',
			endDate: '2026-01-31',
			timeZone: 'Europe/Stockholm',
			aggregateBy: ['year'],
		});
		expect(years.map(shape)).toEqual([
			[
				'2025-11-30T23:00:00.000Z',
				'2025-12-31T23:00:00.000Z',
				true,
				'2025-11-30T23:00:00.000Z/2025-12-31T23:00:00.000Z',
			],
			[
				'2025-12-31T23:00:00.000Z',
				'2026-01-31T23:00:00.000Z',
				true,
				'2025-12-31T23:00:00.000Z/2026-01-31T23:00:00.000Z',
			],
		]);
	});

	it('marks drop-in months cut by the range, and not the period total', async () => {
		const rows = await items({
			resource: 'dropInRate',
			operation: 'get',
			startDate: '2026-03-25',
			endDate: '2026-04-10',
			interval: 'month',
			locations: [124],
			timeZone: 'Europe/Stockholm',
		});
		const months = rows.filter((row) => row.granularity === 'month');
		expect(months.length).toBeGreaterThan(0);
		expect(months.every((month) => month.partial === true)).toBe(true);
		expect(new Set(months.map(keyTime))).toEqual(
			new Set([
				'2026-03-24T23:00:00.000Z/2026-03-31T22:00:00.000Z',
				'2026-03-31T22:00:00.000Z/2026-04-10T22:00:00.000Z',
			]),
		);
		const [total] = rows.filter((row) => row.granularity === 'total');
		expect(total.partial).toBeUndefined();
	});

	it('clips line-cross months, weeks and years at both ends of the range (UTC)', async () => {
		const months = await items({
			...lineCrosses,
			startDate: '2026-03-25',
			endDate: '2026-04-10',
			aggregateBy: 'month',
		});
		expect(months.map(shape)).toEqual([
			[
				'2026-03-25T00:00:00.000Z',
				'2026-04-01T00:00:00.000Z',
				true,
				'2026-03-25T00:00:00.000Z/2026-04-01T00:00:00.000Z',
			],
			[
				'2026-04-01T00:00:00.000Z',
				'2026-04-11T00:00:00.000Z',
				true,
				'2026-04-01T00:00:00.000Z/2026-04-11T00:00:00.000Z',
			],
		]);
		const days = await items({
			...lineCrosses,
			startDate: '2026-03-25',
			endDate: '2026-04-10',
			aggregateBy: 'dayofmonth',
		});
		expect(months[0].count).toBe(
			sumOf(days, 'count', '2026-03-25T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
		);

		const weeks = await items({
			...lineCrosses,
			startDate: '2026-11-04',
			endDate: '2026-11-17',
			aggregateBy: 'week',
		});
		expect(weeks.map(shape)).toEqual([
			[
				'2026-11-04T00:00:00.000Z',
				'2026-11-08T00:00:00.000Z',
				true,
				'2026-11-04T00:00:00.000Z/2026-11-08T00:00:00.000Z',
			],
			['2026-11-08T00:00:00.000Z', '2026-11-15T00:00:00.000Z', false, '2026-11-08T00:00:00.000Z'],
			[
				'2026-11-15T00:00:00.000Z',
				'2026-11-18T00:00:00.000Z',
				true,
				'2026-11-15T00:00:00.000Z/2026-11-18T00:00:00.000Z',
			],
		]);

		const years = await items({
			...lineCrosses,
			startDate: '2025-12-01',
			endDate: '2026-01-31',
			aggregateBy: 'year',
		});
		expect(years.map((year) => [year.bucketStart, year.bucketEnd, year.partial])).toEqual([
			['2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', true],
			['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', true],
		]);
	});

	it('leaves whole months whole: no partial marker, keyed by their start, or by both bounds for the month the clocks change in', async () => {
		const range = { startDate: '2026-03-01', endDate: '2026-04-30' };
		const zone = await items({
			...zoneVisitors,
			...range,
			timeZone: 'Europe/Stockholm',
			aggregateBy: ['month'],
		});
		const line = await items({ ...lineCrosses, ...range, aggregateBy: 'month' });
		expect([...zone, ...line].map(shape)).toEqual([
			// Stockholm's March ends at 22:00 UTC, not at 23:00 as a month at +01:00 throughout would.
			[
				'2026-02-28T23:00:00.000Z',
				'2026-03-31T22:00:00.000Z',
				false,
				'2026-02-28T23:00:00.000Z/2026-03-31T22:00:00.000Z',
			],
			['2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z', false, '2026-03-31T22:00:00.000Z'],
			['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', false, '2026-03-01T00:00:00.000Z'],
			['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', false, '2026-04-01T00:00:00.000Z'],
		]);
	});
});
