import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import type { Parameters } from '../helpers/execute';
import { dataRequests, jsonOf, runIndivd } from './helpers';

let sim: Simulator;
const now = Date.UTC(2026, 10, 21, 12);

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(now);
	sim = await startSimulator({ rateLimit: false, now });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.faults.clear();
});

// Fixtures: location 124 is in Stockholm (zones 201, 202, 203, 1121), 125 in New York (301-303),
// 126 in Sydney (401, 402).
const zoneVisitors = {
	resource: 'zoneVisitors',
	operation: 'get',
	outputMode: 'buckets',
	startDate: '2026-11-19',
	endDate: '2026-11-19',
	aggregateBy: ['hour'],
};
const dropInRate = {
	resource: 'dropInRate',
	operation: 'get',
	outputMode: 'buckets',
	startDate: '2026-11-18',
	endDate: '2026-11-19',
	interval: 'day',
};

/** The items of each scope asked on its own, one run each, in order. */
async function askedAlone(parameters: Parameters, scopes: Parameters[]) {
	const items = [];
	for (const scope of scopes)
		items.push(...jsonOf((await runIndivd(sim, { ...parameters, ...scope })).items));
	sim.log.clear();
	return items;
}

const filterLookups = (path: string) => sim.log.entries().filter((entry) => entry.path === path);

describe('Indivd zone data for locations in different time zones', () => {
	it('zone visitors of Stockholm and New York come in each location’s own hours, as if asked alone, one request per time zone', async () => {
		const alone = await askedAlone(zoneVisitors, [{ locations: [124] }, { locations: [125] }]);
		const { items } = await runIndivd(sim, { ...zoneVisitors, locations: [124, 125] });
		expect(jsonOf(items)).toEqual(alone);
		expect(
			dataRequests(sim, 'zone_visitors').map((entry) => [entry.query.location, entry.query.tz]),
		).toEqual([
			['124', 'Europe/Stockholm'],
			['125', 'America/New_York'],
		]);
		// One location list and one zone list serve both requests.
		expect(filterLookups('/filters/locations')).toHaveLength(1);
		expect(filterLookups('/filters/zones')).toHaveLength(1);
		const newYork = jsonOf(items).filter((item) => item.zoneId === 301);
		expect(newYork).toHaveLength(24);
		expect(newYork[0]).toMatchObject({
			timeZone: 'America/New_York',
			bucketStartLocal: '2026-11-19T00:00:00.000-05:00',
			bucketStart: '2026-11-19T05:00:00.000Z',
			locationId: 125,
		});
	});

	it('drop-in rate without chosen locations asks each location the token sees in its own zone, totals included', async () => {
		const alone = await askedAlone(dropInRate, [
			{ locations: [124] },
			{ locations: [125] },
			{ locations: [126] },
		]);
		const { items } = await runIndivd(sim, dropInRate);
		expect(jsonOf(items)).toEqual(alone);
		expect(
			dataRequests(sim, 'drop_in_rate').map((entry) => [entry.query.location, entry.query.tz]),
		).toEqual([
			['124', 'Europe/Stockholm'],
			['125', 'America/New_York'],
			['126', 'Australia/Sydney'],
		]);
		expect(filterLookups('/filters/zones')).toHaveLength(0);
		const totals = jsonOf(items).filter((item) => item.granularity === 'total');
		expect(totals.map((item) => [item.locationIds, item.timeZone])).toEqual(
			alone
				.filter((item) => item.granularity === 'total')
				.map((item) => [item.locationIds, item.timeZone]),
		);
	});

	it('chosen zones in two time zones are asked once per zone, each in its location’s zone', async () => {
		const alone = await askedAlone(zoneVisitors, [{ zones: [201] }, { zones: [301] }]);
		const { items } = await runIndivd(sim, { ...zoneVisitors, zones: [201, 301] });
		expect(jsonOf(items)).toEqual(alone);
		expect(
			dataRequests(sim, 'zone_visitors').map((entry) => [
				entry.query.zones,
				entry.query.location,
				entry.query.tz,
			]),
		).toEqual([
			['201', undefined, 'Europe/Stockholm'],
			['301', undefined, 'America/New_York'],
		]);
		expect(filterLookups('/filters/zones')).toHaveLength(1);
	});

	it('asks once when the chosen zones all lie in one of the chosen time zones', async () => {
		await runIndivd(sim, { ...zoneVisitors, locations: [124, 125], zones: [201, 202] });
		expect(
			dataRequests(sim, 'zone_visitors').map((entry) => [
				entry.query.location,
				entry.query.zones,
				entry.query.tz,
			]),
		).toEqual([['124', '201,202', 'Europe/Stockholm']]);
	});

	it('asks once, in the chosen time zone, when Time Zone is set', async () => {
		const { items } = await runIndivd(sim, {
			...zoneVisitors,
			locations: [124, 125],
			timeZone: 'UTC',
		});
		expect(
			dataRequests(sim, 'zone_visitors').map((entry) => [entry.query.location, entry.query.tz]),
		).toEqual([['124,125', 'UTC']]);
		expect(filterLookups('/filters/locations')).toHaveLength(0);
		expect(jsonOf(items).every((item) => item.timeZone === 'UTC')).toBe(true);
		expect(new Set(jsonOf(items).map((item) => item.zoneId))).toEqual(
			new Set([201, 202, 203, 1121, 301, 302, 303]),
		);
	});

	it('gives Indivd’s own answer of each time-zone group as its own raw item', async () => {
		const { items } = await runIndivd(sim, {
			...dropInRate,
			locations: [124, 126],
			outputMode: 'raw',
		});
		expect(items).toHaveLength(2);
		const zonesOf = (index: number) =>
			Object.values(
				(items[index].json as { zone_details: { current: Record<string, { loc_id: number }> } })
					.zone_details.current,
			).map((zone) => zone.loc_id);
		expect(new Set(zonesOf(0))).toEqual(new Set([124]));
		expect(new Set(zonesOf(1))).toEqual(new Set([126]));
	});
});
