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

interface DropInAnswer {
	summary: { current: unknown; comparison?: unknown };
	details: { current: unknown[] };
	zone_details: { current: Record<string, { total_visits: number; details: unknown[] }> };
}

const zoneVisitors = { resource: 'zoneVisitors', operation: 'get', outputMode: 'buckets' };
const dropInRate = { resource: 'dropInRate', operation: 'get', outputMode: 'buckets' };

describe('Indivd zone visitors', () => {
	it('buckets in the first location’s zone when no time zone is given, as Indivd does', async () => {
		const { items } = await runIndivd(sim, {
			...zoneVisitors,
			startDate: '2026-10-25',
			endDate: '2026-10-25',
			locations: [124],
			zones: [201],
			aggregateBy: ['hour'],
		});
		const [lookup, data] = sim.log.entries();
		expect(lookup.path).toBe('/filters/locations');
		expect(data.query).toMatchObject({
			tz: 'Europe/Stockholm',
			location: '124',
			zones: '201',
			aggregate_by: 'hour',
		});
		const rows = jsonOf(items);
		const local = rows.map((row) => row.bucketStartLocal);
		expect(local).toContain('2026-10-25T00:00:00.000+02:00');
		expect(local).toContain('2026-10-25T12:00:00.000+01:00');
		expect(
			rows.find((row) => row.bucketStartLocal === '2026-10-25T12:00:00.000+01:00'),
		).toMatchObject({
			bucketStart: '2026-10-25T11:00:00.000Z',
			bucketEnd: '2026-10-25T12:00:00.000Z',
		});
		expect(rows.every((row) => row.timeZone === 'Europe/Stockholm')).toBe(true);
		expect(rows[0]).toMatchObject({ zoneId: 201, zoneName: 'Entrance', locationId: 124 });
		expect(rows[0].locationName).toEqual(expect.stringContaining('Stockholm'));
	});

	it('sends the chosen time zone and needs no lookup', async () => {
		await runIndivd(sim, {
			...zoneVisitors,
			startDate: '2026-11-02',
			endDate: '2026-11-03',
			zones: [201],
			timeZone: 'America/New_York',
		});
		const requests = sim.log.entries();
		expect(requests.map((entry) => entry.path)).toEqual([
			'/api/v1/rnd/insights/external/zone_visitors/',
		]);
		expect(requests[0].query).toMatchObject({ tz: 'America/New_York', aggregate_by: 'dayofmonth' });
	});

	it.each([
		[{}, ''],
		[{ bounceThreshold: 90 }, ';bounce=90'],
		[{ bounceThreshold: 90, minDwell: 10, maxDwell: 3600 }, ';bounce=90;minDwell=10;maxDwell=3600'],
	])(
		'keys zone visits by the bounce threshold and dwell limits they were counted with: %j',
		async (settings, part) => {
			const { items } = await runIndivd(sim, {
				...zoneVisitors,
				startDate: '2026-11-02',
				endDate: '2026-11-02',
				zones: [201],
				timeZone: 'Europe/Stockholm',
				aggregateBy: ['dayofmonth'],
				...settings,
			});
			expect(jsonOf(items)[0].bucketKey).toBe(
				`indivd:zoneVisitors:zone=201${part}:day:2026-11-01T23:00:00.000Z`,
			);
		},
	);

	it('flattens dwell statistics and computes the bounce rate', async () => {
		const { items } = await runIndivd(sim, {
			...zoneVisitors,
			startDate: '2026-11-02',
			endDate: '2026-11-02',
			zones: [201],
			timeZone: 'Europe/Stockholm',
			aggregateBy: ['zone'],
			bounceThreshold: 90,
			minDwell: 10,
			maxDwell: 3600,
		});
		expect(sim.log.entries()[0].query).toMatchObject({
			bounce_threshold: '90',
			min_dwell: '10',
			max_dwell: '3600',
		});
		const [row] = jsonOf(items);
		expect(row).toMatchObject({ granularity: 'total', bounceThreshold: 90 });
		expect(Number(row.uniqueVisits)).toBeLessThanOrEqual(Number(row.visits));
		expect(row.bounceRate).toBeCloseTo((Number(row.bounce) / Number(row.visits)) * 100, 1);
		for (const field of [
			'dwellTimeMean',
			'dwellTimeMin',
			'dwellTimeMax',
			'dwellTimeP25',
			'dwellTimeP50',
			'dwellTimeP75',
			'dwellCount',
		]) {
			expect(typeof row[field]).toBe('number');
		}
		expect(Number(row.dwellTimeP25)).toBeLessThanOrEqual(Number(row.dwellTimeP75));
	});

	it('marks comparison rows and carries the comparison in the same requests', async () => {
		const { items } = await runIndivd(sim, {
			...zoneVisitors,
			startDate: '2026-11-01',
			endDate: '2026-11-10',
			comparisonStartDate: '2026-10-01',
			comparisonEndDate: '2026-10-10',
			zones: [201],
			timeZone: 'UTC',
			aggregateBy: ['hour'],
		});
		expect(
			dataRequests(sim, 'zone_visitors').map((entry) => [
				entry.query.start_date,
				entry.query.end_date,
				entry.query.comparison_start_date,
				entry.query.comparison_end_date,
			]),
		).toEqual([
			['2026-11-01', '2026-11-07', '2026-10-01', '2026-10-07'],
			['2026-11-08', '2026-11-10', '2026-10-08', '2026-10-10'],
		]);
		const rows = jsonOf(items);
		const current = rows.filter((row) => row.period === 'current');
		const comparison = rows.filter((row) => row.period === 'comparison');
		expect(current.length).toBeGreaterThan(100);
		expect(comparison.length).toBeGreaterThan(100);
		const within = (from: string, to: string) => (row: (typeof rows)[number]) =>
			String(row.bucketStart) >= from && String(row.bucketStart) < to;
		expect(current.every(within('2026-11-01', '2026-11-11'))).toBe(true);
		expect(comparison.every(within('2026-10-01', '2026-10-11'))).toBe(true);
	});

	it('refuses a whole-period grouping that would need several requests', async () => {
		await expect(
			runIndivd(sim, {
				...zoneVisitors,
				startDate: '2026-10-01',
				endDate: '2026-10-20',
				timeZone: 'UTC',
				aggregateBy: ['dayofweek', 'hour'],
			}),
		).rejects.toThrow(/^Aggregate By: "dayofweek" summarises the whole period/);
		expect(sim.log.entries()).toHaveLength(0);
	});
});

