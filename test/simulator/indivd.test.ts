import { startSimulator } from '../../simulator/server.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { DROP_IN_RATE, HOUR_MS, indivd, LINE_CROSSES, sum, ZONE_VISITORS } from './simClient';
import type {
	DropIn,
	DropInRow,
	LineCrossRow,
	ZoneInsight,
	ZonePeriod,
	ZoneVisitors,
} from './simClient';

const NOW = Date.UTC(2026, 2, 30, 14, 7, 30);

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
});

afterAll(async () => {
	await sim.close();
});

afterEach(() => {
	sim.setNow(null);
	sim.config.setLocationsShape('idMap');
});

async function lines(params: Record<string, string | number>): Promise<LineCrossRow[]> {
	const res = await indivd<LineCrossRow[]>(sim, LINE_CROSSES, params);
	expect(res.status).toBe(200);
	return res.json;
}

async function zones(params: Record<string, string | number>): Promise<ZoneVisitors> {
	const res = await indivd<ZoneVisitors>(sim, ZONE_VISITORS, params);
	expect(res.status).toBe(200);
	return res.json;
}

async function dropIn(params: Record<string, string | number>): Promise<DropIn> {
	const res = await indivd<DropIn>(sim, DROP_IN_RATE, params);
	expect(res.status).toBe(200);
	return res.json;
}

function byKey<T>(rows: T[], key: (r: T) => string): Map<string, T> {
	return new Map(rows.map((r) => [key(r), r]));
}

describe('filter endpoints', () => {
	it('lists locations as an id-keyed object by default, with time zone and opening hours', async () => {
		const res = await indivd<Record<string, Record<string, unknown>>>(sim, '/filters/locations');
		expect(res.status).toBe(200);
		expect(Object.keys(res.json)).toEqual(['124', '125', '126']);
		expect(res.json['124']).toMatchObject({
			id: 124,
			name: 'Sample Location - Stockholm',
			city: 'Stockholm',
			country: 'SE',
			timezone: 'Europe/Stockholm',
			opening_hours: { monday: { open: '10:00', close: '20:00' } },
		});
	});

	it('answers the other location container shapes', async () => {
		sim.config.setLocationsShape('array');
		const arr = await indivd<Array<{ id: number }>>(sim, '/filters/locations');
		expect(arr.json.map((l) => l.id)).toEqual([124, 125, 126]);
		sim.config.setLocationsShape('wrapped');
		const wrapped = await indivd<{ results: Array<{ id: number }> }>(sim, '/filters/locations');
		expect(wrapped.json.results.map((l) => l.id)).toEqual([124, 125, 126]);
		sim.config.setLocationsShape('object');
		const scoped = await indivd<{ id: number }>(
			sim,
			'/filters/locations',
			{},
			sim.fixtures.indivd.scopedToken,
		);
		expect(scoped.json.id).toBe(124);
		const all = await indivd<Record<string, unknown>>(sim, '/filters/locations');
		expect(Object.keys(all.json)).toEqual(['124', '125', '126']);
	});

	it('lists zones, lines, categories and organisations as arrays, lines narrowed by location', async () => {
		const z = await indivd<Array<{ id: number; location_id: number; floor: number }>>(
			sim,
			'/filters/zones',
			{
				location: '125,126',
			},
		);
		// No location filter is documented for zones, so it is ignored.
		expect(new Set(z.json.map((x) => x.location_id))).toEqual(new Set([124, 125, 126]));
		const narrowed = await indivd<Array<{ location_id: number }>>(sim, '/filters/lines', {
			location: '125,126',
		});
		expect(narrowed.json.every((x) => x.location_id === 125 || x.location_id === 126)).toBe(true);
		const l = await indivd<Array<Record<string, unknown>>>(sim, '/filters/lines');
		expect(l.json[0]).toEqual(
			expect.objectContaining({
				id: 5001,
				location_id: 124,
				floor: 0,
				category: 1,
				zone_to: 201,
				zone_from: null,
			}),
		);
		expect(l.json.some((x) => x.floor === -1)).toBe(true);
		const c = await indivd(sim, '/filters/categories');
		expect(c.json).toEqual([
			{ id: 1, name: 'Entrance' },
			{ id: 2, name: 'Internal' },
			{ id: 3, name: 'Passing by' },
		]);
		const o = await indivd(sim, '/filters/organisations');
		expect(o.json).toEqual([
			{ id: 1, name: 'Sample Retail AB' },
			{ id: 2, name: 'Sample Retail Inc' },
		]);
	});

	it('limits a scoped token to its locations and answers 403 outside them', async () => {
		const token = sim.fixtures.indivd.scopedToken;
		const locs = await indivd<Record<string, unknown>>(sim, '/filters/locations', {}, token);
		expect(Object.keys(locs.json)).toEqual(['124']);
		const orgs = await indivd(sim, '/filters/organisations', {}, token);
		expect(orgs.json).toEqual([{ id: 1, name: 'Sample Retail AB' }]);
		const zones = await indivd<Array<{ location_id: number }>>(
			sim,
			'/filters/zones',
			{ location: 125 },
			token,
		);
		expect(zones.json.every((x) => x.location_id === 124)).toBe(true);
		const denied = await indivd(sim, '/filters/lines', { location: 125 }, token);
		expect(denied.status).toBe(403);
		expect(denied.text).toBe('');
		const data = await indivd(
			sim,
			ZONE_VISITORS,
			{ start_date: '2026-03-02', end_date: '2026-03-02', location: 126 },
			token,
		);
		expect(data.status).toBe(403);
		const org = await indivd(
			sim,
			LINE_CROSSES,
			{ start_date: '2026-03-02', end_date: '2026-03-02', organization: 2 },
			token,
		);
		expect(org.status).toBe(403);
		const unfiltered = await indivd<ZoneVisitors>(
			sim,
			ZONE_VISITORS,
			{ start_date: '2026-03-02', end_date: '2026-03-02' },
			token,
		);
		const zoneIds = new Set(unfiltered.json.current.insights.map((i) => i.aggregation.zone_id));
		expect([...zoneIds].sort((a, b) => Number(a) - Number(b))).toEqual([201, 202, 203, 1121]);
	});

	it('answers Django 404 pages for unknown paths and 301 for a missing trailing slash', async () => {
		const notFound = await indivd(sim, '/filters/locations/');
		expect(notFound.status).toBe(404);
		expect(notFound.headers.get('content-type')).toMatch(/text\/html/);
		const redirect = await indivd(sim, LINE_CROSSES.slice(0, -1), { start_date: '2026-03-01' });
		expect(redirect.status).toBe(301);
		expect(redirect.headers.get('location')).toBe(`${LINE_CROSSES}?start_date=2026-03-01`);
	});

	it('answers 405 with an empty body to a POST', async () => {
		const res = await fetch(`${sim.url}/filters/locations`, {
			method: 'POST',
			headers: { authorization: `Token ${sim.fixtures.indivd.token}` },
		});
		expect(res.status).toBe(405);
		expect(await res.text()).toBe('');
	});
});

