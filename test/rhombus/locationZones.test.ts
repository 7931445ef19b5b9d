import type { IDataObject } from 'n8n-workflow';

import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { Parameters } from '../helpers/execute';
import { poll } from '../helpers/poll';
import type { MinuteLevel } from './helpers';
import { cameraLocator, levelOver, minuteLevels, requests, run, useSimulator } from './helpers';
import { fakeDateOnly } from '../helpers/clock';

interface SimulatedWorld {
	rhombus: { locations: Array<{ key: string; name: string; tz: string }> };
}

// The simulated locations are all in zones whose hours start on :00 UTC. Rhombus also has
// customers in Adelaide (UTC+9:30, +10:30 in summer) and on Lord Howe Island, whose clocks move
// by 30 minutes: two of the simulated locations are moved there for this file.
jest.mock('../../simulator/data.cjs', () => {
	const actual = jest.requireActual<{ createWorld: (options: unknown) => SimulatedWorld }>(
		'../../simulator/data.cjs',
	);
	const moved: Record<string, [string, string]> = {
		'store-sydney': ['Store Adelaide', 'Australia/Adelaide'],
		'store-la': ['Lord Howe Lodge', 'Australia/Lord_Howe'],
	};
	return {
		...actual,
		createWorld: (options: unknown) => {
			const world = actual.createWorld(options);
			for (const location of world.rhombus.locations) {
				const to = moved[location.key];
				if (to) [location.name, location.tz] = to;
			}
			return world;
		},
	};
});

// Eleven cameras give one with occupancy at each location (the eleventh is on Lord Howe).
const rhombus = useSimulator({ cameras: 11 });
const path = '/api/report/getOccupancyCountsV2';

const camera = (index: number) => rhombus.sim.fixtures.rhombus.cameras[index];
/** "Sydney Entrance", now in Adelaide. */
const adelaide = () => camera(2).uuid;
/** "Berlin Lobby Entrance". */
const berlin = () => camera(0).uuid;
/** "LA Camera 11", now on Lord Howe Island. */
const lordHowe = () => camera(10).uuid;

function occupancy(cameraUuid: string, overrides: IDataObject): IDataObject {
	return {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: cameraLocator(cameraUuid),
		timeZone: 'UTC',
		interval: 'HOURLY',
		...overrides,
	};
}

const spans = (items: IDataObject[]) =>
	items.map((item) => [item.bucketStart, item.bucketEnd, item.bucketStartLocal, item.partial]);

/** Every item's levels are the simulator's for exactly the span the item names. */
async function expectTruth(cameraUuid: string, items: IDataObject[]) {
	const first = Date.parse(String(items[0].bucketStart));
	const last = Date.parse(String(items[items.length - 1].bucketEnd));
	const minutes: MinuteLevel[] = await minuteLevels(rhombus, cameraUuid, first, last);
	for (const item of items) {
		const truth = levelOver(
			minutes,
			Date.parse(String(item.bucketStart)),
			Date.parse(String(item.bucketEnd)),
		);
		expect([item.bucketStart, item.eventCountMap]).toEqual([item.bucketStart, truth.eventCountMap]);
	}
}

describe('the simulated locations moved for this file', () => {
	it('are where Rhombus says they are', () => {
		expect(
			rhombus.sim.fixtures.rhombus.locations.map((location) => [location.name, location.tz]),
		).toEqual([
			['HQ Berlin', 'Europe/Berlin'],
			['Lord Howe Lodge', 'Australia/Lord_Howe'],
			['Store Adelaide', 'Australia/Adelaide'],
		]);
		expect([camera(2).timeZone, camera(10).timeZone]).toEqual([
			'Australia/Adelaide',
			'Australia/Lord_Howe',
		]);
		expect(camera(10).occupancyKeys).toEqual(['PEOPLE']);
	});
});

