import { indivdPaths } from '../../nodes/Indivd/transport/schemas';
import { run, useSimulator } from './helpers';

// Very large answers: a ~50 MB hostile one through each node, and a long but valid range. Kept
// apart from responses.test.ts because they take seconds each, so jest can run both files side by
// side.

const sim = useSimulator();

const crossingCounts = {
	resource: 'report',
	operation: 'getCrossingCounts',
	cameraUuids: ['7Z9wAlGz-nARYxxb7hbjuA'],
	startTime: '2026-03-29T00:00:00Z',
	endTime: '2026-03-29T03:00:00Z',
	timeZone: 'UTC',
};

interface LineCrossRow {
	_id: { year: number; month: number; dayofmonth: number; hour: number; minute: number };
	count: number;
}

const lineCrosses = {
	resource: 'lineCrosses',
	operation: 'get',
	startDate: '2026-03-02',
	endDate: '2026-03-03',
	aggregateBy: 'hour',
};

describe('very large answers', () => {
	it('a ~50 MB answer of absurd buckets (year 1, all the same bucket) is refused (crossingCounts)', async () => {
		sim.sim.faults.add({ kind: 'huge', times: Infinity });
		await expect(run(sim, 'rhombus', crossingCounts)).rejects.toThrow(
			/Rhombus.*getBatchThresholdCrossingCountReport/,
		);
	}, 120_000);

	it('a ~50 MB answer of absurd rows ends in an error naming Indivd and the endpoint (lineCrosses)', async () => {
		sim.sim.faults.add({ kind: 'huge', times: Infinity });
		await expect(run(sim, 'indivd', lineCrosses)).rejects.toThrow(/Indivd.*line_crosses/);
	}, 120_000);

	it('four months of minute line crosses (41 requests) become the rows one unlimited request gives, the other minutes as zeros', async () => {
		const parameters = {
			...lineCrosses,
			startDate: '2025-11-01',
			endDate: '2026-03-01',
			aggregateBy: 'minute',
		};
		const items = await run(sim, 'indivd', parameters);
		expect(
			sim.sim.log.entries().filter((entry) => entry.path.includes('line_crosses')),
		).toHaveLength(41);
		sim.sim.config.setRangeLimits(false);
		try {
			const truth = (await (
				await fetch(
					`${sim.sim.url}${indivdPaths.lineCrosses}?start_date=2025-11-01&end_date=2026-03-01&aggregate_by=minute`,
					{ headers: { authorization: `Token ${sim.sim.fixtures.indivd.token}` } },
				)
			).json()) as LineCrossRow[];
			// Minutes without a crossing are absent from the API's answer, so fewer than 121 × 1440.
			expect(truth.length).toBeGreaterThan(150_000);
			const minutes = (Date.UTC(2026, 2, 2) - Date.UTC(2025, 10, 1)) / 60_000;
			expect(truth.length).toBeLessThan(minutes);
			expect(items).toHaveLength(minutes);
			expect(new Set(items.map((item) => item.json.bucketKey)).size).toBe(minutes);
			const counted = items.filter((item) => item.json.count !== 0);
			expect(counted.map((item) => [item.json.bucketStart, item.json.count])).toEqual(
				truth.map(({ _id, count }) => [
					new Date(
						Date.UTC(_id.year, _id.month - 1, _id.dayofmonth, _id.hour, _id.minute),
					).toISOString(),
					count,
				]),
			);
		} finally {
			sim.sim.config.setRangeLimits(true);
		}
	}, 120_000);
});
