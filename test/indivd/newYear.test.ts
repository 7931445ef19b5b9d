import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import type { Parameters } from '../helpers/execute';
import { dataRequests, jsonOf, runIndivd } from './helpers';

let sim: Simulator;

beforeAll(async () => {
	fakeDateOnly();
	jest.setSystemTime(Date.UTC(2027, 0, 5, 12));
	sim = await startSimulator({ rateLimit: false, now: Date.UTC(2027, 0, 5, 12) });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => {
	sim.log.clear();
	sim.variants.clear();
});

const lineCrosses = { resource: 'lineCrosses', operation: 'get', outputMode: 'buckets' };
const dropInRate = { resource: 'dropInRate', operation: 'get', outputMode: 'buckets' };

/** The items as Indivd's own rows (with the year) give them. */
async function truth(parameters: Parameters) {
	sim.variants.clear();
	const { items } = await runIndivd(sim, parameters);
	sim.log.clear();
	return jsonOf(items);
}

const counts = (items: IDataObject[]) =>
	items.map((item) => [item.bucketStart, item.count, item.warning]);

describe('Indivd line crosses around New Year, rows without the year', () => {
	it.each(['dayofmonth', 'hour'])(
		'line crosses from 30 Dec to 2 Jan without the year in rows give Dec 31 and Jan 1 with their real counts (%s)',
		async (aggregateBy) => {
			const parameters = {
				...lineCrosses,
				startDate: '2026-12-30',
				endDate: '2027-01-02',
				aggregateBy,
				lineIds: [5001],
			};
			const expected = await truth(parameters);
			expect(expected.some((item) => Number(item.count) > 0)).toBe(true);
			sim.variants.set('line_crosses', [{ path: '[*]._id.year', op: 'absent' }]);
			const { items } = await runIndivd(sim, parameters);
			expect(counts(jsonOf(items))).toEqual(counts(expected));
			// One request per year: the rows of each tell their year by the request they answer.
			expect(
				dataRequests(sim, 'line_crosses').map((entry) => [
					entry.query.start_date,
					entry.query.end_date,
				]),
			).toEqual([
				['2026-12-30', '2026-12-31'],
				['2027-01-01', '2027-01-02'],
			]);
		},
	);

	it('asks in one request a range that does not cross New Year', async () => {
		sim.variants.set('line_crosses', [{ path: '[*]._id.year', op: 'absent' }]);
		await runIndivd(sim, {
			...lineCrosses,
			startDate: '2026-12-01',
			endDate: '2026-12-31',
			aggregateBy: 'dayofmonth',
		});
		expect(dataRequests(sim, 'line_crosses')).toHaveLength(1);
	});

	it('a row without its hour makes the hours without a row unknown (null with the warning), not 0', async () => {
		const parameters = {
			...lineCrosses,
			startDate: '2026-12-31',
			endDate: '2026-12-31',
			aggregateBy: 'hour',
			lineIds: [5001],
		};
		const expected = await truth(parameters);
		const answered = expected.filter((item) => Number(item.count) > 0);
		expect(answered.length).toBeLessThan(24);
		sim.variants.set('line_crosses', [{ path: '[2]._id.hour', op: 'absent' }]);
		const items = jsonOf((await runIndivd(sim, parameters)).items);
		const lost = answered[2].bucketStart;
		expect(counts(items)).toEqual(
			expected.map((item) => [
				item.bucketStart,
				item.bucketStart === lost || item.count === 0 ? null : item.count,
				'Left out 1 line_crosses rows without _id.hour (no bucket to put them in)',
			]),
		);
	});
});

describe('Indivd drop-in rate total', () => {
	const oneDay = {
		...dropInRate,
		startDate: '2026-12-06',
		endDate: '2026-12-06',
		interval: 'day',
		locations: [124],
		timeZone: 'Europe/Stockholm',
	};

	it('drop-in rate for one zone gives one row, not a total that doubles it', async () => {
		const items = jsonOf((await runIndivd(sim, { ...oneDay, zones: [201] })).items);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ zoneId: 201, granularity: 'day', isTotal: false });
	});

	it("drop-in rate for two zones gives a total row marked isTotal in the zone rows' columns", async () => {
		const items = jsonOf((await runIndivd(sim, { ...oneDay, zones: [201, 1121] })).items);
		const zones = items.filter((item) => item.isTotal === false);
		const totals = items.filter((item) => item.isTotal === true);
		expect(zones.map((item) => item.zoneId)).toEqual([201, 1121]);
		expect(totals).toHaveLength(1);
		const [total] = totals;
		for (const item of items) {
			expect(Object.keys(item)).toEqual(Object.keys(zones[0]));
			expect(Object.values(item)).not.toContain(undefined);
		}
		expect(total).toMatchObject({
			granularity: 'total',
			zoneId: null,
			zoneName: null,
			locationId: null,
			locationName: null,
			zoneIds: '201,1121',
			locationIds: '124',
			passingBy: Number(zones[0].passingBy) + Number(zones[1].passingBy),
			enter: Number(zones[0].enter) + Number(zones[1].enter),
		});
		expect(zones[0]).toMatchObject({ zoneIds: null, locationIds: null });
	});
});
