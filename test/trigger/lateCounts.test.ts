import type { IDataObject, INodeType } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { poll, restart } from '../helpers/poll';

// Late counts as the vendors deliver them: the simulator answers a closed hour low (not yet
// uploaded) or high (not yet deduplicated) until a later time, then the final count. The triggers
// re-check with Re-Check Recent Buckets and must emit each correction once, in the poll's own
// request.

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
	sim.revisions.clear();
});

const ms = (iso: string) => Date.parse(iso);
const at = (iso: string) => jest.setSystemTime(ms(iso));
const requestsTo = (part: string) => sim.log.entries().filter((entry) => entry.path.includes(part));

async function tick(trigger: INodeType, parameters: Parameters, staticData: IDataObject) {
	return (
		(await poll(trigger, {
			credentials: simulatorCredentials(sim.url),
			parameters,
			staticData,
		})) ?? []
	);
}

/** Polls at each time in turn with one state, and what each poll emitted and asked. */
async function pollAt(
	trigger: INodeType,
	parameters: Parameters,
	times: string[],
	endpoint: string,
	staticData: IDataObject = {},
) {
	const polls: Array<{ items: IDataObject[]; requests: number }> = [];
	for (const time of times) {
		at(time);
		const before = requestsTo(endpoint).length;
		const items = await tick(trigger, parameters, staticData);
		polls.push({ items, requests: requestsTo(endpoint).length - before });
	}
	return polls;
}

const revisionsOf = (items: IDataObject[]) => items.filter((item) => item.revision !== undefined);
const firstSent = (items: IDataObject[]) => items.filter((item) => item.revision === undefined);

describe('Rhombus Trigger: crossing counts uploaded late', () => {
	const crossings = '/api/report/getBatchThresholdCrossingCountReport';
	const cameras = () =>
		sim.fixtures.rhombus.cameras
			.filter((camera) => camera.online)
			.slice(0, 2)
			.map((camera) => camera.uuid);
	const parameters = (): Parameters => ({
		event: 'crossingCounts',
		cameraUuids: cameras(),
		bucketSize: 'HOUR',
		timeZone: 'UTC',
		settleMinutes: 2,
		startFrom: 'now',
		emit: 'everyBucket',
		recheckBuckets: 3,
	});

	it('corrects the hour once the counts arrive: same key, revision 1, previous values, one request per poll', async () => {
		// The cameras were offline from 12:00 to 12:40 and upload those minutes at 14:00.
		sim.config.setCrossingShape('map');
		sim.revisions.add({
			vendor: 'rhombus',
			from: ms('2026-11-20T12:00:00Z'),
			to: ms('2026-11-20T12:40:00Z'),
			factor: 0,
			until: ms('2026-11-20T14:00:00Z'),
		});
		const polls = await pollAt(
			new RhombusTrigger(),
			parameters(),
			[
				'2026-11-20T12:30:00Z',
				'2026-11-20T13:05:00Z',
				'2026-11-20T14:05:00Z',
				'2026-11-20T15:05:00Z',
			],
			crossings,
		);
		const [, low, corrected, after] = polls;
		expect(polls.map((p) => p.requests)).toEqual([0, 1, 1, 1]);
		expect(firstSent(low.items).map((item) => item.bucketStart)).toEqual([
			'2026-11-20T12:00:00.000Z',
			'2026-11-20T12:00:00.000Z',
		]);

		// The second camera is in Los Angeles, where 12:00 UTC is 4 a.m.: it counted nothing, late or not.
		const revisions = revisionsOf(corrected.items);
		expect(revisions).toHaveLength(1);
		for (const revision of revisions) {
			const first = low.items.find((item) => item.bucketKey === revision.bucketKey);
			expect(first).toBeDefined();
			expect(revision).toMatchObject({ revision: 1, bucketStart: '2026-11-20T12:00:00.000Z' });
			expect(revision.previous).toEqual({
				ingress: first?.ingress,
				egress: first?.egress,
				net: first?.net,
			});
			expect(Number(revision.ingress)).toBeGreaterThan(Number(first?.ingress));
		}
		expect(firstSent(corrected.items).map((item) => item.bucketStart)).toEqual([
			'2026-11-20T13:00:00.000Z',
			'2026-11-20T13:00:00.000Z',
		]);
		// The re-read is the same request, asked from the oldest hour re-checked.
		const request = requestsTo(crossings)[1].body as { startTimeMs?: number; startTime?: number };
		expect(JSON.stringify(request)).toContain(String(ms('2026-11-20T12:00:00Z')));

		expect(revisionsOf(after.items)).toEqual([]);
		expect(firstSent(after.items)).toHaveLength(2);
	});
});

