import type { IndivdEndpoint } from '../../nodes/Indivd/transport/schemas';
import { indivdSchema, indivdPaths } from '../../nodes/Indivd/transport/schemas';
import { parseResponse } from '../../nodes/shared/validation';
import dropInRate from '../fixtures/indivd/dropInRate.json';
import dropInRateEmpty from '../fixtures/indivd/dropInRate.empty.json';
import lineCrosses from '../fixtures/indivd/lineCrosses.json';
import locationsArray from '../fixtures/indivd/locations.array.json';
import locationsIdMap from '../fixtures/indivd/locations.idMap.json';
import locationsPaginated from '../fixtures/indivd/locations.paginated.json';
import locationSingle from '../fixtures/indivd/locations.single.json';
import locationsWrapped from '../fixtures/indivd/locations.wrapped.json';
import zones from '../fixtures/indivd/zones.json';
import zoneVisitorsBasic from '../fixtures/indivd/zoneVisitors.basicPlan.json';
import zoneVisitorsBasicSparse from '../fixtures/indivd/zoneVisitors.basicPlanSparse.json';
import zoneVisitorsComparison from '../fixtures/indivd/zoneVisitors.comparison.json';
import zoneVisitorsEmpty from '../fixtures/indivd/zoneVisitors.empty.json';
import zoneVisitors from '../fixtures/indivd/zoneVisitors.json';

function parse<E extends IndivdEndpoint>(endpoint: E, payload: unknown) {
	const result = parseResponse(indivdSchema(endpoint), payload);
	if (!result.ok) throw new Error(`${result.mismatch.path}: ${result.mismatch.problem}`);
	return result.data;
}

function mismatch(endpoint: IndivdEndpoint, payload: unknown) {
	const result = parseResponse(indivdSchema(endpoint), payload);
	if (result.ok) throw new Error('expected a mismatch');
	return result.mismatch;
}

const copy = <T>(value: T): T => structuredClone(value);

describe('Indivd line crosses', () => {
	it('reads the documented sample', () => {
		expect(parse(indivdPaths.lineCrosses, lineCrosses)).toEqual([
			{ _id: { year: 2025, month: 3, dayofmonth: 1 }, count: 100006 },
			{ _id: { year: 2025, month: 3, dayofmonth: 2 }, count: 115069 },
		]);
	});

	it.each([
		['[]', []],
		['{}', {}],
	])('reads %s as the empty result set Indivd documents', (_shape, payload) => {
		expect(parse(indivdPaths.lineCrosses, payload)).toEqual([]);
	});

	it('still refuses JSON null and a list wrapped in an object, empty or not, naming the root', () => {
		expect(mismatch(indivdPaths.lineCrosses, null).path).toBe('(root)');
		expect(mismatch(indivdPaths.lineCrosses, { results: lineCrosses }).path).toBe('(root)');
		expect(mismatch(indivdPaths.lineCrosses, { results: [] }).path).toBe('(root)');
	});

	it('refuses calendar parts that do not exist, naming the row', () => {
		expect(
			mismatch(indivdPaths.lineCrosses, [{ _id: { year: 2025, month: 13 }, count: 1 }]).path,
		).toBe('[0]._id.month');
		expect(
			mismatch(indivdPaths.lineCrosses, [{ _id: { year: 2025, hour: 24 }, count: 1 }]).path,
		).toBe('[0]._id.hour');
		expect(
			mismatch(indivdPaths.lineCrosses, [{ _id: { year: 2025, week: 55 }, count: 1 }]).path,
		).toBe('[0]._id.week');
		expect(mismatch(indivdPaths.lineCrosses, [{ _id: { dayofweek: 8 }, count: 1 }]).path).toBe(
			'[0]._id.dayofweek',
		);
	});

	it('accepts weeks and weekdays in both numberings (which one is read from the whole answer)', () => {
		const rows = [
			{ _id: { year: 2025, week: 0 }, count: 1 },
			{ _id: { year: 2025, week: 54 }, count: 1 },
			{ _id: { dayofweek: 0 }, count: 1 },
			{ _id: { dayofweek: 7 }, count: 1 },
		];
		expect(parse(indivdPaths.lineCrosses, rows)).toEqual(rows);
	});

	it('names the row whose count is missing or not a number', () => {
		expect(mismatch(indivdPaths.lineCrosses, [lineCrosses[0], { _id: { year: 2025 } }]).path).toBe(
			'[1].count',
		);
		expect(mismatch(indivdPaths.lineCrosses, [{ _id: { year: 2025 }, count: null }]).path).toBe(
			'[0].count',
		);
	});

	it('keeps a row without _id, or with null parts, for the node to leave out', () => {
		expect(
			parse(indivdPaths.lineCrosses, [
				{ count: 4 },
				{ _id: null, count: 5 },
				{ _id: { year: 2025, month: 3, dayofmonth: null }, count: 6 },
			]),
		).toEqual([
			{ _id: {}, count: 4 },
			{ _id: {}, count: 5 },
			{ _id: { year: 2025, month: 3 }, count: 6 },
		]);
	});

	it('ignores fields it does not read, whatever they hold', () => {
		const row = { _id: { year: 2025, loc: [1, 'x'] }, count: 1, line: { id: 'abc' } };
		expect(parse(indivdPaths.lineCrosses, [row])).toEqual([row]);
	});
});

