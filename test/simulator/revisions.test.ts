import { startSimulator } from '../../simulator/server.cjs';
import type { Revision, Simulator } from '../../simulator/server.cjs';
import {
	DROP_IN_RATE,
	HOUR_MS,
	indivd,
	LINE_CROSSES,
	rhombus,
	sum,
	ZONE_VISITORS,
} from './simClient';
import type {
	CrossingCount,
	CrossingReport,
	DropIn,
	DropInRow,
	LineCrossRow,
	OccupancyReport,
	ZoneInsight,
	ZoneVisitors,
} from './simClient';

const NOW = Date.UTC(2026, 2, 30, 14, 7, 30);
/** The simulated time from which the true counts are back. */
const UNTIL = NOW + HOUR_MS;
const H10 = Date.UTC(2026, 2, 30, 10);
const MIN_MS = 60000;
const CROSSING = '/api/report/getBatchThresholdCrossingCountReport';
const OCCUPANCY = '/api/report/getOccupancyCountsV2';
/** Closed buckets only: midnight to 14:00 UTC on the day of NOW. */
const RANGE = { startTimeMs: Date.UTC(2026, 2, 30), endTimeMs: Date.UTC(2026, 2, 30, 14) };
const DAY_Q = { start_date: '2026-03-30', end_date: '2026-03-30' };
const LINE_ID = 5001;

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
});

afterAll(async () => {
	await sim.close();
});

afterEach(() => {
	sim.revisions.clear();
	sim.setNow(null);
});

function revise(r: Partial<Revision> & { factor: number }): Revision {
	return sim.revisions.add({ from: H10, to: H10 + 30 * MIN_MS, until: UNTIL, ...r });
}

async function crossings(bucketSize: 'HOUR' | 'QUARTER_HOUR'): Promise<CrossingCount[]> {
	const res = await rhombus<CrossingReport>(sim, CROSSING, {
		deviceUuids: [sim.fixtures.rhombus.cameras[0].uuid],
		...RANGE,
		bucketSize,
		dedupe: false, // two series per direction: each is revised on its own
	});
	expect(res.status).toBe(200);
	expect(res.json.error).toBe(false);
	return res.json.crossingCounts ?? [];
}

function at(rows: CrossingCount[], ms: number): CrossingCount {
	const row = rows.find((r) => r.timestampMs === ms);
	if (!row) throw new Error(`no bucket at ${new Date(ms).toISOString()}`);
	return row;
}

async function lines(aggregateBy: 'minute' | 'hour'): Promise<LineCrossRow[]> {
	const res = await indivd<LineCrossRow[]>(sim, LINE_CROSSES, {
		...DAY_Q,
		aggregate_by: aggregateBy,
		line_ids: LINE_ID,
	});
	expect(res.status).toBe(200);
	// Only closed hours, so answers at different clocks compare.
	return res.json.filter((r) => r._id.hour < 14);
}

async function zones(): Promise<ZoneInsight[]> {
	const res = await indivd<ZoneVisitors>(sim, ZONE_VISITORS, {
		...DAY_Q,
		aggregate_by: 'hour',
		zones: 201,
		tz: 'UTC',
	});
	expect(res.status).toBe(200);
	return res.json.current.insights.filter((i) => Number(i.aggregation.hour) < 14);
}

async function dropIn(): Promise<DropInRow[]> {
	const res = await indivd<DropIn>(sim, DROP_IN_RATE, {
		...DAY_Q,
		interval: 'hour',
		zone: 201,
		tz: 'UTC',
	});
	expect(res.status).toBe(200);
	expect(res.json.details.interval).toBe('hour');
	return res.json.details.current.filter((r) => r.hour < 14);
}

function hourOf<T extends { hour?: number }>(rows: T[], hour: number): T | undefined {
	return rows.find((r) => r.hour === hour);
}