describe('Report → Get Occupancy for a camera in a half-hour zone, read in UTC: on the camera’s calendar', () => {
	it('gives Adelaide’s hours, which start at :30 UTC, whole and once each', async () => {
		const items = (
			await run(
				rhombus,
				occupancy(adelaide(), { startTime: '2026-03-31T00:00:00', endTime: '2026-03-31T04:00:00' }),
			)
		).map((item) => item.json);
		expect(spans(items)).toEqual([
			[
				'2026-03-31T00:00:00.000Z',
				'2026-03-31T00:30:00.000Z',
				'2026-03-31T10:30:00.000+10:30',
				true,
			],
			[
				'2026-03-31T00:30:00.000Z',
				'2026-03-31T01:30:00.000Z',
				'2026-03-31T11:00:00.000+10:30',
				undefined,
			],
			[
				'2026-03-31T01:30:00.000Z',
				'2026-03-31T02:30:00.000Z',
				'2026-03-31T12:00:00.000+10:30',
				undefined,
			],
			[
				'2026-03-31T02:30:00.000Z',
				'2026-03-31T03:30:00.000Z',
				'2026-03-31T13:00:00.000+10:30',
				undefined,
			],
			[
				'2026-03-31T03:30:00.000Z',
				'2026-03-31T04:00:00.000Z',
				'2026-03-31T14:00:00.000+10:30',
				true,
			],
		]);
		expect(
			items.every((item) => item.granularity === 'hour' && item.timeZone === 'Australia/Adelaide'),
		).toBe(true);
		await expectTruth(adelaide(), items);
		expect(items.some((item) => Number(item.occupancy) > 0)).toBe(true);
	});

	it('gives Adelaide’s days, which start at 13:30 UTC in summer, cut to the UTC days asked for', async () => {
		const items = (
			await run(
				rhombus,
				occupancy(adelaide(), {
					interval: 'DAILY',
					startTime: '2026-03-30',
					endTime: '2026-04-01',
				}),
			)
		).map((item) => item.json);
		expect(spans(items)).toEqual([
			[
				'2026-03-30T00:00:00.000Z',
				'2026-03-30T13:30:00.000Z',
				'2026-03-30T10:30:00.000+10:30',
				true,
			],
			[
				'2026-03-30T13:30:00.000Z',
				'2026-03-31T13:30:00.000Z',
				'2026-03-31T00:00:00.000+10:30',
				undefined,
			],
			[
				'2026-03-31T13:30:00.000Z',
				'2026-04-01T00:00:00.000Z',
				'2026-04-01T00:00:00.000+10:30',
				true,
			],
		]);
		await expectTruth(adelaide(), items);
	});
});

describe('Report → Get Occupancy across Lord Howe’s 30-minute clock change', () => {
	it('gives the half hour between the old and the new hours as a bucket of its own', async () => {
		// On 5 October 2025 at 02:00 (15:30 UTC) Lord Howe moved from UTC+10:30 to UTC+11.
		const items = (
			await run(
				rhombus,
				occupancy(lordHowe(), { startTime: '2025-10-04T13:00:00', endTime: '2025-10-04T18:00:00' }),
			)
		).map((item) => item.json);
		expect(spans(items)).toEqual([
			[
				'2025-10-04T13:00:00.000Z',
				'2025-10-04T13:30:00.000Z',
				'2025-10-04T23:30:00.000+10:30',
				true,
			],
			[
				'2025-10-04T13:30:00.000Z',
				'2025-10-04T14:30:00.000Z',
				'2025-10-05T00:00:00.000+10:30',
				undefined,
			],
			[
				'2025-10-04T14:30:00.000Z',
				'2025-10-04T15:30:00.000Z',
				'2025-10-05T01:00:00.000+10:30',
				undefined,
			],
			[
				'2025-10-04T15:30:00.000Z',
				'2025-10-04T16:00:00.000Z',
				'2025-10-05T02:30:00.000+11:00',
				undefined,
			],
			[
				'2025-10-04T16:00:00.000Z',
				'2025-10-04T17:00:00.000Z',
				'2025-10-05T03:00:00.000+11:00',
				undefined,
			],
			[
				'2025-10-04T17:00:00.000Z',
				'2025-10-04T18:00:00.000Z',
				'2025-10-05T04:00:00.000+11:00',
				undefined,
			],
		]);
		expect(requests(rhombus, path)).toHaveLength(1);
		await expectTruth(lordHowe(), items);
	});
});

