import type { IDataObject, INodeType } from 'n8n-workflow';

import { Indivd } from '../../nodes/Indivd/Indivd.node';
import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { Rhombus } from '../../nodes/Rhombus/Rhombus.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { executeNode } from '../helpers/execute';
import { poll, restart } from '../helpers/poll';
import { fakeDateOnly } from '../helpers/clock';

// The zone matrix: in every kind of time zone (half- and quarter-hour offsets, 30-minute DST,
// southern-hemisphere DST, zones that changed their rules), every trigger event and bucket
// length, a year of polls at random moments with restarts. Whatever a trigger emitted must be
// what the same node reads once every record is final, with no key twice, no gap, and no key
// shared by two buckets with different bounds (docs/contract.md §5.3, §6.2).

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => {},
}));

const zones = [
	'UTC',
	'Europe/Berlin',
	'Europe/Dublin',
	'Europe/London',
	'America/New_York',
	'America/St_Johns',
	'America/Havana',
	'America/Santiago',
	'America/Sao_Paulo',
	'Asia/Kolkata',
	'Asia/Kathmandu',
	'Asia/Tehran',
	'Asia/Almaty',
	'Asia/Tokyo',
	'Australia/Adelaide',
	'Australia/Lord_Howe',
	'Australia/Sydney',
	'Pacific/Chatham',
	'Pacific/Kiritimati',
	'Africa/Casablanca',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const yearStart = Date.parse('2026-01-01T00:00:00Z');
const yearEnd = Date.parse('2027-01-01T00:00:00Z');

/** mulberry32: a seeded sequence, so a failure can be replayed. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Case {
	name: string;
	trigger: INodeType;
	parameters: Parameters;
	/** The metric fields whose values must equal the final reading. */
	values: string[];
	/** Reads the same buckets with the action node once every record is final. */
	truth: (first: number, last: number) => Promise<IDataObject[]>;
}

let sim: Simulator;

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(yearStart);
	sim = await startSimulator({ rateLimit: false });
	// One request per truth reading: what Indivd would answer without its range limits.
	sim.config.setRangeLimits(false);
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});

const isoDate = (instant: number, zone: string) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instant);

async function actionItems(node: INodeType, parameters: Parameters) {
	const { items } = await executeNode(node, {
		credentials: simulatorCredentials(sim.url),
		parameters,
	});
	return items.map((item) => item.json);
}

function cases(zone: string): Case[] {
	const rhombus = new Rhombus();
	const indivd = new Indivd();
	const cameras = sim.fixtures.rhombus.cameras.filter((camera) => camera.lineCrossing);
	const cameraUuids = cameras.slice(0, 2).map((camera) => camera.uuid);
	const zone201 =
		sim.fixtures.indivd.zones.find((entry) => entry.dropIn) ?? sim.fixtures.indivd.zones[0];
	const polling = {
		settleMinutes: 2,
		startFrom: 'now',
		maxBucketsPerPoll: 500,
		emit: 'everyBucket',
	};
	const rhombusTruth = (bucketSize: string) => async (first: number, last: number) =>
		await actionItems(rhombus, {
			resource: 'report',
			operation: 'getCrossingCounts',
			cameraUuids,
			startTime: new Date(first).toISOString(),
			endTime: new Date(last).toISOString(),
			timeZone: zone,
			bucketSize,
			crossingObject: 'HUMAN',
			dedupe: true,
			outputMode: 'buckets',
		});
	const indivdTruth =
		(resource: string, grouping: Parameters) => async (first: number, last: number) =>
			await actionItems(indivd, {
				resource,
				operation: 'get',
				startDate: isoDate(first, zone),
				endDate: isoDate(last - 1, zone),
				zones: [zone201.id],
				timeZone: zone,
				outputMode: 'buckets',
				...grouping,
			});
	const crossing = (bucketSize: string): Case => ({
		name: `Rhombus crossing counts ${bucketSize}`,
		trigger: new RhombusTrigger(),
		parameters: {
			...polling,
			event: 'crossingCounts',
			cameraUuids,
			bucketSize,
			timeZone: zone,
		},
		values: ['ingress', 'egress'],
		truth: rhombusTruth(bucketSize),
	});
	// Rhombus counts occupancy on the camera location's hours, which its answers show: in a zone
	// whose hours start at another minute the trigger follows them (docs/contract.md §5.3
	// promise 11).
	const occupancyCamera = sim.fixtures.rhombus.cameras.find(
		(camera) => camera.occupancyKeys.length,
	);
	const occupancy: Case = {
		name: 'Rhombus occupancy HOURLY',
		trigger: new RhombusTrigger(),
		parameters: {
			...polling,
			event: 'occupancy',
			cameraUuids: [occupancyCamera?.uuid],
			interval: 'HOURLY',
			timeZone: zone,
		},
		values: ['occupancy'],
		truth: async (first, last) =>
			await actionItems(rhombus, {
				resource: 'report',
				operation: 'getOccupancy',
				cameraUuid: { __rl: true, mode: 'id', value: occupancyCamera?.uuid },
				startTime: new Date(first).toISOString(),
				endTime: new Date(last).toISOString(),
				timeZone: zone,
				interval: 'HOURLY',
				outputMode: 'buckets',
			}),
	};
	const zoneData = (event: string, granularity: string): Case => ({
		name: `Indivd ${event} ${granularity}`,
		trigger: new IndivdTrigger(),
		parameters: { ...polling, event, granularity, zones: [zone201.id], timeZone: zone },
		values: event === 'zoneVisitors' ? ['visits', 'uniqueVisits'] : ['passingBy', 'enter'],
		truth: indivdTruth(
			event,
			event === 'zoneVisitors'
				? { aggregateBy: [granularity === 'day' ? 'dayofmonth' : 'hour'] }
				: { interval: granularity },
		),
	});
	return [
		crossing('HOUR'),
		crossing('DAY'),
		occupancy,
		zoneData('zoneVisitors', 'hour'),
		zoneData('zoneVisitors', 'day'),
		zoneData('dropInRate', 'hour'),
		zoneData('dropInRate', 'day'),
	];
}

