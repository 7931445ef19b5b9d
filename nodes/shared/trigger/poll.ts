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
	rememberBuckets,
	rememberedStarts,
	reviseBuckets,
	revisionItem,
} from './recheck';
import {
	applyThresholds,
	completePoll,
	latestClosedWindow,
	planPoll,
	rowsInWindow,
	testThresholdEvents,
} from './engine';

export interface TriggerSource {
	schedule: Schedule;
	/** How many scopes the parameters select, where they say; re-checking is capped by it. */
	scopes?: number;
	/** Every bucket row of `window`; throws (NodeApiError) when any request fails. */
	fetch(window: Bucket, buckets: Bucket[]): Promise<BucketRow[]>;
}

/** Bucket items (docs/contract.md §6) as rows the engine orders, dedupes and filters by window. */
export function rowsOf(items: IDataObject[]): BucketRow[] {
	return items.map((json) => ({
		scope: itemScope(json),
		start: Date.parse(String(json.bucketStart)),
		end: Date.parse(String(json.bucketEnd)),
		json,
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

/**
 * One poll: emit every closed bucket not emitted before, oldest first and at most
 * `maxBucketsPerPoll` of them, or the threshold events they cause. The stored state changes
 * only after every request of the poll succeeded; a failed request throws and leaves it as it
 * was, so the next poll asks for the same buckets again. "Fetch Test Event" (manual mode) reads
 * the newest closed bucket and gives the items a poll would, threshold events included, so a
 * workflow can be built on them; it never reads or writes the stored state.
 */
export async function pollBuckets(
	context: IPollFunctions,
	source: TriggerSource,
	emission: Emission,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const { schedule } = source;
	const depth = emission.mode === 'everyBucket' ? (emission.recheckBuckets ?? 0) : 0;
	if (depth > 0 && source.scopes !== undefined) checkRecheckSize(depth, source.scopes);
	if (context.getMode() === 'manual') {
		const window = latestClosedWindow(schedule, now);
		const rows = rowsInWindow(window, await source.fetch(window, [window]));
		if (emission.mode === 'threshold' && emission.threshold) {
			const rule = emission.threshold;
			return items(testThresholdEvents(rule, rows).map((event) => eventItem(rule, event)));
		}
		return items(rows.map((row) => row.json));
	}

	const staticData = context.getWorkflowStaticData('node');
	const stored = isState(staticData) ? (staticData as unknown as TriggerState) : undefined;
	const plan = planPoll(stored, schedule, now);
	if (plan.kind === 'baseline') {
		store(staticData, plan.state);
		return null;
	}
	if (plan.kind === 'idle') return null;

	if (emission.mode === 'everyBucket' || !emission.threshold) {
		return await emitBuckets(staticData, source, plan, depth);
	}
	const fetched = await source.fetch(plan.window, plan.buckets);
	const { rows, state } = completePoll(plan, fetched);
	const rule = emission.threshold;
	const { events, memory } = applyThresholds(
		plan.state.thresholds,
		{ ...rule, timeZone: schedule.timeZone },
		rows,
	);
	store(staticData, { ...state, thresholds: memory, recheck: undefined });
	return items(events.map((event) => eventItem(rule, event)));
}

/**
 * Every Bucket mode: the closed buckets, and with re-checking (docs/contract.md §5.5) the
 * corrections of the last `depth` buckets emitted, read in the same requests: the window simply
 * starts at the oldest bucket re-checked.
 */
async function emitBuckets(
	staticData: IDataObject,
	source: TriggerSource,
	plan: Extract<PollPlan, { kind: 'fetch' }>,
	depth: number,
): Promise<INodeExecutionData[][] | null> {
	const { basis, grid } = source.schedule;
	const starts = depth > 0 ? rememberedStarts(plan.state.recheck, basis) : [];
	const reread: Bucket[] = starts.map((start) => ({ start, end: grid.endOf(start) }));
	const window = reread.length ? { ...plan.window, start: reread[0].start } : plan.window;
	const fetched = await source.fetch(window, [...reread, ...plan.buckets]);
	const { rows, state } = completePoll(plan, fetched);
	if (depth === 0) {
		store(staticData, { ...state, recheck: undefined });
		return items(rows.map((row) => row.json));
	}
	const { revisions, memory } = reviseBuckets(
		{ basis, buckets: reread.length && state.recheck ? state.recheck.buckets : {} },
		rowsInWindow({ start: window.start, end: plan.window.start }, fetched),
	);
	store(staticData, { ...state, recheck: rememberBuckets(memory, basis, rows, depth) });
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
