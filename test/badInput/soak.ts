import type { IDataObject, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';

import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import { itemScope, metricFields } from '../../nodes/shared/items';
import type { Metric } from '../../nodes/shared/items';
import { zoneDataGrid } from '../../nodes/Indivd/helpers/zoneDataGrid';
import type { Granularity, Grid } from '../../nodes/shared/time';
import { bucketsFrom, calendarGrid, closedUntil } from '../../nodes/shared/time';
import type { Fault, FaultKind, Revision, Simulator } from '../../simulator/server.cjs';
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
// Some triggers re-check recent buckets (`recheckBuckets`, §5.5), and the simulator revises the
// counts of recently closed buckets all along (late uploads read 0 or 0.5 of the true count
// until they arrive, double counts read 1.5 of it until deduplicated). For those triggers the
// soak also checks §5.3 promise 10: every final value that settled while its bucket was still
// re-checked reached the output (see `finalCheck`), no revision twice or out of order, each
// revision's `previous` is what was sent before it, no revision of a bucket that did not change,
// and a state bounded by the number of buckets re-checked.
//
// Settings change mid-run (docs/contract.md §5.4): Crossing Object, Dedupe, Bounce Threshold, a
// line filter and Re-Check Recent Buckets itself, each with and without re-checking, and the
// calendar Rhombus counts on. No revision may follow a change of what is measured (a revision's
// bucket must have been sent under the same settings and be in the last N buckets sent), and
// every bucket is still emitted exactly once, for the scopes of the settings it was read with.
//
// The clock is the caller's: `setClock(ms)` must make Date.now() return ms (jest's fake Date).
// Retry waits must be instant (the caller mocks n8n-workflow's sleep); request timeouts are cut
// to `timeoutMs` so a held connection costs a fraction of a second instead of 30 s.

const MINUTE = 60_000;
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
	/** Share of the soak's steps that plant a revision of recently closed minutes; 0 plants none. */
	revisionRate?: number;
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
		emitted: Array<{ scope: string; start: number; revision?: number }>;
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
	/** The most Re-Check Recent Buckets was set to during the run; 0: it never re-checked. */
	recheckBuckets: number;
	/** What the stored state must stay under (see `stateBound`). */
	stateBoundBytes: number;
	/** The most buckets the re-check memory held after a poll (at most `recheckBuckets`). */
	mostRecheckedBuckets: number;
	/** Items with `revision`: corrections of buckets emitted before. */
	corrections: number;
	/** Revisions whose number was not the next one for their key (repeated, skipped, or of a key never emitted). */
	duplicateRevisions: number;
	/** Revisions whose `previous` is not what the item before them for that key carried. */
	previousMismatches: number;
	/** Revisions of a bucket whose values did not change, or that no revision of the simulator touched. */
	revisionsOfUnchanged: number;
	/**
	 * Revised buckets whose final value settled after they were first emitted and while they were
	 * still re-checked, so only a correction could bring it (see `finalCheck`).
	 */
	finalsChecked: number;
	/** Of every bucket whose final value settled by its last read, those whose last item is not that value. */
	missingFinals: number;
	firstMissingFinal?: string;
	/** Revised buckets whose final value settled only after they left the re-check window and differs from what was sent. */
	correctionsNeverSeen: number;
	/** Settings changed mid-run (see `TriggerSetup.changes`). */
	settingsChanges: number;
	/** Revisions of a bucket first sent under other settings: another measure, not a correction. */
	revisionsOfOtherMeasure: number;
	/** Revisions of a bucket that was not among the last N sent before the poll. */
	revisionsOutsideWindow: number;
	/** Polls after which the re-check memory held more buckets than Re-Check Recent Buckets said. */
	memoryBeyondWindow: number;
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
	/** Of the triggers without re-checking. */
	largestStateBytes: number;
	/** Of the triggers that re-check recent buckets (each also under its own `stateBoundBytes`). */
	largestRecheckStateBytes: number;
	revisionsPlanted: number;
	corrections: number;
	duplicateRevisions: number;
	previousMismatches: number;
	revisionsOfUnchanged: number;
	finalsChecked: number;
	missingFinals: number;
	correctionsNeverSeen: number;
	settingsChanges: number;
	revisionsOfOtherMeasure: number;
	revisionsOutsideWindow: number;
	memoryBeyondWindow: number;
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
	/** Whether the simulator's revisions change this metric's values (occupancy levels are never revised). */
	revised: boolean;
	/** Settings changed once `at` (a share of the run) has passed, in order. */
	changes?: Array<{ at: number; set: Parameters }>;
}

