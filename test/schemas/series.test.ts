import { z } from 'zod';

import {
	indivdPaths,
	indivdSchema,
	lineCrossRowSchema,
} from '../../nodes/Indivd/transport/schemas';
import {
	crossingCountSchema,
	occupancyPointSchema,
	rhombusSchema,
} from '../../nodes/Rhombus/transport/schemas';
import { parseResponse } from '../../nodes/shared/validation';
import crossingArray from '../fixtures/rhombus/crossingCounts.array.json';
import crossingMap from '../fixtures/rhombus/crossingCounts.map.json';
import occupancy from '../fixtures/rhombus/occupancy.json';
import lineCrosses from '../fixtures/indivd/lineCrosses.json';

const batch = rhombusSchema('/api/report/getBatchThresholdCrossingCountReport');
const occupancyCounts = rhombusSchema('/api/report/getOccupancyCountsV2');
const lineCrossRows = indivdSchema(indivdPaths.lineCrosses);

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('long series: elements as the vendors send them are used as they are', () => {
	it('occupancy points give what zod alone gives, without a copy of each point', () => {
		const answer = copy(occupancy);
		const { timeSeriesDataPoints } = occupancyCounts.parse(answer);
		expect(timeSeriesDataPoints).toEqual(
			z.array(occupancyPointSchema).parse(copy(occupancy).timeSeriesDataPoints),
		);
		expect(timeSeriesDataPoints?.[0]).toBe(answer.timeSeriesDataPoints[0]);
	});

	it('crossing counts, as an array and as a per-device map, give what zod alone gives', () => {
		const { report: aggregate } = batch.parse(copy(crossingArray));
		expect(aggregate).toEqual({
			kind: 'aggregate',
			counts: z.array(crossingCountSchema).parse(crossingArray.crossingCounts),
		});
		const { report: perDevice } = batch.parse(copy(crossingMap));
		expect(perDevice.kind).toBe('perDevice');
		if (perDevice.kind !== 'perDevice') return;
		for (const [device, counts] of Object.entries(crossingMap.deviceCrossingCounts))
			expect(perDevice.byDevice[device]).toEqual(z.array(crossingCountSchema).parse(counts));
	});

	it('line-cross rows give what zod alone gives', () => {
		expect(lineCrossRows.parse(copy(lineCrosses))).toEqual(
			z.array(lineCrossRowSchema).parse(lineCrosses),
		);
	});
});

describe('long series: other elements still go through zod', () => {
	const point = occupancy.timeSeriesDataPoints[0];

	it('normalises text numbers and a missing count map, keeping the order', () => {
		const answer = {
			timeSeriesDataPoints: [
				point,
				{ ...point, timestampMs: String(point.timestampMs + 60_000), eventCountMap: undefined },
				{ ...point, timestampMs: point.timestampMs + 120_000, eventCountMap: { PEOPLE: '3' } },
			],
		};
		const points = occupancyCounts.parse(answer).timeSeriesDataPoints ?? [];
		expect(points.map((each) => [each.timestampMs, each.eventCountMap])).toEqual([
			[point.timestampMs, point.eventCountMap],
			[point.timestampMs + 60_000, undefined],
			[point.timestampMs + 120_000, { PEOPLE: 3 }],
		]);
		expect(answer.timeSeriesDataPoints[1].timestampMs).toEqual(expect.any(String));
	});

	it('leaves a row with text calendar parts to zod, which reads them as numbers', () => {
		const row = { _id: { year: '2026', month: 3, dayofmonth: 2 }, count: 4 };
		expect(lineCrossRows.parse([row])).toEqual([
			{ _id: { year: 2026, month: 3, dayofmonth: 2 }, count: 4 },
		]);
	});

	it('drops a __proto__ key as zod does', () => {
		const hostile = JSON.parse('[{"_id":{"year":2026},"count":1,"__proto__":{"x":1}}]') as unknown;
		const [row] = lineCrossRows.parse(hostile);
		expect(Object.keys(row)).toEqual(['_id', 'count']);
	});
});

describe('long series: a broken answer is judged by its first bad element', () => {
	it('names the first bad element of 200,000 and stops there', () => {
		const bad = { ingressCount: -1, egressCount: 0, timestampMs: 0 };
		const result = parseResponse(batch, {
			crossingCounts: [crossingArray.crossingCounts[0], ...Array(200_000).fill(bad)],
		});
		expect(result).toEqual({
			ok: false,
			mismatch: { path: 'crossingCounts[1].ingressCount', problem: expect.any(String) },
		});
	});

	it('says what the series should have been when it is not a list', () => {
		expect(parseResponse(lineCrossRows, { results: [] })).toEqual({
			ok: false,
			mismatch: { path: '(root)', problem: 'Expected array, received object' },
		});
	});
});