describe('Rhombus crossing counts', () => {
	it('reads 0 for the minutes not uploaded yet, and the true count from `until` on', async () => {
		const hours = await crossings('HOUR');
		const quarters = await crossings('QUARTER_HOUR');
		const covered = [H10, H10 + 15 * MIN_MS].map((ms) => at(quarters, ms));
		expect(sum(covered.map((q) => q.ingressCount))).toBeGreaterThan(0);

		revise({ vendor: 'rhombus', factor: 0 });
		const lateHours = await crossings('HOUR');
		const lateQuarters = await crossings('QUARTER_HOUR');
		for (const ms of [H10, H10 + 15 * MIN_MS]) {
			expect(at(lateQuarters, ms)).toEqual({ ingressCount: 0, egressCount: 0, timestampMs: ms });
		}
		const rest = [H10 + 30 * MIN_MS, H10 + 45 * MIN_MS].map((ms) => at(quarters, ms));
		expect(at(lateHours, H10)).toEqual({
			ingressCount: sum(rest.map((q) => q.ingressCount)),
			egressCount: sum(rest.map((q) => q.egressCount)),
			timestampMs: H10,
		});
		expect(at(lateHours, H10).ingressCount).toBeLessThan(at(hours, H10).ingressCount);
		// Buckets outside [from, to) are untouched.
		expect(lateHours.filter((r) => r.timestampMs !== H10)).toEqual(
			hours.filter((r) => r.timestampMs !== H10),
		);

		sim.setNow(UNTIL - 1);
		expect(await crossings('HOUR')).toEqual(lateHours);
		sim.setNow(UNTIL);
		expect(await crossings('HOUR')).toEqual(hours);
		expect(await crossings('QUARTER_HOUR')).toEqual(quarters);
	});

	it('reads higher while double counted (factor 1.5), then true', async () => {
		const hours = await crossings('HOUR');
		const quarters = await crossings('QUARTER_HOUR');
		revise({ vendor: 'rhombus', factor: 1.5 });
		const lateHours = await crossings('HOUR');
		const lateQuarters = await crossings('QUARTER_HOUR');
		for (const ms of [H10, H10 + 15 * MIN_MS]) {
			const truth = at(quarters, ms);
			const late = at(lateQuarters, ms);
			// Floored per minute and series (2 series per direction, 15 minutes).
			expect(late.ingressCount).toBeLessThanOrEqual(1.5 * truth.ingressCount);
			expect(late.ingressCount).toBeGreaterThan(1.5 * truth.ingressCount - 30);
			expect(late.egressCount).toBeLessThanOrEqual(1.5 * truth.egressCount);
			expect(late.egressCount).toBeGreaterThan(1.5 * truth.egressCount - 30);
		}
		expect(at(lateHours, H10).ingressCount).toBeGreaterThan(at(hours, H10).ingressCount);
		sim.setNow(UNTIL);
		expect(await crossings('HOUR')).toEqual(hours);
	});

	it('keeps quarter hours adding up to their hour under a revision', async () => {
		revise({ factor: 0.5, from: H10 + 7 * MIN_MS, to: H10 + 52 * MIN_MS });
		const hours = await crossings('HOUR');
		const quarters = await crossings('QUARTER_HOUR');
		for (const h of hours) {
			const parts = quarters.filter(
				(q) => q.timestampMs >= h.timestampMs && q.timestampMs < h.timestampMs + HOUR_MS,
			);
			expect(sum(parts.map((q) => q.ingressCount))).toBe(h.ingressCount);
			expect(sum(parts.map((q) => q.egressCount))).toBe(h.egressCount);
		}
	});

	it('leaves occupancy alone', async () => {
		const body = {
			deviceUuid: sim.fixtures.rhombus.cameras[0].uuid,
			...RANGE,
			interval: 'QUARTERHOURLY',
		};
		const before = await rhombus<OccupancyReport>(sim, OCCUPANCY, body);
		expect(before.json.error).toBe(false);
		revise({ factor: 0 });
		const after = await rhombus<OccupancyReport>(sim, OCCUPANCY, body);
		expect(after.json).toEqual(before.json);
	});
});