describe('Indivd Trigger: counts corrected after the hour', () => {
	it('line crosses counted twice, then deduplicated: a downward correction, once, across a restart', async () => {
		sim.revisions.add({
			vendor: 'indivd',
			from: ms('2026-11-20T12:00:00Z'),
			to: ms('2026-11-20T13:00:00Z'),
			factor: 1.5,
			until: ms('2026-11-20T14:00:00Z'),
		});
		const parameters: Parameters = {
			event: 'lineCrosses',
			granularity: 'hour',
			lineIds: [5001],
			settleMinutes: 2,
			startFrom: 'now',
			emit: 'everyBucket',
			recheckBuckets: 2,
		};
		const trigger = new IndivdTrigger();
		const state: IDataObject = {};
		const [, high] = await pollAt(
			trigger,
			parameters,
			['2026-11-20T12:30:00Z', '2026-11-20T13:05:00Z'],
			'/line_crosses/',
			state,
		);
		const [corrected, after] = await pollAt(
			trigger,
			parameters,
			['2026-11-20T14:05:00Z', '2026-11-20T15:05:00Z'],
			'/line_crosses/',
			restart(state),
		);
		expect([corrected.requests, after.requests]).toEqual([1, 1]);
		const [revision] = revisionsOf(corrected.items);
		expect(revisionsOf(corrected.items)).toHaveLength(1);
		expect(revision.bucketKey).toBe(high.items[0].bucketKey);
		expect(revision.revision).toBe(1);
		expect(revision.previous).toEqual({ count: high.items[0].count });
		expect(Number(revision.count)).toBeLessThan(Number(high.items[0].count));
		expect(revisionsOf(after.items)).toEqual([]);
	});

	it('zone visitors of an hour uploaded late: the zero-filled hour is corrected with its visits and dwell times', async () => {
		sim.revisions.add({
			vendor: 'indivd',
			from: ms('2026-11-20T12:00:00Z'),
			to: ms('2026-11-20T13:00:00Z'),
			factor: 0,
			until: ms('2026-11-20T14:00:00Z'),
		});
		const parameters: Parameters = {
			event: 'zoneVisitors',
			granularity: 'hour',
			zones: [201],
			timeZone: 'Europe/Stockholm',
			settleMinutes: 2,
			startFrom: 'now',
			emit: 'everyBucket',
			recheckBuckets: 2,
		};
		const [, empty, corrected] = await pollAt(
			new IndivdTrigger(),
			parameters,
			['2026-11-20T12:30:00Z', '2026-11-20T13:05:00Z', '2026-11-20T14:05:00Z'],
			'/zone_visitors/',
		);
		expect(empty.items).toHaveLength(1);
		expect(empty.items[0]).toMatchObject({ visits: 0, dwellTimeMean: null });
		expect(corrected.requests).toBe(1);
		const [revision] = revisionsOf(corrected.items);
		expect(revision).toMatchObject({ bucketKey: empty.items[0].bucketKey, revision: 1 });
		expect(Number(revision.visits)).toBeGreaterThan(0);
		expect(typeof revision.dwellTimeMean).toBe('number');
		expect(revision.previous).toMatchObject({ visits: 0, uniqueVisits: 0, dwellTimeMean: null });
		expect(Object.keys(revision.previous as IDataObject)).toHaveLength(14);
	});

	it('drop-in rate: passers-by and entries corrected together with the rate', async () => {
		sim.revisions.add({
			vendor: 'indivd',
			from: ms('2026-11-20T12:00:00Z'),
			to: ms('2026-11-20T13:00:00Z'),
			factor: 0.5,
			until: ms('2026-11-20T14:00:00Z'),
		});
		const parameters: Parameters = {
			event: 'dropInRate',
			granularity: 'hour',
			locations: [124],
			timeZone: 'Europe/Stockholm',
			settleMinutes: 2,
			startFrom: 'now',
			emit: 'everyBucket',
			recheckBuckets: 1,
		};
		const [, half, corrected] = await pollAt(
			new IndivdTrigger(),
			parameters,
			['2026-11-20T12:30:00Z', '2026-11-20T13:05:00Z', '2026-11-20T14:05:00Z'],
			'/drop_in_rate/',
		);
		expect(corrected.requests).toBe(1);
		const revisions = revisionsOf(corrected.items);
		expect(revisions.length).toBeGreaterThan(0);
		for (const revision of revisions) {
			const first = half.items.find((item) => item.bucketKey === revision.bucketKey);
			expect(revision.previous).toEqual({
				passingBy: first?.passingBy,
				enter: first?.enter,
				dropInRate: first?.dropInRate,
			});
		}
		expect(
			revisions.some((r) => Number(r.passingBy) > Number((r.previous as IDataObject).passingBy)),
		).toBe(true);
	});
});