describe('line_crosses', () => {
	it('answers the documented sample shape', async () => {
		const rows = await lines({
			start_date: '2026-03-01',
			end_date: '2026-03-02',
			aggregate_by: 'dayofmonth',
		});
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual({
			_id: { year: 2026, month: 3, dayofmonth: 1 },
			count: expect.any(Number),
		});
		expect(Object.keys(rows[1]._id)).toEqual(['year', 'month', 'dayofmonth']);
		expect(rows[1]._id.dayofmonth).toBe(2);
	});

	it.each([
		['2026-03-10', '2026-03-10', ['year', 'month', 'dayofmonth', 'hour']],
		['2026-03-01', '2026-03-31', ['year', 'month', 'dayofmonth']],
		['2026-01-01', '2026-03-01', ['year', 'month']],
	])('chooses the default aggregation for %s..%s', async (start, end, keys) => {
		const rows = await lines({ start_date: start, end_date: end, location: 124 });
		expect(rows.length).toBeGreaterThan(1);
		for (const r of rows) expect(Object.keys(r._id)).toEqual(keys);
	});

	it('keeps minute, hour and day consistent, in UTC', async () => {
		const params = { start_date: '2026-03-10', end_date: '2026-03-10', location: 125, category: 1 };
		const minutes = await lines({ ...params, aggregate_by: 'minute' });
		const hours = await lines({ ...params, aggregate_by: 'hour' });
		const days = await lines({ ...params, aggregate_by: 'dayofmonth' });
		expect(days).toHaveLength(1);
		expect(sum(hours.map((h) => h.count))).toBe(days[0].count);
		expect(sum(minutes.map((m) => m.count))).toBe(days[0].count);
		for (const h of hours) {
			const inside = minutes.filter((m) => m._id.hour === h._id.hour);
			expect(sum(inside.map((m) => m.count))).toBe(h.count);
		}
		expect(minutes.every((m) => m.count > 0)).toBe(true);
		// New York opens at 10:00 EDT = 14:00 UTC; 07:00 UTC is 03:00 local.
		const at = (hour: number) => hours.find((h) => h._id.hour === hour)?.count ?? 0;
		expect(at(16)).toBeGreaterThan(10 * Math.max(1, at(7)));
	});

	it('uses MongoDB $week numbering and dayofweek over the whole range', async () => {
		const params = { start_date: '2026-01-01', end_date: '2026-01-20', location: 124 };
		const days = await lines({ ...params, aggregate_by: 'dayofmonth' });
		const weeks = await lines({ ...params, aggregate_by: 'week' });
		expect(weeks.map((w) => w._id)).toEqual([
			{ year: 2026, week: 0 },
			{ year: 2026, week: 1 },
			{ year: 2026, week: 2 },
			{ year: 2026, week: 3 },
		]);
		// 2026-01-01 is a Thursday: 1-3 January precede the first Sunday.
		const dayCount = (from: number, to: number) =>
			sum(
				days.filter((d) => d._id.dayofmonth >= from && d._id.dayofmonth <= to).map((d) => d.count),
			);
		expect(weeks[0].count).toBe(dayCount(1, 3));
		expect(weeks[1].count).toBe(dayCount(4, 10));
		const dow = await lines({ ...params, aggregate_by: 'dayofweek' });
		expect(dow.map((d) => d._id)).toEqual(
			[1, 2, 3, 4, 5, 6, 7].map((dayofweek) => ({ dayofweek })),
		);
		expect(sum(dow.map((d) => d.count))).toBe(sum(days.map((d) => d.count)));
		// 4, 11 and 18 January are Sundays.
		expect(dow[0].count).toBe(
			sum(days.filter((d) => [4, 11, 18].includes(d._id.dayofmonth)).map((d) => d.count)),
		);
	});

	it('combines filters with OR inside a parameter and AND between parameters', async () => {
		const base = { start_date: '2026-03-09', end_date: '2026-03-09', aggregate_by: 'dayofmonth' };
		const total = async (p: Record<string, string | number>) =>
			sum((await lines({ ...base, ...p })).map((r) => r.count));
		const a = await total({ line_ids: '5001' });
		const b = await total({ line_ids: '5002' });
		expect(await total({ line_ids: '5001,5002' })).toBe(a + b);
		expect(await total({ location: 124, category: 1 })).toBe(
			await total({ line_ids: '5001,5002,5007' }),
		);
		expect(await total({ floor: -1 })).toBe(await total({ line_ids: '5004,7004' }));
		expect(await total({ zone_to: 201 })).toBe(a);
		expect(await total({ zone_from: 201 })).toBe(await total({ line_ids: '5002,5003,5004' }));
		expect(await total({ organization: 2 })).toBe(
			(await total({ location: 125 })) + (await total({ location: 126 })),
		);
		expect(await lines({ ...base, line_ids: '999999' })).toEqual([]);
	});

	it('answers empty arrays for the future and stops at the partial current hour', async () => {
		expect(await lines({ start_date: '2026-04-02', end_date: '2026-04-03' })).toEqual([]);
		const today = await lines({ start_date: '2026-03-30', end_date: '2026-03-30', location: 125 });
		expect(Math.max(...today.map((r) => r._id.hour))).toBe(14);
		sim.setNow(Date.UTC(2026, 2, 30, 15, 30));
		const later = await lines({ start_date: '2026-03-30', end_date: '2026-03-30', location: 125 });
		const h14 = (rows: LineCrossRow[]) => rows.find((r) => r._id.hour === 14)?.count ?? 0;
		expect(h14(later)).toBeGreaterThan(h14(today));
		expect(Math.max(...later.map((r) => r._id.hour))).toBe(15);
	});
});

