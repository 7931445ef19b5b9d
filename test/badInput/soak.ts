import type { IDataObject, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import { itemScope } from '../../nodes/shared/items';
import { zoneDataGrid } from '../../nodes/Indivd/helpers/zoneDataGrid';
import type { Granularity, Grid } from '../../nodes/shared/time';
import { bucketsFrom, calendarGrid, closedUntil } from '../../nodes/shared/time';
import type { Fault, FaultKind, Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { CredentialSet } from '../helpers/context';
import { requestHelpers, simulatorCredentials, testNode } from '../helpers/context';
import type { Parameters } from '../helpers/execute';

// A seeded random fault soak of both triggers: many polls over weeks of simulated time across
// daylight-saving changes in three time zones, with random 429s, 5xx, timeouts, resets, in-band
// errors, malformed and schema-breaking answers, polls run twice, restarts (state through JSON)
// and downtime. It counts what was emitted and checks the promises of docs/contract.md §5: no
// bucket twice, no closed bucket missing, nothing before it closed, no state written by a failed
// poll, and a small stored state.
//
// The clock is the caller's: `setClock(ms)` must make Date.now() return ms (jest's fake Date).
// Retry waits must be instant (the caller mocks n8n-workflow's sleep); request timeouts are cut
// to `timeoutMs` so a held connection costs a fraction of a second instead of 30 s.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SoakOptions {
	seed: number;
	/** At least this many polls (across all triggers), spread over `days`. */
	polls: number;
	days: number;
	/** Start of the simulated time; the default spans the DST changes of March and April 2026. */
	start?: number;
	/** Share of polls that meet a fault. */
	faultRate?: number;
	timeoutMs?: number;
	setClock(ms: number): void;
	/** Wall-clock milliseconds, for reporting slow polls (jest's fake Date cannot be used). */
	wallClock?: () => number;
	log?: (line: string) => void;
	/** Every poll, for diagnosing a failed promise. */
	trace?: (poll: {
		trigger: string;
		now: number;
		fault: string;
		error?: string;
		emitted: Array<{ scope: string; start: number }>;
		state: IDataObject;
	}) => void;
}

export interface TriggerReport {
	name: string;
	polls: number;
	failedPolls: number;
	emitted: number;
	duplicates: number;
	missing: number;
	emittedBeforeClosed: number;
	stateWrittenByFailedPoll: number;
	largestStateBytes: number;
	scopes: number;
	firstMissing?: string;
}

export interface SoakReport {
	seed: number;
	days: number;
	polls: number;
	failedPolls: number;
	repeatedPolls: number;
	restarts: number;
	downtimes: number;
	faults: Partial<Record<FaultKind, number>>;
	emitted: number;
	duplicates: number;
	missing: number;
	emittedBeforeClosed: number;
	stateWrittenByFailedPoll: number;
	largestStateBytes: number;
	timeZones: string[];
	triggers: TriggerReport[];
}

/** mulberry32: small, fast and good enough to drive a soak from one seed. */
function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (p: number) => next() < p,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
		weighted: <T extends { weight: number }>(list: readonly T[]) => {
			let left = next() * list.reduce((sum, entry) => sum + entry.weight, 0);
			for (const entry of list) {
				left -= entry.weight;
				if (left < 0) return entry;
			}
			return list[list.length - 1];
		},
	};
}

interface TriggerSetup {
	name: string;
	trigger: INodeType;
	vendor: 'rhombus' | 'indivd';
	parameters: Parameters;
	granularity: Granularity;
	timeZone: string;
	/** Where the vendor's buckets start and end, which decides what counts as missing. */
	grid: Grid;
}

