import type { IDataObject } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { poll, restart } from '../helpers/poll';
import { runIndivd } from '../indivd/helpers';
import { fakeDateOnly } from '../helpers/clock';

const trigger = new IndivdTrigger();
let sim: Simulator;

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(Date.parse('2026-11-20T00:00:00Z'));
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
});

const at = (iso: string) => jest.setSystemTime(Date.parse(iso));
const data = (endpoint: string) =>
	sim.log.entries().filter((entry) => entry.path.endsWith(`/${endpoint}/`));

/** Polls every `everyMinutes` from `from` to `to` with one state; the first poll takes the start. */
async function pollAcross(parameters: Parameters, from: string, to: string, everyMinutes: number) {
	const state: IDataObject = {};
	const emitted: Array<{ polledAt: string; item: IDataObject }> = [];
	for (let time = Date.parse(from); time <= Date.parse(to); time += everyMinutes * 60_000) {
		const polledAt = new Date(time).toISOString();
		at(polledAt);
		for (const item of await tick(parameters, state)) emitted.push({ polledAt, item });
	}
	return emitted;
}

/** Indivd's own answer for one day of zone visitors, by local hour (or day), read now. */
async function zoneRows(zone: number, date: string, tz: string, aggregateBy = 'hour') {
	const query = new URLSearchParams({
		start_date: date,
		end_date: date,
		aggregate_by: aggregateBy,
		zones: String(zone),
		tz,
	});
	const answer = await fetch(`${sim.url}/api/v1/rnd/insights/external/zone_visitors/?${query}`, {
		headers: { authorization: `Token ${sim.fixtures.indivd.token}` },
	});
	const json = (await answer.json()) as {
		current: { insights: Array<{ visits: number; aggregation: { hour?: number } }> };
	};
	return json.current.insights;
}

async function tick(
	parameters: Parameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
) {
	return (
		(await poll(trigger, {
			credentials: simulatorCredentials(sim.url),
			parameters,
			staticData,
			mode,
		})) ?? []
	);
}

const lineCrosses: Parameters = {
	event: 'lineCrosses',
	granularity: 'hour',
	lineIds: [5001],
	settleMinutes: 2,
	startFrom: 'now',
	maxBucketsPerPoll: 500,
	emit: 'everyBucket',
};

describe('Indivd Trigger, line crosses', () => {
	it('emits every closed hour, quiet night hours included as zero, each once', async () => {
		const state: IDataObject = {};
		at('2026-11-18T20:30:00Z');
		await tick(lineCrosses, state);
		at('2026-11-19T08:05:00Z');
		const items = await tick(lineCrosses, state);
		expect(items.map((item) => item.bucketStart)).toEqual(
			Array.from({ length: 12 }, (_, hour) =>
				new Date(Date.parse('2026-11-18T20:00:00Z') + hour * 3_600_000).toISOString(),
			),
		);
		expect(items.some((item) => item.count === 0)).toBe(true);
		expect(
			items.every(
				(item) => item.bucketKey === `indivd:lineCrosses:line=5001:hour:${item.bucketStart}`,
			),
		).toBe(true);
		expect(
			data('line_crosses').map((entry) => [
				entry.query.start_date,
				entry.query.end_date,
				entry.query.aggregate_by,
			]),
		).toEqual([['2026-11-18', '2026-11-19', 'hour']]);
		expect(await tick(lineCrosses, state)).toEqual([]);
	});

	it('matches the counts the action node reads for the same hours', async () => {
		at('2026-11-19T00:05:00Z');
		const items = await tick({ ...lineCrosses, startFrom: 'backfill', backfillBuckets: 24 }, {});
		const truth = await fetch(
			`${sim.url}/api/v1/rnd/insights/external/line_crosses/?start_date=2026-11-18&end_date=2026-11-18&aggregate_by=hour&line_ids=5001`,
			{ headers: { authorization: `Token ${sim.fixtures.indivd.token}` } },
		);
		const rows = (await truth.json()) as Array<{ _id: { hour: number }; count: number }>;
		const byHour = new Map(rows.map((row) => [row._id.hour, row.count]));
		expect(items).toHaveLength(24);
		items.forEach((item, hour) => expect(item.count).toBe(byHour.get(hour) ?? 0));
	});

	it('catches up a week of minutes in chunks, splitting each chunk to the 3-day limit', async () => {
		const minutes = { ...lineCrosses, granularity: 'minute', maxBucketsPerPoll: 5_000 };
		const state: IDataObject = {};
		at('2026-11-10T00:00:00Z');
		await tick(minutes, state);
		at('2026-11-17T00:00:00Z');
		const keys: string[] = [];
		let polls = 0;
		for (let emitted = -1; emitted !== 0; polls++) {
			const items = await tick(minutes, state);
			emitted = items.length;
			keys.push(...items.map((item) => String(item.bucketKey)));
		}
		expect(keys).toHaveLength(7 * 24 * 60);
		expect(new Set(keys).size).toBe(keys.length);
		expect(polls).toBe(4);
		for (const entry of data('line_crosses')) {
			const days =
				(Date.parse(entry.query.end_date) - Date.parse(entry.query.start_date)) / 86_400_000 + 1;
			expect(days).toBeLessThanOrEqual(3);
		}
	});
});