function checkInsight(i: ZoneInsight) {
	expect(i.unique_visits).toBeLessThanOrEqual(i.visits);
	expect(i.bounce).toBeLessThanOrEqual(i.visits);
	const s = i.dwell_time_stats;
	expect(s.n).toBeLessThanOrEqual(i.unique_visits);
	expect(i.dwell_time).toBe(s.mean);
	if (s.n > 0) {
		expect(s.min).toBeLessThanOrEqual(s.quantiles[0]);
		expect(s.quantiles[0]).toBeLessThanOrEqual(s.quantiles[1]);
		expect(s.quantiles[1]).toBeLessThanOrEqual(s.quantiles[2]);
		expect(s.quantiles[2]).toBeLessThanOrEqual(s.max);
		expect(s.mean).toBeGreaterThanOrEqual(s.min);
		expect(s.mean).toBeLessThanOrEqual(s.max);
	}
}

describe('zone_visitors', () => {
	it('answers the documented sample shape', async () => {
		const res = await zones({
			start_date: '2026-03-01',
			end_date: '2026-03-07',
			location: 124,
			zones: 201,
		});
		expect(res.comparison).toEqual({});
		expect(res.current.startdate).toBe('2026-03-01');
		expect(res.current.enddate).toBe('2026-03-07');
		expect(res.current.insights).toHaveLength(7);
		const first = res.current.insights[0];
		expect(Object.keys(first)).toEqual([
			'visits',
			'unique_visits',
			'bounce',
			'dwell_time',
			'dwell_time_stats',
			'exclude',
			'aggregation',
		]);
		expect(first.aggregation).toEqual({
			dayofmonth: 1,
			month: 3,
			year: 2026,
			zone_id: 201,
			zone_name: 'Entrance',
			bounce_threshold: 120,
		});
		expect(first.exclude).toEqual({ min_dwell_time: 0, max_dwell_time: 0 });
		expect(first.dwell_time_stats.quantiles).toHaveLength(3);
		res.current.insights.forEach(checkInsight);
	});

	it('adds visits up across hours, but unique visits of a day are fewer than the hourly sum', async () => {
		const params = { start_date: '2026-03-10', end_date: '2026-03-10', zones: '201,202' };
		const hours = await zones({ ...params, aggregate_by: 'hour' });
		const day = await zones({ ...params, aggregate_by: 'dayofmonth' });
		const total = await zones({ ...params, aggregate_by: 'zone' });
		for (const zoneId of [201, 202]) {
			const h = hours.current.insights.filter((i) => i.aggregation.zone_id === zoneId);
			const d = day.current.insights.find((i) => i.aggregation.zone_id === zoneId);
			const z = total.current.insights.find((i) => i.aggregation.zone_id === zoneId);
			expect(d?.visits).toBe(sum(h.map((i) => i.visits)));
			expect(d?.bounce).toBe(sum(h.map((i) => i.bounce)));
			expect(d?.unique_visits).toBeLessThan(sum(h.map((i) => i.unique_visits)));
			expect(z?.visits).toBe(d?.visits);
			expect(Object.keys(z?.aggregation ?? {})).toEqual([
				'zone_id',
				'zone_name',
				'bounce_threshold',
			]);
			h.forEach(checkInsight);
		}
	});

	it('buckets in the first requested location time zone unless tz is given', async () => {
		const day = { start_date: '2026-03-20', end_date: '2026-03-20', aggregate_by: 'hour' };
		const ny = await zones({ ...day, location: 125, zones: 301 });
		const explicit = await zones({ ...day, location: 125, zones: 301, tz: 'America/New_York' });
		expect(ny).toEqual(explicit);
		const utc = await zones({ ...day, location: 125, zones: 301, tz: 'UTC' });
		expect(utc).not.toEqual(ny);
		// On 20 March New York is UTC-4: local hour h is UTC hour h + 4.
		const utcByHour = byKey(utc.current.insights, (i) => String(i.aggregation.hour));
		for (const i of ny.current.insights.filter((x) => Number(x.aggregation.hour) <= 19)) {
			expect(utcByHour.get(String(Number(i.aggregation.hour) + 4))?.visits).toBe(i.visits);
		}
		const peak = ny.current.insights.reduce((a, b) => (b.visits > a.visits ? b : a));
		expect(Number(peak.aggregation.hour)).toBeGreaterThanOrEqual(10);
		expect(Number(peak.aggregation.hour)).toBeLessThanOrEqual(19);

		const sydneyFirst = await zones({ ...day, location: '126,124' });
		const sydney = await zones({ ...day, location: '126,124', tz: 'Australia/Sydney' });
		expect(sydneyFirst).toEqual(sydney);
		const stockholmFirst = await zones({ ...day, location: '124,126' });
		expect(stockholmFirst).not.toEqual(sydney);
		const none = await zones({ ...day });
		expect(none).toEqual(await zones({ ...day, tz: 'Europe/Stockholm' }));
	});

	it('returns a comparison period with the same aggregation', async () => {
		const res = await zones({
			start_date: '2026-03-02',
			end_date: '2026-03-08',
			comparison_start_date: '2026-02-02',
			comparison_end_date: '2026-02-08',
			zones: 1121,
		});
		const cmp = res.comparison as ZonePeriod;
		expect(cmp.startdate).toBe('2026-02-02');
		expect(cmp.insights.map((i) => i.aggregation.dayofmonth)).toEqual([2, 3, 4, 5, 6, 7, 8]);
		expect(cmp.insights[0].aggregation.month).toBe(2);
		const alone = await zones({ start_date: '2026-02-02', end_date: '2026-02-08', zones: 1121 });
		expect(alone.current.insights).toEqual(cmp.insights);
	});

	it('applies bounce_threshold, min_dwell and max_dwell', async () => {
		const base = {
			start_date: '2026-03-10',
			end_date: '2026-03-10',
			zones: 201,
			aggregate_by: 'zone',
		};
		const def = (await zones(base)).current.insights[0];
		const minus = (await zones({ ...base, bounce_threshold: -1 })).current.insights[0];
		const off = (await zones({ ...base, bounce_threshold: 0 })).current.insights[0];
		const long = (await zones({ ...base, bounce_threshold: 600 })).current.insights[0];
		expect(minus).toEqual(def);
		expect(off.bounce).toBe(0);
		expect(off.aggregation.bounce_threshold).toBe(0);
		expect(long.bounce).toBeGreaterThan(def.bounce);
		expect(long.aggregation.bounce_threshold).toBe(600);
		const filtered = (await zones({ ...base, min_dwell: 30, max_dwell: 900 })).current.insights[0];
		expect(filtered.visits).toBe(def.visits);
		expect(filtered.exclude.min_dwell_time).toBeGreaterThan(0);
		expect(filtered.exclude.max_dwell_time).toBeGreaterThan(0);
		expect(filtered.dwell_time_stats.n).toBeLessThan(def.dwell_time_stats.n);
		expect(filtered.dwell_time_stats.min).toBeGreaterThanOrEqual(30);
		expect(filtered.dwell_time_stats.max).toBeLessThanOrEqual(900);
		checkInsight(filtered);
	});

	it('adds loc_id when asked and grows the current hour until it is over', async () => {
		const params = {
			start_date: '2026-03-30',
			end_date: '2026-03-30',
			zones: 201,
			aggregate_by: 'hour,loc_id',
		};
		const now = await zones(params);
		const last = now.current.insights[now.current.insights.length - 1];
		// 14:07 UTC is 16:07 in Stockholm (summer time since 29 March).
		expect(last.aggregation).toMatchObject({ hour: 16, loc_id: 124, zone_id: 201 });
		sim.setNow(Date.UTC(2026, 2, 30, 14, 59));
		const later = await zones(params);
		const same = later.current.insights.find((i) => i.aggregation.hour === 16);
		expect(same?.visits).toBeGreaterThan(last.visits);
		expect(later.current.insights.filter((i) => Number(i.aggregation.hour) > 16)).toEqual([]);
	});

	describe('zone data is hourly records from the UTC hour, filed under the local time they start', () => {
		/** Visits by UTC record start, from an answer grouped by hour in UTC. */
		async function records(zone: number, startDate: string, endDate: string) {
			const utc = await zones({
				start_date: startDate,
				end_date: endDate,
				aggregate_by: 'hour',
				zones: zone,
				tz: 'UTC',
			});
			return new Map(
				utc.current.insights.map((i) => [
					Date.UTC(
						Number(i.aggregation.year),
						Number(i.aggregation.month) - 1,
						Number(i.aggregation.dayofmonth),
						Number(i.aggregation.hour),
					),
					i.visits,
				]),
			);
		}
		const at = (iso: string, byStart: Map<number, number>) => byStart.get(Date.parse(iso)) ?? 0;

		it('answers hour 14 in Asia/Kolkata with the record 09:00-10:00Z, and the day with 19:00Z to 19:00Z', async () => {
			sim.setNow(Date.UTC(2026, 10, 21));
			const byStart = await records(201, '2026-11-18', '2026-11-19');
			const day = {
				start_date: '2026-11-19',
				end_date: '2026-11-19',
				zones: 201,
				tz: 'Asia/Kolkata',
			};
			const hours = (await zones({ ...day, aggregate_by: 'hour' })).current.insights;
			expect(hours.length).toBeGreaterThan(12);
			for (const i of hours) {
				const start = Date.UTC(2026, 10, 19, Number(i.aggregation.hour)) - 5 * HOUR_MS;
				expect(i.visits).toBe(byStart.get(start));
			}
			expect(hours.find((i) => i.aggregation.hour === 14)?.visits).toBe(
				at('2026-11-19T09:00:00Z', byStart),
			);
			const [whole] = (await zones({ ...day, aggregate_by: 'dayofmonth' })).current.insights;
			let visits = 0;
			for (
				let start = Date.parse('2026-11-18T19:00:00Z');
				start < Date.parse('2026-11-19T19:00:00Z');
				start += HOUR_MS
			)
				visits += byStart.get(start) ?? 0;
			expect(whole.visits).toBe(visits);
		});

		it('answers the repeated 01:00 of the New York fall-back night as one row of both records', async () => {
			sim.setNow(Date.UTC(2026, 10, 21));
			const byStart = await records(401, '2026-11-01', '2026-11-01');
			const hours = (
				await zones({
					start_date: '2026-11-01',
					end_date: '2026-11-01',
					aggregate_by: 'hour',
					zones: 401,
					tz: 'America/New_York',
				})
			).current.insights;
			const labels = hours.map((i) => i.aggregation.hour);
			expect(new Set(labels).size).toBe(labels.length);
			expect(at('2026-11-01T06:00:00Z', byStart)).toBeGreaterThan(0);
			expect(hours.find((i) => i.aggregation.hour === 1)?.visits).toBe(
				at('2026-11-01T05:00:00Z', byStart) + at('2026-11-01T06:00:00Z', byStart),
			);
		});

		it('has no row for the 02:00 a spring-forward night skips: the record after 01:00 is 03:00', async () => {
			const byStart = await records(401, '2026-03-08', '2026-03-08');
			const hours = (
				await zones({
					start_date: '2026-03-08',
					end_date: '2026-03-08',
					aggregate_by: 'hour',
					zones: 401,
					tz: 'America/New_York',
				})
			).current.insights;
			expect(hours.map((i) => i.aggregation.hour)).not.toContain(2);
			expect(at('2026-03-08T07:00:00Z', byStart)).toBeGreaterThan(0);
			expect(hours.find((i) => i.aggregation.hour === 3)?.visits).toBe(
				at('2026-03-08T07:00:00Z', byStart),
			);
		});

		it('counts the current record only up to the clock (Asia/Kolkata, 10:32Z)', async () => {
			const day = {
				start_date: '2026-11-19',
				end_date: '2026-11-19',
				aggregate_by: 'hour',
				zones: 201,
				tz: 'Asia/Kolkata',
			};
			sim.setNow(Date.parse('2026-11-19T10:32:00Z'));
			const early = (await zones(day)).current.insights;
			sim.setNow(Date.parse('2026-11-19T11:00:00Z'));
			const final = (await zones(day)).current.insights;
			const hour15 = (rows: ZoneInsight[]) => rows.find((i) => i.aggregation.hour === 15)?.visits;
			expect(early[early.length - 1].aggregation.hour).toBe(15);
			expect(hour15(early)).toBeLessThan(Number(hour15(final)));
			expect(early.find((i) => i.aggregation.hour === 14)).toEqual(
				final.find((i) => i.aggregation.hour === 14),
			);
		});
	});

	it('answers an empty insights array when nothing matches', async () => {
		const res = await zones({ start_date: '2026-05-01', end_date: '2026-05-02' });
		expect(res.current.insights).toEqual([]);
		const none = await zones({ start_date: '2026-03-01', end_date: '2026-03-02', zones: 999 });
		expect(none.current.insights).toEqual([]);
	});
});

