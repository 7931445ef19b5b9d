// Request economy of the triggers, counted from the simulator's request log with a simulated
// clock (Date.now is pointed at it while the polls run). Each trigger runs without and with
// Re-Check Recent Buckets (docs/contract.md §5.5): re-checking widens the one request a poll
// makes, it adds none. With re-checking, every hour of the steady state closes with half its
// counts (a late upload, a simulator revision) that arrive before the next poll, so every poll
// also emits the corrections of the hour before.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../../simulator/server.cjs');

const MINUTE = 60_000;
/** Re-Check Recent Buckets of the rows: off, a few hours, a day. */
const RECHECKS = [0, 3, 24];
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export async function triggerEconomy({ context, nodes }) {
	if (!nodes.rhombusTrigger || !nodes.indivdTrigger) return undefined;
	let clock = Date.UTC(2026, 2, 2, 9, 7, 30);
	const realNow = Date.now;
	Date.now = () => clock;
	const sim = await startSimulator({ cameras: 50, rateLimit: false, now: () => clock });
	sim.config.setCrossingShape('map');
	const credentials = context.simulatorCredentials(sim.url);
	const requests = (vendor) => sim.log.entries().filter((entry) => entry.vendor === vendor).length;
	const rows = [];
	try {
		const cameraUuids = sim.fixtures.rhombus.cameras.map((camera) => camera.uuid);
		const setups = [
			{
				name: 'Rhombus trigger, crossing counts, 50 cameras, hourly',
				trigger: nodes.rhombusTrigger,
				vendor: 'rhombus',
				parameters: {
					event: 'crossingCounts',
					cameraUuids,
					bucketSize: 'HOUR',
					timeZone: 'UTC',
					startFrom: 'now',
					settleMinutes: 2,
					maxBucketsPerPoll: 500,
					emit: 'everyBucket',
				},
				recipePerPoll: 50,
				recipeCatchUp:
					'150 (50 cameras × 3 days), if built to re-read; the usual recipe reads only the last hour and loses the rest',
			},
			{
				name: 'Indivd trigger, line crosses, hourly',
				trigger: nodes.indivdTrigger,
				vendor: 'indivd',
				parameters: {
					event: 'lineCrosses',
					granularity: 'hour',
					startFrom: 'now',
					settleMinutes: 2,
					maxBucketsPerPoll: 500,
					emit: 'everyBucket',
				},
				recipePerPoll: 1,
				recipeCatchUp: '3 to 4 (one per day), if built to re-read',
			},
		];
		for (const setup of setups)
			for (const recheckBuckets of RECHECKS) {
				const staticData = {};
				const parameters = { ...setup.parameters, recheckBuckets };
				const poll = async () =>
					(await context.pollTrigger(setup.trigger, {
						credentials,
						parameters,
						staticData,
					})) ?? [];
				sim.revisions.clear();
				sim.log.clear();
				await poll(); // first activation: takes its starting point
				const baselineRequests = requests(setup.vendor);

				// Steady state: one poll per hour for a day.
				const perPoll = [];
				let emitted = 0;
				let corrections = 0;
				for (let hour = 0; hour < 24; hour++) {
					clock += HOUR;
					if (recheckBuckets > 0) {
						// The hour that just closed reads half its counts until just before the next poll.
						const from = Math.floor(clock / HOUR) * HOUR - HOUR;
						sim.revisions.add({ from, to: from + HOUR, factor: 0.5, until: clock + HOUR - MINUTE });
					}
					sim.log.clear();
					const items = await poll();
					emitted += items.filter((item) => item.revision === undefined).length;
					corrections += items.filter((item) => item.revision !== undefined).length;
					perPoll.push(requests(setup.vendor));
				}
				sim.revisions.clear();

				// Downtime of 3 days, then polls until caught up.
				clock += 3 * DAY;
				sim.log.clear();
				let catchUpPolls = 0;
				let caughtUp = 0;
				let catchUpCorrections = 0;
				for (let round = 0; round < 20; round++) {
					const items = await poll();
					catchUpPolls++;
					caughtUp += items.filter((item) => item.revision === undefined).length;
					// The last hour of the steady state, read with half its counts, is corrected here.
					catchUpCorrections += items.filter((item) => item.revision !== undefined).length;
					if (items.length === 0) break;
				}
				rows.push({
					name: recheckBuckets
						? `${setup.name}, re-checking ${recheckBuckets} buckets`
						: setup.name,
					recheckBuckets,
					baselineRequests,
					perPollMin: Math.min(...perPoll),
					perPollMax: Math.max(...perPoll),
					steadyItems: emitted / perPoll.length,
					steadyCorrections: corrections / perPoll.length,
					catchUpRequests: requests(setup.vendor),
					catchUpPolls,
					catchUpItems: caughtUp,
					catchUpCorrections,
					recipePerPoll: setup.recipePerPoll,
					recipeCatchUp: setup.recipeCatchUp,
				});
			}
	} finally {
		await sim.close();
		Date.now = realNow;
	}
	return rows;
}