describe('Indivd zone visitors', () => {
	it('reads the documented sample and an empty comparison as none', () => {
		const result = parse(indivdPaths.zoneVisitors, zoneVisitors);
		expect(result.comparison).toBeUndefined();
		expect(result.current.insights[0]).toMatchObject({
			visits: 284,
			unique_visits: 251,
			dwell_time_stats: { quantiles: [95, 148, 231], n: 251 },
			aggregation: { zone_id: 201, zone_name: 'Entrance', bounce_threshold: 120 },
		});
	});

	it('reads a comparison period with the same structure', () => {
		const result = parse(indivdPaths.zoneVisitors, zoneVisitorsComparison);
		expect(result.comparison?.insights[0].visits).toBe(261);
	});

	it.each([
		['the documented structure with no insights', zoneVisitorsEmpty],
		['[]', []],
		['{}', {}],
		['{"current": {}}', { current: {} }],
		['{"current": {"insights": []}}', { current: { insights: [] } }],
		['insights: null', { current: { startdate: '2025-03-01', insights: null }, comparison: null }],
		['no insights key', { current: { startdate: '2025-03-01', enddate: '2025-03-07' } }],
	])('reads %s as no insights', (_shape, payload) => {
		const result = parse(indivdPaths.zoneVisitors, payload);
		expect(result.current.insights).toEqual([]);
		expect(result.comparison).toBeUndefined();
	});

	it('reads a Basic plan answer whose dwell statistics are empty', () => {
		const result = parse(indivdPaths.zoneVisitors, zoneVisitorsBasic);
		expect(result.current.insights[0].dwell_time_stats).toEqual({ quantiles: [] });
	});

	it('reads every empty form of the Pro fields on Basic plans as absent', () => {
		const [, second, third, fourth, fifth] = parse(
			indivdPaths.zoneVisitors,
			zoneVisitorsBasicSparse,
		).current.insights;
		for (const insight of [second, third, fourth]) {
			expect(insight.dwell_time_stats).toEqual({ quantiles: [] });
			expect(insight.exclude).toEqual({});
			expect(insight.unique_visits).toBeUndefined();
			expect(insight.dwell_time).toBeUndefined();
		}
		expect(fifth.dwell_time_stats.quantiles).toEqual([95]);
	});

	it('keeps an insight without aggregation or zone_id for the node to leave out', () => {
		const result = parse(indivdPaths.zoneVisitors, {
			current: {
				insights: [
					{ visits: 3, aggregation: null },
					{ visits: 4, aggregation: {} },
				],
			},
		});
		expect(result.current.insights.map((insight) => insight.aggregation)).toEqual([{}, {}]);
	});

	it('ignores fields it does not read, whatever they hold', () => {
		const answer = copy(zoneVisitors) as unknown as {
			current: Record<string, unknown> & { insights: Array<Record<string, unknown>> };
		};
		answer.current.startdate = 20250301;
		answer.current.insights[0].heatmap = [[1, 2]];
		expect(parse(indivdPaths.zoneVisitors, answer).current.insights).toHaveLength(1);
	});

	it('names the path when insights is not a list, or visits is not a number', () => {
		expect(
			mismatch(indivdPaths.zoneVisitors, { current: { insights: { visits: 1 } }, comparison: {} })
				.path,
		).toBe('current.insights');
		const answer = copy(zoneVisitors) as unknown as {
			current: { insights: Array<Record<string, unknown>> };
		};
		answer.current.insights[0].visits = null;
		expect(mismatch(indivdPaths.zoneVisitors, answer).path).toBe('current.insights[0].visits');
		answer.current.insights[0].visits = 'many';
		expect(mismatch(indivdPaths.zoneVisitors, answer).path).toBe('current.insights[0].visits');
	});

	it('still refuses an insight that is not an object', () => {
		expect(mismatch(indivdPaths.zoneVisitors, { current: { insights: [null] } }).path).toBe(
			'current.insights[0]',
		);
	});
});