describe('Indivd counts', () => {
	it('revises line crosses per minute: floor(count * factor), then true', async () => {
		const minutes = await lines('minute');
		const hours = await lines('hour');
		const inWindow = (r: LineCrossRow) => r._id.hour === 10 && r._id.minute < 30;
		expect(minutes.filter(inWindow).length).toBeGreaterThan(5);

		revise({ vendor: 'indivd', factor: 1.5 });
		const late = await lines('minute');
		const expected = minutes
			.map((r) => (inWindow(r) ? { ...r, count: Math.floor(r.count * 1.5) } : r))
			.filter((r) => r.count > 0);
		expect(late).toEqual(expected);
		const lateHours = await lines('hour');
		expect(hourOf(lateHours.map(flat), 10)?.count).toBeGreaterThan(
			hourOf(hours.map(flat), 10)?.count ?? Infinity,
		);

		sim.revisions.clear();
		revise({ vendor: 'indivd', factor: 0 });
		expect(await lines('minute')).toEqual(minutes.filter((r) => !inWindow(r)));
		sim.setNow(UNTIL);
		expect(await lines('minute')).toEqual(minutes);
		expect(await lines('hour')).toEqual(hours);
	});

	it('keeps minute rows adding up to their hour under a revision', async () => {
		revise({ factor: 0.6, from: H10 - 13 * MIN_MS, to: H10 + 41 * MIN_MS });
		const minutes = (await lines('minute')).map(flat);
		const hours = (await lines('hour')).map(flat);
		expect(hours.length).toBeGreaterThan(0);
		for (const h of hours) {
			expect(sum(minutes.filter((m) => m.hour === h.hour).map((m) => m.count))).toBe(h.count);
		}
	});

	it('revises zone visitors and what derives from visits, then true', async () => {
		const truth = await zones();
		revise({ vendor: 'indivd', factor: 0 });
		const late = await zones();
		const h10 = (rows: ZoneInsight[]) => rows.find((i) => Number(i.aggregation.hour) === 10);
		expect(h10(late)?.visits).toBeLessThan(h10(truth)?.visits ?? 0);
		expect(h10(late)?.unique_visits).toBeLessThan(h10(truth)?.unique_visits ?? 0);
		expect(late.filter((i) => i !== h10(late))).toEqual(truth.filter((i) => i !== h10(truth)));

		sim.revisions.clear();
		revise({ vendor: 'indivd', factor: 0, from: H10, to: H10 + HOUR_MS });
		expect(h10(await zones())).toBeUndefined(); // nothing uploaded: no record for the hour

		sim.revisions.clear();
		revise({ vendor: 'indivd', factor: 1.5 });
		expect(h10(await zones())?.visits).toBeGreaterThan(h10(truth)?.visits ?? Infinity);
		sim.setNow(UNTIL);
		expect(await zones()).toEqual(truth);
	});

	it('revises drop-in rate (enter and passing by), then true', async () => {
		const truth = await dropIn();
		const t10 = hourOf(truth, 10);
		expect(t10?.enter).toBeGreaterThan(0);
		expect(t10?.passing_by).toBeGreaterThan(0);

		revise({ vendor: 'indivd', factor: 0, from: H10, to: H10 + HOUR_MS });
		expect(hourOf(await dropIn(), 10)).toBeUndefined();

		sim.revisions.clear();
		revise({ vendor: 'indivd', factor: 1.5, from: H10, to: H10 + HOUR_MS });
		const late = await dropIn();
		expect(hourOf(late, 10)?.enter).toBeGreaterThan(t10?.enter ?? Infinity);
		expect(hourOf(late, 10)?.passing_by).toBeGreaterThan(t10?.passing_by ?? Infinity);
		expect(late.filter((r) => r.hour !== 10)).toEqual(truth.filter((r) => r.hour !== 10));
		sim.setNow(UNTIL);
		expect(await dropIn()).toEqual(truth);
	});

	it('applies a revision only to its vendor', async () => {
		const [hours, minutes] = [await crossings('HOUR'), await lines('minute')];
		revise({ vendor: 'rhombus', factor: 0 });
		expect(await lines('minute')).toEqual(minutes);
		sim.revisions.clear();
		revise({ vendor: 'indivd', factor: 0 });
		expect(await crossings('HOUR')).toEqual(hours);
	});
});

