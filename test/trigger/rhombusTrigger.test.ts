import type { IDataObject } from 'n8n-workflow';

import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { poll, restart } from '../helpers/poll';
import type { MinuteLevel } from '../rhombus/helpers';
import { levelOver } from '../rhombus/helpers';
import { rhombus } from '../simulator/simClient';
import { fakeDateOnly } from '../helpers/clock';

const trigger = new RhombusTrigger();
let sim: Simulator;

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(Date.parse('2026-11-20T00:00:00Z'));
	sim = await startSimulator({ rateLimit: false, cameras: 50 });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
	sim.config.setCrossingShape('map');
});

const at = (iso: string) => jest.setSystemTime(Date.parse(iso));
const reports = (path: string) => sim.log.entries().filter((entry) => entry.path === path);
const crossings = '/api/report/getBatchThresholdCrossingCountReport';
const occupancy = '/api/report/getOccupancyCountsV2';

function lineCameras(count: number) {
	return sim.fixtures.rhombus.cameras
		.filter((camera) => camera.online)
		.slice(0, count)
		.map((camera) => camera.uuid);
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

const hourlyCrossings = (cameraUuids: string[]): Parameters => ({
	event: 'crossingCounts',
	cameraUuids,
	bucketSize: 'HOUR',
	timeZone: 'UTC',
	settleMinutes: 2,
	startFrom: 'now',
	maxBucketsPerPoll: 500,
	emit: 'everyBucket',
});

describe('Rhombus Trigger, crossing counts', () => {
	it('asks for all cameras in one request per poll and emits one item per camera and hour', async () => {
		const cameras = sim.fixtures.rhombus.cameras.map((camera) => camera.uuid);
		expect(cameras).toHaveLength(50);
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		expect(await tick(hourlyCrossings(cameras), state)).toEqual([]);
		for (const [now, hour] of [
			['2026-11-20T09:02:00Z', '2026-11-20T08:00:00.000Z'],
			['2026-11-20T10:02:00Z', '2026-11-20T09:00:00.000Z'],
		]) {
			sim.log.clear();
			at(now);
			const items = await tick(hourlyCrossings(cameras), state);
			expect(reports(crossings)).toHaveLength(1);
			expect(reports(crossings)[0].body).toMatchObject({
				deviceUuids: cameras,
				timeZone: 'UTC',
				bucketSize: 'HOUR',
			});
			expect(items).toHaveLength(50);
			expect(new Set(items.map((item) => item.bucketStart))).toEqual(new Set([hour]));
			expect(new Set(items.map((item) => item.cameraUuid)).size).toBe(50);
		}
	});

	it('emits one item per camera with One Row per Camera when Rhombus adds the cameras up, asking each camera too', async () => {
		sim.config.setCrossingShape('array');
		const cameras = lineCameras(2);
		const parameters = { ...hourlyCrossings(cameras), perCamera: true };
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(parameters, state);
		at('2026-11-20T09:02:00Z');
		const items = await tick(parameters, state);
		expect(reports(crossings).map((entry) => (entry.body as IDataObject).deviceUuids)).toEqual([
			cameras,
			[cameras[0]],
			[cameras[1]],
		]);
		expect(items.map((item) => [item.cameraUuid, item.bucketStart])).toEqual([
			[cameras[0], '2026-11-20T08:00:00.000Z'],
			[cameras[1], '2026-11-20T08:00:00.000Z'],
		]);
	});

	it('makes no request when no bucket has closed since the last poll', async () => {
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(hourlyCrossings(lineCameras(2)), state);
		at('2026-11-20T08:59:00Z');
		expect(await tick(hourlyCrossings(lineCameras(2)), state)).toEqual([]);
		expect(sim.log.entries()).toHaveLength(0);
	});

	it('emits every hour exactly once across repeated polls, a restart and three days of downtime', async () => {
		const parameters = { ...hourlyCrossings(lineCameras(3)), maxBucketsPerPoll: 30 };
		let state: IDataObject = {};
		const keys: string[] = [];
		at('2026-11-16T00:03:00Z');
		await tick(parameters, state);
		for (const now of ['2026-11-16T01:03:00Z', '2026-11-16T01:03:00Z', '2026-11-16T02:03:00Z']) {
			at(now);
			keys.push(...(await tick(parameters, state)).map((item) => String(item.bucketKey)));
		}
		state = restart(state);
		at('2026-11-19T02:10:00Z');
		const perPoll: number[] = [];
		for (let polls = 0; polls < 4; polls++) {
			const items = await tick(parameters, state);
			perPoll.push(items.length / 3);
			keys.push(...items.map((item) => String(item.bucketKey)));
			state = restart(state);
		}
		expect(perPoll).toEqual([30, 30, 12, 0]);
		expect(new Set(keys).size).toBe(keys.length);
		const hours = [...new Set(keys.map((key) => key.slice(-24)))].sort();
		expect(hours).toHaveLength(2 + 72);
		expect(hours[0]).toBe('2026-11-16T00:00:00.000Z');
		expect(hours[hours.length - 1]).toBe('2026-11-19T01:00:00.000Z');
	});

	it('throws the rate-limit error and keeps its place when Rhombus keeps answering 429', async () => {
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(hourlyCrossings(lineCameras(2)), state);
		const before = restart(state);
		sim.faults.add({ path: crossings, kind: 'rateLimit', retryAfterSec: 120, times: 1 });
		at('2026-11-20T10:05:00Z');
		await expect(tick(hourlyCrossings(lineCameras(2)), state)).rejects.toMatchObject({
			failure: { cause: 'rate-limited', retryAfterMs: 120_000 },
		});
		expect(state).toEqual(before);
		const items = await tick(hourlyCrossings(lineCameras(2)), state);
		expect(items.map((item) => item.bucketStart)).toContain('2026-11-20T08:00:00.000Z');
	});

	it('never reports an in-band error or a broken answer as "no new data"', async () => {
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(hourlyCrossings(lineCameras(2)), state);
		const before = restart(state);
		at('2026-11-20T09:05:00Z');
		sim.faults.add({
			path: crossings,
			kind: 'inBandError',
			errorMsg: 'Report service unavailable',
		});
		await expect(tick(hourlyCrossings(lineCameras(2)), state)).rejects.toThrow(
			'Report service unavailable',
		);
		sim.faults.add({ path: crossings, kind: 'schema' });
		await expect(tick(hourlyCrossings(lineCameras(2)), state)).rejects.toThrow(
			/unexpected response/,
		);
		expect(state).toEqual(before);
	});

	it('moves on past a count without its time: every closed bucket is emitted, each saying what was left out', async () => {
		const cameras = lineCameras(2);
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(hourlyCrossings(cameras), state);
		const row = (hour: number | null) => ({
			ingressCount: 4,
			egressCount: 1,
			timestampMs: hour === null ? null : Date.UTC(2026, 10, 20, hour),
		});
		sim.faults.add({
			path: crossings,
			kind: 'schema',
			body: {
				deviceCrossingCounts: {
					[cameras[0]]: [row(8), row(null), row(9)],
					[cameras[1]]: [row(8), row(9)],
				},
			},
		});
		at('2026-11-20T10:02:00Z');
		const items = await tick(hourlyCrossings(cameras), state);
		expect(items.map((item) => [item.cameraUuid, item.bucketStart]).sort()).toEqual(
			cameras
				.flatMap((camera) => [
					[camera, '2026-11-20T08:00:00.000Z'],
					[camera, '2026-11-20T09:00:00.000Z'],
				])
				.sort(),
		);
		for (const item of items) {
			expect(item.warning).toBe(
				'Left out 1 deviceCrossingCounts rows without timestampMs (no bucket to put them in)',
			);
		}
		expect(state.cursor).toBe(Date.parse('2026-11-20T10:00:00Z'));
		at('2026-11-20T11:02:00Z');
		const next = await tick(hourlyCrossings(cameras), state);
		expect(next.map((item) => item.bucketStart)).toEqual(Array(2).fill('2026-11-20T10:00:00.000Z'));
		expect(next.every((item) => item.warning === undefined)).toBe(true);
	});

	describe('hours whose counts may be in a row without its time', () => {
		const timeless = (times: number) =>
			sim.faults.add({
				path: crossings,
				kind: 'schema',
				times,
				body: { crossingCounts: [{ ingressCount: 1, egressCount: 0, timestampMs: null }] },
			});

		it('are not sent as 0: the next poll asks again, and sends them with the counts Rhombus then places', async () => {
			const cameras = lineCameras(2);
			const state: IDataObject = {};
			at('2026-11-20T08:30:00Z');
			await tick(hourlyCrossings(cameras), state);
			timeless(1);
			at('2026-11-20T10:02:00Z');
			expect(await tick(hourlyCrossings(cameras), state)).toEqual([]);
			expect(state).toMatchObject({
				cursor: Date.parse('2026-11-20T08:00:00Z'),
				unknown: { start: Date.parse('2026-11-20T08:00:00Z'), polls: 1 },
			});
			at('2026-11-20T10:07:00Z');
			const items = await tick(hourlyCrossings(cameras), state);
			expect([...new Set(items.map((item) => item.bucketStart))]).toEqual([
				'2026-11-20T08:00:00.000Z',
				'2026-11-20T09:00:00.000Z',
			]);
			expect(items.every((item) => typeof item.ingress === 'number' && !item.warning)).toBe(true);
			expect(state.cursor).toBe(Date.parse('2026-11-20T10:00:00Z'));
			expect(state).not.toHaveProperty('unknown');
		});

		it('are sent empty, never 0, saying why, once three polls could not place them, and the trigger moves on', async () => {
			const cameras = lineCameras(2);
			const state: IDataObject = {};
			at('2026-11-20T08:30:00Z');
			await tick(hourlyCrossings(cameras), state);
			timeless(3);
			for (const minute of ['02', '07']) {
				at(`2026-11-20T10:${minute}:00Z`);
				expect(await tick(hourlyCrossings(cameras), state)).toEqual([]);
			}
			at('2026-11-20T10:12:00Z');
			const items = await tick(hourlyCrossings(cameras), state);
			expect(items).toEqual(
				['2026-11-20T08:00:00.000Z', '2026-11-20T09:00:00.000Z'].map((bucketStart) =>
					expect.objectContaining({
						bucketStart,
						ingress: null,
						egress: null,
						net: null,
						warning:
							'Left out 1 crossingCounts rows without timestampMs (no bucket to put them in). 2 buckets without a row (left empty)',
					}),
				),
			);
			expect(state.cursor).toBe(Date.parse('2026-11-20T10:00:00Z'));
			at('2026-11-20T11:02:00Z');
			const next = await tick(hourlyCrossings(cameras), state);
			expect(next.length).toBeGreaterThan(0);
			expect(
				next.every(
					(item) =>
						item.bucketStart === '2026-11-20T10:00:00.000Z' && typeof item.ingress === 'number',
				),
			).toBe(true);
		});
	});

	it('sends every closed bucket empty, never 0, after three polls in which Rhombus sends no crossingCounts', async () => {
		const cameras = lineCameras(2);
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(hourlyCrossings(cameras), state);
		sim.faults.add({ path: crossings, kind: 'schema', times: 3, body: { crossingCounts: null } });
		for (const minute of ['02', '07']) {
			at(`2026-11-20T10:${minute}:00Z`);
			expect(await tick(hourlyCrossings(cameras), state)).toEqual([]);
		}
		at('2026-11-20T10:12:00Z');
		const items = await tick(hourlyCrossings(cameras), state);
		expect(items).toEqual(
			['2026-11-20T08:00:00.000Z', '2026-11-20T09:00:00.000Z'].map((bucketStart) =>
				expect.objectContaining({
					bucketStart,
					cameraUuids: cameras.join(','),
					ingress: null,
					egress: null,
					net: null,
					warning: 'Rhombus sent no crossingCounts (every bucket left empty)',
				}),
			),
		);
		expect(state.cursor).toBe(Date.parse('2026-11-20T10:00:00Z'));
	});

	it.each([
		['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23],
		['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
		[
			'America/Los_Angeles',
			'2026-03-08',
			'2026-03-08T08:00:00.000Z',
			'2026-03-09T07:00:00.000Z',
			23,
		],
		[
			'America/Los_Angeles',
			'2026-11-01',
			'2026-11-01T07:00:00.000Z',
			'2026-11-02T08:00:00.000Z',
			25,
		],
		['Australia/Sydney', '2026-04-05', '2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z', 25],
		['Australia/Sydney', '2026-10-04', '2026-10-03T14:00:00.000Z', '2026-10-04T13:00:00.000Z', 23],
	])(
		'in %s emits %s as one day bucket of the right length, and its hours',
		async (timeZone, day, start, end, hours) => {
			const cameras = lineCameras(1);
			const daily = {
				...hourlyCrossings(cameras),
				bucketSize: 'DAY',
				timeZone,
				startFrom: 'backfill',
				backfillBuckets: 1,
			};
			at(new Date(Date.parse(end) + 5 * 60_000).toISOString());
			const [bucket] = await tick(daily, {});
			expect(bucket).toMatchObject({
				bucketStart: start,
				bucketEnd: end,
				granularity: 'day',
				timeZone,
			});
			expect(String(bucket.bucketStartLocal).slice(0, 10)).toBe(day);
			const hourly = { ...daily, bucketSize: 'HOUR', backfillBuckets: hours };
			const hourItems = await tick(hourly, {});
			expect(hourItems).toHaveLength(hours);
			expect(hourItems[0].bucketStart).toBe(start);
			expect(hourItems[hours - 1].bucketEnd).toBe(end);
			const total = hourItems.reduce((sum, item) => sum + Number(item.ingress), 0);
			expect(total).toBe(bucket.ingress);
		},
	);

	it('returns the latest closed bucket per camera for Fetch Test Event and leaves its state alone', async () => {
		const state: IDataObject = {};
		at('2026-11-20T08:30:00Z');
		await tick(hourlyCrossings(lineCameras(3)), state);
		const before = restart(state);
		at('2026-11-20T12:30:00Z');
		const items = await tick(hourlyCrossings(lineCameras(3)), state, 'manual');
		expect(items.map((item) => item.bucketStart)).toEqual(
			Array(3).fill('2026-11-20T11:00:00.000Z'),
		);
		expect(state).toEqual(before);
	});
});

describe('Rhombus Trigger, occupancy', () => {
	const occupancyCameras = () =>
		sim.fixtures.rhombus.cameras
			.filter((camera) => camera.online && camera.occupancyKeys.length > 0)
			.slice(0, 3)
			.map((camera) => camera.uuid);
	const quarterHourly = (): Parameters => ({
		event: 'occupancy',
		cameraUuids: occupancyCameras(),
		interval: 'QUARTERHOURLY',
		timeZone: 'UTC',
		settleMinutes: 1,
		startFrom: 'now',
	});

	it('asks once per camera and leaves its state untouched when the second request fails', async () => {
		expect(occupancyCameras()).toHaveLength(3);
		const state: IDataObject = {};
		at('2026-11-20T08:01:00Z');
		await tick(quarterHourly(), state);
		const before = restart(state);
		at('2026-11-20T08:31:00Z');
		sim.faults.add({ path: occupancy, kind: 'status', status: 500, skip: 1, times: 3 });
		await expect(tick(quarterHourly(), state)).rejects.toThrow(/HTTP 500/);
		expect(state).toEqual(before);
		sim.log.clear();
		const items = await tick(quarterHourly(), state);
		expect(reports(occupancy)).toHaveLength(3);
		expect(items).toHaveLength(3 * 2);
		expect(items.every((item) => typeof item.occupancy === 'number')).toBe(true);
	});

	it('keeps all requests of a poll inside one poll budget: a wait that would overrun it fails fast as rate-limited', async () => {
		const state: IDataObject = {};
		at('2026-11-20T08:01:00Z');
		await tick(quarterHourly(), state);
		const before = restart(state);
		at('2026-11-20T08:31:00Z');
		// Each camera's first request meets a 429 asking for 2 s; the budget holds two such waits, not three.
		sim.faults.add({ path: occupancy, kind: 'rateLimit', retryAfterSec: 2, times: 1 });
		sim.faults.add({ path: occupancy, kind: 'rateLimit', retryAfterSec: 2, times: 1, skip: 1 });
		sim.faults.add({ path: occupancy, kind: 'rateLimit', retryAfterSec: 2, times: 1, skip: 1 });
		const polled = poll(trigger, {
			credentials: simulatorCredentials(sim.url),
			parameters: quarterHourly(),
			staticData: state,
			pollBudgetMs: 6_000,
		});
		await expect(polled).rejects.toMatchObject({
			failure: { cause: 'rate-limited', retryAfterMs: 2_000 },
		});
		expect(reports(occupancy).map((entry) => entry.status)).toEqual([429, 200, 429, 200, 429]);
		expect(state).toEqual(before);
		sim.log.clear();
		expect(await tick(quarterHourly(), state)).toHaveLength(3 * 2);
		expect(reports(occupancy)).toHaveLength(3);
	});

	it('moves on past a point without its time, each item of that camera saying so', async () => {
		const leftOut =
			'Left out 1 timeSeriesDataPoints rows without timestampMs (no bucket to put them in)';
		const [first, second] = occupancyCameras();
		const parameters = { ...quarterHourly(), cameraUuids: [first, second] };
		const state: IDataObject = {};
		at('2026-11-20T08:01:00Z');
		await tick(parameters, state);
		const point = (minute: number | null) => ({
			timestampMs: minute === null ? null : Date.UTC(2026, 10, 20, 8, minute),
			eventCountMap: { PEOPLE: 2 },
			approximateTimestampMsMap: { PEOPLE: 0 },
			reportingDevicesMap: { PEOPLE: [null] },
		});
		sim.faults.add({
			path: occupancy,
			kind: 'schema',
			body: { timeSeriesDataPoints: [point(0), point(null), point(15)] },
		});
		at('2026-11-20T08:31:00Z');
		const items = await tick(parameters, state);
		expect(items.map((item) => [item.cameraUuid, item.bucketStart, item.warning]).sort()).toEqual(
			[
				[first, '2026-11-20T08:00:00.000Z', leftOut],
				[first, '2026-11-20T08:15:00.000Z', leftOut],
				[second, '2026-11-20T08:00:00.000Z', undefined],
				[second, '2026-11-20T08:15:00.000Z', undefined],
			].sort(),
		);
		expect(state.cursor).toBe(Date.parse('2026-11-20T08:30:00Z'));
	});
	it('alerts when occupancy reaches the level, and again only once it has fallen below', async () => {
		const state: IDataObject = {};
		const parameters = {
			...quarterHourly(),
			cameraUuids: occupancyCameras().slice(0, 1),
			emit: 'threshold',
			thresholdField: 'occupancy',
			above: 3,
			below: '1',
			remindEveryMinutes: 0,
		};
		at('2026-11-18T00:00:00Z');
		await tick(parameters, state);
		at('2026-11-19T00:00:00Z');
		const events = (await tick({ ...parameters, maxBucketsPerPoll: 200 }, state)).map((item) =>
			String(item.event),
		);
		expect(events.length).toBeGreaterThan(0);
		for (let index = 0; index < events.length; index++) {
			expect(events[index]).toBe(index % 2 === 0 ? 'crossedAbove' : 'crossedBelow');
		}
	});
});

describe('Rhombus Trigger, occupancy hours on the clock of the camera’s location', () => {
	/** "Berlin Lobby Entrance": Rhombus counts its hours on Berlin's clock, from :00 UTC. */
	const berlinCamera = () => sim.fixtures.rhombus.cameras[0].uuid;
	const hourly = (timeZone: string): Parameters => ({
		event: 'occupancy',
		cameraUuids: [berlinCamera()],
		interval: 'HOURLY',
		timeZone,
		settleMinutes: 2,
		startFrom: 'now',
	});

	async function minutes(cameraUuid: string, start: string, end: string) {
		const answer = await rhombus<{ timeSeriesDataPoints: MinuteLevel[] }>(sim, occupancy, {
			deviceUuid: cameraUuid,
			startTimeMs: Date.parse(start),
			endTimeMs: Date.parse(end),
			interval: 'MINUTELY',
		});
		return answer.json.timeSeriesDataPoints;
	}

	it.each(['Europe/Berlin', 'Europe/London'])(
		'emits each hour once, whole and equal to the simulator’s levels, with Time Zone %s',
		async (timeZone) => {
			let state: IDataObject = {};
			const items: IDataObject[] = [];
			at('2026-11-20T06:03:00Z');
			await tick(hourly(timeZone), state);
			for (const now of ['2026-11-20T07:03:00Z', '2026-11-20T07:03:00Z', '2026-11-20T08:03:00Z']) {
				at(now);
				items.push(...(await tick(hourly(timeZone), state)));
			}
			state = restart(state);
			at('2026-11-20T10:03:00Z');
			items.push(...(await tick(hourly(timeZone), state)));

			expect(items.map((item) => item.bucketStart)).toEqual(
				[6, 7, 8, 9].map((hour) => new Date(Date.UTC(2026, 10, 20, hour)).toISOString()),
			);
			expect(new Set(items.map((item) => item.bucketKey)).size).toBe(4);
			const truth = await minutes(berlinCamera(), '2026-11-20T06:00:00Z', '2026-11-20T10:00:00Z');
			for (const item of items) {
				const start = Date.parse(String(item.bucketStart));
				expect(item).toMatchObject({ granularity: 'hour', timeZone });
				expect(item).not.toHaveProperty('partial');
				expect(Date.parse(String(item.bucketEnd)) - start).toBe(3_600_000);
				expect(item.eventCountMap).toEqual(
					levelOver(truth, start, start + 3_600_000).eventCountMap,
				);
			}
			expect(items.some((item) => Number(item.occupancy) > 0)).toBe(true);
		},
	);

	it('follows the hours Rhombus counts for a Berlin camera when Time Zone is Asia/Kolkata, from its cursor on, and remembers them', async () => {
		// Fetch Test Event reads 14:00 to 15:00 in Kolkata, which Rhombus splits at its 14:30.
		at('2026-11-20T10:05:00Z');
		const test = await tick(hourly('Asia/Kolkata'), {}, 'manual');
		expect(test.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone])).toEqual([
			['2026-11-20T09:00:00.000Z', '2026-11-20T10:00:00.000Z', 'UTC'],
		]);

		const state: IDataObject = {};
		at('2026-11-20T08:01:00Z');
		await tick(hourly('Asia/Kolkata'), state);
		sim.log.clear();
		at('2026-11-20T10:05:00Z');
		const items = await tick(hourly('Asia/Kolkata'), state);
		// The cursor stood at 07:30 UTC, inside Rhombus's 07:00 hour, which is passed over.
		expect(items.map((item) => item.bucketStart)).toEqual([
			'2026-11-20T08:00:00.000Z',
			'2026-11-20T09:00:00.000Z',
		]);
		expect(reports(occupancy)).toHaveLength(2);
		expect(state.learned).toEqual({
			basis: 'rhombus|occupancy|hour|Asia/Kolkata',
			calendar: 'UTC|monday|start',
		});
		sim.log.clear();
		at('2026-11-20T11:05:00Z');
		expect((await tick(hourly('Asia/Kolkata'), state)).map((item) => item.bucketStart)).toEqual([
			'2026-11-20T10:00:00.000Z',
		]);
		expect(reports(occupancy)).toHaveLength(1);
	});

	it('takes the hours of cameras in Berlin and Sydney in any zone whose hours start on :00 UTC', async () => {
		const sydney = sim.fixtures.rhombus.cameras[2].uuid;
		const parameters = { ...hourly('America/New_York'), cameraUuids: [sydney, berlinCamera()] };
		at('2026-11-20T10:05:00Z');
		const items = await tick(parameters, {}, 'manual');
		expect(items.map((item) => [item.cameraUuid, item.bucketStartLocal]).sort()).toEqual(
			[
				[berlinCamera(), '2026-11-20T04:00:00.000-05:00'],
				[sydney, '2026-11-20T04:00:00.000-05:00'],
			].sort(),
		);
	});
});

describe('Rhombus Trigger parameters', () => {
	it('names the parameter that is wrong', async () => {
		at('2026-11-20T08:30:00Z');
		await expect(tick({ ...hourlyCrossings([]) }, {})).rejects.toThrow(
			'Camera Names or IDs: choose at least one camera',
		);
		await expect(
			tick({ ...hourlyCrossings(lineCameras(1)), timeZone: 'Nowhere/Land' }, {}),
		).rejects.toThrow(/^Time Zone:/);
		await expect(
			tick(
				{
					...hourlyCrossings(lineCameras(1)),
					emit: 'threshold',
					thresholdField: 'ingress',
					above: 10,
					below: '20',
				},
				{},
			),
		).rejects.toThrow('Below: 20 is above Above 10');
		expect(sim.log.entries()).toHaveLength(0);
	});
});
