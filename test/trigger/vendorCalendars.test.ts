import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { RhombusConventions, Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { poll, restart } from '../helpers/poll';
import { rhombus } from '../simulator/simClient';

// "The trigger follows the vendor's calendar": Rhombus does not document on which calendar its
// reports count (the zone sent, the camera location's, UTC), on which day its weeks start, or
// where `timestampMs` sits in its bucket. The simulator answers on each convention
// (`sim.config.setRhombusConventions`), and these tests poll the Rhombus Trigger on a fake clock
// as n8n would, checking what a user sees: the buckets emitted, their bounds and counts, the
// requests made and the stored state.

const trigger = new RhombusTrigger();
let sim: Simulator;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';
const crossings = '/api/report/getBatchThresholdCrossingCountReport';
const occupancyPath = '/api/report/getOccupancyCountsV2';

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(Date.parse('2026-01-01T00:00:00Z'));
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
	sim.config.setCrossingShape('array');
	sim.config.setRhombusConventions({});
});

const at = (iso: string) => jest.setSystemTime(Date.parse(iso));
const iso = (ms: number) => new Date(ms).toISOString();
const reports = (path: string) => sim.log.entries().filter((entry) => entry.path === path);

/** "Berlin Lobby Entrance" and "LA Front Door": both count crossings, in Berlin and Los Angeles. */
const berlinCamera = () => sim.fixtures.rhombus.cameras[0].uuid;
const laCamera = () => sim.fixtures.rhombus.cameras[1].uuid;