describe('Rhombus Trigger, occupancy hours of cameras in half-hour zones', () => {
	const trigger = new RhombusTrigger();

	beforeAll(() => {
		fakeDateOnly();
	});
	afterAll(() => jest.useRealTimers());

	const hourly = (cameraUuids: string[], timeZone: string): Parameters => ({
		event: 'occupancy',
		cameraUuids,
		interval: 'HOURLY',
		timeZone,
		settleMinutes: 2,
		startFrom: 'backfill',
		backfillBuckets: 4,
	});

	async function tick(parameters: Parameters, mode: 'trigger' | 'manual' = 'trigger') {
		const items = await poll(trigger, {
			credentials: rhombus.credentials,
			parameters,
			staticData: {},
			mode,
		});
		return items ?? [];
	}

	it('emits Adelaide’s hours with Time Zone UTC: the answers show them, and the trigger follows', async () => {
		jest.setSystemTime(Date.parse('2026-03-31T05:05:00Z'));
		const staticData = {};
		const pollUtc = async () =>
			(await poll(trigger, {
				credentials: rhombus.credentials,
				parameters: hourly([adelaide()], 'UTC'),
				staticData,
			})) ?? [];
		const first = await pollUtc();
		expect(spans(first).map((span) => span[0])).toEqual([
			'2026-03-31T00:30:00.000Z',
			'2026-03-31T01:30:00.000Z',
			'2026-03-31T02:30:00.000Z',
			'2026-03-31T03:30:00.000Z',
		]);
		expect(first.every((item) => item.timeZone === 'Australia/Adelaide')).toBe(true);
		await expectTruth(adelaide(), first);
		// The next hour is asked for on Adelaide's hours at once, without a second look-up.
		jest.setSystemTime(Date.parse('2026-03-31T05:35:00Z'));
		rhombus.sim.log.clear();
		const next = await pollUtc();
		expect(next.map((item) => item.bucketStart)).toEqual(['2026-03-31T04:30:00.000Z']);
		expect(requests(rhombus).map((entry) => entry.path)).toEqual([path]);
	});

	it('emits Adelaide’s hours with Asia/Kolkata, whose hours also start at :30 UTC', async () => {
		jest.setSystemTime(Date.parse('2026-03-31T05:05:00Z'));
		const items = await tick(hourly([adelaide()], 'Asia/Kolkata'));
		expect(spans(items)).toEqual([
			[
				'2026-03-31T00:30:00.000Z',
				'2026-03-31T01:30:00.000Z',
				'2026-03-31T06:00:00.000+05:30',
				undefined,
			],
			[
				'2026-03-31T01:30:00.000Z',
				'2026-03-31T02:30:00.000Z',
				'2026-03-31T07:00:00.000+05:30',
				undefined,
			],
			[
				'2026-03-31T02:30:00.000Z',
				'2026-03-31T03:30:00.000Z',
				'2026-03-31T08:00:00.000+05:30',
				undefined,
			],
			[
				'2026-03-31T03:30:00.000Z',
				'2026-03-31T04:30:00.000Z',
				'2026-03-31T09:00:00.000+05:30',
				undefined,
			],
		]);
		await expectTruth(adelaide(), items);
	});

	it('refuses a Berlin camera watched with an Adelaide one, whose hours start at other minutes, naming the cameras', async () => {
		jest.setSystemTime(Date.parse('2026-03-31T05:05:00Z'));
		await expect(tick(hourly([adelaide(), berlin()], 'Asia/Kolkata'), 'manual')).rejects.toThrow(
			`Camera Names or IDs: cameras ${adelaide()} and ${berlin()} count occupancy on different calendars (Asia/Kolkata, stamped at bucket starts; UTC, stamped at bucket starts)`,
		);
	});

	it('emits Lord Howe’s half hour at its clock change as an hour bucket of its own', async () => {
		jest.setSystemTime(Date.parse('2025-10-04T17:05:00Z'));
		const items = await tick(hourly([lordHowe()], 'Australia/Lord_Howe'));
		expect(spans(items)).toEqual([
			[
				'2025-10-04T13:30:00.000Z',
				'2025-10-04T14:30:00.000Z',
				'2025-10-05T00:00:00.000+10:30',
				undefined,
			],
			[
				'2025-10-04T14:30:00.000Z',
				'2025-10-04T15:30:00.000Z',
				'2025-10-05T01:00:00.000+10:30',
				undefined,
			],
			[
				'2025-10-04T15:30:00.000Z',
				'2025-10-04T16:00:00.000Z',
				'2025-10-05T02:30:00.000+11:00',
				undefined,
			],
			[
				'2025-10-04T16:00:00.000Z',
				'2025-10-04T17:00:00.000Z',
				'2025-10-05T03:00:00.000+11:00',
				undefined,
			],
		]);
		expect(items.every((item) => item.granularity === 'hour')).toBe(true);
		await expectTruth(lordHowe(), items);
	});
});