describe('A settings change is not a correction (issue 21)', () => {
	const crossings = '/api/report/getBatchThresholdCrossingCountReport';
	const hours = ['2026-11-20T12:30:00Z', '2026-11-20T13:05:00Z', '2026-11-20T14:05:00Z'];
	const crossingCounts = (): Parameters => ({
		event: 'crossingCounts',
		cameraUuids: sim.fixtures.rhombus.cameras
			.filter((camera) => camera.online)
			.slice(0, 2)
			.map((camera) => camera.uuid),
		bucketSize: 'HOUR',
		timeZone: 'UTC',
		settleMinutes: 2,
		startFrom: 'now',
		emit: 'everyBucket',
		recheckBuckets: 3,
	});

	it('changing Crossing Object from Human to Vehicle sends no correction: the vehicle counts of re-read hours are not revisions of human counts', async () => {
		sim.config.setCrossingShape('map');
		const trigger = new RhombusTrigger();
		const state: IDataObject = {};
		const human = await pollAt(trigger, crossingCounts(), hours, crossings, state);
		const vehicle = { ...crossingCounts(), crossingObject: 'VEHICLE' };
		// The vehicles the cameras saw in the hours already sent are not the people they saw.
		at('2026-11-20T14:05:00Z');
		const vehicles = await tick(
			trigger,
			{ ...vehicle, recheckBuckets: 0 },
			{ version: 1, basis: state.basis, cursor: ms('2026-11-20T12:00:00Z') },
		);
		const people = human.flatMap((p) => p.items);
		const counts = (items: IDataObject[]) =>
			items.map((item) => [item.cameraUuid, item.bucketStart, item.ingress]);
		expect(counts(vehicles)).toHaveLength(people.length);
		expect(counts(vehicles)).not.toEqual(counts(people));

		// The cameras upload vehicles of 15:00 to 15:40 only at 17:00: that is a correction.
		sim.revisions.add({
			vendor: 'rhombus',
			from: ms('2026-11-20T15:00:00Z'),
			to: ms('2026-11-20T15:40:00Z'),
			factor: 0,
			until: ms('2026-11-20T17:00:00Z'),
		});
		const [changed, low, corrected] = await pollAt(
			trigger,
			vehicle,
			['2026-11-20T15:05:00Z', '2026-11-20T16:05:00Z', '2026-11-20T17:05:00Z'],
			crossings,
			state,
		);
		expect(revisionsOf(changed.items)).toEqual([]);
		expect(firstSent(changed.items).map((item) => item.bucketStart)).toEqual([
			'2026-11-20T14:00:00.000Z',
			'2026-11-20T14:00:00.000Z',
		]);
		expect(revisionsOf(low.items)).toEqual([]);
		// The memory started afresh with the vehicle counts, and still finds their late counts.
		const revisions = revisionsOf(corrected.items);
		expect(revisions.map((item) => [item.bucketStart, item.revision])).toEqual([
			['2026-11-20T15:00:00.000Z', 1],
		]);
		const first = low.items.find((item) => item.bucketKey === revisions[0].bucketKey);
		expect(revisions[0].previous).toEqual({
			ingress: first?.ingress,
			egress: first?.egress,
			net: first?.net,
		});
	});

	it('turning Dedupe off sends no correction: the raw counts of re-read hours are not revisions of the deduplicated ones', async () => {
		sim.config.setCrossingShape('array');
		const trigger = new RhombusTrigger();
		const state: IDataObject = {};
		const deduped = await pollAt(trigger, crossingCounts(), hours, crossings, state);
		const [changed, after] = await pollAt(
			trigger,
			{ ...crossingCounts(), dedupe: false },
			['2026-11-20T15:05:00Z', '2026-11-20T16:05:00Z'],
			crossings,
			state,
		);
		at('2026-11-20T14:05:00Z');
		const raw = await tick(
			trigger,
			{ ...crossingCounts(), dedupe: false, recheckBuckets: 0 },
			{ version: 1, basis: state.basis, cursor: ms('2026-11-20T13:00:00Z') },
		);
		// The raw counts of the hours sent are higher, so a re-read without the memory restarted
		// would have "corrected" them.
		expect(Number(raw[0].ingress)).toBeGreaterThan(Number(deduped[2].items[0].ingress));
		expect(revisionsOf([...changed.items, ...after.items])).toEqual([]);
		expect(firstSent(changed.items)).toHaveLength(1);
		expect(firstSent(after.items)).toHaveLength(1);
	});

	it('changing Bounce Threshold sends no correction: bounces counted with the new threshold are not revisions of the old ones', async () => {
		const parameters: Parameters = {
			event: 'zoneVisitors',
			granularity: 'hour',
			zones: [201],
			timeZone: 'Europe/Stockholm',
			settleMinutes: 2,
			startFrom: 'now',
			emit: 'everyBucket',
			recheckBuckets: 2,
		};
		const trigger = new IndivdTrigger();
		const state: IDataObject = {};
		const before = await pollAt(trigger, parameters, hours, '/zone_visitors/', state);
		const [changed, after] = await pollAt(
			trigger,
			{ ...parameters, bounceThreshold: 600 },
			['2026-11-20T15:05:00Z', '2026-11-20T16:05:00Z'],
			'/zone_visitors/',
			state,
		);
		expect(before[2].items[0].bounceThreshold).not.toBe(600);
		expect(changed.items.map((item) => [item.bucketStart, item.bounceThreshold])).toEqual([
			['2026-11-20T14:00:00.000Z', 600],
		]);
		expect(revisionsOf([...changed.items, ...after.items])).toEqual([]);
	});

	it('narrowing line crosses to a category sends no correction: the narrower count is another scope', async () => {
		const parameters: Parameters = {
			event: 'lineCrosses',
			granularity: 'hour',
			settleMinutes: 2,
			startFrom: 'now',
			emit: 'everyBucket',
			recheckBuckets: 2,
		};
		const trigger = new IndivdTrigger();
		const state: IDataObject = {};
		await pollAt(trigger, parameters, hours, '/line_crosses/', state);
		const [changed] = await pollAt(
			trigger,
			{ ...parameters, categories: [1] },
			['2026-11-20T15:05:00Z'],
			'/line_crosses/',
			state,
		);
		expect(changed.items.map((item) => item.bucketKey)).toEqual([
			'indivd:lineCrosses:category=1:hour:2026-11-20T14:00:00.000Z',
		]);
	});
});