async function tick(
	parameters: Parameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<IDataObject[]> {
	return (
		(await poll(trigger, {
			credentials: simulatorCredentials(sim.url),
			parameters,
			staticData,
			mode,
		})) ?? []
	);
}

const crossingCounts = (bucketSize: string, overrides: Parameters = {}): Parameters => ({
	event: 'crossingCounts',
	cameraUuids: [berlinCamera(), laCamera()],
	bucketSize,
	timeZone: BERLIN,
	settleMinutes: 2,
	startFrom: 'now',
	maxBucketsPerPoll: 500,
	emit: 'everyBucket',
	...overrides,
});

/**
 * What the cameras counted in [start, end), from a raw crossing-count request over exactly that
 * span: whatever calendar the simulator counts on, its rows split the span and add up to it.
 */
async function crossingTruth(cameraUuids: string[], start: number, end: number) {
	const answer = await rhombus<{
		crossingCounts: Array<{ ingressCount: number; egressCount: number }>;
	}>(sim, crossings, {
		deviceUuids: cameraUuids,
		startTimeMs: start,
		endTimeMs: end,
		timeZone: 'UTC',
		bucketSize: 'HOUR',
		crossingObject: 'HUMAN',
		dedupe: true,
	});
	let ingress = 0;
	let egress = 0;
	for (const row of answer.json.crossingCounts) {
		ingress += row.ingressCount;
		egress += row.egressCount;
	}
	return { ingress, egress };
}

/** The day or week of `zone` that starts at `start`, as luxon counts it: the vendor's edges. */
function calendarBucket(zone: string, start: number, unit: 'day' | 'week') {
	const local = DateTime.fromMillis(start, { zone });
	return {
		startsOnEdge: local.startOf('day').toMillis() === start,
		weekday: local.weekday,
		end: local
			.plus({ [`${unit}s`]: 1 })
			.startOf('day')
			.toMillis(),
	};
}

/** The days of `zone` from the local date `first` to `last`, both included, as [start, end). */
function daysOf(zone: string, first: string, last: string): Array<[string, string]> {
	const days: Array<[string, string]> = [];
	const stop = DateTime.fromISO(last, { zone });
	for (let day = DateTime.fromISO(first, { zone }); day <= stop; day = day.plus({ days: 1 })) {
		days.push([iso(day.toMillis()), iso(day.plus({ days: 1 }).toMillis())]);
	}
	return days;
}

describe('a year of daily crossing counts in Europe/Berlin while Rhombus changes its conventions', () => {
	// Polled every hour of simulated time, at :05, for a year from 1 January 2026 (both of
	// Berlin's daylight-saving changes). Rhombus first counts Berlin days stamped at their
	// starts, then (from 13 May) UTC days, then (from 15 July) UTC days stamped at their middle,
	// then (from 16 September) Berlin days again. The whole run is recorded once; each test below
	// checks one promise on it. Idle polls make no request, so the 8,761 hourly polls take about
	// 5 s on two slow cores: no need to poll more sparsely.
	const start = Date.parse('2026-01-01T00:05:00Z');
	const end = Date.parse('2027-01-01T00:05:00Z');
	const switches: Array<{ at: number; conventions: Partial<RhombusConventions> }> = [
		{ at: Date.parse('2026-05-13T10:30:00Z'), conventions: { calendar: 'utc' } },
		{ at: Date.parse('2026-07-15T10:30:00Z'), conventions: { calendar: 'utc', stamp: 'middle' } },
		{ at: Date.parse('2026-09-16T10:30:00Z'), conventions: {} },
	];
	interface Emitted {
		item: IDataObject;
		polledAt: number;
		/** The zone Rhombus counted its days in when the item was read. */
		countedIn: string;
	}
	const emitted: Emitted[] = [];
	const errors: string[] = [];
	let polls = 0;
	let pollsWithRequests = 0;
	let reportRequests = 0;
	let largestState = 0;
	let parameters: Parameters;
	let state: IDataObject = {};

	beforeAll(async () => {
		parameters = crossingCounts('DAY', { startFrom: 'backfill', backfillBuckets: 1 });
		let next = 0;
		let countedIn = BERLIN;
		for (let now = start; now <= end; now += HOUR) {
			while (next < switches.length && switches[next].at < now) {
				const { conventions } = switches[next++];
				sim.config.setRhombusConventions(conventions);
				countedIn = conventions.calendar === 'utc' ? 'UTC' : BERLIN;
			}
			jest.setSystemTime(now);
			sim.log.clear();
			polls++;
			try {
				for (const item of await tick(parameters, state)) {
					emitted.push({ item, polledAt: now, countedIn });
				}
			} catch (error) {
				errors.push(`${iso(now)}: ${(error as Error).message}`);
			}
			const requests = reports(crossings).length;
			reportRequests += requests;
			if (requests > 0) pollsWithRequests++;
			largestState = Math.max(largestState, JSON.stringify(state).length);
			// Now and then n8n restarts: the static data comes back from JSON.
			if (polls % 500 === 0) state = restart(state);
		}
		sim.config.setRhombusConventions({});
	}, 120_000);

	const bounds = () =>
		emitted.map(({ item }) => [String(item.bucketStart), String(item.bucketEnd)] as const);

	it('never fails a poll', () => {
		expect(errors).toEqual([]);
	});

	it('emits every bucketKey once', () => {
		const keys = emitted.map(({ item }) => String(item.bucketKey));
		expect(keys.length).toBeGreaterThan(360);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('emits the days in order, none overlapping the one before', () => {
		const spans = bounds().map(([from, to]) => [Date.parse(from), Date.parse(to)]);
		for (let index = 1; index < spans.length; index++) {
			expect(spans[index][0]).toBeGreaterThanOrEqual(spans[index - 1][1]);
		}
	});

	it('emits every closed day of the calendar Rhombus counts on, leaving out only the day that straddles each change of calendar', () => {
		expect(bounds()).toEqual([
			// Berlin days, through the spring change, until Rhombus counts UTC days.
			...daysOf(BERLIN, '2025-12-31', '2026-05-12'),
			// UTC days: the Berlin-day cursor at 12 May 22:00 UTC falls inside UTC's 12 May, which
			// is left out. Stamps moving to the middle of the day keep the same days.
			...daysOf('UTC', '2026-05-13', '2026-09-15'),
			// Berlin days again, through the autumn change: the UTC-day cursor at 16 September
			// 00:00 falls inside Berlin's 16 September, which is left out.
			...daysOf(BERLIN, '2026-09-17', '2026-12-31'),
		]);
	});

	it.each([
		['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23],
		['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
	])(
		'emits the daylight-saving day %s as one Berlin day of its length',
		(day, bucketStart, bucketEnd, hours) => {
			const found = emitted.filter(({ item }) => item.bucketStart === bucketStart);
			expect(found.map(({ item }) => item)).toEqual([
				expect.objectContaining({ bucketStart, bucketEnd, timeZone: BERLIN, granularity: 'day' }),
			]);
			expect(String(found[0].item.bucketStartLocal).slice(0, 10)).toBe(day);
			expect(Date.parse(bucketEnd) - Date.parse(bucketStart)).toBe(hours * HOUR);
		},
	);

	it('gives each day the bounds and the zone of the calendar Rhombus counted it on', () => {
		for (const { item, countedIn } of emitted) {
			const bucketStart = Date.parse(String(item.bucketStart));
			const vendorDay = calendarBucket(countedIn, bucketStart, 'day');
			expect({ item: item.bucketKey, startsOnEdge: vendorDay.startsOnEdge }).toEqual({
				item: item.bucketKey,
				startsOnEdge: true,
			});
			expect(item).toMatchObject({
				bucketEnd: iso(vendorDay.end),
				timeZone: countedIn,
				granularity: 'day',
				// A day the clocks change in is keyed by both bounds (docs/contract.md §6.2).
				bucketKey: `rhombus:crossingCounts:cameras=${[berlinCamera(), laCamera()].sort().join(',')}:day:${String(item.bucketStart)}${vendorDay.end - bucketStart === 24 * HOUR ? '' : `/${iso(vendorDay.end)}`}`,
			});
			expect(item).not.toHaveProperty('partial');
		}
	});

	it('emits the counts the cameras made in each day', async () => {
		const cameras = [berlinCamera(), laCamera()];
		let total = 0;
		for (const { item } of emitted) {
			const truth = await crossingTruth(
				cameras,
				Date.parse(String(item.bucketStart)),
				Date.parse(String(item.bucketEnd)),
			);
			expect({ day: item.bucketStart, ingress: item.ingress, egress: item.egress }).toEqual({
				day: item.bucketStart,
				...truth,
			});
			expect(item.net).toBe(truth.ingress - truth.egress);
			total += truth.ingress;
		}
		expect(total).toBeGreaterThan(0);
	});

	it('emits each day at the first poll after it closed, also right after each change', () => {
		const settle = 2 * 60_000;
		// The first item is the backfilled 31 December, read at the first poll.
		for (const { item, polledAt } of emitted.slice(1)) {
			const closed = Date.parse(String(item.bucketEnd)) + settle;
			const onTime = polledAt >= closed && polledAt - closed < HOUR;
			expect({ day: item.bucketStart, onTime }).toEqual({ day: item.bucketStart, onTime: true });
		}
		// After the last change the trigger keeps up to the end of the year.
		expect(emitted[emitted.length - 1].item.bucketStart).toBe('2026-12-30T23:00:00.000Z');
	});

	it('asks Rhombus once per day, once more at each change of calendar, and never on the idle polls', () => {
		expect(polls).toBe(365 * 24 + 1);
		expect(pollsWithRequests).toBe(emitted.length + 2);
		// Stamps moving inside the same days ask for the same window: the answer in hand serves.
		const changesOfDays = switches.length - 1;
		expect(reportRequests).toBe(emitted.length + changesOfDays);
	});

	it('keeps its stored state small and on the calendar it learned last', () => {
		expect(largestState).toBeLessThan(400);
		expect(state).toEqual({
			version: 1,
			basis: `rhombus|crossingCounts|day|${BERLIN}`,
			cursor: Date.parse('2026-12-31T23:00:00Z'),
			learned: {
				basis: `rhombus|crossingCounts|day|${BERLIN}`,
				calendar: `${BERLIN}|monday|start`,
			},
		});
	});
});

describe('weekly crossing counts when Rhombus starts its weeks on Sunday', () => {
	const weekly = () => crossingCounts('WEEK', { startFrom: 'backfill', backfillBuckets: 3 });
	const sundayWeeks: Array<[string, string]> = [
		// The week of the autumn change has 169 hours.
		['2026-10-24T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
		['2026-10-31T23:00:00.000Z', '2026-11-07T23:00:00.000Z'],
		['2026-11-07T23:00:00.000Z', '2026-11-14T23:00:00.000Z'],
	];
	beforeEach(() => sim.config.setRhombusConventions({ weekStart: 'sunday' }));

	it('emits the last three Sunday weeks at the first poll with Backfill Buckets 3', async () => {
		at('2026-11-20T10:00:00Z');
		const items = await tick(weekly(), {});
		expect(items.map((item) => [item.bucketStart, item.bucketEnd])).toEqual(sundayWeeks);
		for (const item of items) {
			expect(item).toMatchObject({ granularity: 'week', timeZone: BERLIN });
			expect(
				DateTime.fromISO(String(item.bucketStartLocal), { setZone: true }).toFormat('ccc HH:mm'),
			).toBe('Sun 00:00');
		}
	});

	it('counts in each Sunday week what the cameras counted in it', async () => {
		at('2026-11-20T10:00:00Z');
		const items = await tick(weekly(), {});
		expect(items).toHaveLength(3);
		for (const item of items) {
			const truth = await crossingTruth(
				[berlinCamera(), laCamera()],
				Date.parse(String(item.bucketStart)),
				Date.parse(String(item.bucketEnd)),
			);
			expect({ ingress: item.ingress, egress: item.egress }).toEqual(truth);
		}
	});

	it('remembers Sunday weeks and then emits each next week once, in one request per poll', async () => {
		let state: IDataObject = {};
		at('2026-11-20T10:00:00Z');
		const keys = (await tick(weekly(), state)).map((item) => String(item.bucketKey));
		expect(state.learned).toEqual({
			basis: `rhombus|crossingCounts|week|${BERLIN}`,
			calendar: `${BERLIN}|sunday|start`,
		});
		const starts: string[] = [];
		const requests: number[] = [];
		// Daily polls for five weeks, each a little after midnight in Berlin, with a restart each.
		for (let day = 1; day <= 35; day++) {
			jest.setSystemTime(Date.parse('2026-11-20T23:05:00Z') + (day - 1) * DAY);
			sim.log.clear();
			const items = await tick(weekly(), state);
			state = restart(state);
			if (items.length === 0) continue;
			requests.push(reports(crossings).length);
			keys.push(...items.map((item) => String(item.bucketKey)));
			starts.push(...items.map((item) => String(item.bucketStartLocal)));
		}
		expect(new Set(keys).size).toBe(keys.length);
		expect(starts).toEqual([
			'2026-11-15T00:00:00.000+01:00',
			'2026-11-22T00:00:00.000+01:00',
			'2026-11-29T00:00:00.000+01:00',
			'2026-12-06T00:00:00.000+01:00',
			'2026-12-13T00:00:00.000+01:00',
		]);
		expect(requests).toEqual([1, 1, 1, 1, 1]);
	});
});

describe('hourly occupancy when Rhombus stamps its hours elsewhere than at their starts', () => {
	const hourly = (): Parameters => ({
		event: 'occupancy',
		cameraUuids: [berlinCamera()],
		interval: 'HOURLY',
		timeZone: BERLIN,
		settleMinutes: 2,
		startFrom: 'now',
	});

	/** The highest level of each type in [start, end), from the simulator's minutes. */
	async function levels(start: number, end: number) {
		sim.config.setRhombusConventions({});
		const answer = await rhombus<{
			timeSeriesDataPoints: Array<{ timestampMs: number; eventCountMap: Record<string, number> }>;
		}>(sim, occupancyPath, {
			deviceUuid: berlinCamera(),
			startTimeMs: start,
			endTimeMs: end,
			interval: 'MINUTELY',
		});
		const highest: Record<string, number> = {};
		for (const minute of answer.json.timeSeriesDataPoints) {
			for (const [type, level] of Object.entries(minute.eventCountMap)) {
				highest[type] = Math.max(highest[type] ?? 0, level);
			}
		}
		return highest;
	}

	it.each([
		['ends', 'end', `${BERLIN}|monday|end`],
		['middles', 'middle', `${BERLIN}|monday|instant`],
	] as const)(
		'emits each hour once, with its bounds and levels, when Rhombus stamps hours at their %s',
		async (_where, stamp, calendar) => {
			sim.config.setRhombusConventions({ stamp });
			let state: IDataObject = {};
			const items: IDataObject[] = [];
			at('2026-11-20T06:03:00Z');
			await tick(hourly(), state);
			for (const now of ['2026-11-20T07:03:00Z', '2026-11-20T07:03:00Z', '2026-11-20T08:03:00Z']) {
				at(now);
				items.push(...(await tick(hourly(), state)));
			}
			state = restart(state);
			at('2026-11-20T10:03:00Z');
			items.push(...(await tick(hourly(), state)));

			expect(state.learned).toEqual({ basis: `rhombus|occupancy|hour|${BERLIN}`, calendar });
			expect(items.map((item) => [item.bucketStart, item.bucketEnd])).toEqual(
				[6, 7, 8, 9].map((hour) => [
					iso(Date.UTC(2026, 10, 20, hour)),
					iso(Date.UTC(2026, 10, 20, hour + 1)),
				]),
			);
			expect(new Set(items.map((item) => item.bucketKey)).size).toBe(4);
			for (const item of items) {
				expect(item).toMatchObject({ granularity: 'hour', timeZone: BERLIN });
				expect(item).not.toHaveProperty('partial');
				const start = Date.parse(String(item.bucketStart));
				expect(item.eventCountMap).toEqual(await levels(start, start + HOUR));
			}
			expect(items.some((item) => Number(item.occupancy) > 0)).toBe(true);
		},
	);
});

describe('a restart after the trigger learned Rhombus’s calendar', () => {
	it('asks Rhombus once at the next poll, on the calendar it learned before the restart', async () => {
		sim.config.setRhombusConventions({ calendar: 'utc' });
		const daily = crossingCounts('DAY');
		const state: IDataObject = {};
		at('2026-11-18T12:00:00Z');
		await tick(daily, state);
		// Berlin's 18 November has closed; Rhombus's answer shows UTC days, none of which has closed
		// since the cursor: the trigger remembers the calendar and emits nothing yet.
		at('2026-11-18T23:05:00Z');
		expect(await tick(daily, state)).toEqual([]);
		const restored = restart(state);
		expect(restored.learned).toEqual({
			basis: `rhombus|crossingCounts|day|${BERLIN}`,
			calendar: 'UTC|monday|start',
		});
		sim.log.clear();
		at('2026-11-19T00:05:00Z');
		const items = await tick(daily, restored);
		expect(reports(crossings)).toHaveLength(1);
		expect(items.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone])).toEqual([
			['2026-11-18T00:00:00.000Z', '2026-11-19T00:00:00.000Z', 'UTC'],
		]);
	});
});

describe('answers that contradict each other within one poll', () => {
	const daily = () => crossingCounts('DAY');
	/** A crossing-count answer on Los Angeles days, stamped at their starts. */
	const losAngelesDays = {
		crossingCounts: [14, 15, 16, 17].map((day) => ({
			ingressCount: 5,
			egressCount: 2,
			timestampMs: Date.UTC(2026, 10, day, 8),
		})),
		error: false,
	};

	async function armed() {
		sim.config.setRhombusConventions({ calendar: 'utc' });
		const state: IDataObject = {};
		at('2026-11-15T12:00:00Z');
		await tick(daily(), state);
		// The poll plans Berlin days, Rhombus answers UTC days, and the answer to the second
		// request, planned on UTC days, shows Los Angeles days.
		sim.faults.add({ path: crossings, kind: 'schema', body: losAngelesDays, skip: 1 });
		at('2026-11-18T00:05:00Z');
		return state;
	}

	it('fail the poll, naming the calendars, and leave the stored state as it was', async () => {
		const state = await armed();
		const before = restart(state);
		await expect(tick(daily(), state)).rejects.toThrow(
			`The vendor's answers changed calendar twice in one poll (planned on ${BERLIN}|monday|start, answered on UTC|monday|start, then on America/Los_Angeles|monday|start)`,
		);
		expect(reports(crossings)).toHaveLength(2);
		expect(state).toEqual(before);
	});

	it('are caught up at the next poll, on the calendar Rhombus counts on', async () => {
		const state = await armed();
		await expect(tick(daily(), state)).rejects.toThrow(/changed calendar twice/);
		const items = await tick(daily(), state);
		expect(items.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone])).toEqual([
			['2026-11-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z', 'UTC'],
			['2026-11-16T00:00:00.000Z', '2026-11-17T00:00:00.000Z', 'UTC'],
			['2026-11-17T00:00:00.000Z', '2026-11-18T00:00:00.000Z', 'UTC'],
		]);
		expect(state.cursor).toBe(Date.parse('2026-11-18T00:00:00Z'));
	});
});

describe('Fetch Test Event on Rhombus’s conventions', () => {
	it.each([
		[
			'UTC days',
			{ calendar: 'utc' },
			'DAY',
			['2026-11-19T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 'UTC'],
		],
		[
			'UTC days stamped at their middle',
			{ calendar: 'utc', stamp: 'middle' },
			'DAY',
			['2026-11-19T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 'UTC'],
		],
		[
			'Sunday weeks',
			{ weekStart: 'sunday' },
			'WEEK',
			['2026-11-07T23:00:00.000Z', '2026-11-14T23:00:00.000Z', BERLIN],
		],
	] as Array<[string, Partial<RhombusConventions>, string, string[]]>)(
		'returns the latest closed bucket of %s and leaves the stored state untouched',
		async (_name, conventions, bucketSize, expected) => {
			const state: IDataObject = {};
			at('2026-11-18T12:00:00Z');
			await tick(crossingCounts(bucketSize), state);
			const before = restart(state);
			sim.config.setRhombusConventions(conventions);
			at('2026-11-20T10:00:00Z');
			const items = await tick(crossingCounts(bucketSize), state, 'manual');
			expect(items.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone])).toEqual([
				expected,
			]);
			expect(state).toEqual(before);
		},
	);
});

// A day stamped at its end is also a time inside a day of another zone (a Berlin midnight,
// 23:00 UTC, lies inside a UTC day), so end stamps are read as edges of their calendar before any
// time is read as inside a bucket.
describe('days that Rhombus stamps at their end', () => {
	it.each([
		[
			'Berlin days',
			{ stamp: 'end' },
			['2026-11-18T23:00:00.000Z', '2026-11-19T23:00:00.000Z', BERLIN],
		],
		[
			'UTC days',
			{ calendar: 'utc', stamp: 'end' },
			['2026-11-19T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 'UTC'],
		],
	] as Array<[string, Partial<RhombusConventions>, string[]]>)(
		'are what Fetch Test Event returns: the latest closed of the %s',
		async (_name, conventions, expected) => {
			sim.config.setRhombusConventions(conventions);
			at('2026-11-20T10:00:00Z');
			const items = await tick(crossingCounts('DAY'), {}, 'manual');
			expect(items.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone])).toEqual([
				expected,
			]);
		},
	);

	it('are emitted at the first poll after each Berlin day closed, in one request', async () => {
		sim.config.setRhombusConventions({ stamp: 'end' });
		const state: IDataObject = {};
		at('2026-11-18T12:00:00Z');
		await tick(crossingCounts('DAY'), state);
		at('2026-11-18T23:05:00Z');
		const items = await tick(crossingCounts('DAY'), state);
		expect(items.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone])).toEqual([
			['2026-11-17T23:00:00.000Z', '2026-11-18T23:00:00.000Z', BERLIN],
		]);
		expect(reports(crossings)).toHaveLength(1);
	});
});
