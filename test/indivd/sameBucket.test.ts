import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { poll } from '../helpers/poll';
import { dataRequests, indivdNode, jsonOf, runIndivd } from './helpers';

const trigger = new IndivdTrigger();
let sim: Simulator;

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(Date.parse('2026-11-20T00:10:00Z'));
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
	jest.setSystemTime(Date.parse('2026-11-20T00:10:00Z'));
});

async function triggerItems(parameters: Parameters, mode: 'trigger' | 'manual' = 'trigger') {
	return (
		(await poll(trigger, {
			credentials: simulatorCredentials(sim.url),
			parameters: { settleMinutes: 2, emit: 'everyBucket', maxBucketsPerPoll: 500, ...parameters },
			staticData: {},
			mode,
		})) ?? []
	);
}

const byKey = (items: IDataObject[]) => new Map(items.map((item) => [item.bucketKey, item]));

/** The trigger, backfilling the day the action read, emits exactly the action's rows. */
async function expectTriggerToEmit(rows: IDataObject[], parameters: Parameters) {
	const emitted = await triggerItems({
		...parameters,
		startFrom: 'backfill',
		backfillBuckets: 24,
	});
	expect(emitted).toHaveLength(rows.length);
	const fromTrigger = byKey(emitted);
	for (const row of rows) expect(fromTrigger.get(row.bucketKey)).toEqual(row);
}

describe('the same bucket read by the Indivd action and the Indivd Trigger', () => {
	it('a day of zone visitors gives 24 hourly rows, hours without visits as zeros, as the trigger does', async () => {
		const { items } = await runIndivd(sim, {
			resource: 'zoneVisitors',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			zones: [201],
			timeZone: 'UTC',
			aggregateBy: ['hour'],
		});
		const action = jsonOf(items);
		expect(action).toHaveLength(24);
		expect(action.map((row) => row.bucketStart)).toEqual(
			Array.from({ length: 24 }, (_, hour) => new Date(Date.UTC(2026, 10, 19, hour)).toISOString()),
		);
		expect(action.some((row) => row.visits === 0)).toBe(true);
		expect(action.every((row) => row.zoneName === 'Entrance')).toBe(true);

		await expectTriggerToEmit(action, {
			event: 'zoneVisitors',
			granularity: 'hour',
			zones: [201],
			timeZone: 'UTC',
		});
	});

	it('a day of line crosses gives 24 hourly rows, quiet hours as zeros, equal to the trigger’s', async () => {
		const { items } = await runIndivd(sim, {
			resource: 'lineCrosses',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			lineIds: [5001],
			aggregateBy: 'hour',
		});
		const action = jsonOf(items);
		expect(action).toHaveLength(24);
		expect(action.some((row) => row.count === 0)).toBe(true);
		await expectTriggerToEmit(action, {
			event: 'lineCrosses',
			granularity: 'hour',
			lineIds: [5001],
		});
	});

	it('drop-in rate gives every hour of the zone, equal to the trigger’s, and no total that repeats it', async () => {
		const { items } = await runIndivd(sim, {
			resource: 'dropInRate',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			zones: [201],
			timeZone: 'UTC',
			interval: 'hour',
		});
		const action = jsonOf(items);
		const hours = action.filter((row) => row.granularity === 'hour');
		expect(hours).toHaveLength(24);
		expect(action).toEqual(hours);
		await expectTriggerToEmit(hours, {
			event: 'dropInRate',
			granularity: 'hour',
			zones: [201],
			timeZone: 'UTC',
		});
	});

	it('the trigger’s test event names the chosen location as the action does', async () => {
		const parameters = { zones: [201], locations: [124], timeZone: 'UTC' };
		const { items } = await runIndivd(sim, {
			resource: 'zoneVisitors',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			aggregateBy: ['hour'],
			...parameters,
		});
		const [first] = jsonOf(items);
		expect(first.locationName).toEqual(expect.stringContaining('Stockholm'));
		const [event] = await triggerItems(
			{ event: 'zoneVisitors', granularity: 'hour', startFrom: 'now', ...parameters },
			'manual',
		);
		expect(event).toMatchObject({ locationId: 124, locationName: first.locationName });
		expect(event.zoneName).toBe('Entrance');
	});

	it('zone visitors without chosen zones fill every zone of the filter list, with one lookup', async () => {
		const day = {
			resource: 'zoneVisitors',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			locations: [124],
			timeZone: 'UTC',
			aggregateBy: ['hour'],
		};
		const { items } = await runIndivd(sim, day);
		const lookups = sim.log.entries().filter((entry) => entry.path === '/filters/zones');
		expect(lookups).toHaveLength(1);
		expect(dataRequests(sim, 'zone_visitors')).toHaveLength(1);
		const zones = new Set(jsonOf(items).map((row) => row.zoneId));
		expect(zones.size).toBeGreaterThan(1);
		expect(items).toHaveLength(24 * zones.size);
		expect(jsonOf(items).every((row) => typeof row.zoneName === 'string')).toBe(true);
	});

	it('does not count hours that have not ended yet as zero', async () => {
		jest.setSystemTime(Date.parse('2026-11-19T12:30:00Z'));
		const { items } = await runIndivd(sim, {
			resource: 'lineCrosses',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			lineIds: [5001],
			aggregateBy: 'hour',
		});
		const rows = jsonOf(items);
		const open = rows.filter((row) => Date.parse(String(row.bucketEnd)) > Date.now());
		expect(open.every((row) => Number(row.count) > 0)).toBe(true);
		expect(rows.length - open.length).toBe(12);
	});

	it('day-of-week rows are not filled, as the trigger has none', async () => {
		const { items } = await runIndivd(sim, {
			resource: 'lineCrosses',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-11-19',
			endDate: '2026-11-19',
			lineIds: [5001],
			aggregateBy: 'dayofweek',
		});
		expect(jsonOf(items).every((row) => row.granularity === 'total')).toBe(true);
		expect(items.length).toBeLessThanOrEqual(1);
	});
});

describe('a range that has not happened yet', () => {
	it('says the range starts after now instead of blaming the token’s scope', async () => {
		const { items, hints } = await runIndivd(sim, {
			resource: 'zoneVisitors',
			operation: 'get',
			outputMode: 'buckets',
			startDate: '2026-12-01',
			endDate: '2026-12-02',
			zones: [201],
			timeZone: 'UTC',
		});
		expect(items).toHaveLength(0);
		expect(hints.map((hint) => hint.message)).toEqual([
			expect.stringContaining('starts after now'),
		]);
	});
});

describe('Indivd parameters in the editor', () => {
	const property = (name: string) =>
		indivdNode.description.properties.filter((one: INodeProperties) => one.name === name);

	it.each(['startDate', 'endDate', 'comparisonStartDate', 'comparisonEndDate'])(
		'%s offers a date without a clock',
		(name) => {
			for (const one of property(name)) expect(one.typeOptions?.dateOnly).toBe(true);
		},
	);

	it('Bounce Threshold says in words that -1 is the zone default', () => {
		for (const node of [indivdNode, trigger])
			for (const one of node.description.properties.filter(
				(candidate: INodeProperties) => candidate.name === 'bounceThreshold',
			))
				expect(one.hint).toContain('zone default');
	});
});
