import type { IDataObject, INodeExecutionData, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { startPollBudget } from '../http';
import { InputError } from '../input';
import { itemScope } from '../items';
import { TimeInputError } from '../time';
import type { Bucket } from '../time';
import type { Emission, PollingSettings } from './settings';
import { readPollingSettings } from './settings';
import type {
	BucketRow,
	PollPlan,
	Schedule,
	ThresholdEvent,
	ThresholdRule,
	TriggerState,
} from './engine';
import {
	checkRecheckSize,
	measureText,
	rememberBuckets,
	rememberedStarts,
	reviseBuckets,
	revisionItem,
} from './recheck';
import {
	applyThresholds,
	completePoll,
	holdUnknown,
	latestClosedWindow,
	planPoll,
	rowsInWindow,
	testThresholdEvents,
} from './engine';

export interface TriggerSource {
	/** The schedule the parameters name. */
	schedule: Schedule;
	/**
	 * For a vendor whose answers show the calendar they were counted on (rows carry `calendar`):
	 * the schedule on such a calendar, which the trigger then follows.
	 */
	scheduleOn?(calendar: string): Schedule;
	/** How many scopes the parameters select, where they say; re-checking is capped by it. */
	scopes?: number;
	/**
	 * The settings that decide the numbers of a scope besides its bucket (Crossing Object, Bounce
	 * Threshold, …): re-checking compares values only under the same ones (docs/contract.md §5.4),
	 * so the counts of another measure are never sent as corrections.
	 */
	measure?: IDataObject;
	/**
	 * Every bucket row of `window`, read preferably on `calendar` (the schedule's); throws
	 * (NodeApiError) when any request fails.
	 */
	fetch(window: Bucket, buckets: Bucket[], calendar?: string): Promise<BucketRow[]>;
}

/** Bucket items (docs/contract.md §6) as rows the engine orders, dedupes and filters by window. */
export function rowsOf(items: IDataObject[], unknown?: ReadonlySet<IDataObject>): BucketRow[] {
	return items.map((json) => ({
		scope: itemScope(json),
		start: Date.parse(String(json.bucketStart)),
		end: Date.parse(String(json.bucketEnd)),
		json,
		...(unknown?.has(json) ? { unknown: true } : {}),
	}));
}

function isState(value: IDataObject): boolean {
	return (
		value.version === 1 &&
		typeof value.basis === 'string' &&
		typeof value.cursor === 'number' &&
		Number.isFinite(value.cursor)
	);
}

/** The static data object is n8n's to persist, so it is updated in place, and only at the end. */
function store(staticData: IDataObject, state: TriggerState) {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, JSON.parse(JSON.stringify(state)) as IDataObject);
}

/** docs/contract.md §6.4: one builder for production and test events, so their shapes cannot drift. */
function eventItem(
	rule: ThresholdRule,
	{ row, event, value }: { row: BucketRow; event: ThresholdEvent; value: number },
): IDataObject {
	return {
		...row.json,
		event,
		thresholdField: rule.field,
		above: rule.above,
		below: rule.below,
		value,
	};
}

function items(rows: IDataObject[]): INodeExecutionData[][] | null {
	return rows.length ? [rows.map((json) => ({ json }))] : null;
}

/** The calendar the answers of a fetch showed, if any. */
function calendarOf(rows: BucketRow[]): string | undefined {
	for (const row of rows) if (row.calendar !== undefined) return row.calendar;
	return undefined;
}

/** The schedule on the calendar the vendor's answers showed last, while the settings are the same. */
function scheduleFor(source: TriggerSource, stored: TriggerState | undefined): Schedule {
	const learned = stored?.learned;
	if (source.scheduleOn && learned && learned.basis === source.schedule.basis) {
		return source.scheduleOn(learned.calendar);
	}
	return source.schedule;
}

