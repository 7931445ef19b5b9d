import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { dataRequests, jsonOf, runIndivd } from './helpers';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, now: Date.UTC(2026, 10, 21, 12) });
});
afterAll(async () => await sim.close());
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
});

const base = { resource: 'lineCrosses', operation: 'get', outputMode: 'buckets' };

describe('Indivd line crosses requests', () => {
	it('sends every filter under its documented query name', async () => {
		await runIndivd(sim, {
			...base,
			startDate: '2026-11-02',
			endDate: '2026-11-03',
			aggregateBy: 'hour',
			locations: [124],
			lineIds: [5001, 5002],
			categories: '1, 3',
			zoneTo: [201],
			zoneFrom: [202],
			floors: [-1, 0],
			organization: 1,
		});
		expect(dataRequests(sim, 'line_crosses').map((entry) => entry.query)).toEqual([
			{
				start_date: '2026-11-02',
				end_date: '2026-11-03',
				aggregate_by: 'hour',
				organization: '1',
				location: '124',
				floor: '-1,0',
				zone_to: '201',
				zone_from: '202',
				category: '1,3',
				line_ids: '5001,5002',
			},
		]);
	});

	it('sends the documented default grouping when none is chosen', async () => {
		for (const [endDate, expected] of [
			['2026-10-01', 'hour'],
			['2026-10-31', 'dayofmonth'],
			['2026-11-01', 'month'],
		]) {
			sim.log.clear();
			await runIndivd(sim, { ...base, startDate: '2026-10-01', endDate, aggregateBy: '' });
			expect(dataRequests(sim, 'line_crosses')[0].query.aggregate_by).toBe(expected);
		}
	});

	it('takes the date of a date-time as written, in its own offset', async () => {
		await runIndivd(sim, {
			...base,
			startDate: '2026-11-02T23:30:00-05:00',
			endDate: '2026-11-04T10:00:00Z',
			aggregateBy: 'dayofmonth',
		});
		expect(dataRequests(sim, 'line_crosses')[0].query).toMatchObject({
			start_date: '2026-11-02',
			end_date: '2026-11-04',
		});
	});

	it('asks for each chosen location separately and labels the items with it', async () => {
		const { items } = await runIndivd(sim, {
			...base,
			startDate: '2026-11-02',
			endDate: '2026-11-02',
			aggregateBy: 'hour',
			locations: '124,125',
		});
		expect(dataRequests(sim, 'line_crosses').map((entry) => entry.query.location)).toEqual([
			'124',
			'125',
		]);
		const locations = new Set(jsonOf(items).map((item) => item.locationId));
		expect(locations).toEqual(new Set([124, 125]));
	});
});

describe('Indivd line crosses range splitting', () => {
	it('needs 5 requests for 30 days by hour, 7 days each at most', async () => {
		await runIndivd(sim, {
			...base,
			startDate: '2026-10-01',
			endDate: '2026-10-30',
			aggregateBy: 'hour',
		});
		expect(
			dataRequests(sim, 'line_crosses').map((entry) => [
				entry.query.start_date,
				entry.query.end_date,
			]),
		).toEqual([
			['2026-10-01', '2026-10-07'],
			['2026-10-08', '2026-10-14'],
			['2026-10-15', '2026-10-21'],
			['2026-10-22', '2026-10-28'],
			['2026-10-29', '2026-10-30'],
		]);
	});

	it('needs 4 requests for 10 days by minute, 3 days each at most', async () => {
		await runIndivd(sim, {
			...base,
			startDate: '2026-11-01',
			endDate: '2026-11-10',
			aggregateBy: 'minute',
		});
		expect(dataRequests(sim, 'line_crosses').map((entry) => entry.query.end_date)).toEqual([
			'2026-11-03',
			'2026-11-06',
			'2026-11-09',
			'2026-11-10',
		]);
	});

	it('splits a weekly range at New Year', async () => {
		const { items } = await runIndivd(sim, {
			...base,
			startDate: '2025-12-01',
			endDate: '2026-01-31',
			aggregateBy: 'week',
		});
		expect(
			dataRequests(sim, 'line_crosses').map((entry) => [
				entry.query.start_date,
				entry.query.end_date,
			]),
		).toEqual([
			['2025-12-01', '2025-12-31'],
			['2026-01-01', '2026-01-31'],
		]);
		const starts = jsonOf(items).map((item) => item.bucketStart);
		expect(starts).toContain('2026-01-01T00:00:00.000Z');
		expect(new Set(starts).size).toBe(starts.length);
	});

	it('merges split answers into exactly the rows one unlimited request gives', async () => {
		const { items } = await runIndivd(sim, {
			...base,
			outputMode: 'raw',
			startDate: '2026-10-20',
			endDate: '2026-11-05',
			aggregateBy: 'hour',
		});
		expect(dataRequests(sim, 'line_crosses')).toHaveLength(3);
		sim.config.setRangeLimits(false);
		try {
			const truth = await fetch(
				`${sim.url}/api/v1/rnd/insights/external/line_crosses/?start_date=2026-10-20&end_date=2026-11-05&aggregate_by=hour`,
				{ headers: { authorization: `Token ${sim.fixtures.indivd.token}` } },
			);
			expect(jsonOf(items)).toEqual(await truth.json());
		} finally {
			sim.config.setRangeLimits(true);
		}
	});
});

describe('Indivd line crosses buckets', () => {
	it('gives one UTC item per hour with a stable key', async () => {
		const { items } = await runIndivd(sim, {
			...base,
			startDate: '2026-11-02',
			endDate: '2026-11-02',
			aggregateBy: 'hour',
			lineIds: [5001],
		});
		const rows = jsonOf(items);
		expect(rows.length).toBeGreaterThan(0);
		const noon = rows.find((row) => row.bucketStart === '2026-11-02T12:00:00.000Z');
		expect(noon).toEqual({
			source: 'indivd',
			metric: 'lineCrosses',
			bucketKey: 'indivd:lineCrosses:line=5001:hour:2026-11-02T12:00:00.000Z',
			bucketStart: '2026-11-02T12:00:00.000Z',
			bucketEnd: '2026-11-02T13:00:00.000Z',
			bucketStartLocal: '2026-11-02T12:00:00.000+00:00',
			timeZone: 'UTC',
			granularity: 'hour',
			complete: true,
			lineIds: 5001,
			count: expect.any(Number),
		});
		expect(items.every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('gives one item per weekday for a day-of-week grouping', async () => {
		const { items } = await runIndivd(sim, {
			...base,
			startDate: '2026-10-01',
			endDate: '2026-10-31',
			aggregateBy: 'dayofweek',
		});
		const rows = jsonOf(items);
		expect(rows.map((row) => row.dayOfWeek).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(rows[0]).toMatchObject({
			granularity: 'total',
			bucketStart: '2026-10-01T00:00:00.000Z',
			bucketEnd: '2026-11-01T00:00:00.000Z',
		});
	});
});