describe('drop_in_rate', () => {
	it('starts a day whose midnight a fall-back repeats at the earlier midnight (America/Havana, 2026-11-01)', async () => {
		sim.setNow(Date.UTC(2026, 11, 1));
		const query = { location: 124, zone: 1121, interval: 'day', tz: 'America/Havana' };
		const day = (answer: DropIn) =>
			answer.zone_details.current['1121'].details.find(
				(row) => row.month === 11 && row.dayofmonth === 1,
			);
		const alone = await dropIn({ ...query, start_date: '2026-11-01', end_date: '2026-11-01' });
		const within = await dropIn({ ...query, start_date: '2026-10-30', end_date: '2026-11-02' });
		expect(day(alone)).toBeDefined();
		expect(day(alone)).toEqual(day(within));
	});

	it('answers the documented sample shape, including day vs dayofmonth', async () => {
		const res = await dropIn({
			start_date: '2026-03-15',
			end_date: '2026-03-20',
			location: 124,
			zone: 1121,
		});
		expect(res.summary.comparison).toEqual({});
		expect(res.summary.current).toMatchObject({ startdate: '2026-03-15', enddate: '2026-03-20' });
		expect(res.details.interval).toBe('day');
		expect(res.details.comparison).toEqual([]);
		expect(res.details.current).toHaveLength(6);
		expect(Object.keys(res.details.current[0])).toEqual([
			'year',
			'month',
			'day',
			'passing_by',
			'enter',
			'drop_in_rate',
		]);
		expect(Object.keys(res.zone_details.current)).toEqual(['1121']);
		const zone = res.zone_details.current['1121'];
		expect(zone).toMatchObject({
			zone_id: 1121,
			zone_name: 'Example zone 1',
			loc_id: 124,
			loc_name: 'Sample Location - Stockholm',
			location_custom_id: '',
		});
		expect(Object.keys(zone.details[0])).toEqual([
			'year',
			'month',
			'dayofmonth',
			'visits',
			'passing_by',
			'drop_in_rate',
		]);
		expect(res.zone_details.comparison).toEqual({});
	});

	it('keeps summary, details and zone details consistent', async () => {
		const res = await dropIn({
			start_date: '2026-03-09',
			end_date: '2026-03-15',
			location: '124,125',
		});
		const s = res.summary.current;
		expect(sum(res.details.current.map((r) => r.enter))).toBe(s.enter);
		expect(sum(res.details.current.map((r) => r.passing_by))).toBe(s.passing_by);
		const zonesList = Object.values(res.zone_details.current);
		expect(sum(zonesList.map((z) => z.total_visits))).toBe(s.enter);
		expect(sum(zonesList.map((z) => z.total_passing_by))).toBe(s.passing_by);
		expect(s.enter_percentage).toBe(Math.round((s.enter / s.passing_by) * 1000) / 10);
		for (const z of zonesList) {
			expect(sum(z.details.map((r) => r.visits))).toBe(z.total_visits);
			expect(z.drop_in_rate).toBe(Math.round((z.total_visits / z.total_passing_by) * 1000) / 10);
		}
		// Only zones with passing-by lines; zone 303's line under-counts.
		expect(Object.keys(res.zone_details.current).sort()).toEqual(['1121', '201', '301', '303']);
		expect(res.zone_details.current['303'].drop_in_rate).toBeGreaterThan(100);
	});

	it('matches zone_visitors visits for the same zone, days and time zone', async () => {
		const params = { start_date: '2026-03-09', end_date: '2026-03-11', location: 126 };
		const d = await dropIn({ ...params, zone: 401 });
		const v = await zones({ ...params, zones: 401 });
		expect(d.zone_details.current['401'].details.map((r: DropInRow) => r.visits)).toEqual(
			v.current.insights.map((i) => i.visits),
		);
	});

	it.each([
		['2026-03-10', '2026-03-10', 'hour', ['year', 'month', 'day', 'hour']],
		['2026-01-05', '2026-03-01', 'week', ['year', 'week']],
		['2025-03-01', '2026-03-01', 'month', ['year', 'month']],
	])('defaults the interval for %s..%s to %s', async (start, end, interval, keys) => {
		const res = await dropIn({ start_date: start, end_date: end, zone: 201 });
		expect(res.details.interval).toBe(interval);
		expect(Object.keys(res.details.current[0]).slice(0, keys.length)).toEqual(keys);
	});

	it('fills the comparison blocks', async () => {
		const res = await dropIn({
			start_date: '2026-03-16',
			end_date: '2026-03-17',
			comparison_start_date: '2026-03-09',
			comparison_end_date: '2026-03-10',
			zone: 201,
		});
		expect(res.summary.comparison).toMatchObject({
			startdate: '2026-03-09',
			enddate: '2026-03-10',
		});
		expect(res.details.comparison).toHaveLength(2);
		expect(Object.keys(res.zone_details.comparison)).toEqual(['201']);
	});
});