describe('Indivd Trigger, zone data', () => {
	const zoneVisitors: Parameters = {
		event: 'zoneVisitors',
		granularity: 'hour',
		zones: [201],
		timeZone: 'Europe/Stockholm',
		settleMinutes: 5,
		startFrom: 'backfill',
		backfillBuckets: 25,
		emit: 'everyBucket',
	};

	it('asks in the zone’s calendar days and emits each local hour of the fall-back day once', async () => {
		at('2026-10-25T23:10:00Z');
		const items = await tick({ ...zoneVisitors, backfillBuckets: 24 }, {});
		expect(items).toHaveLength(24);
		expect(items[0]).toMatchObject({
			bucketStart: '2026-10-24T22:00:00.000Z',
			bucketStartLocal: '2026-10-25T00:00:00.000+02:00',
			zoneId: 201,
		});
		expect(items[2]).toMatchObject({
			bucketStart: '2026-10-25T00:00:00.000Z',
			bucketEnd: '2026-10-25T02:00:00.000Z',
			bucketStartLocal: '2026-10-25T02:00:00.000+02:00',
			granularity: 'hour',
		});
		expect(items[23]).toMatchObject({ bucketEnd: '2026-10-25T23:00:00.000Z' });
		expect(new Set(items.map((item) => item.bucketKey)).size).toBe(24);
		expect(
			data('zone_visitors').map((entry) => [
				entry.query.start_date,
				entry.query.end_date,
				entry.query.tz,
			]),
		).toEqual([['2026-10-25', '2026-10-25', 'Europe/Stockholm']]);
	});

	it('emits the 23-hour spring-forward day as one day bucket', async () => {
		at('2026-03-29T22:10:00Z');
		const [day] = await tick({ ...zoneVisitors, granularity: 'day', backfillBuckets: 1 }, {});
		expect(day).toMatchObject({
			bucketStart: '2026-03-28T23:00:00.000Z',
			bucketEnd: '2026-03-29T22:00:00.000Z',
			granularity: 'day',
		});
	});

	it('never emits the current hour while it is still growing', async () => {
		at('2026-11-19T10:04:00Z');
		const items = await tick({ ...zoneVisitors, backfillBuckets: 3 }, {});
		expect(items.map((item) => item.bucketStartLocal)).toEqual([
			'2026-11-19T07:00:00.000+01:00',
			'2026-11-19T08:00:00.000+01:00',
			'2026-11-19T09:00:00.000+01:00',
		]);
	});

	it('emits drop-in rate per zone and hour without the period total', async () => {
		at('2026-11-19T12:10:00Z');
		const items = await tick(
			{
				event: 'dropInRate',
				granularity: 'hour',
				locations: [124],
				timeZone: 'Europe/Stockholm',
				startFrom: 'backfill',
				backfillBuckets: 4,
				settleMinutes: 5,
			},
			{},
		);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((item) => item.granularity === 'hour' && item.metric === 'dropInRate')).toBe(
			true,
		);
		const zones = new Set(items.map((item) => item.zoneId));
		expect(items).toHaveLength(4 * zones.size);
	});

	it('watches locations in two time zones in one request per poll, each location’s hours as when watched alone', async () => {
		at('2026-11-19T12:10:00Z');
		const watching = {
			event: 'zoneVisitors',
			granularity: 'hour',
			settleMinutes: 5,
			startFrom: 'backfill',
			backfillBuckets: 4,
		};
		const summary = (item: IDataObject) => [item.bucketKey, item.bucketStartLocal, item.visits];
		const alone = [
			...(await tick({ ...watching, locations: [124] }, {})),
			...(await tick({ ...watching, locations: [125] }, {})),
		].map(summary);
		sim.log.clear();
		const both = await tick({ ...watching, locations: [124, 125] }, {});
		expect(both.map(summary).sort()).toEqual(alone.sort());
		// The trigger always sends its own time zone as tz, so one request reads both locations in it.
		expect(data('zone_visitors').map((entry) => [entry.query.location, entry.query.tz])).toEqual([
			['124,125', 'UTC'],
		]);
		expect(new Set(both.map((item) => item.zoneId))).toEqual(
			new Set([201, 202, 203, 1121, 301, 302, 303]),
		);
	});

	it('survives a restart in the middle of a threshold alert', async () => {
		const parameters = {
			...zoneVisitors,
			startFrom: 'now',
			emit: 'threshold',
			thresholdField: 'visits',
			above: 5,
			below: '1',
			remindEveryMinutes: 0,
		};
		let state: IDataObject = {};
		at('2026-11-18T00:10:00Z');
		await tick(parameters, state);
		const events: string[] = [];
		for (let hour = 1; hour <= 30; hour++) {
			at(new Date(Date.parse('2026-11-18T00:10:00Z') + hour * 3_600_000).toISOString());
			events.push(...(await tick(parameters, state)).map((item) => String(item.event)));
			state = restart(state);
		}
		expect(events.length).toBeGreaterThanOrEqual(2);
		events.forEach((event, index) =>
			expect(event).toBe(index % 2 === 0 ? 'crossedAbove' : 'crossedBelow'),
		);
	});
});

