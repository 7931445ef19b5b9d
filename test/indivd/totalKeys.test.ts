import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { Parameters } from '../helpers/execute';
import { jsonOf, runIndivd } from './helpers';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false, now: Date.UTC(2026, 10, 21, 12) });
});
afterAll(async () => await sim.close());

const week = { startDate: '2026-11-01', endDate: '2026-11-07' };
const fortnight = { startDate: '2026-11-01', endDate: '2026-11-14' };

/** The keys of the whole-period items of a run, in the order the node gives them. */
async function totalKeys(parameters: Parameters): Promise<string[]> {
	const items = jsonOf((await runIndivd(sim, parameters)).items);
	const totals = items.filter((item) => item.granularity === 'total');
	expect(totals.length).toBeGreaterThan(0);
	return totals.map((item) => String(item.bucketKey));
}

/** Two periods from the same day never share a key; the same period read twice keeps its keys. */
async function expectKeysFollowThePeriod(parameters: Parameters) {
	const first = await totalKeys({ ...parameters, ...week });
	const again = await totalKeys({ ...parameters, ...week });
	const longer = await totalKeys({ ...parameters, ...fortnight });
	expect(again).toEqual(first);
	expect(first.filter((key) => longer.includes(key))).toEqual([]);
	return first;
}

describe('a whole-period item is keyed by both its bounds', () => {
	it('zone visitors by zone (Whole Period), on the records of the asked days in Asia/Kolkata', async () => {
		const [key] = await expectKeysFollowThePeriod({
			resource: 'zoneVisitors',
			operation: 'get',
			zones: [201],
			timeZone: 'Asia/Kolkata',
			aggregateBy: ['zone'],
		});
		expect(key).toBe(
			'indivd:zoneVisitors:zone=201:total:2026-10-31T19:00:00.000Z/2026-11-07T19:00:00.000Z',
		);
	});

	it('zone visitors by day of week', async () => {
		const keys = await expectKeysFollowThePeriod({
			resource: 'zoneVisitors',
			operation: 'get',
			zones: [201],
			timeZone: 'Europe/Stockholm',
			aggregateBy: ['dayofweek'],
		});
		expect(keys).toContain(
			'indivd:zoneVisitors:zone=201;dayofweek=1:total:2026-10-31T23:00:00.000Z/2026-11-07T23:00:00.000Z',
		);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('the drop-in summary of the period', async () => {
		const [key] = await expectKeysFollowThePeriod({
			resource: 'dropInRate',
			operation: 'get',
			locations: [124],
			timeZone: 'Europe/Stockholm',
			interval: 'day',
		});
		expect(key).toBe(
			'indivd:dropInRate:zones=all;locations=124:total:2026-10-31T23:00:00.000Z/2026-11-07T23:00:00.000Z',
		);
	});

	it('line crosses by day of week', async () => {
		const keys = await expectKeysFollowThePeriod({
			resource: 'lineCrosses',
			operation: 'get',
			lineIds: [5001],
			aggregateBy: 'dayofweek',
		});
		expect(keys).toContain(
			'indivd:lineCrosses:line=5001;dayofweek=1:total:2026-11-01T00:00:00.000Z/2026-11-08T00:00:00.000Z',
		);
		expect(new Set(keys).size).toBe(keys.length);
	});
});