describe('Indivd drop-in rate', () => {
	it('reads the documented sample, with its day/dayofmonth naming as given', () => {
		const result = parse(indivdPaths.dropInRate, dropInRate);
		expect(result.summary.comparison).toBeUndefined();
		expect(result.details.current[0]).toMatchObject({ day: 15 });
		expect(result.zone_details.current['1121'].details[1]).toMatchObject({
			dayofmonth: 16,
			visits: 757,
			drop_in_rate: 53,
		});
		expect(result.zone_details.comparison).toBeUndefined();
	});

	it.each([
		['the documented structure with nothing in it (sums of no records as null)', dropInRateEmpty],
		['[]', []],
		['{}', {}],
		['empty sections of the wrong container', { summary: [], details: [], zone_details: [] }],
		['absent sections', { details: { interval: 'day' } }],
	])('reads %s as no data', (_shape, payload) => {
		const result = parse(indivdPaths.dropInRate, payload);
		expect(result.summary.current).toBeUndefined();
		expect(result.details.current).toEqual([]);
		expect(result.zone_details.current).toEqual({});
	});

	it('keeps a zone without zone_id for the node to leave out', () => {
		const answer = copy(dropInRate) as unknown as {
			zone_details: { current: Record<string, Record<string, unknown>> };
		};
		delete answer.zone_details.current['1121'].zone_id;
		const zone = parse(indivdPaths.dropInRate, answer).zone_details.current['1121'];
		expect(zone.zone_id).toBeUndefined();
		expect(zone.details).toHaveLength(2);
	});

	it('ignores what it does not read: the aggregate details rows, custom ids', () => {
		const answer = copy(dropInRate) as unknown as {
			details: { current: unknown[] };
			zone_details: { current: Record<string, Record<string, unknown>> };
		};
		answer.details.current = [{ year: 'last', passing_by: 'n/a' }];
		answer.zone_details.current['1121'].location_custom_id = 42;
		expect(parse(indivdPaths.dropInRate, answer).zone_details.current['1121'].zone_id).toBe(1121);
	});

	it('reads a null rate as absent, and names a zone row without entries', () => {
		const answer = copy(dropInRate) as unknown as {
			zone_details: { current: Record<string, { details: Array<Record<string, unknown>> }> };
		};
		answer.zone_details.current['1121'].details[0].drop_in_rate = null;
		expect(
			parse(indivdPaths.dropInRate, answer).zone_details.current['1121'].details[0].drop_in_rate,
		).toBeUndefined();
		delete answer.zone_details.current['1121'].details[0].visits;
		expect(mismatch(indivdPaths.dropInRate, answer).path).toBe(
			'zone_details.current.1121.details[0].visits',
		);
	});

	it('names a summary that gives one count and not the other', () => {
		const answer = copy(dropInRate) as unknown as { summary: { current: Record<string, unknown> } };
		answer.summary.current.enter = null;
		expect(mismatch(indivdPaths.dropInRate, answer).path).toBe('summary.current.enter');
	});
});

describe('Indivd filters', () => {
	const expected = [
		{ id: 124, name: 'Sample Location - Stockholm', timezone: 'Europe/Stockholm' },
		{ id: 125, name: 'Flagship - New York', timezone: 'America/New_York' },
	];

	it.each([
		['an array', locationsArray],
		['a results wrapper', locationsWrapped],
		['a paginated results wrapper', locationsPaginated],
		['another single-key wrapper', { locations: locationsArray }],
		['an id-keyed object', locationsIdMap],
	])('reads locations given as %s', (_shape, payload) => {
		expect(parse('/filters/locations', payload)).toEqual([
			expect.objectContaining(expected[0]),
			expect.objectContaining(expected[1]),
		]);
	});

	it('reads locations given as a single object', () => {
		expect(parse('/filters/locations', locationSingle)).toEqual([
			expect.objectContaining(expected[0]),
		]);
	});

	it.each([
		['[]', []],
		['{}', {}],
		['{"results": []}', { results: [] }],
	])('reads locations given as %s as none', (_shape, payload) => {
		expect(parse('/filters/locations', payload)).toEqual([]);
	});

	it('still refuses JSON null, naming the root', () => {
		expect(mismatch('/filters/locations', null).path).toBe('(root)');
	});

	it.each(['/filters/zones', '/filters/lines', '/filters/categories', '/filters/organisations'])(
		'reads %s in any container, leaving out entries without an id',
		(endpoint) => {
			const path = endpoint as IndivdEndpoint;
			const withoutId = [...zones, { name: 'Unnamed' }, { id: null, name: 'Null' }];
			for (const payload of [withoutId, { results: withoutId }, { data: withoutId }]) {
				expect((parse(path, payload) as Array<{ id: number }>).map((zone) => zone.id)).toEqual([
					201, 1121,
				]);
			}
			expect(parse(path, {})).toEqual([]);
		},
	);

	it('names an entry whose id is not a number', () => {
		expect(mismatch('/filters/zones', [{ id: 'entrance' }]).path).toBe('[0].id');
		expect(mismatch('/filters/locations', { '124': { id: 'x' } }).path).toBe('124.id');
	});
});
