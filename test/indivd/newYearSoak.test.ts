import type { IDataObject } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { fakeDateOnly } from '../helpers/clock';
import { simulatorCredentials } from '../helpers/context';
import { poll } from '../helpers/poll';
import { jsonOf, runIndivd } from './helpers';

// Indivd may leave `_id.year` out of its rows (docs/contract.md §8.2). Around New Year a trigger's
// window, and with re-checking every window of the first hours of the year, spans two years: the
// year of such a row is told only by a request that lies within one year.

const trigger = new IndivdTrigger();
let sim: Simulator;

beforeAll(async () => {
	fakeDateOnly();
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => {
	await sim.close();
	jest.useRealTimers();
});
beforeEach(() => sim.variants.clear());

const lineCrosses = {
	event: 'lineCrosses',
	granularity: 'hour',
	lineIds: [5001],
	settleMinutes: 2,
	startFrom: 'now',
	maxBucketsPerPoll: 500,
	emit: 'everyBucket',
};

/** The hourly counts Indivd's own rows (with the year) give, read once every hour has closed. */
async function trueCounts(): Promise<Map<string, unknown>> {
	jest.setSystemTime(Date.parse('2027-01-03T12:00:00Z'));
	const { items } = await runIndivd(sim, {
		resource: 'lineCrosses',
		operation: 'get',
		outputMode: 'buckets',
		startDate: '2026-12-30',
		endDate: '2027-01-02',
		aggregateBy: 'hour',
		lineIds: [5001],
	});
	return new Map(jsonOf(items).map((item) => [String(item.bucketStart), item.count]));
}

describe('Indivd Trigger across New Year, rows without _id.year', () => {
	it.each([0, 24])(
		'polled hourly from 30 Dec to 2 Jan, missing the polls around midnight (Re-Check Recent Buckets %s): every hour emitted once with its true count, no revision to 0, no zero from a left-out row',
		async (recheckBuckets) => {
			const truth = await trueCounts();
			sim.variants.set('line_crosses', [{ path: '[*]._id.year', op: 'absent' }]);
			const staticData: IDataObject = {};
			const emitted: IDataObject[] = [];
			const from = Date.parse('2026-12-30T00:05:00Z');
			const to = Date.parse('2027-01-02T23:05:00Z');
			// No poll from 23:00 to 02:00 (n8n down over the party): the next one catches up across New
			// Year even without re-checking.
			const down = [Date.parse('2026-12-31T23:00:00Z'), Date.parse('2027-01-01T02:00:00Z')];
			for (let time = from; time <= to; time += 3_600_000) {
				if (time > down[0] && time < down[1]) continue;
				jest.setSystemTime(time);
				const items = await poll(trigger, {
					credentials: simulatorCredentials(sim.url),
					parameters: { ...lineCrosses, recheckBuckets },
					staticData,
				});
				emitted.push(...(items ?? []));
			}
			const hours = Array.from({ length: 95 }, (_, hour) =>
				new Date(Date.parse('2026-12-30T00:00:00Z') + hour * 3_600_000).toISOString(),
			);
			expect(emitted.map((item) => item.bucketStart)).toEqual(hours);
			expect(emitted.filter((item) => item.revision !== undefined)).toEqual([]);
			expect(emitted.filter((item) => item.warning !== undefined)).toEqual([]);
			expect(emitted.map((item) => [item.bucketStart, item.count])).toEqual(
				hours.map((hour) => [hour, truth.get(hour) ?? 0]),
			);
			expect(emitted.some((item) => Number(item.count) > 0)).toBe(true);
		},
	);
});
