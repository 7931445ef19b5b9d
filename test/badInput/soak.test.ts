import type { IDataObject } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { startSimulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import { poll } from '../helpers/poll';
import { runSoak } from './soak';
import { soakSize, writeReport } from './soakEnv.cjs';
import { fakeDateOnly } from '../helpers/clock';

// The triggers' fault soak (see soak.ts). `npm test` runs a small size (about 1,200 polls over 60
// simulated days); `npm run bench` runs it with SOAK_SIZE=full (at least 10,000 polls).

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	// Retry waits (Retry-After, backoff) pass in simulated time only.
	sleep: async () => {},
}));

const size = soakSize();

beforeAll(() => {
	fakeDateOnly();
});
afterAll(() => jest.useRealTimers());

describe('trigger fault soak', () => {
	it(
		`${size.polls} seeded random polls over ${size.days} days with faults, repeats and restarts: exactly once`,
		async () => {
			const report = await runSoak({
				seed: size.seed,
				polls: size.polls,
				days: size.days,
				setClock: (ms) => jest.setSystemTime(ms),
			});
			writeReport(report);
			expect(report.polls).toBeGreaterThanOrEqual(size.polls);
			expect(report.failedPolls).toBeGreaterThan(0);
			expect(report.timeZones).toHaveLength(3);
			expect(report.triggers.map((t) => [t.name, t.duplicates, t.firstMissing ?? null])).toEqual(
				report.triggers.map((t) => [t.name, 0, null]),
			);
			expect(report.duplicates).toBe(0);
			expect(report.missing).toBe(0);
			expect(report.emittedBeforeClosed).toBe(0);
			expect(report.stateWrittenByFailedPoll).toBe(0);
			expect(report.largestStateBytes).toBeLessThan(1_024);
		},
		size.full ? 3_600_000 : 60_000,
	);
});

describe('found by the soak', () => {
	it('zone visitors without chosen zones: a zone without visits in the polled hour is still emitted', async () => {
		let clock = Date.parse('2026-02-25T23:16:00Z');
		jest.setSystemTime(clock);
		const sim = await startSimulator({ seed: 7, now: () => clock, rateLimit: false });
		try {
			const parameters = {
				event: 'zoneVisitors',
				granularity: 'hour',
				timeZone: 'Europe/Berlin',
				startFrom: 'now',
				settleMinutes: 2,
			};
			const staticData: IDataObject = {};
			const options = { credentials: simulatorCredentials(sim.url), parameters, staticData };
			await poll(new IndivdTrigger(), options);
			clock = Date.parse('2026-02-26T00:42:00Z');
			jest.setSystemTime(clock);
			const items = (await poll(new IndivdTrigger(), options)) ?? [];
			// The hour 00:00-01:00 in Berlin is closed; only 6 zones had visits in it, and the
			// other 3 must still be emitted (as zeros) before the cursor moves past it.
			expect(new Set(items.map((item) => item.zoneId)).size).toBe(sim.fixtures.indivd.zones.length);
		} finally {
			await sim.close();
		}
	});
});