/** A fetch whose answer named a calendar other than the one it was planned on, twice in a row. */
function calendarsDisagree(planned: string, first: string, second: string): Error {
	return new Error(
		`The vendor's answers changed calendar twice in one poll (planned on ${planned}, answered on ${first}, then on ${second}): nothing was emitted, and the next poll asks again`,
	);
}

interface Fetched {
	window: Bucket;
	/** The buckets re-read for corrections (docs/contract.md §5.5), oldest first. */
	reread: Bucket[];
	rows: BucketRow[];
}

/**
 * The rows of a plan: its closed buckets and, with re-checking, the last `depth` buckets emitted
 * on the same basis, in the same requests: the window simply starts at the oldest re-checked.
 */
async function fetchPlan(
	source: TriggerSource,
	schedule: Schedule,
	plan: Extract<PollPlan, { kind: 'fetch' }>,
	depth: number,
	earlier?: Fetched,
): Promise<Fetched> {
	const measure = measureText(source.measure);
	const starts =
		depth > 0 ? rememberedStarts(plan.state.recheck, schedule.basis, measure, depth) : [];
	const reread: Bucket[] = starts.map((start) => ({ start, end: schedule.grid.endOf(start) }));
	const window = reread.length ? { ...plan.window, start: reread[0].start } : plan.window;
	// A calendar that differs only in where its points stamp the buckets asks for the same window:
	// the answer already in hand is that window's.
	if (earlier && earlier.window.start === window.start && earlier.window.end === window.end) {
		return { window, reread, rows: earlier.rows };
	}
	const rows = await source.fetch(window, [...reread, ...plan.buckets], schedule.calendar);
	return { window, reread, rows };
}

/**
 * One poll: emit every closed bucket not emitted before, oldest first and at most
 * `maxBucketsPerPoll` of them, or the threshold events they cause. The stored state changes
 * only after every request of the poll succeeded; a failed request throws and leaves it as it
 * was, so the next poll asks for the same buckets again. "Fetch Test Event" (manual mode) reads
 * the newest closed bucket and gives the items a poll would, threshold events included, so a
 * workflow can be built on them; it never reads or writes the stored state.
 *
 * A poll plans on the calendar the vendor's answers showed last. An answer that shows another
 * (docs/contract.md §5.3 promise 11) makes the poll plan again on it from the same cursor and
 * ask again, so no bucket is emitted on a calendar the vendor did not count on; a second answer
 * on yet another calendar fails the poll and leaves the state as it was.
 */