function setups(sim: Simulator): TriggerSetup[] {
	const cameras = sim.fixtures.rhombus.cameras;
	const rhombus = new RhombusTrigger();
	const indivd = new IndivdTrigger();
	const polling = { settleMinutes: 2, emit: 'everyBucket' };
	return [
		{
			name: 'Rhombus crossing counts, hourly, Europe/Berlin, 6 cameras',
			trigger: rhombus,
			vendor: 'rhombus',
			parameters: {
				...polling,
				event: 'crossingCounts',
				cameraUuids: cameras.map((camera) => camera.uuid),
				bucketSize: 'HOUR',
				timeZone: 'Europe/Berlin',
				startFrom: 'now',
				maxBucketsPerPoll: 500,
			},
			granularity: 'hour',
			timeZone: 'Europe/Berlin',
			grid: calendarGrid('hour', 'Europe/Berlin'),
		},
		{
			name: 'Rhombus crossing counts, quarter-hourly, America/Los_Angeles, 2 cameras, backfill, 10 per poll',
			trigger: rhombus,
			vendor: 'rhombus',
			parameters: {
				...polling,
				event: 'crossingCounts',
				cameraUuids: [cameras[1].uuid, cameras[2].uuid],
				bucketSize: 'QUARTER_HOUR',
				timeZone: 'America/Los_Angeles',
				startFrom: 'backfill',
				backfillBuckets: 48,
				maxBucketsPerPoll: 10,
			},
			granularity: 'quarterHour',
			timeZone: 'America/Los_Angeles',
			grid: calendarGrid('quarterHour', 'America/Los_Angeles'),
		},
		{
			name: 'Rhombus occupancy, hourly, Australia/Sydney, 2 cameras',
			trigger: rhombus,
			vendor: 'rhombus',
			parameters: {
				...polling,
				event: 'occupancy',
				cameraUuids: [cameras[0].uuid, cameras[2].uuid],
				interval: 'HOURLY',
				timeZone: 'Australia/Sydney',
				startFrom: 'now',
				maxBucketsPerPoll: 24,
			},
			granularity: 'hour',
			timeZone: 'Australia/Sydney',
			grid: calendarGrid('hour', 'Australia/Sydney'),
		},
		{
			name: 'Indivd line crosses, hourly (UTC), 30 per poll',
			trigger: indivd,
			vendor: 'indivd',
			parameters: {
				...polling,
				event: 'lineCrosses',
				granularity: 'hour',
				startFrom: 'now',
				maxBucketsPerPoll: 30,
			},
			granularity: 'hour',
			timeZone: 'UTC',
			grid: calendarGrid('hour', 'UTC'),
		},
		{
			// No zones chosen: zones without visits in a polled hour come from the zone list.
			name: 'Indivd zone visitors, hourly, Europe/Berlin, all 9 zones (none chosen)',
			trigger: indivd,
			vendor: 'indivd',
			parameters: {
				...polling,
				event: 'zoneVisitors',
				granularity: 'hour',
				timeZone: 'Europe/Berlin',
				startFrom: 'now',
				maxBucketsPerPoll: 500,
			},
			granularity: 'hour',
			timeZone: 'Europe/Berlin',
			grid: zoneDataGrid('hour', 'Europe/Berlin'),
		},
		{
			name: 'Indivd drop-in rate, daily, Australia/Sydney, backfill',
			trigger: indivd,
			vendor: 'indivd',
			parameters: {
				...polling,
				event: 'dropInRate',
				granularity: 'day',
				timeZone: 'Australia/Sydney',
				startFrom: 'backfill',
				backfillBuckets: 3,
				maxBucketsPerPoll: 500,
			},
			granularity: 'day',
			timeZone: 'Australia/Sydney',
			grid: zoneDataGrid('day', 'Australia/Sydney'),
		},
	];
}

/** An IPollFunctions for one tick, as n8n builds it, with request timeouts cut to `timeoutMs`. */
function pollContext(
	credentials: CredentialSet,
	parameters: Parameters,
	staticData: IDataObject,
	timeoutMs: number,
): IPollFunctions {
	const helpers = requestHelpers(credentials, testNode);
	const context = {
		getNode: () => testNode,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => 'UTC',
		getWorkflowStaticData: () => staticData,
		getPollBudgetMs: () => 300_000,
		getCredentials: async (type: string) => credentials[type],
		getNodeParameter(name: string, fallback?: unknown) {
			const value = parameters[name];
			return value === undefined ? fallback : value;
		},
		helpers: {
			httpRequestWithAuthentication: async (type: string, request: IDataObject) =>
				await helpers.httpRequestWithAuthentication(type, {
					...request,
					url: String(request.url),
					timeout: Math.min(Number(request.timeout ?? timeoutMs), timeoutMs),
				}),
		},
	};
	return context as unknown as IPollFunctions;
}