describe('without an active revision', () => {
	it('answers exactly as before', async () => {
		const before = [
			await crossings('QUARTER_HOUR'),
			await lines('minute'),
			await zones(),
			await dropIn(),
		];
		const answers = async () => [
			await crossings('QUARTER_HOUR'),
			await lines('minute'),
			await zones(),
			await dropIn(),
		];
		revise({ factor: 0, until: NOW }); // already over
		revise({ factor: 0, from: H10 + 20 * HOUR_MS, to: H10 + 21 * HOUR_MS }); // not in the range
		revise({ factor: 1, from: H10 - HOUR_MS, to: H10 + HOUR_MS });
		expect(await answers()).toEqual(before);
		sim.revisions.clear();
		expect(await answers()).toEqual(before);
	});

	it('lets the revision added last win where they overlap', async () => {
		const quarters = await crossings('QUARTER_HOUR');
		revise({ factor: 0 });
		revise({ factor: 1, from: H10 + 15 * MIN_MS, to: H10 + 30 * MIN_MS });
		const late = await crossings('QUARTER_HOUR');
		expect(at(late, H10)).toEqual({ ingressCount: 0, egressCount: 0, timestampMs: H10 });
		expect(at(late, H10 + 15 * MIN_MS)).toEqual(at(quarters, H10 + 15 * MIN_MS));
	});
});

describe('sim.revisions', () => {
	it('lists what was added and clears', () => {
		const r = revise({ factor: 0.5 });
		expect(r).toEqual({ from: H10, to: H10 + 30 * MIN_MS, factor: 0.5, until: UNTIL });
		sim.revisions.add({ vendor: 'indivd', from: 0, to: MIN_MS, factor: 2, until: 1 });
		expect(sim.revisions.list()).toEqual([
			r,
			{ vendor: 'indivd', from: 0, to: MIN_MS, factor: 2, until: 1 },
		]);
		sim.revisions.clear();
		expect(sim.revisions.list()).toEqual([]);
	});

	it.each([
		['a vendor', { vendor: 'acme' }, /vendor/],
		['minute-aligned from', { from: H10 + 1 }, /minute aligned/],
		['minute-aligned to', { to: H10 + 30 * MIN_MS + 500 }, /minute aligned/],
		['to after from', { to: H10 }, /after/],
		['a factor >= 0', { factor: -0.5 }, /factor/],
		['a numeric factor', { factor: '2' }, /factor/],
		['an until', { until: undefined }, /until/],
	])('validates %s', (_name, patch, message) => {
		const r = { from: H10, to: H10 + 30 * MIN_MS, factor: 0, until: UNTIL, ...patch };
		expect(() => sim.revisions.add(r as unknown as Revision)).toThrow(message);
		expect(sim.revisions.list()).toEqual([]);
	});
});

describe('control API /__sim/revisions', () => {
	async function control(method: string, body?: unknown) {
		const res = await fetch(`${sim.url}/__sim/revisions`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, json: (await res.json()) as unknown };
	}

	it('adds one revision or an array, lists and clears them', async () => {
		const truth = await crossings('QUARTER_HOUR');
		const one = { vendor: 'rhombus', from: H10, to: H10 + 15 * MIN_MS, factor: 0, until: UNTIL };
		expect(await control('POST', one)).toEqual({ status: 201, json: [one] });
		expect(at(await crossings('QUARTER_HOUR'), H10).ingressCount).toBe(0);
		const more = [
			{ from: 0, to: MIN_MS, factor: 1.5, until: 1 },
			{ vendor: 'indivd', from: 0, to: MIN_MS, factor: 0.5, until: 1 },
		];
		expect(await control('POST', more)).toEqual({ status: 201, json: more });
		expect(await control('GET')).toEqual({ status: 200, json: [one, ...more] });
		expect(await control('DELETE')).toEqual({ status: 200, json: { ok: true } });
		expect(await control('GET')).toEqual({ status: 200, json: [] });
		expect(await crossings('QUARTER_HOUR')).toEqual(truth);
	});

	it('rejects an invalid revision and adds none of the batch', async () => {
		const res = await control('POST', [
			{ from: H10, to: H10 + MIN_MS, factor: 0, until: UNTIL },
			{ from: H10, to: H10 + MIN_MS, factor: -1, until: UNTIL },
		]);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: expect.stringMatching(/factor/) });
		expect(sim.revisions.list()).toEqual([]);
	});
});

function flat(r: LineCrossRow): { hour: number; count: number } {
	return { hour: r._id.hour, count: r.count };
}