/** Polls a trigger through the year at random moments, restarting now and then; all it emitted. */
async function pollThroughTheYear(entry: Case, seed: number) {
	const next = random(seed);
	let staticData: IDataObject = {};
	const emitted: IDataObject[] = [];
	const refusals: string[] = [];
	const tick = async (now: number) => {
		jest.setSystemTime(now);
		const outcome = await poll(entry.trigger, {
			credentials: simulatorCredentials(sim.url),
			parameters: entry.parameters,
			staticData,
		}).catch((error: Error) => error);
		if (outcome instanceof Error) {
			// Any error fails the test through the check below.
			refusals.push(outcome.message);
			return null;
		}
		emitted.push(...(outcome ?? []));
		return outcome;
	};
	let now = yearStart;
	await tick(now);
	while (now < yearEnd) {
		// From a minute to ten days: quick repeats, ordinary ticks and long downtime.
		now += Math.floor(60_000 + next() * next() * 10 * DAY);
		if (next() < 0.2) staticData = restart(staticData);
		await tick(Math.min(now, yearEnd));
	}
	// Catch up whatever the last downtime left, as the following polls would.
	for (let polls = 0; polls < 50 && (await tick(yearEnd)) !== null; polls++);
	return { emitted, refusals };
}

describe.each(zones)('in %s', (zone) => {
	it('emits every closed bucket of every event and bucket length once, final, with unique keys', async () => {
		for (const [index, entry] of cases(zone).entries()) {
			const { emitted, refusals } = await pollThroughTheYear(
				entry,
				zones.indexOf(zone) * 16 + index + 1,
			);
			const context = `${entry.name} in ${zone}`;
			expect([context, refusals]).toEqual([context, []]);
			expect([context, emitted.length > 0]).toEqual([context, true]);

			const bounds = new Map<string, string>();
			const byScope = new Map<string, IDataObject[]>();
			for (const item of emitted) {
				const key = String(item.bucketKey);
				const span = `${String(item.bucketStart)}/${String(item.bucketEnd)}`;
				expect([context, key, bounds.get(key) ?? span]).toEqual([context, key, span]);
				expect([context, 'emitted twice', key, bounds.has(key)]).toEqual([
					context,
					'emitted twice',
					key,
					false,
				]);
				bounds.set(key, span);
				const scope = key.slice(0, key.lastIndexOf(`:${String(item.granularity)}:`));
				byScope.set(scope, [...(byScope.get(scope) ?? []), item]);
			}
			for (const [scope, items] of byScope) {
				for (let i = 1; i < items.length; i++) {
					expect([context, scope, 'gap before', items[i].bucketStart]).toEqual([
						context,
						scope,
						'gap before',
						items[i - 1].bucketEnd,
					]);
				}
			}

			const first = Math.min(...emitted.map((item) => Date.parse(String(item.bucketStart))));
			const last = Math.max(...emitted.map((item) => Date.parse(String(item.bucketEnd))));
			jest.setSystemTime(last + 30 * DAY);
			const truth = new Map(
				(await entry.truth(first, last)).map((item) => [String(item.bucketKey), item]),
			);
			for (const item of emitted) {
				const final = truth.get(String(item.bucketKey));
				for (const field of entry.values) {
					// The action node leaves out buckets Indivd has no row for: those are zeros.
					expect([context, item.bucketKey, field, item[field]]).toEqual([
						context,
						item.bucketKey,
						field,
						final ? final[field] : 0,
					]);
				}
			}
		}
	}, 600_000);
});
