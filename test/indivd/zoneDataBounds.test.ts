import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { jsonOf, runIndivd } from './helpers';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, now: Date.UTC(2026, 10, 21, 12) });
});
afterAll(async () => await sim.close());

const HOUR = 3_600_000;

/** Indivd's hourly records of one zone, by UTC start, as its answer in UTC gives them. */
async function utcRecords(zone: number, startDate: string, endDate: string) {
	const query = new URLSearchParams({
		start_date: startDate,
		end_date: endDate,
		aggregate_by: 'hour',
		zones: String(zone),
		tz: 'UTC',
	});
	const answer = await fetch(`${sim.url}/api/v1/rnd/insights/external/zone_visitors/?${query}`, {
		headers: { authorization: `Token ${sim.fixtures.indivd.token}` },
	});
	const json = (await answer.json()) as {
		current: {
			insights: Array<{
				visits: number;
				aggregation: { year: number; month: number; dayofmonth: number; hour: number };
			}>;
		};
	};
	return new Map(
		json.current.insights.map(({ visits, aggregation: { year, month, dayofmonth, hour } }) => [
			Date.UTC(year, month - 1, dayofmonth, hour),
			visits,
		]),
	);
}

/** The visits of the records in an item's bounds. */
function recordVisits(records: Map<number, number>, item: IDataObject): number {
	let visits = 0;
	const end = Date.parse(String(item.bucketEnd));
	for (let record = Date.parse(String(item.bucketStart)); record < end; record += HOUR)
		visits += records.get(record) ?? 0;
	return visits;
}

describe('zone-data items cover the hourly records their row holds', () => {
	it('puts each Asia/Kolkata hour on the record that starts in it, with its visits', async () => {
		const items = jsonOf(
			(
				await runIndivd(sim, {
					resource: 'zoneVisitors',
					operation: 'get',
					startDate: '2026-11-19',
					endDate: '2026-11-19',
					aggregateBy: ['hour'],
					zones: [201],
					timeZone: 'Asia/Kolkata',
				})
			).items,
		);
		expect(
			items.find((item) => item.bucketStartLocal === '2026-11-19T14:30:00.000+05:30'),
		).toMatchObject({
			bucketKey: 'indivd:zoneVisitors:zone=201:hour:2026-11-19T09:00:00.000Z',
			bucketStart: '2026-11-19T09:00:00.000Z',
			bucketEnd: '2026-11-19T10:00:00.000Z',
		});
		const records = await utcRecords(201, '2026-11-18', '2026-11-19');
		for (const item of items) {
			expect(String(item.bucketStartLocal)).toMatch(/:30:00\.000\+05:30$/);
			expect(Date.parse(String(item.bucketEnd)) - Date.parse(String(item.bucketStart))).toBe(HOUR);
			expect(item.visits).toBe(recordVisits(records, item));
		}
	});

	it('gives the one `hour: 1` row of the New York fall-back night both records it holds', async () => {
		const items = jsonOf(
			(
				await runIndivd(sim, {
					resource: 'zoneVisitors',
					operation: 'get',
					startDate: '2026-11-01',
					endDate: '2026-11-01',
					aggregateBy: ['hour'],
					zones: [401],
					timeZone: 'America/New_York',
				})
			).items,
		);
		const repeated = items.find((item) => item.bucketStart === '2026-11-01T05:00:00.000Z');
		expect(repeated).toMatchObject({
			bucketEnd: '2026-11-01T07:00:00.000Z',
			bucketStartLocal: '2026-11-01T01:00:00.000-04:00',
			granularity: 'hour',
		});
		const records = await utcRecords(401, '2026-11-01', '2026-11-01');
		expect(repeated?.visits).toBe(
			(records.get(Date.parse('2026-11-01T05:00:00Z')) ?? 0) +
				(records.get(Date.parse('2026-11-01T06:00:00Z')) ?? 0),
		);
		items
			.slice(1)
			.forEach((item, index) =>
				expect(String(item.bucketStart) >= String(items[index].bucketEnd)).toBe(true),
			);
	});

	it('puts Asia/Kolkata days and drop-in hours on the records too', async () => {
		const [day] = jsonOf(
			(
				await runIndivd(sim, {
					resource: 'zoneVisitors',
					operation: 'get',
					startDate: '2026-11-19',
					endDate: '2026-11-19',
					aggregateBy: ['dayofmonth'],
					zones: [201],
					timeZone: 'Asia/Kolkata',
				})
			).items,
		);
		expect(day).toMatchObject({
			bucketStart: '2026-11-18T19:00:00.000Z',
			bucketEnd: '2026-11-19T19:00:00.000Z',
			bucketStartLocal: '2026-11-19T00:30:00.000+05:30',
		});
		expect(day.visits).toBe(recordVisits(await utcRecords(201, '2026-11-18', '2026-11-19'), day));

		const dropIn = jsonOf(
			(
				await runIndivd(sim, {
					resource: 'dropInRate',
					operation: 'get',
					startDate: '2026-11-19',
					endDate: '2026-11-19',
					interval: 'hour',
					locations: [124],
					timeZone: 'Asia/Kolkata',
				})
			).items,
		);
		const hours = dropIn.filter((item) => item.granularity === 'hour');
		expect(hours.length).toBeGreaterThan(0);
		for (const hour of hours) expect(String(hour.bucketStart)).toMatch(/T\d\d:00:00\.000Z$/);
		const [total] = dropIn.filter((item) => item.granularity === 'total');
		expect(total).toMatchObject({
			bucketStart: '2026-11-18T19:00:00.000Z',
			bucketEnd: '2026-11-19T19:00:00.000Z',
		});
	});
});
