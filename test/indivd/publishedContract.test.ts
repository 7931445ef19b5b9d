import type { IDataObject } from 'n8n-workflow';

import { indivdPaths } from '../../nodes/Indivd/transport/schemas';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials } from '../helpers/context';
import { createLoadOptionsContext } from '../helpers/execute';
import dropInRate from '../fixtures/indivd/dropInRate.json';
import dropInRateEmpty from '../fixtures/indivd/dropInRate.empty.json';
import zoneVisitorsBasicSparse from '../fixtures/indivd/zoneVisitors.basicPlanSparse.json';
import zoneVisitorsEmpty from '../fixtures/indivd/zoneVisitors.empty.json';
import zoneVisitors from '../fixtures/indivd/zoneVisitors.json';
import { indivdNode, jsonOf, runIndivd } from './helpers';

// What Indivd's Help Center allows beyond what the simulator does: empty result sets in any
// shape, Basic plans' empty Pro fields, rows the package cannot place, other numberings of weeks
// and weekdays. Each answer is served as is through the simulator's `schema` fault.

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

function answer(path: string, body: unknown) {
	sim.faults.add({ vendor: 'indivd', path, kind: 'schema', body, times: Infinity });
}

const noData = expect.objectContaining({ message: expect.stringMatching(/token's scope/) });

const lineCrosses = {
	resource: 'lineCrosses',
	operation: 'get',
	startDate: '2026-11-02',
	endDate: '2026-11-02',
	aggregateBy: 'hour',
};
const zoneVisitorsDay = {
	resource: 'zoneVisitors',
	operation: 'get',
	startDate: '2025-03-01',
	endDate: '2025-03-01',
	aggregateBy: ['hour'],
	timeZone: 'UTC',
};
const dropInDays = {
	resource: 'dropInRate',
	operation: 'get',
	startDate: '2025-05-15',
	endDate: '2025-05-20',
	interval: 'day',
	timeZone: 'UTC',
};

const sparseHours = zoneVisitorsBasicSparse.current.insights.map(
	(insight) => insight.aggregation.hour,
);
const hourOf = (item: IDataObject) => new Date(String(item.bucketStart)).getUTCHours();
const isAnsweredSparseRow = (item: IDataObject) =>
	item.zoneId === 201 && sparseHours.includes(hourOf(item));
const zeroZoneVisitors = {
	visits: 0,
	uniqueVisits: 0,
	bounce: 0,
	bounceRate: 0,
	bounceThreshold: null,
	dwellTimeMean: null,
	dwellTimeMin: null,
	dwellTimeMax: null,
	dwellTimeP25: null,
	dwellTimeP50: null,
	dwellTimeP75: null,
	dwellCount: null,
	excludedBelowMinDwell: 0,
	excludedAboveMaxDwell: 0,
};

const hourRow = (hour: number, count: number) => ({
	_id: { year: 2026, month: 11, dayofmonth: 2, hour },
	count,
});

describe('Indivd: an empty result set in any shape is no data, with the hint, not an error', () => {
	it.each([
		['[]', []],
		['{}', {}],
	])('line crosses answered with %s', async (_shape, body) => {
		answer(indivdPaths.lineCrosses, body);
		const { items, hints } = await runIndivd(sim, lineCrosses);
		expect(items).toEqual([]);
		expect(hints).toEqual([noData]);
	});

	it.each([
		['the documented structure with no insights', zoneVisitorsEmpty],
		['[]', []],
		['{}', {}],
		['{"current": {}}', { current: {} }],
		['{"current": {"insights": []}}', { current: { insights: [] } }],
		['insights: null', { current: { insights: null }, comparison: null }],
	])('zone visitors answered with %s', async (_shape, body) => {
		answer(indivdPaths.zoneVisitors, body);
		const { items, hints } = await runIndivd(sim, zoneVisitorsDay);
		expect(items).toEqual([]);
		expect(hints).toEqual([noData]);
	});

	it.each([
		['the documented structure with sums of no records as null', dropInRateEmpty],
		['[]', []],
		['{}', {}],
		['empty sections', { summary: [], details: [], zone_details: [] }],
		['zones without rows', { zone_details: { current: { '1121': { zone_id: 1121 } } } }],
	])('drop-in rate answered with %s', async (_shape, body) => {
		answer(indivdPaths.dropInRate, body);
		const { items, hints } = await runIndivd(sim, dropInDays);
		expect(items).toEqual([]);
		expect(hints).toEqual([noData]);
	});
});

describe('Indivd: Basic plans’ empty Pro fields', () => {
	it('gives null dwell fields and zero unique visits and bounces, whatever empty form they take', async () => {
		answer(indivdPaths.zoneVisitors, zoneVisitorsBasicSparse);
		const items = jsonOf((await runIndivd(sim, zoneVisitorsDay)).items);
		const answered = items.filter(isAnsweredSparseRow);
		expect(answered.map(hourOf)).toEqual(sparseHours);
		for (const item of answered.slice(0, 4)) {
			expect(item).toMatchObject({
				uniqueVisits: 0,
				bounce: 0,
				bounceRate: 0,
				dwellTimeMean: null,
				dwellTimeMin: null,
				dwellTimeMax: null,
				dwellTimeP25: null,
				dwellTimeP50: null,
				dwellTimeP75: null,
				dwellCount: null,
				excludedBelowMinDwell: 0,
				excludedAboveMaxDwell: 0,
			});
			expect(item.warning).toBeUndefined();
		}
		expect(answered[4]).toMatchObject({
			dwellTimeMean: 140.5,
			dwellTimeP25: 95,
			dwellTimeP50: null,
			dwellTimeP75: null,
			dwellCount: 20,
		});
		const zones = new Set(items.map((item) => item.zoneId));
		expect(items).toHaveLength(24 * zones.size);
		for (const item of items.filter((one) => !isAnsweredSparseRow(one))) {
			expect(item).toMatchObject(zeroZoneVisitors);
			expect(item.warning).toBeUndefined();
		}
	});

	it('gives a mean dwell time without statistics, as in the documented comparison sample', async () => {
		const answerWithoutStats = structuredClone(zoneVisitors) as unknown as {
			current: { insights: Array<Record<string, unknown>> };
		};
		delete answerWithoutStats.current.insights[0].dwell_time_stats;
		answer(indivdPaths.zoneVisitors, answerWithoutStats);
		const [item] = jsonOf(
			(await runIndivd(sim, { ...zoneVisitorsDay, aggregateBy: ['dayofmonth'] })).items,
		);
		expect(item).toMatchObject({ dwellTimeMean: 187.5, dwellTimeP50: null, dwellCount: null });
	});
});

describe('Indivd: values the docs allow to be empty', () => {
	it('gives a drop-in rate Indivd leaves empty as null, and its counts as given', async () => {
		const body = structuredClone(dropInRate) as unknown as {
			zone_details: { current: Record<string, { details: Array<Record<string, unknown>> }> };
		};
		body.zone_details.current['1121'].details[0].drop_in_rate = null;
		body.zone_details.current['1121'].details[1].drop_in_rate = '';
		answer(indivdPaths.dropInRate, body);
		const items = jsonOf((await runIndivd(sim, dropInDays)).items);
		expect(items.filter((item) => item.granularity === 'day')).toEqual([
			expect.objectContaining({
				bucketStart: '2025-05-15T00:00:00.000Z',
				passingBy: 1450,
				enter: 715,
				dropInRate: null,
			}),
			expect.objectContaining({
				bucketStart: '2025-05-16T00:00:00.000Z',
				passingBy: 1427,
				enter: 757,
				dropInRate: null,
			}),
			...[17, 18, 19, 20].map((day) =>
				expect.objectContaining({
					bucketStart: `2025-05-${day}T00:00:00.000Z`,
					passingBy: 0,
					enter: 0,
					dropInRate: null,
				}),
			),
		]);
	});

	it('refuses a count it needs that is not a number, naming the endpoint and path', async () => {
		const body = structuredClone(zoneVisitors) as unknown as {
			current: { insights: Array<Record<string, unknown>> };
		};
		body.current.insights[0].visits = null;
		answer(indivdPaths.zoneVisitors, body);
		await expect(runIndivd(sim, zoneVisitorsDay)).rejects.toThrow(
			`Indivd returned an unexpected response from ${indivdPaths.zoneVisitors} at current.insights[0].visits: Expected number, received null`,
		);
	});
});

describe('Indivd: a row that cannot be placed is left out, and every item of the answer says so', () => {
	it('line crosses: a row without its hour or without _id makes the hours without a row unknown (null), not 0', async () => {
		answer(indivdPaths.lineCrosses, [
			hourRow(8, 5),
			{ _id: { year: 2026, month: 11, dayofmonth: 2 }, count: 9 },
			{ _id: null, count: 3 },
			hourRow(9, 6),
		]);
		const { items, hints } = await runIndivd(sim, lineCrosses);
		const answered = new Map([
			[8, 5],
			[9, 6],
		]);
		expect(jsonOf(items).map((item) => [item.bucketStart, item.count, item.warning])).toEqual(
			Array.from({ length: 24 }, (_, hour) => [
				new Date(Date.UTC(2026, 10, 2, hour)).toISOString(),
				answered.get(hour) ?? null,
				'Left out 1 line_crosses rows without _id.hour (no bucket to put them in) and 1 line_crosses rows without _id.month (no bucket to put them in)',
			]),
		);
		expect(hints).toEqual([]);
	});

	it('line crosses by weekday: a row without dayofweek', async () => {
		answer(indivdPaths.lineCrosses, [
			{ _id: { dayofweek: 2 }, count: 5 },
			{ _id: {}, count: 1 },
		]);
		const { items } = await runIndivd(sim, { ...lineCrosses, aggregateBy: 'dayofweek' });
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({
				dayOfWeek: 2,
				count: 5,
				warning: 'Left out 1 line_crosses rows without _id.dayofweek (no bucket to put them in)',
			}),
		]);
	});

	it('zone visitors: an insight without zone_id, or without aggregation, makes the hours without an insight unknown (null), not 0', async () => {
		const body = structuredClone(zoneVisitorsBasicSparse) as unknown as {
			current: { insights: Array<{ aggregation: Record<string, unknown> | null }> };
		};
		delete body.current.insights[1].aggregation?.zone_id;
		body.current.insights[2].aggregation = null;
		delete body.current.insights[3].aggregation?.hour;
		answer(indivdPaths.zoneVisitors, body);
		const items = jsonOf((await runIndivd(sim, zoneVisitorsDay)).items);
		const answered = items.filter((item) => item.visits !== null);
		expect(answered.map((item) => [item.zoneId, item.bucketStart])).toEqual([
			[201, '2025-03-01T09:00:00.000Z'],
			[201, '2025-03-01T13:00:00.000Z'],
		]);
		const zones = new Set(items.map((item) => item.zoneId));
		expect(items).toHaveLength(24 * zones.size);
		// The insight without aggregation may belong to any hour of any zone.
		for (const item of items.filter((one) => one.visits === null))
			expect(item).toMatchObject(
				Object.fromEntries(Object.keys(zeroZoneVisitors).map((field) => [field, null])),
			);
		for (const item of items)
			expect(item.warning).toBe(
				'Left out 2 zone_visitors insights without aggregation.zone_id (no zone to put them in) and 1 zone_visitors insights without aggregation.hour (no bucket to put them in)',
			);
	});

	it('drop-in rate: a zone without zone_id and a row without its day make the days without a row unknown (null); the total says so too', async () => {
		const body = structuredClone(dropInRate) as unknown as {
			zone_details: { current: Record<string, Record<string, unknown>> };
		};
		const zone = body.zone_details.current['1121'] as { details: Array<Record<string, unknown>> };
		body.zone_details.current['77'] = { ...structuredClone(zone), zone_id: null };
		delete zone.details[1].dayofmonth;
		answer(indivdPaths.dropInRate, body);
		const items = jsonOf((await runIndivd(sim, dropInDays)).items);
		expect(
			items.map((item) => [item.granularity, item.zoneId, item.bucketStart, item.enter]),
		).toEqual([
			['day', 1121, '2025-05-15T00:00:00.000Z', 715],
			...[16, 17, 18, 19, 20].map((day) => ['day', 1121, `2025-05-${day}T00:00:00.000Z`, null]),
			['total', null, '2025-05-15T00:00:00.000Z', 4532],
		]);
		for (const item of items)
			expect(item.warning).toBe(
				'Left out 2 drop_in_rate zone_details rows of zones without zone_id (no zone to put them in) and 1 drop_in_rate zone_details rows without dayofmonth (no bucket to put them in)',
			);
	});

	it('raw output passes every row on, placeable or not', async () => {
		const rows = [hourRow(8, 5), { _id: null, count: 3 }];
		answer(indivdPaths.lineCrosses, rows);
		const { items } = await runIndivd(sim, { ...lineCrosses, outputMode: 'raw' });
		expect(jsonOf(items)).toEqual(rows);
	});
});

describe('Indivd: raw output is the answer as Indivd gave it', () => {
	it.each([
		['zone visitors', indivdPaths.zoneVisitors, zoneVisitorsDay],
		['drop-in rate', indivdPaths.dropInRate, dropInDays],
	])('%s, with empty comparisons and numbers as text kept', async (_name, path, parameters) => {
		const body = structuredClone(path === indivdPaths.dropInRate ? dropInRate : zoneVisitors);
		(body as unknown as IDataObject).extra = { count: '12' };
		answer(path, body);
		const { items } = await runIndivd(sim, { ...parameters, outputMode: 'raw' });
		expect(jsonOf(items)).toEqual([body]);
	});

	it('line crosses, rows with counts as text kept', async () => {
		const rows = [{ _id: { year: '2026', month: 11, dayofmonth: 2, hour: 8 }, count: '5' }];
		answer(indivdPaths.lineCrosses, rows);
		const { items } = await runIndivd(sim, { ...lineCrosses, outputMode: 'raw' });
		expect(jsonOf(items)).toEqual(rows);
	});
});

describe('Indivd: weeks and weekdays are read in the numbering the answer shows', () => {
	const byWeekday = { ...lineCrosses, aggregateBy: 'dayofweek' };
	const weekdays = (first: number, last: number) =>
		Array.from({ length: last - first + 1 }, (_, index) => ({
			_id: { dayofweek: first + index },
			count: 10 + index,
		}));
	const readWeekdays = async (rows: unknown[]) => {
		answer(indivdPaths.lineCrosses, rows);
		const items = jsonOf((await runIndivd(sim, byWeekday)).items);
		sim.faults.clear();
		return items.map((item) => [item.dayOfWeek, item.count, item.bucketKey]);
	};

	it('weekdays 0 to 6 are Sunday to Saturday, given as MongoDB’s 1 to 7', async () => {
		expect(await readWeekdays(weekdays(0, 6))).toEqual(await readWeekdays(weekdays(1, 7)));
		expect((await readWeekdays(weekdays(0, 6)))[0]).toEqual([
			1,
			10,
			'indivd:lineCrosses:all;dayofweek=1:total:2026-11-02T00:00:00.000Z/2026-11-03T00:00:00.000Z',
		]);
	});

	it('weekdays 1 to 6 alone are read as MongoDB’s (1 = Sunday)', async () => {
		expect((await readWeekdays(weekdays(1, 6))).map(([day]) => day)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('refuses an answer with both weekday 0 and weekday 7, naming the endpoint and path', async () => {
		answer(indivdPaths.lineCrosses, weekdays(0, 7));
		await expect(runIndivd(sim, byWeekday)).rejects.toThrow(
			`Indivd returned an unexpected response from ${indivdPaths.lineCrosses} at [7]._id.dayofweek: Expected dayofweek numbered 1 to 7 (MongoDB) or 0 to 6, not both: this answer has 0 ([0]._id) and 7`,
		);
	});

	it('reads zone visitors’ weekday 0 the same way', async () => {
		const body = structuredClone(zoneVisitors) as unknown as {
			current: { insights: Array<{ aggregation: Record<string, unknown> }> };
		};
		body.current.insights[0].aggregation = { dayofweek: 0, zone_id: 201 };
		answer(indivdPaths.zoneVisitors, body);
		const [item] = jsonOf(
			(await runIndivd(sim, { ...zoneVisitorsDay, aggregateBy: ['dayofweek'] })).items,
		);
		expect(item).toMatchObject({ dayOfWeek: 1, granularity: 'total' });
	});

	const byWeek = {
		...lineCrosses,
		startDate: '2026-01-01',
		endDate: '2026-12-31',
		aggregateBy: 'week',
	};
	// 2026 starts on a Thursday: MongoDB's $week runs 0 (1-3 January) to 52.
	const weeks = (first: number, last: number) =>
		Array.from({ length: last - first + 1 }, (_, index) => ({
			_id: { year: 2026, week: first + index },
			count: 100 + index,
		}));
	const readWeeks = async (rows: unknown[], parameters = byWeek) => {
		answer(indivdPaths.lineCrosses, rows);
		const items = jsonOf((await runIndivd(sim, parameters)).items);
		sim.faults.clear();
		return items.map((item) => [item.bucketStart, item.bucketEnd, item.count]);
	};

	it('weeks 1 to 53 of 2026 are its weeks counted from the one holding 1 January', async () => {
		const fromOne = await readWeeks(weeks(1, 53));
		expect(fromOne).toEqual(await readWeeks(weeks(0, 52)));
		expect(fromOne[0]).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-04T00:00:00.000Z', 100]);
		expect(fromOne[52]).toEqual(['2026-12-27T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 152]);
	});

	it('weeks 1 to 52 alone are read as MongoDB’s $week', async () => {
		const [weekZero, weekOne] = await readWeeks(weeks(1, 52));
		expect(weekZero).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-04T00:00:00.000Z', 0]);
		expect(weekOne).toEqual(['2026-01-04T00:00:00.000Z', '2026-01-11T00:00:00.000Z', 100]);
	});

	it('in a year starting on a Sunday both numberings agree: weeks 1 to 53 of 2023', async () => {
		const rows = Array.from({ length: 53 }, (_, index) => ({
			_id: { year: 2023, week: index + 1 },
			count: 1,
		}));
		const read = await readWeeks(rows, {
			...byWeek,
			startDate: '2023-01-01',
			endDate: '2023-12-31',
		});
		expect(read[0]).toEqual(['2023-01-01T00:00:00.000Z', '2023-01-08T00:00:00.000Z', 1]);
		expect(read[52]).toEqual(['2023-12-31T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 1]);
	});

	it('refuses an answer with both week 0 and week 53 of 2026, naming the endpoint and path', async () => {
		answer(indivdPaths.lineCrosses, weeks(0, 53));
		await expect(runIndivd(sim, byWeek)).rejects.toThrow(
			`Indivd returned an unexpected response from ${indivdPaths.lineCrosses} at [53]._id.week: Expected week numbered from 0 (MongoDB $week) or from 1, not both: this answer has 0 ([0]._id) and 53`,
		);
	});

	it('refuses a week the year does not have, naming the endpoint and path', async () => {
		answer(indivdPaths.lineCrosses, [{ _id: { year: 2023, week: 0 }, count: 1 }]);
		await expect(
			runIndivd(sim, { ...byWeek, startDate: '2023-01-01', endDate: '2023-12-31' }),
		).rejects.toThrow(
			`Indivd returned an unexpected response from ${indivdPaths.lineCrosses} at [0]._id.week: Expected a week of 2023 from 1 to 53`,
		);
	});

	it('renumbers drop-in weeks too', async () => {
		const body = structuredClone(dropInRate) as unknown as {
			zone_details: { current: Record<string, { details: Array<Record<string, unknown>> }> };
		};
		body.zone_details.current['1121'].details = [
			{ year: 2025, week: 53, visits: 1, passing_by: 2 },
		];
		answer(indivdPaths.dropInRate, body);
		const items = jsonOf(
			(
				await runIndivd(sim, {
					...dropInDays,
					startDate: '2025-12-01',
					endDate: '2025-12-31',
					interval: 'week',
				})
			).items,
		);
		expect(
			items
				.filter((item) => item.granularity === 'week')
				.map((item) => [item.bucketStart, item.enter]),
		).toEqual([
			['2025-12-01T00:00:00.000Z', 0],
			['2025-12-07T00:00:00.000Z', 0],
			['2025-12-14T00:00:00.000Z', 0],
			['2025-12-21T00:00:00.000Z', 0],
			['2025-12-28T00:00:00.000Z', 1],
		]);
	});
});

describe('Indivd: what the package cannot use still fails with the endpoint and path', () => {
	it('a day the month does not have', async () => {
		answer(indivdPaths.lineCrosses, [{ _id: { year: 2026, month: 4, dayofmonth: 31 }, count: 1 }]);
		await expect(
			runIndivd(sim, {
				...lineCrosses,
				startDate: '2026-04-01',
				endDate: '2026-04-30',
				aggregateBy: 'dayofmonth',
			}),
		).rejects.toThrow(
			`Indivd returned an unexpected response from ${indivdPaths.lineCrosses} at [0]._id.dayofmonth: Expected a day of 2026-04 from 1 to 30`,
		);
	});

	it('a zone insight for 31 April', async () => {
		answer(indivdPaths.zoneVisitors, {
			current: { insights: [{ visits: 1, aggregation: { month: 4, dayofmonth: 31, zone_id: 1 } }] },
		});
		await expect(
			runIndivd(sim, {
				...zoneVisitorsDay,
				startDate: '2026-04-01',
				endDate: '2026-04-30',
				aggregateBy: ['dayofmonth'],
			}),
		).rejects.toThrow(
			`at current.insights[0].aggregation.dayofmonth: Expected a day of 2026-04 from 1 to 30`,
		);
	});
});

describe('Indivd dropdowns read any container and leave out entries without an id', () => {
	it.each([
		['[]', []],
		['{}', {}],
	])('no locations when the list is %s', async (_shape, body) => {
		answer('/filters/locations', body);
		const context = createLoadOptionsContext(simulatorCredentials(sim.url));
		expect(await indivdNode.methods.loadOptions.getLocations.call(context)).toEqual([]);
	});

	it.each([
		['location', 124, 125],
		['location_id', '124', '125'],
		['loc_id', 124, 125],
	])(
		'zones of the chosen location, when the list gives the location as %s',
		async (field, here, there) => {
			answer('/filters/zones', [
				{ id: 201, name: 'Entrance', [field]: here },
				{ id: 301, name: 'Main entrance', [field]: there },
				{ id: 999, name: 'Nowhere' },
			]);
			const context = createLoadOptionsContext(simulatorCredentials(sim.url), {
				locations: [124],
			});
			expect(await indivdNode.methods.loadOptions.getZones.call(context)).toEqual([
				{ name: 'Entrance (201)', value: 201 },
			]);
		},
	);

	it('zones wrapped under another key, one without an id', async () => {
		answer('/filters/zones', { zones: [{ id: 201, name: 'Entrance' }, { name: 'Draft zone' }] });
		const context = createLoadOptionsContext(simulatorCredentials(sim.url));
		expect(await indivdNode.methods.loadOptions.getZones.call(context)).toEqual([
			{ name: 'Entrance (201)', value: 201 },
		]);
	});
});
