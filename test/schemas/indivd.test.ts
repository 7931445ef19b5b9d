import type { IndivdEndpoint } from '../../nodes/Indivd/transport/schemas';
import { indivdSchema, indivdPaths } from '../../nodes/Indivd/transport/schemas';
import { parseResponse } from '../../nodes/shared/validation';
import dropInRate from '../fixtures/indivd/dropInRate.json';
import lineCrosses from '../fixtures/indivd/lineCrosses.json';
import locationsArray from '../fixtures/indivd/locations.array.json';
import locationsIdMap from '../fixtures/indivd/locations.idMap.json';
import locationSingle from '../fixtures/indivd/locations.single.json';
import locationsWrapped from '../fixtures/indivd/locations.wrapped.json';
import zones from '../fixtures/indivd/zones.json';
import zoneVisitorsBasic from '../fixtures/indivd/zoneVisitors.basicPlan.json';
import zoneVisitorsComparison from '../fixtures/indivd/zoneVisitors.comparison.json';
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

describe('Indivd line crosses', () => {
	it('reads the documented sample', () => {
		expect(parse(indivdPaths.lineCrosses, lineCrosses)).toEqual([
			{ _id: { year: 2025, month: 3, dayofmonth: 1 }, count: 100006 },
			{ _id: { year: 2025, month: 3, dayofmonth: 2 }, count: 115069 },
		]);
	});

	it('accepts an empty result, which is how out-of-scope data looks', () => {
		expect(parse(indivdPaths.lineCrosses, [])).toEqual([]);
	});

	it('rejects a wrapped object, naming the root', () => {
		expect(mismatch(indivdPaths.lineCrosses, { results: lineCrosses }).path).toBe('(root)');
	});

	it('refuses calendar parts that do not exist, naming the row', () => {
		expect(
			mismatch(indivdPaths.lineCrosses, [{ _id: { year: 2025, month: 13 }, count: 1 }]).path,
		).toBe('[0]._id.month');
		expect(
			mismatch(indivdPaths.lineCrosses, [{ _id: { year: 2025, hour: 24 }, count: 1 }]).path,
		).toBe('[0]._id.hour');
	});

	it('names the row whose count is missing', () => {
		expect(mismatch(indivdPaths.lineCrosses, [lineCrosses[0], { _id: { year: 2025 } }]).path).toBe(
			'[1].count',
		);
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

	it('reads a Basic plan answer whose dwell statistics are empty', () => {
		const result = parse(indivdPaths.zoneVisitors, zoneVisitorsBasic);
		expect(result.current.insights[0].dwell_time_stats).toEqual({});
	});

	it('names the path when insights is not a list', () => {
		expect(
			mismatch(indivdPaths.zoneVisitors, { current: { insights: { visits: 1 } }, comparison: {} })
				.path,
		).toBe('current.insights');
	});
});

describe('Indivd drop-in rate', () => {
	it('reads the documented sample, with its day/dayofmonth naming as given', () => {
		const result = parse(indivdPaths.dropInRate, dropInRate);
		expect(result.summary.comparison).toBeUndefined();
		expect(result.details.current[0].day).toBe(15);
		expect(result.zone_details.current['1121'].details?.[1]).toMatchObject({
			dayofmonth: 16,
			visits: 757,
			drop_in_rate: 53,
		});
		expect(result.zone_details.comparison).toBeUndefined();
	});

	it('names the zone whose id is missing', () => {
		const broken = structuredClone(dropInRate) as unknown as {
			zone_details: { current: Record<string, Record<string, unknown>> };
		};
		delete broken.zone_details.current['1121'].zone_id;
		expect(mismatch(indivdPaths.dropInRate, broken).path).toBe('zone_details.current.1121.zone_id');
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

	it('reads zones and rejects an entry without an id', () => {
		expect(parse('/filters/zones', zones).map((zone) => zone.id)).toEqual([201, 1121]);
		expect(mismatch('/filters/zones', [{ name: 'Entrance' }]).path).toBe('[0].id');
	});
});