describe('Re-Check Recent Buckets counts the records it keeps (issue 21)', () => {
	let many: Simulator;
	beforeAll(async () => {
		many = await startSimulator({ rateLimit: false, cameras: 105 });
	});
	afterAll(async () => await many.close());

	const parameters = (perCamera: boolean): Parameters => ({
		event: 'crossingCounts',
		cameraUuids: many.fixtures.rhombus.cameras.map((camera) => camera.uuid),
		bucketSize: 'HOUR',
		timeZone: 'UTC',
		perCamera,
		settleMinutes: 2,
		startFrom: 'now',
		emit: 'everyBucket',
		recheckBuckets: 96,
	});
	const pollMany = async (perCamera: boolean, staticData: IDataObject) =>
		(await poll(new RhombusTrigger(), {
			credentials: simulatorCredentials(many.url),
			parameters: parameters(perCamera),
			staticData,
		})) ?? [];

	it('105 cameras summed into one series may re-check 96 hours: one record an hour is kept, not 105', async () => {
		many.config.setCrossingShape('array');
		const state: IDataObject = {};
		at('2026-11-20T12:30:00Z');
		await pollMany(false, state);
		at('2026-11-20T14:05:00Z');
		const items = await pollMany(false, state);
		expect(items.map((item) => item.bucketStart)).toEqual([
			'2026-11-20T12:00:00.000Z',
			'2026-11-20T13:00:00.000Z',
		]);
		const memory = state.recheck as { buckets: Record<string, IDataObject> };
		expect(Object.values(memory.buckets).map((bucket) => Object.keys(bucket).length)).toEqual([
			1, 1,
		]);
	});

	it('105 cameras one row each are still refused at 96 hours: 10080 records to keep', async () => {
		at('2026-11-20T12:30:00Z');
		await expect(pollMany(true, {})).rejects.toThrow(
			/^Re-Check Recent Buckets: 96 buckets of 105 scopes are 10080 records to keep/,
		);
	});
});