// A timed-out attempt costs a real second (the HTTP client's timer resolution), so timeouts are
// drawn less often than the other faults.
const faultKinds: Array<{ kind: FaultKind; vendor?: 'rhombus'; weight: number }> = [
	{ kind: 'rateLimit', weight: 1 },
	{ kind: 'status', weight: 1 },
	{ kind: 'timeout', weight: 0.25 },
	{ kind: 'reset', weight: 1 },
	{ kind: 'inBandError', vendor: 'rhombus', weight: 1 },
	{ kind: 'malformedJson', weight: 1 },
	{ kind: 'schema', weight: 1 },
	{ kind: 'truncated', weight: 1 },
	{ kind: 'html', weight: 1 },
	{ kind: 'redirect', weight: 1 },
];

interface Tracker {
	setup: TriggerSetup;
	staticData: IDataObject;
	downUntil: number;
	report: TriggerReport;
	/** `${scope}@${bucketStart}` of everything emitted. */
	seen: Set<string>;
	keys: Set<string>;
	scopes: Set<string>;
	firstStart: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
	const rng = random(options.seed);
	const start = options.start ?? Date.UTC(2026, 1, 20, 0, 7);
	const end = start + options.days * DAY;
	const timeoutMs = options.timeoutMs ?? 150;
	const faultRate = options.faultRate ?? 0.25;
	let clock = start;
	options.setClock(clock);
	const sim = await startSimulator({
		seed: options.seed,
		now: () => clock,
		rateLimit: false,
		cameras: 6,
	});
	sim.config.setCrossingShape('map');
	const credentials = simulatorCredentials(sim.url);
	const report: SoakReport = {
		seed: options.seed,
		days: options.days,
		polls: 0,
		failedPolls: 0,
		repeatedPolls: 0,
		restarts: 0,
		downtimes: 0,
		faults: {},
		emitted: 0,
		duplicates: 0,
		missing: 0,
		emittedBeforeClosed: 0,
		stateWrittenByFailedPoll: 0,
		largestStateBytes: 0,
		timeZones: [],
		triggers: [],
	};
	const trackers: Tracker[] = setups(sim).map((setup) => ({
		setup,
		staticData: {},
		downUntil: 0,
		seen: new Set(),
		keys: new Set(),
		scopes: new Set(),
		firstStart: Infinity,
		report: {
			name: setup.name,
			polls: 0,
			failedPolls: 0,
			emitted: 0,
			duplicates: 0,
			missing: 0,
			emittedBeforeClosed: 0,
			stateWrittenByFailedPoll: 0,
			largestStateBytes: 0,
			scopes: 0,
		},
	}));
	report.timeZones = [...new Set(trackers.map((t) => t.setup.timeZone).filter((z) => z !== 'UTC'))];

	const pollOnce = async (tracker: Tracker, withFault: boolean) => {
		const { setup } = tracker;
		sim.faults.clear();
		if (withFault) {
			const choice = rng.weighted(faultKinds.filter((f) => !f.vendor || f.vendor === setup.vendor));
			const fault: Fault = {
				vendor: setup.vendor,
				kind: choice.kind,
				times: rng.int(1, choice.kind === 'timeout' ? 3 : 4),
			};
			if (choice.kind === 'rateLimit') fault.retryAfterSec = rng.int(1, 40);
			if (choice.kind === 'status') fault.status = rng.pick([500, 502, 503, 504]);
			sim.faults.add(fault);
			report.faults[choice.kind] = (report.faults[choice.kind] ?? 0) + 1;
		}
		const before = JSON.stringify(tracker.staticData);
		const began = options.wallClock?.() ?? 0;
		const faultKind = sim.faults.list()[0]?.kind ?? 'none';
		tracker.report.polls++;
		report.polls++;
		let output: INodeExecutionData[][] | null;
		try {
			output = (await setup.trigger.poll!.call(
				pollContext(credentials, setup.parameters, tracker.staticData, timeoutMs),
			)) as INodeExecutionData[][] | null;
		} catch (error) {
			options.trace?.({
				trigger: setup.name,
				now: clock,
				fault: faultKind,
				error: (error as Error).message,
				emitted: [],
				state: tracker.staticData,
			});
			tracker.report.failedPolls++;
			report.failedPolls++;
			if (JSON.stringify(tracker.staticData) !== before) tracker.report.stateWrittenByFailedPoll++;
			return;
		} finally {
			sim.faults.clear();
			const took = (options.wallClock?.() ?? 0) - began;
			if (took > 1_000) options.log?.(`slow poll: ${took} ms, ${setup.name}, fault ${faultKind}`);
		}
		const size = JSON.stringify(tracker.staticData).length;
		tracker.report.largestStateBytes = Math.max(tracker.report.largestStateBytes, size);
		if (typeof tracker.staticData.cursor === 'number' && tracker.firstStart === Infinity) {
			tracker.firstStart = tracker.staticData.cursor as number;
		}
		const settleMs = Number(setup.parameters.settleMinutes) * 60_000;
		options.trace?.({
			trigger: setup.name,
			now: clock,
			fault: faultKind,
			emitted: (output?.[0] ?? []).map(({ json }) => ({
				scope: itemScope(json),
				start: Date.parse(String(json.bucketStart)),
			})),
			state: tracker.staticData,
		});
		for (const { json } of output?.[0] ?? []) {
			tracker.report.emitted++;
			const scope = itemScope(json);
			const startMs = Date.parse(String(json.bucketStart));
			tracker.scopes.add(scope);
			tracker.firstStart = Math.min(tracker.firstStart, startMs);
			const key = String(json.bucketKey);
			if (tracker.keys.has(key)) tracker.report.duplicates++;
			tracker.keys.add(key);
			tracker.seen.add(`${scope}@${startMs}`);
			if (Date.parse(String(json.bucketEnd)) + settleMs > clock)
				tracker.report.emittedBeforeClosed++;
		}
	};