describe('Indivd drop-in rate', () => {
	it('gives one item per zone and interval plus the summary as a total', async () => {
		const { items } = await runIndivd(sim, {
			...dropInRate,
			startDate: '2026-11-02',
			endDate: '2026-11-04',
			locations: [124],
			timeZone: 'Europe/Stockholm',
		});
		expect(dataRequests(sim, 'drop_in_rate')[0].query).toMatchObject({
			interval: 'day',
			location: '124',
		});
		const rows = jsonOf(items);
		const daily = rows.filter((row) => row.granularity === 'day');
		expect(daily.length).toBeGreaterThan(0);
		expect(daily[0]).toMatchObject({
			metric: 'dropInRate',
			bucketStartLocal: '2026-11-02T00:00:00.000+01:00',
			locationId: 124,
			zoneName: expect.any(String),
			passingBy: expect.any(Number),
			enter: expect.any(Number),
		});
		const [total] = rows.filter((row) => row.granularity === 'total');
		expect(total).toMatchObject({
			bucketStart: '2026-11-01T23:00:00.000Z',
			bucketEnd: '2026-11-04T23:00:00.000Z',
		});
	});

	it('splits hourly ranges over a week and recomputes the totals from the sums', async () => {
		const parameters = {
			...dropInRate,
			outputMode: 'raw',
			startDate: '2026-11-01',
			endDate: '2026-11-10',
			interval: 'hour',
			locations: [124],
			timeZone: 'Europe/Stockholm',
		};
		const { items } = await runIndivd(sim, parameters);
		expect(dataRequests(sim, 'drop_in_rate')).toHaveLength(2);
		sim.config.setRangeLimits(false);
		try {
			const truth = await fetch(
				`${sim.url}/api/v1/rnd/insights/external/drop_in_rate/?start_date=2026-11-01&end_date=2026-11-10&interval=hour&location=124&tz=Europe%2FStockholm`,
				{ headers: { authorization: `Token ${sim.fixtures.indivd.token}` } },
			);
			const expected = (await truth.json()) as DropInAnswer;
			const merged = items[0].json as unknown as DropInAnswer;
			expect(merged.summary.current).toEqual(expected.summary.current);
			expect(merged.details.current).toEqual(expected.details.current);
			expect(Object.keys(merged.zone_details.current)).toEqual(
				Object.keys(expected.zone_details.current),
			);
			for (const id of Object.keys(expected.zone_details.current)) {
				expect(merged.zone_details.current[id].total_visits).toBe(
					expected.zone_details.current[id].total_visits,
				);
				expect(merged.zone_details.current[id].details).toEqual(
					expected.zone_details.current[id].details,
				);
			}
		} finally {
			sim.config.setRangeLimits(true);
		}
	});

	it('keeps the comparison period’s summary, details and zones when it merges split answers', async () => {
		const dates = {
			startDate: '2026-11-01',
			endDate: '2026-11-10',
			comparisonStartDate: '2026-10-01',
			comparisonEndDate: '2026-10-12',
		};
		const { items } = await runIndivd(sim, {
			...dropInRate,
			...dates,
			outputMode: 'raw',
			interval: 'hour',
			locations: [124],
			timeZone: 'Europe/Stockholm',
		});
		expect(dataRequests(sim, 'drop_in_rate')).toHaveLength(2);
		const merged = items[0].json as unknown as DropInAnswer;
		expect(merged.summary.comparison).toMatchObject({
			startdate: '2026-10-01',
			enddate: '2026-10-12',
			enter: expect.any(Number),
			passing_by: expect.any(Number),
		});
		sim.config.setRangeLimits(false);
		try {
			const query = new URLSearchParams({
				start_date: dates.startDate,
				end_date: dates.endDate,
				comparison_start_date: dates.comparisonStartDate,
				comparison_end_date: dates.comparisonEndDate,
				interval: 'hour',
				location: '124',
				tz: 'Europe/Stockholm',
			});
			const truth = await fetch(`${sim.url}/api/v1/rnd/insights/external/drop_in_rate/?${query}`, {
				headers: { authorization: `Token ${sim.fixtures.indivd.token}` },
			});
			expect(merged).toEqual(await truth.json());
		} finally {
			sim.config.setRangeLimits(true);
		}
	});
});