describe('Indivd Trigger, zone data on the records Indivd keeps (hourly, from the UTC hour)', () => {
	const kolkata: Parameters = {
		event: 'zoneVisitors',
		granularity: 'hour',
		zones: [201],
		timeZone: 'Asia/Kolkata',
		settleMinutes: 2,
		startFrom: 'now',
		emit: 'everyBucket',
	};

	it('emits a Kolkata hour only once its record is final, at the record’s bounds (polled at 10:32Z)', async () => {
		const state: IDataObject = {};
		at('2026-11-19T08:40:00Z');
		await tick(kolkata, state);
		at('2026-11-19T10:32:00Z');
		const items = await tick(kolkata, state);
		expect(items.map((item) => [item.bucketStart, item.bucketEnd, item.bucketStartLocal])).toEqual([
			['2026-11-19T08:00:00.000Z', '2026-11-19T09:00:00.000Z', '2026-11-19T13:30:00.000+05:30'],
			['2026-11-19T09:00:00.000Z', '2026-11-19T10:00:00.000Z', '2026-11-19T14:30:00.000+05:30'],
		]);
		at('2026-11-19T11:01:00Z');
		expect(await tick(kolkata, state)).toEqual([]);
		at('2026-11-19T11:02:00Z');
		const [next] = await tick(kolkata, state);
		expect(next).toMatchObject({
			bucketStart: '2026-11-19T10:00:00.000Z',
			bucketEnd: '2026-11-19T11:00:00.000Z',
			bucketStartLocal: '2026-11-19T15:30:00.000+05:30',
		});

		at('2026-11-20T00:00:00Z');
		const { items: read } = await runIndivd(sim, {
			resource: 'zoneVisitors',
			operation: 'get',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			aggregateBy: ['hour'],
			zones: [201],
			timeZone: 'Asia/Kolkata',
		});
		const later = new Map(read.map(({ json }) => [json.bucketKey, json]));
		for (const item of [...items, next]) {
			expect(later.get(item.bucketKey)).toMatchObject({
				bucketStart: item.bucketStart,
				bucketEnd: item.bucketEnd,
				visits: item.visits,
			});
		}
		expect(next.visits).toBeGreaterThan(0);
	});

	it('emits a Kolkata day once its last record (18:00-19:00Z) is final, asking for that date only', async () => {
		const day = { ...kolkata, granularity: 'day' };
		const state: IDataObject = {};
		at('2026-11-18T20:00:00Z');
		await tick(day, state);
		at('2026-11-19T18:50:00Z');
		expect(await tick(day, state)).toEqual([]);
		at('2026-11-19T19:02:00Z');
		const items = await tick(day, state);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			bucketStart: '2026-11-18T19:00:00.000Z',
			bucketEnd: '2026-11-19T19:00:00.000Z',
			bucketStartLocal: '2026-11-19T00:30:00.000+05:30',
			granularity: 'day',
		});
		expect(
			data('zone_visitors').map((entry) => [entry.query.start_date, entry.query.end_date]),
		).toEqual([['2026-11-19', '2026-11-19']]);
		at('2026-11-21T00:00:00Z');
		const [row] = await zoneRows(201, '2026-11-19', 'Asia/Kolkata', 'dayofmonth');
		expect(items[0].visits).toBe(row.visits);
	});

	const newYork: Parameters = {
		event: 'zoneVisitors',
		granularity: 'hour',
		zones: [401],
		timeZone: 'America/New_York',
		settleMinutes: 2,
		startFrom: 'now',
		emit: 'everyBucket',
	};

	it('emits the repeated 01:00 of the fall-back night once, as one two-hour bucket, when both hours closed', async () => {
		const emitted = await pollAcross(newYork, '2026-11-01T04:17:00Z', '2026-11-01T09:17:00Z', 15);
		expect(
			emitted.map(({ polledAt, item }) => [polledAt, item.bucketStartLocal, item.bucketEnd]),
		).toEqual([
			['2026-11-01T05:02:00.000Z', '2026-11-01T00:00:00.000-04:00', '2026-11-01T05:00:00.000Z'],
			['2026-11-01T07:02:00.000Z', '2026-11-01T01:00:00.000-04:00', '2026-11-01T07:00:00.000Z'],
			['2026-11-01T08:02:00.000Z', '2026-11-01T02:00:00.000-05:00', '2026-11-01T08:00:00.000Z'],
			['2026-11-01T09:02:00.000Z', '2026-11-01T03:00:00.000-05:00', '2026-11-01T09:00:00.000Z'],
		]);
		const repeated = emitted[1].item;
		expect(repeated).toMatchObject({
			bucketStart: '2026-11-01T05:00:00.000Z',
			granularity: 'hour',
		});
		const local = await zoneRows(401, '2026-11-01', 'America/New_York');
		const utc = await zoneRows(401, '2026-11-01', 'UTC');
		const visitsAt = (rows: typeof utc, hour: number) =>
			rows.find((row) => row.aggregation.hour === hour)?.visits ?? 0;
		expect(repeated.visits).toBe(visitsAt(local, 1));
		expect(repeated.visits).toBe(visitsAt(utc, 5) + visitsAt(utc, 6));
		expect(visitsAt(utc, 6)).toBeGreaterThan(0);
	});

	it('emits the spring-forward night without a bucket for the 02:00 that does not exist, and without a gap', async () => {
		const emitted = await pollAcross(newYork, '2026-03-08T05:17:00Z', '2026-03-08T09:17:00Z', 15);
		const items = emitted.map(({ item }) => item);
		expect(items.map((item) => item.bucketStartLocal)).toEqual([
			'2026-03-08T00:00:00.000-05:00',
			'2026-03-08T01:00:00.000-05:00',
			'2026-03-08T03:00:00.000-04:00',
			'2026-03-08T04:00:00.000-04:00',
		]);
		items.slice(1).forEach((item, index) => expect(item.bucketStart).toBe(items[index].bucketEnd));
		const local = await zoneRows(401, '2026-03-08', 'America/New_York');
		for (const item of items) {
			const hour = Number(String(item.bucketStartLocal).slice(11, 13));
			expect(item.visits).toBe(local.find((row) => row.aggregation.hour === hour)?.visits ?? 0);
		}
	});
});

