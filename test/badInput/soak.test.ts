import type { IDataObject } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { startSimulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import { poll } from '../helpers/poll';
import { runSoak } from './soak';
import { soakSize, writeReport } from './soakEnv.cjs';
import { fakeDateOnly } from '../helpers/clock';

// The triggers' fault soak (see soak.ts). `npm test` runs a small size (about 1,200 polls over 60
// simulated days); `npm run bench` runs it with SOAK_SIZE=full (at least 10,000 polls). Five of
// its six triggers re-check recent buckets, for all or part of the run, while the simulator
// revises recently closed counts, and settings change mid-run.

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
		`${size.polls} seeded random polls over ${size.days} days with faults, repeats, restarts and late counts: exactly once, every final value`,
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
			// Triggers without re-checking: a version, a basis and a cursor.
			expect(report.largestStateBytes).toBeLessThan(1_024);

			// Re-Check Recent Buckets (docs/contract.md §5.3 promise 10, §5.5) under revisions.
			const rechecking = report.triggers.filter((t) => t.recheckBuckets > 0);
			expect(rechecking.length).toBeGreaterThanOrEqual(3);
			// One never re-checks; three re-check for part of the run only (soak.ts `changes`).
			expect(report.triggers.length - rechecking.length).toBeGreaterThanOrEqual(1);
			expect(report.revisionsPlanted).toBeGreaterThan(0);
			expect(
				report.triggers.map((t) => [
					t.name,
					t.duplicateRevisions,
					t.previousMismatches,
					t.revisionsOfUnchanged,
					t.firstMissingFinal ?? null,
				]),
			).toEqual(report.triggers.map((t) => [t.name, 0, 0, 0, null]));
			expect(report.duplicateRevisions).toBe(0);
			expect(report.previousMismatches).toBe(0);
			expect(report.revisionsOfUnchanged).toBe(0);
			expect(report.missingFinals).toBe(0);
			// Settings changed mid-run (soak.ts `changes`): another measure is never a correction,
			// and only the last N buckets sent are re-checked, also after N changed.
			expect(report.settingsChanges).toBeGreaterThanOrEqual(15);
			expect(
				report.triggers.map((t) => [
					t.name,
					t.revisionsOfOtherMeasure,
					t.revisionsOutsideWindow,
					t.memoryBeyondWindow,
				]),
			).toEqual(report.triggers.map((t) => [t.name, 0, 0, 0]));
			// The check means something: corrections were emitted, finals that settled while
			// re-checked were checked, and some settled too late to be seen.
			expect(report.corrections).toBeGreaterThan(0);
			expect(report.finalsChecked).toBeGreaterThan(0);
			expect(report.correctionsNeverSeen).toBeGreaterThan(0);
			// Bounded by the buckets re-checked and the scopes, not by time (soak.ts `stateBound`).
			for (const t of rechecking) {
				expect([t.name, t.mostRecheckedBuckets <= t.recheckBuckets]).toEqual([t.name, true]);
				expect([t.name, t.largestStateBytes < t.stateBoundBytes]).toEqual([t.name, true]);
			}
			expect(report.largestRecheckStateBytes).toBeLessThan(
				Math.max(...rechecking.map((t) => t.stateBoundBytes)),
			);
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