export async function pollBuckets(
	context: IPollFunctions,
	source: TriggerSource,
	emission: Emission,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const depth = emission.mode === 'everyBucket' ? (emission.recheckBuckets ?? 0) : 0;
	if (depth > 0 && source.scopes !== undefined) checkRecheckSize(depth, source.scopes);
	if (context.getMode() === 'manual') {
		let schedule = source.schedule;
		let window = latestClosedWindow(schedule, now);
		let fetched = await source.fetch(window, [window], schedule.calendar);
		const seen = calendarOf(fetched);
		if (source.scheduleOn && seen !== undefined && seen !== schedule.calendar) {
			schedule = source.scheduleOn(seen);
			window = latestClosedWindow(schedule, now);
			fetched = await source.fetch(window, [window], seen);
			const again = calendarOf(fetched);
			if (again !== undefined && again !== seen) {
				throw calendarsDisagree(String(source.schedule.calendar), seen, again);
			}
		}
		const rows = rowsInWindow(window, fetched);
		if (emission.mode === 'threshold' && emission.threshold) {
			const rule = emission.threshold;
			return items(testThresholdEvents(rule, rows).map((event) => eventItem(rule, event)));
		}
		return items(rows.map((row) => row.json));
	}

	const staticData = context.getWorkflowStaticData('node');
	const stored = isState(staticData) ? (staticData as unknown as TriggerState) : undefined;
	let schedule = scheduleFor(source, stored);
	let plan = planPoll(stored, schedule, now);
	if (plan.kind === 'baseline') {
		store(staticData, plan.state);
		return null;
	}
	if (plan.kind === 'idle') return null;

	let fetched = await fetchPlan(source, schedule, plan, depth);
	let learned = stored?.learned?.basis === source.schedule.basis ? stored.learned : undefined;
	const seen = calendarOf(fetched.rows);
	if (source.scheduleOn && seen !== undefined && seen !== schedule.calendar) {
		const planned = String(schedule.calendar);
		schedule = source.scheduleOn(seen);
		learned = { basis: source.schedule.basis, calendar: seen };
		plan = planPoll(stored, schedule, now);
		if (plan.kind !== 'fetch') {
			// Nothing has closed on the vendor's calendar yet: remember it, and stay where it is.
			if (stored) store(staticData, { ...stored, basis: schedule.basis, learned });
			return null;
		}
		fetched = await fetchPlan(source, schedule, plan, depth, fetched);
		const again = calendarOf(fetched.rows);
		if (again !== undefined && again !== seen) throw calendarsDisagree(planned, seen, again);
	} else if (seen !== undefined && source.scheduleOn) {
		learned = { basis: source.schedule.basis, calendar: seen };
	}
	const held = holdUnknown(plan, fetched.rows, stored?.unknown);
	plan = held.plan;
	const kept = { learned, unknown: held.unknown };

	if (emission.mode === 'everyBucket' || !emission.threshold) {
		const measure = measureText(source.measure);
		return emitBuckets(staticData, schedule, measure, plan, fetched, depth, kept);
	}
	const { rows, state } = completePoll(plan, fetched.rows);
	const rule = emission.threshold;
	const { events, memory } = applyThresholds(
		plan.state.thresholds,
		{ ...rule, timeZone: schedule.timeZone },
		rows,
	);
	store(staticData, { ...state, thresholds: memory, recheck: undefined, ...kept });
	return items(events.map((event) => eventItem(rule, event)));
}

/**
 * Every Bucket mode: the closed buckets, and with re-checking (docs/contract.md §5.5) the
 * corrections of the re-read buckets whose values changed.
 */
function emitBuckets(
	staticData: IDataObject,
	schedule: Schedule,
	measure: string,
	plan: Extract<PollPlan, { kind: 'fetch' }>,
	fetched: Fetched,
	depth: number,
	kept: Pick<TriggerState, 'learned' | 'unknown'>,
): INodeExecutionData[][] | null {
	const { basis } = schedule;
	const { rows, state } = completePoll(plan, fetched.rows);
	if (depth === 0) {
		store(staticData, { ...state, recheck: undefined, ...kept });
		return items(rows.map((row) => row.json));
	}
	const { revisions, memory } = reviseBuckets(
		{
			basis,
			measure,
			buckets: fetched.reread.length && state.recheck ? state.recheck.buckets : {},
		},
		// A re-read bucket whose numbers are unknown now is no correction of the ones sent.
		rowsInWindow({ start: fetched.window.start, end: plan.window.start }, fetched.rows).filter(
			(row) => !row.unknown,
		),
	);
	store(staticData, {
		...state,
		recheck: rememberBuckets(memory, basis, measure, rows, depth),
		...kept,
	});
	return items([...revisions.map(revisionItem), ...rows.map((row) => row.json)]);
}

/**
 * A bucket trigger's poll(): read the docs/contract.md §5 parameters, let the vendor build its source, poll.
 * Bad parameters stop the trigger with a message naming the parameter, not a stack trace.
 */
export async function runBucketTrigger(
	context: IPollFunctions,
	sourceOf: (context: IPollFunctions, settings: PollingSettings) => TriggerSource,
): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	startPollBudget(context);
	try {
		const settings = readPollingSettings(context);
		return await pollBuckets(context, sourceOf(context, settings), settings.emission, now);
	} catch (error) {
		if (error instanceof NodeApiError)
			throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
		const message =
			error instanceof InputError || error instanceof TimeInputError ? error.message : undefined;
		throw new NodeOperationError(context.getNode(), error as Error, { message });
	}
}
