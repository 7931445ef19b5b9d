import { run, useSimulator } from './helpers';

// Very large answers: a ~50 MB hostile one through each node, and a long but valid range. Kept
// apart from responses.test.ts because they take seconds each, so jest can run both files side by
// side. All are known gaps today, marked with jest `it.failing`: the suite stays green and a fix
// shows up as "this gap is closed".

const sim = useSimulator();

const crossingCounts = {
	resource: 'report',
	operation: 'getCrossingCounts',
	cameraUuids: ['7Z9wAlGz-nARYxxb7hbjuA'],
	startTime: '2026-03-29T00:00:00Z',
	endTime: '2026-03-29T03:00:00Z',
	timeZone: 'UTC',
};

const lineCrosses = {
	resource: 'lineCrosses',
	operation: 'get',
	startDate: '2026-03-02',
	endDate: '2026-03-03',
	aggregateBy: 'hour',
};

describe('known gaps: very large answers', () => {
	it.failing(
		'a ~50 MB answer of absurd buckets (year 1, all the same bucket) is refused (crossingCounts)',
		async () => {
			sim.sim.faults.add({ kind: 'huge', times: Infinity });
			// Today: 700,001 items dated 0001-01-01, all with the same bucketKey, after ~20-40 s.
			await expect(run(sim, 'rhombus', crossingCounts)).rejects.toThrow(
				/Rhombus.*getBatchThresholdCrossingCountReport/,
			);
		},
		120_000,
	);

	it.failing(
		'a ~50 MB answer of absurd rows ends in an error naming Indivd and the endpoint (lineCrosses)',
		async () => {
			sim.sim.faults.add({ kind: 'huge', times: Infinity });
			// Today: "Maximum call stack size exceeded" from rows.push(...700,001 rows).
			await expect(run(sim, 'indivd', lineCrosses)).rejects.toThrow(/Indivd.*line_crosses/);
		},
		120_000,
	);

	it.failing(
		'four months of minute line crosses (174,240 valid rows over 41 requests) become items',
		async () => {
			// Not hostile at all: results.push(...items) in the line-crosses operation overflows the
			// stack past ~120k items ("Maximum call stack size exceeded").
			const items = await run(sim, 'indivd', {
				...lineCrosses,
				startDate: '2025-11-01',
				endDate: '2026-03-01',
				aggregateBy: 'minute',
			});
			expect(items).toHaveLength(121 * 24 * 60);
		},
		120_000,
	);
});