function setups(sim: Simulator): TriggerSetup[] {
	const cameras = sim.fixtures.rhombus.cameras;
	const rhombus = new RhombusTrigger();
	const indivd = new IndivdTrigger();
	const polling = { settleMinutes: 2, emit: 'everyBucket' };
	return [
		{
			name: 'Rhombus crossing counts, hourly, Europe/Berlin, 6 cameras, re-checking 5',
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
				recheckBuckets: 5,
			},
			granularity: 'hour',
			timeZone: 'Europe/Berlin',
			grid: calendarGrid('hour', 'Europe/Berlin'),
			revised: true,
			changes: [
				{ at: 0.3, set: { crossingObject: 'VEHICLE' } },
				// Lowered: the window is the last 2 from then on.
				{ at: 0.55, set: { recheckBuckets: 2 } },
				{ at: 0.65, set: { crossingObject: 'HUMAN' } },
			],
		},
		{
			name: 'Rhombus crossing counts, quarter-hourly, America/Los_Angeles, 2 cameras, backfill, 10 per poll, re-checking 6',
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
				recheckBuckets: 6,
			},
			granularity: 'quarterHour',
			timeZone: 'America/Los_Angeles',
			grid: calendarGrid('quarterHour', 'America/Los_Angeles'),
			revised: true,
			changes: [
				{ at: 0.35, set: { dedupe: false } },
				{ at: 0.7, set: { recheckBuckets: 0 } },
				{ at: 0.85, set: { crossingObject: 'VEHICLE', dedupe: true } },
			],
		},
		{
			// Occupancy is never revised: every correction it emits is one too many.
			name: 'Rhombus occupancy, hourly, Australia/Sydney, 2 cameras, re-checking 3',
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
				recheckBuckets: 3,
			},
			granularity: 'hour',
			timeZone: 'Australia/Sydney',
			grid: calendarGrid('hour', 'Australia/Sydney'),
			revised: false,
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
			revised: true,
			changes: [
				{ at: 0.3, set: { categories: [1] } },
				{ at: 0.55, set: { recheckBuckets: 3 } },
				{ at: 0.8, set: { categories: [1, 2] } },
			],
		},
		{
			// No zones chosen: zones without visits in a polled hour come from the zone list.
			name: 'Indivd zone visitors, hourly, Europe/Berlin, all 9 zones (none chosen), re-checking 4',
			trigger: indivd,
			vendor: 'indivd',
			parameters: {
				...polling,
				event: 'zoneVisitors',
				granularity: 'hour',
				timeZone: 'Europe/Berlin',
				startFrom: 'now',
				maxBucketsPerPoll: 500,
				recheckBuckets: 4,
			},
			granularity: 'hour',
			timeZone: 'Europe/Berlin',
			grid: zoneDataGrid('hour', 'Europe/Berlin'),
			revised: true,
			changes: [
				{ at: 0.3, set: { bounceThreshold: 30 } },
				{ at: 0.45, set: { recheckBuckets: 1 } },
				{ at: 0.6, set: { recheckBuckets: 0 } },
				{ at: 0.8, set: { bounceThreshold: 0 } },
			],
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
			revised: true,
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

/** What the soak knows of one `bucketKey` a trigger emitted. */
interface KeyRecord {
	start: number;
	end: number;
	/** The revision last emitted for the key; 0 while only its first item was. */
	revision: number;
	/** JSON of the metric values (docs/contract.md §6.3) of the last item emitted for the key. */
	values: string;
	/** When the trigger first read the bucket: the poll that first emitted it. */
	firstRead: number;
	/** The settings it was first sent under (an index into `Tracker.epochs`). */
	epoch: number;
	/**
	 * When the trigger last read the bucket: the poll that first emitted it or, with re-checking,
	 * the last poll that read new buckets while it was among the last N buckets emitted.
	 */
	lastRead: number;
}

/**
 * A stretch of the run under the same settings of what is measured (Re-Check Recent Buckets
 * aside): from the cursor at the change on, the buckets of its scopes.
 */
interface Epoch {
	from: number;
	parameters: Parameters;
	scopes: Set<string>;
}

interface Tracker {
	setup: TriggerSetup;
	/** The settings now, changed mid-run by `setup.changes`. */
	parameters: Parameters;
	changesMade: number;
	epochs: Epoch[];
	/** Re-Check Recent Buckets now; 0 is off. */
	recheck: number;
	staticData: IDataObject;
	downUntil: number;
	report: TriggerReport;
	/** `${scope}@${bucketStart}` of everything emitted. */
	seen: Set<string>;
	keys: Map<string, KeyRecord>;
	/**
	 * The soak's own model of the re-check window (docs/contract.md §5.5), kept from the items
	 * alone and never from the stored state: the starts of the last `recheck` buckets emitted,
	 * each with the keys emitted for it. A poll that reads new buckets re-reads exactly these.
	 */
	window: Map<number, string[]>;
	firstStart: number;
}

/** The metric values of an item, in the order of docs/contract.md §6.3, as the trigger compares them. */
function metricValues(json: IDataObject): unknown[] {
	return (metricFields[json.metric as Metric] ?? []).map((field) => json[field] ?? null);
}

/** A revision's `previous`, in the same order; undefined unless it holds every metric field and no other. */
function previousValues(json: IDataObject): unknown[] | undefined {
	const previous = json.previous;
	if (!previous || typeof previous !== 'object' || Array.isArray(previous)) return undefined;
	const fields = metricFields[json.metric as Metric] ?? [];
	const keys = Object.keys(previous);
	if (keys.length !== fields.length || !fields.every((field) => keys.includes(field)))
		return undefined;
	return fields.map((field) => (previous as IDataObject)[field] ?? null);
}

function touches(revision: Revision, vendor: string, start: number, end: number): boolean {
	return (
		(revision.vendor === undefined || revision.vendor === vendor) &&
		revision.from < end &&
		revision.to > start
	);
}

/**
 * The bound on a trigger's stored state. Without re-checking it is a version, a basis and a
 * cursor: under 1,024 bytes (about 100 in practice), whatever the time. Re-checking adds, for at
 * most `recheck` buckets (docs/contract.md §5.4), the bucket's start (a 13-digit key: 24 bytes
 * with quotes, colon, braces and comma) and one record per scope emitted in it: the scope (its
 * length plus 4 for quotes and colon), the revision number (at most 8 bytes with brackets and
 * commas) and each metric value as JSON (at most 24 bytes: the longest JSON number, e.g.
 * -1.2345678901234567e-300; the soak's occupancy cameras have one region each, so their
 * `eventCountMap`, `{"PEOPLE":25}`, is shorter),
 * plus 1,024 for the re-check memory's copy of the basis and its punctuation. That depends on
 * the settings and the scopes, never on how long the trigger ran or how often it revised.
 */
function stateBound(recheck: number, scopes: number, scopeLength: number, fields: number): number {
	if (recheck === 0) return 1_024;
	return 2 * 1_024 + recheck * (24 + scopes * (scopeLength + 4 + 8 + fields * 24));
}

/** The soak's window keeps the last `recheck` buckets sent, as the trigger's re-check window does. */
function keepLastBuckets(tracker: Tracker) {
	while (tracker.window.size > tracker.recheck) {
		tracker.window.delete(Math.min(...tracker.window.keys()));
	}
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
	const rng = random(options.seed);
	// Revisions draw from their own stream, so the polls, faults, repeats, restarts and downtimes
	// are those of the same seed without them.
	const revisionRng = random(options.seed ^ 0x2f6b1c3d);
	const start = options.start ?? Date.UTC(2026, 1, 20, 0, 7);
	const end = start + options.days * DAY;
	const timeoutMs = options.timeoutMs ?? 150;
	const faultRate = options.faultRate ?? 0.25;
	const revisionRate = options.revisionRate ?? 0.6;
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
		largestRecheckStateBytes: 0,
		revisionsPlanted: 0,
		corrections: 0,
		duplicateRevisions: 0,
		previousMismatches: 0,
		revisionsOfUnchanged: 0,
		finalsChecked: 0,
		missingFinals: 0,
		correctionsNeverSeen: 0,
		settingsChanges: 0,
		revisionsOfOtherMeasure: 0,
		revisionsOutsideWindow: 0,
		memoryBeyondWindow: 0,
		timeZones: [],
		triggers: [],
	};
	const trackers: Tracker[] = setups(sim).map((setup) => ({
		setup,
		parameters: setup.parameters,
		changesMade: 0,
		epochs: [{ from: -Infinity, parameters: setup.parameters, scopes: new Set() }],
		recheck: Number(setup.parameters.recheckBuckets ?? 0),
		staticData: {},
		downUntil: 0,
		seen: new Set(),
		keys: new Map(),
		window: new Map(),
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
			recheckBuckets: Number(setup.parameters.recheckBuckets ?? 0),
			stateBoundBytes: 0,
			mostRecheckedBuckets: 0,
			corrections: 0,
			duplicateRevisions: 0,
			previousMismatches: 0,
			revisionsOfUnchanged: 0,
			finalsChecked: 0,
			missingFinals: 0,
			correctionsNeverSeen: 0,
			settingsChanges: 0,
			revisionsOfOtherMeasure: 0,
			revisionsOutsideWindow: 0,
			memoryBeyondWindow: 0,
		},
	}));
	report.timeZones = [...new Set(trackers.map((t) => t.setup.timeZone).filter((z) => z !== 'UTC'))];

	/** Every revision planted, in the order planted (so each was planted before any poll after it). */
	const planted: Revision[] = [];
	const touchedBy = (setup: TriggerSetup, record: KeyRecord) =>
		setup.revised
			? planted.filter((revision) => touches(revision, setup.vendor, record.start, record.end))
			: [];

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
		const cursorBefore = tracker.staticData.cursor;
		const basisBefore = tracker.staticData.basis;
		const began = options.wallClock?.() ?? 0;
		const faultKind = sim.faults.list()[0]?.kind ?? 'none';
		tracker.report.polls++;
		report.polls++;
		let output: INodeExecutionData[][] | null;
		try {
			output = (await setup.trigger.poll!.call(
				pollContext(credentials, tracker.parameters, tracker.staticData, timeoutMs),
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
		const recheckMemory = tracker.staticData.recheck as { buckets?: IDataObject } | undefined;
		tracker.report.mostRecheckedBuckets = Math.max(
			tracker.report.mostRecheckedBuckets,
			Object.keys(recheckMemory?.buckets ?? {}).length,
		);
		// A poll that read new buckets wrote the memory, with the current setting.
		const recheckedBuckets = Object.keys(recheckMemory?.buckets ?? {}).length;
		if (tracker.staticData.cursor !== cursorBefore && recheckedBuckets > tracker.recheck)
			tracker.report.memoryBeyondWindow++;
		if (typeof tracker.staticData.cursor === 'number' && tracker.firstStart === Infinity) {
			tracker.firstStart = tracker.staticData.cursor as number;
		}
		const settleMs = Number(setup.parameters.settleMinutes) * 60_000;
		const items = output?.[0] ?? [];
		options.trace?.({
			trigger: setup.name,
			now: clock,
			fault: faultKind,
			emitted: items.map(({ json }) => ({
				scope: itemScope(json),
				start: Date.parse(String(json.bucketStart)),
				...(json.revision === undefined ? {} : { revision: Number(json.revision) }),
			})),
			state: tracker.staticData,
		});
		// A poll that moved to the calendar Rhombus's answers showed starts the re-check memory
		// afresh (the basis names the calendar, docs/contract.md §5.4): it re-read nothing.
		if (tracker.staticData.basis !== basisBefore) tracker.window.clear();
		const windowBefore = new Set([...tracker.window.values()].flat());
		// The cursor moves exactly when a poll reads new buckets; such a poll also re-read the
		// buckets of the window as it was before it.
		if (tracker.recheck > 0 && tracker.staticData.cursor !== cursorBefore) {
			for (const keys of tracker.window.values()) {
				for (const key of keys) tracker.keys.get(key)!.lastRead = clock;
			}
		}
		for (const { json } of items) {
			const scope = itemScope(json);
			const startMs = Date.parse(String(json.bucketStart));
			const endMs = Date.parse(String(json.bucketEnd));
			const key = String(json.bucketKey);
			const values = JSON.stringify(metricValues(json));
			if (endMs + settleMs > clock) tracker.report.emittedBeforeClosed++;
			const known = tracker.keys.get(key);
			if (json.revision !== undefined) {
				tracker.report.corrections++;
				// Revisions of one key are numbered 1, 2, 3, … with none repeated or skipped; a
				// trigger that does not re-check sends none.
				if (!known || tracker.recheck === 0 || json.revision !== known.revision + 1) {
					tracker.report.duplicateRevisions++;
					if (!known) continue;
				}
				if (JSON.stringify(previousValues(json)) !== known.values)
					tracker.report.previousMismatches++;
				if (values === known.values || touchedBy(setup, known).length === 0)
					tracker.report.revisionsOfUnchanged++;
				if (known.epoch !== tracker.epochs.length - 1) tracker.report.revisionsOfOtherMeasure++;
				if (!windowBefore.has(key)) tracker.report.revisionsOutsideWindow++;
				known.revision = Number(json.revision);
				known.values = values;
				continue;
			}
			tracker.report.emitted++;
			tracker.epochs[tracker.epochs.length - 1].scopes.add(scope);
			tracker.firstStart = Math.min(tracker.firstStart, startMs);
			tracker.seen.add(`${scope}@${startMs}`);
			if (known) {
				tracker.report.duplicates++;
				continue;
			}
			tracker.keys.set(key, {
				start: startMs,
				end: endMs,
				revision: 0,
				values,
				firstRead: clock,
				lastRead: clock,
				epoch: tracker.epochs.length - 1,
			});
			if (tracker.recheck > 0) {
				const keys = tracker.window.get(startMs) ?? [];
				keys.push(key);
				tracker.window.set(startMs, keys);
			}
		}
		keepLastBuckets(tracker);
	};

	/**
	 * The changes of `setup.changes` that are due, once the trigger has a cursor. A change of what
	 * is measured or of the scopes starts an epoch at the cursor, and the re-check window afresh.
	 */
	const changeSettings = (tracker: Tracker) => {
		const changes = tracker.setup.changes ?? [];
		const cursor = tracker.staticData.cursor;
		while (
			typeof cursor === 'number' &&
			tracker.changesMade < changes.length &&
			clock >= start + changes[tracker.changesMade].at * (end - start)
		) {
			const { set } = changes[tracker.changesMade];
			tracker.changesMade++;
			const { recheckBuckets, ...measured } = set;
			tracker.parameters = { ...tracker.parameters, ...set };
			tracker.report.settingsChanges++;
			report.settingsChanges++;
			if (Object.keys(measured).length > 0) {
				tracker.epochs.push({ from: cursor, parameters: tracker.parameters, scopes: new Set() });
				tracker.window.clear();
			}
			if (recheckBuckets !== undefined) {
				tracker.recheck = Number(recheckBuckets);
				tracker.report.recheckBuckets = Math.max(tracker.report.recheckBuckets, tracker.recheck);
				keepLastBuckets(tracker);
			}
		}
	};
	// The calendar Rhombus counts on changes for every Rhombus trigger at once: to UTC, then back.
	const calendarChanges = [
		{ at: 0.5, conventions: { calendar: 'utc' as const } },
		{ at: 0.75, conventions: {} },
	];

	const perTriggerPolls = options.polls / trackers.length;
	const meanStepMs = ((end - start) / perTriggerPolls) * 0.8;
	// A revision covers 5 minutes to 2 hours that ended up to 2 hours ago (late uploads read 0 or
	// half the true count, double counts 1.5 times it) and lasts from 1 minute to a few polls after
	// it is planted, log-uniformly: most settle before the bucket leaves the re-check window of
	// the triggers that re-check (so the correction must be emitted), some after it (so it is
	// never seen), some before the bucket is first read (so the first item is already final).
	const longestRevisionMs = 3 * meanStepMs + 6 * HOUR;
	const plantRevision = () => {
		const to = Math.floor(clock / MINUTE) * MINUTE - revisionRng.int(0, 120) * MINUTE;
		const from = to - revisionRng.int(5, 120) * MINUTE;
		const factor = revisionRng.pick([0, 0.5, 1.5]);
		const lasts = MINUTE * Math.pow(longestRevisionMs / MINUTE, revisionRng.next());
		const revision: Revision = { from, to, factor, until: clock + Math.round(lasts) };
		const vendor = revisionRng.pick([undefined, 'rhombus', 'indivd'] as const);
		if (vendor) revision.vendor = vendor;
		sim.revisions.add(revision);
		planted.push(revision);
		report.revisionsPlanted++;
	};

	for (let step = 0; clock < end || report.polls < options.polls; step++) {
		if (step > options.polls * 10) throw new Error('soak did not reach its poll count');
		clock += Math.max(1_000, Math.round(-Math.log(1 - rng.next()) * meanStepMs));
		options.setClock(clock);
		if (revisionRate > 0 && revisionRng.chance(revisionRate)) plantRevision();
		while (calendarChanges.length && clock >= start + calendarChanges[0].at * (end - start)) {
			sim.config.setRhombusConventions(calendarChanges.shift()!.conventions);
			report.settingsChanges++;
		}
		for (const tracker of trackers) {
			changeSettings(tracker);
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

	/**
	 * The final values: what the simulator answers once every revision has expired, read with
	 * the revisions cleared by the same trigger from a fresh state whose cursor is the first
	 * bucket emitted (re-checking off, 5,000 buckets per poll), by `bucketKey`.
	 */
	const readFinals = async (tracker: Tracker, epoch: number): Promise<Map<string, string>> => {
		const finals = new Map<string, string>();
		let first = Infinity;
		for (const record of tracker.keys.values()) {
			if (record.epoch === epoch) first = Math.min(first, record.start);
		}
		if (first === Infinity) return finals;
		const until = tracker.epochs[epoch + 1]?.from ?? (tracker.staticData.cursor as number);
		const staticData: IDataObject = { version: 1, basis: tracker.staticData.basis, cursor: first };
		const parameters = {
			...tracker.epochs[epoch].parameters,
			recheckBuckets: 0,
			maxBucketsPerPoll: 5_000,
		};
		for (let round = 0; (staticData.cursor as number) < until; round++) {
			if (round > 100)
				throw new Error(`${tracker.setup.name}: reading the final values did not end`);
			const output = (await tracker.setup.trigger.poll!.call(
				pollContext(credentials, parameters, staticData, 30_000),
			)) as INodeExecutionData[][] | null;
			for (const { json } of output?.[0] ?? []) {
				finals.set(String(json.bucketKey), JSON.stringify(metricValues(json)));
			}
		}
		return finals;
	};

	/**
	 * §5.3 promise 10, counted per key. A bucket's value is final from `settledAt`, the `until`
	 * of the last revision planted over any of its minutes (-Infinity when none did): every read
	 * at or after it answers the final value (a revision is active while the clock is before its
	 * `until`). The trigger reads a bucket when it first emits it and then, while the bucket is
	 * among the last N emitted (the soak's own `window`), at every poll that reads new buckets
	 * (`lastRead`). So when `lastRead >= settledAt` — the final value settled before the bucket
	 * left the re-check window, or before it was first read — the last item emitted for the key,
	 * first or revision, must carry the final value; otherwise it is missing. Those whose final
	 * value settled after the first read, so that only a correction could bring it, are
	 * `finalsChecked`; the others show that a first item read after the revisions expired is
	 * already final. When the final
	 * value settled only after the last read, the trigger cannot know it: if it differs from what
	 * was sent, that is a correction never seen (counted, and expected to occur, so that the
	 * check above is seen to tell the two apart).
	 */
	const finalCheck = (tracker: Tracker, finals: Map<string, string>, epoch: number) => {
		for (const [key, record] of tracker.keys) {
			if (record.epoch !== epoch) continue;
			const touching = touchedBy(tracker.setup, record);
			const settledAt = Math.max(-Infinity, ...touching.map((revision) => revision.until));
			const final = finals.get(key);
			if (record.lastRead >= settledAt) {
				if (settledAt > record.firstRead) tracker.report.finalsChecked++;
				if (final === record.values) continue;
				tracker.report.missingFinals++;
				tracker.report.firstMissingFinal ??= `${key}: sent ${record.values}, final ${final}`;
			} else if (final !== record.values) tracker.report.correctionsNeverSeen++;
		}
	};

	sim.revisions.clear();
	for (const tracker of trackers) {
		if (tracker.report.recheckBuckets === 0) continue;
		for (let epoch = 0; epoch < tracker.epochs.length; epoch++) {
			finalCheck(tracker, await readFinals(tracker, epoch), epoch);
		}
	}
	await sim.close();

	for (const tracker of trackers) {
		const { setup } = tracker;
		const settleMs = Number(setup.parameters.settleMinutes) * 60_000;
		const { grid } = setup;
		const until = closedUntil(clock, settleMs, grid);
		// Each epoch's scopes have every bucket from its start to the next epoch's.
		tracker.epochs.forEach((epoch, index) => {
			const from = index === 0 ? tracker.firstStart : epoch.from;
			const to = tracker.epochs[index + 1]?.from ?? until;
			const expected = from < to ? bucketsFrom(grid.startOf(from), to, Infinity, grid) : [];
			for (const scope of epoch.scopes) {
				for (const bucket of expected) {
					if (tracker.seen.has(`${scope}@${bucket.start}`)) continue;
					tracker.report.missing++;
					tracker.report.firstMissing ??= `${scope} ${new Date(bucket.start).toISOString()}`;
				}
			}
		});
		const scopes = new Set(tracker.epochs.flatMap((epoch) => [...epoch.scopes]));
		tracker.report.scopes = scopes.size;
		tracker.report.stateBoundBytes = stateBound(
			tracker.report.recheckBuckets,
			scopes.size,
			Math.max(0, ...[...scopes].map((scope) => scope.length)),
			metricFields[setup.parameters.event as Metric]?.length ?? 0,
		);
		const t = tracker.report;
		report.emitted += t.emitted;
		report.duplicates += t.duplicates;
		report.missing += t.missing;
		report.emittedBeforeClosed += t.emittedBeforeClosed;
		report.stateWrittenByFailedPoll += t.stateWrittenByFailedPoll;
		if (t.recheckBuckets > 0)
			report.largestRecheckStateBytes = Math.max(
				report.largestRecheckStateBytes,
				t.largestStateBytes,
			);
		else report.largestStateBytes = Math.max(report.largestStateBytes, t.largestStateBytes);
		report.corrections += t.corrections;
		report.duplicateRevisions += t.duplicateRevisions;
		report.previousMismatches += t.previousMismatches;
		report.revisionsOfUnchanged += t.revisionsOfUnchanged;
		report.finalsChecked += t.finalsChecked;
		report.missingFinals += t.missingFinals;
		report.correctionsNeverSeen += t.correctionsNeverSeen;
		report.revisionsOfOtherMeasure += t.revisionsOfOtherMeasure;
		report.revisionsOutsideWindow += t.revisionsOutsideWindow;
		report.memoryBeyondWindow += t.memoryBeyondWindow;
		report.triggers.push(t);
	}
	return report;
}