describe('Indivd Trigger, answers beyond the simulator’s habits (Indivd’s published contract)', () => {
	const answer = (endpoint: string, body: unknown) =>
		sim.faults.add({
			vendor: 'indivd',
			path: `/${endpoint}/`,
			kind: 'schema',
			body,
			times: Infinity,
		});
	const utcHours = (event: string, extra: Parameters = {}): Parameters => ({
		event,
		granularity: 'hour',
		timeZone: 'UTC',
		settleMinutes: 5,
		startFrom: 'backfill',
		backfillBuckets: 3,
		emit: 'everyBucket',
		...extra,
	});
	const hoursOf19November = ['07', '08', '09'].map((hour) => `2026-11-19T${hour}:00:00.000Z`);
	/**
	 * Polls until the trigger has sent the buckets it held back as unknown (three polls at most,
	 * docs/contract.md §5.3 promise 12); all it emitted, and what the first poll did.
	 */
	async function tickUntilSent(parameters: Parameters, state: IDataObject) {
		const first = await tick(parameters, state);
		const items = [...first];
		for (let polls = 1; polls < 3 && state.unknown !== undefined; polls++) {
			items.push(...(await tick(parameters, state)));
		}
		expect(state).not.toHaveProperty('unknown');
		return { first, items };
	}
	const nov19 = { year: 2026, month: 11, dayofmonth: 19 };

	it('line crosses: moves past a row without its hour, asks again for the hours of its day without a row, then sends them unknown (null, not 0), and each says so', async () => {
		answer('line_crosses', [
			{ _id: { ...nov19, dayofmonth: 18, hour: 21 }, count: 4 },
			{ _id: nov19, count: 7 },
		]);
		const state: IDataObject = {};
		at('2026-11-18T20:30:00Z');
		await tick(lineCrosses, state);
		at('2026-11-19T08:05:00Z');
		const first = await tick(lineCrosses, state);
		expect(first.every((item) => item.count !== null)).toBe(true);
		// The next polls ask for 19 November only: Indivd's answer for it keeps its row without hour.
		sim.faults.clear();
		answer('line_crosses', [{ _id: nov19, count: 7 }]);
		const { items: rest } = await tickUntilSent(lineCrosses, state);
		const items = [...first, ...rest];
		expect(items).toHaveLength(12);
		expect(items.map((item) => item.count)).toEqual([0, 4, 0, 0, ...Array<null>(8).fill(null)]);
		for (const item of items)
			expect(item.warning).toBe(
				'Left out 1 line_crosses rows without _id.hour (no bucket to put them in)',
			);
		expect(state.cursor).toBe(Date.parse('2026-11-19T08:00:00Z'));
		expect(await tick(lineCrosses, state)).toEqual([]);
	});

	it('zone visitors: an insight without zone_id is left out; the chosen zone’s hours are all emitted, its hour asked again, then unknown (null, not 0), each saying so', async () => {
		answer('zone_visitors', {
			current: {
				insights: [
					{ visits: 4, aggregation: { ...nov19, hour: 8, zone_id: 201 } },
					{ visits: 9, aggregation: { ...nov19, hour: 9 } },
				],
			},
		});
		at('2026-11-19T10:10:00Z');
		const { first, items } = await tickUntilSent(utcHours('zoneVisitors', { zones: [201] }), {});
		expect(first.map((item) => item.visits)).toEqual([0, 4]);
		expect(items.map((item) => [item.bucketStart, item.zoneId, item.visits])).toEqual([
			[hoursOf19November[0], 201, 0],
			[hoursOf19November[1], 201, 4],
			[hoursOf19November[2], 201, null],
		]);
		for (const item of items)
			expect(item.warning).toBe(
				'Left out 1 zone_visitors insights without aggregation.zone_id (no zone to put them in)',
			);
	});

	it('drop-in rate: a zone row without its hour is left out; the zone’s hours are all emitted, those of its day without a row asked again, then unknown (null, not 0), each saying so', async () => {
		answer('drop_in_rate', {
			zone_details: {
				current: {
					'1121': {
						zone_id: 1121,
						details: [
							{ ...nov19, hour: 8, visits: 3, passing_by: 6, drop_in_rate: 50 },
							{ ...nov19, visits: 1, passing_by: 1, drop_in_rate: 100 },
						],
					},
				},
			},
		});
		at('2026-11-19T10:10:00Z');
		const { first, items } = await tickUntilSent(utcHours('dropInRate'), {});
		expect(first).toEqual([]);
		expect(items.map((item) => [item.bucketStart, item.enter, item.dropInRate])).toEqual([
			[hoursOf19November[0], null, null],
			[hoursOf19November[1], 3, 50],
			[hoursOf19November[2], null, null],
		]);
		for (const item of items)
			expect(item.warning).toBe(
				'Left out 1 drop_in_rate zone_details rows without hour (no bucket to put them in)',
			);
	});

	it.each([
		['[]', []],
		['{}', {}],
	])(
		'line crosses answered with %s: every closed hour is a zero, without a warning',
		async (_shape, body) => {
			answer('line_crosses', body);
			at('2026-11-19T10:10:00Z');
			const items = await tick({ ...lineCrosses, startFrom: 'backfill', backfillBuckets: 3 }, {});
			expect(items.map((item) => [item.bucketStart, item.count, item.warning])).toEqual(
				hoursOf19November.map((start) => [start, 0, undefined]),
			);
		},
	);

	it.each([
		['[]', []],
		['{"current": {}}', { current: {} }],
		['{"current": {"insights": null}}', { current: { insights: null } }],
	])(
		'zone visitors answered with %s: every closed hour of the chosen zone is a zero',
		async (_shape, body) => {
			answer('zone_visitors', body);
			at('2026-11-19T10:10:00Z');
			const items = await tick(utcHours('zoneVisitors', { zones: [201] }), {});
			expect(items.map((item) => [item.bucketStart, item.zoneId, item.visits])).toEqual(
				hoursOf19November.map((start) => [start, 201, 0]),
			);
		},
	);

	it.each([
		['{}', {}],
		['[]', []],
		[
			'sections without data',
			{ summary: { current: {} }, details: [], zone_details: { current: [] } },
		],
	])(
		'drop-in rate answered with %s: no zone, so nothing to emit, and the trigger moves on',
		async (_shape, body) => {
			answer('drop_in_rate', body);
			const state: IDataObject = {};
			at('2026-11-19T10:10:00Z');
			expect(await tick(utcHours('dropInRate'), state)).toEqual([]);
			expect(state.cursor).toBe(Date.parse('2026-11-19T10:00:00Z'));
		},
	);
});