describe('400 rules (empty body)', () => {
	const ok = { start_date: '2026-03-01', end_date: '2026-03-02' };
	const cases: Array<[string, string, Record<string, string | number>]> = [
		['missing start_date', LINE_CROSSES, { end_date: '2026-03-02' }],
		['missing end_date', ZONE_VISITORS, { start_date: '2026-03-02' }],
		['malformed date', LINE_CROSSES, { start_date: '2026-3-01', end_date: '2026-03-02' }],
		['impossible date', DROP_IN_RATE, { start_date: '2026-02-30', end_date: '2026-03-02' }],
		['end before start', ZONE_VISITORS, { start_date: '2026-03-05', end_date: '2026-03-02' }],
		['comparison end without start', ZONE_VISITORS, { ...ok, comparison_end_date: '2026-02-02' }],
		['comparison start without end', DROP_IN_RATE, { ...ok, comparison_start_date: '2026-02-01' }],
		['unknown aggregate_by', LINE_CROSSES, { ...ok, aggregate_by: 'quarter' }],
		['unknown zone aggregate_by', ZONE_VISITORS, { ...ok, aggregate_by: 'hour,fortnight' }],
		['unknown interval', DROP_IN_RATE, { ...ok, interval: 'dayofmonth' }],
		[
			'minute over 3 days',
			LINE_CROSSES,
			{ start_date: '2026-03-01', end_date: '2026-03-04', aggregate_by: 'minute' },
		],
		[
			'hour over 7 days',
			LINE_CROSSES,
			{ start_date: '2026-03-01', end_date: '2026-03-08', aggregate_by: 'hour' },
		],
		[
			'week across years',
			LINE_CROSSES,
			{ start_date: '2025-12-20', end_date: '2026-01-10', aggregate_by: 'week' },
		],
		[
			'zone minute over 3 days',
			ZONE_VISITORS,
			{ start_date: '2026-03-01', end_date: '2026-03-04', aggregate_by: 'minute' },
		],
		[
			'zone hour over 7 days',
			ZONE_VISITORS,
			{ start_date: '2026-03-01', end_date: '2026-03-08', aggregate_by: 'zone,hour' },
		],
		[
			'zone week across years',
			ZONE_VISITORS,
			{ start_date: '2025-12-20', end_date: '2026-01-10', aggregate_by: 'week' },
		],
		[
			'comparison hour over 7 days',
			ZONE_VISITORS,
			{
				...ok,
				aggregate_by: 'hour',
				comparison_start_date: '2026-02-01',
				comparison_end_date: '2026-02-10',
			},
		],
		[
			'drop-in hour over 7 days',
			DROP_IN_RATE,
			{ start_date: '2026-03-01', end_date: '2026-03-08', interval: 'hour' },
		],
		[
			'drop-in week across years',
			DROP_IN_RATE,
			{ start_date: '2025-12-20', end_date: '2026-01-10', interval: 'week' },
		],
		['max_dwell over 10800', ZONE_VISITORS, { ...ok, max_dwell: 10801 }],
		['non-integer location', ZONE_VISITORS, { ...ok, location: 'abc' }],
		['non-integer line id', LINE_CROSSES, { ...ok, line_ids: '5001,x' }],
		['multiple organizations', LINE_CROSSES, { ...ok, organization: '1,2' }],
		['non-integer zone', DROP_IN_RATE, { ...ok, zone: '1121.5' }],
		['invalid tz', ZONE_VISITORS, { ...ok, tz: 'Mars/Base' }],
	];

	it.each(cases)('answers 400 for %s', async (_name, path, params) => {
		const res = await indivd(sim, path, params);
		expect(res.status).toBe(400);
		expect(res.text).toBe('');
	});

	it('accepts the limits themselves', async () => {
		expect(
			(
				await indivd(sim, LINE_CROSSES, {
					start_date: '2026-03-01',
					end_date: '2026-03-03',
					aggregate_by: 'minute',
				})
			).status,
		).toBe(200);
		expect(
			(
				await indivd(sim, LINE_CROSSES, {
					start_date: '2026-03-01',
					end_date: '2026-03-07',
					aggregate_by: 'hour',
				})
			).status,
		).toBe(200);
		expect((await indivd(sim, ZONE_VISITORS, { ...ok, max_dwell: 10800 })).status).toBe(200);
		expect(
			(
				await indivd(sim, DROP_IN_RATE, {
					start_date: '2026-01-01',
					end_date: '2026-03-01',
					interval: 'week',
				})
			).status,
		).toBe(200);
	});
});