	const perTriggerPolls = options.polls / trackers.length;
	const meanStepMs = ((end - start) / perTriggerPolls) * 0.8;
	for (let step = 0; clock < end || report.polls < options.polls; step++) {
		if (step > options.polls * 10) throw new Error('soak did not reach its poll count');
		clock += Math.max(1_000, Math.round(-Math.log(1 - rng.next()) * meanStepMs));
		options.setClock(clock);
		for (const tracker of trackers) {
			if (tracker.downUntil > clock) continue;
			if (rng.chance(0.004)) {
				// Downtime: the workflow is off for 2 hours to 3 days; catch-up comes afterwards.
				tracker.downUntil = clock + rng.int(2 * HOUR, 3 * DAY);
				report.downtimes++;
				continue;
			}
			if (rng.chance(0.03)) {
				tracker.staticData = JSON.parse(JSON.stringify(tracker.staticData)) as IDataObject;
				report.restarts++;
			}
			await pollOnce(tracker, rng.chance(faultRate));
			if (rng.chance(0.08)) {
				report.repeatedPolls++;
				await pollOnce(tracker, rng.chance(faultRate));
			}
		}
	}

	// Drain: no faults, no downtime, poll each trigger until it has caught up with the clock.
	for (const tracker of trackers) {
		for (let round = 0; round < 1_000; round++) {
			const emittedBefore = tracker.report.emitted;
			const failedBefore = tracker.report.failedPolls;
			await pollOnce(tracker, false);
			if (tracker.report.failedPolls > failedBefore)
				throw new Error(`${tracker.setup.name}: a poll without faults failed`);
			if (tracker.report.emitted === emittedBefore) break;
		}
	}
	await sim.close();

	for (const tracker of trackers) {
		const { setup } = tracker;
		const settleMs = Number(setup.parameters.settleMinutes) * 60_000;
		const { grid } = setup;
		const until = closedUntil(clock, settleMs, grid);
		const expected =
			tracker.firstStart < until
				? bucketsFrom(grid.startOf(tracker.firstStart), until, Infinity, grid)
				: [];
		for (const scope of tracker.scopes) {
			for (const bucket of expected) {
				if (tracker.seen.has(`${scope}@${bucket.start}`)) continue;
				tracker.report.missing++;
				tracker.report.firstMissing ??= `${scope} ${new Date(bucket.start).toISOString()}`;
			}
		}
		tracker.report.scopes = tracker.scopes.size;
		report.emitted += tracker.report.emitted;
		report.duplicates += tracker.report.duplicates;
		report.missing += tracker.report.missing;
		report.emittedBeforeClosed += tracker.report.emittedBeforeClosed;
		report.stateWrittenByFailedPoll += tracker.report.stateWrittenByFailedPoll;
		report.largestStateBytes = Math.max(report.largestStateBytes, tracker.report.largestStateBytes);
		report.triggers.push(tracker.report);
	}
	return report;
}
