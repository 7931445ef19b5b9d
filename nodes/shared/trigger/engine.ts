import type { IDataObject } from 'n8n-workflow';

import type { Bucket, Granularity, Grid } from '../time';
import { bucketStartBefore, bucketsFrom, closedUntil, plusOnCalendar } from '../time';

/**
 * What a trigger keeps between polls: where it is (the end of the last bucket it emitted), in
 * threshold mode which scopes are above, and with re-checking the values sent for the last few
 * buckets. Nothing in it grows with time or with emitted buckets: one number, one small record
 * per scope that is pruned when the scope goes quiet, and a capped number of bucket records.
 */
export interface TriggerState {
	version: 1;
	/**
	 * The event, bucket length and calendar the trigger last ran with. The cursor is an instant, so
	 * it means the same on any grid: another basis carries on from it rather than start afresh.
	 */
	basis: string;
	cursor: number;
	thresholds?: ThresholdMemory;
	recheck?: RecheckMemory;
	/**
	 * The calendar the vendor's answers last showed, for the settings (`basis` of the parameters'
	 * own schedule) it was seen with: the next polls plan on it.
	 */
	learned?: { basis: string; calendar: string };
	/**
	 * The first bucket whose numbers the vendor's answers did not give, and how many polls have
	 * asked for it so far (docs/contract.md §5.3 promise 12).
	 */
	unknown?: { start: number; polls: number };
}

export interface ThresholdMemory {
	/** Field and levels the memory was built with; other levels start a new memory. */
	basis: string;
	scopes: Record<string, ScopeAlert>;
}

/**
 * What a trigger remembers of the buckets it may still correct: for each of the last emitted
 * buckets (by start, epoch ms as text) and each scope, the revision last sent and the metric
 * values it carried. The values are the fingerprint: a correction has to say what it corrects.
 */
export interface RecheckMemory {
	/** The event, bucket length and calendar the buckets were emitted on; another starts afresh. */
	basis: string;
	/**
	 * The settings that decide the numbers (`measureText`); others start afresh, so another
	 * measure is never sent as a correction. Absent in a memory stored before it was kept.
	 */
	measure?: string;
	buckets: Record<string, Record<string, SentValues>>;
}

/** `[revision, ...metric values]`, the revision 0 for the bucket as first emitted. */
export type SentValues = [number, ...unknown[]];

export interface ScopeAlert {
	above: boolean;
	/** End of the bucket that last raised or repeated the alert. */
	alertedAt?: number;
	/** End of the last bucket seen for the scope; scopes quiet for long are forgotten. */
	seenAt: number;
}

export interface Schedule {
	basis: string;
	granularity: Granularity;
	timeZone: string;
	/** Where the vendor's buckets start and end. */
	grid: Grid;
	/** The vendor calendar the grid stands for, where the vendor's answers show it (TriggerSource). */
	calendar?: string;
	settleMs: number;
	startFrom: 'now' | 'backfill';
	backfillBuckets: number;
	maxBucketsPerPoll: number;
}

export type PollPlan =
	| { kind: 'baseline'; state: TriggerState }
	| { kind: 'idle' }
	| { kind: 'fetch'; window: Bucket; buckets: Bucket[]; state: TriggerState };

/** One bucket of one scope as a node's metric code produced it (docs/contract.md §6 fields). */
export interface BucketRow {
	scope: string;
	start: number;
	end: number;
	json: IDataObject;
	/** The calendar the answer this row came from was read on, where the answer shows one. */
	calendar?: string;
	/** The vendor did not give this bucket's numbers: they may still come. */
	unknown?: boolean;
}

/** How many polls ask again for a bucket whose numbers are unknown before it is sent as unknown. */
export const unknownPollsLimit = 3;

/**
 * Holds back a bucket whose numbers the vendor did not give (a row it sent could not be placed,
 * or it sent no list): the poll emits the buckets before it and stops there, so the next poll
 * asks for it again. After `unknownPollsLimit` polls it is emitted as it is, with null numbers
 * and its warning, so a trigger never stalls on it and never sends it as 0.
 */
export function holdUnknown(
	plan: Extract<PollPlan, { kind: 'fetch' }>,
	rows: BucketRow[],
	held: TriggerState['unknown'],
): { plan: Extract<PollPlan, { kind: 'fetch' }>; unknown: TriggerState['unknown'] } {
	let first = Number.POSITIVE_INFINITY;
	for (const row of rows) {
		if (row.unknown && row.start >= plan.window.start && row.start < plan.window.end) {
			first = Math.min(first, row.start);
		}
	}
	if (first === Number.POSITIVE_INFINITY) return { plan, unknown: undefined };
	const polls = (held?.start === first ? held.polls : 0) + 1;
	if (polls >= unknownPollsLimit) return { plan, unknown: undefined };
	const buckets = plan.buckets.filter((bucket) => bucket.end <= first);
	return {
		plan: { ...plan, window: { start: plan.window.start, end: first }, buckets },
		unknown: { start: first, polls },
	};
}

function closedUntilFor(schedule: Schedule, now: number): number {
	return closedUntil(now, schedule.settleMs, schedule.grid);
}

function stepBack(end: number, count: number, schedule: Schedule): number {
	return bucketStartBefore(end, count, schedule.grid);
}

/**
 * Start of the first bucket of `grid` that starts at or after `instant`. A cursor off the grid's
 * edges (the grid changed, or a time-zone database update moved a zone's offset) lies inside a
 * bucket that is partly emitted already: that bucket is passed over, so nothing is covered twice,
 * and the walk starts on the next edge, so every bucket it takes can be emitted.
 */
function firstStartFrom(instant: number, grid: Grid): number {
	const start = grid.startOf(instant);
	return start < instant ? grid.endOf(start) : start;
}

/**
 * Decides what a poll does, from the stored state and the clock alone: take a starting point
 * (first run), do nothing (no bucket has closed since), or fetch the oldest closed buckets that
 * start at or after the cursor. A new event, bucket length or calendar carries on from the cursor,
 * so the change neither repeats what was emitted nor skips what closed meanwhile.
 */
export function planPoll(
	stored: TriggerState | undefined,
	schedule: Schedule,
	now: number,
): PollPlan {
	const until = closedUntilFor(schedule, now);
	if (!stored || stored.version !== 1 || !Number.isFinite(stored.cursor)) {
		const cursor =
			schedule.startFrom === 'backfill'
				? stepBack(until, schedule.backfillBuckets, schedule)
				: until;
		const state: TriggerState = { version: 1, basis: schedule.basis, cursor };
		if (schedule.startFrom === 'now' || cursor >= until) return { kind: 'baseline', state };
		return planPoll(state, schedule, now);
	}
	const from = firstStartFrom(stored.cursor, schedule.grid);
	const buckets = bucketsFrom(from, until, schedule.maxBucketsPerPoll, schedule.grid);
	if (buckets.length === 0) return { kind: 'idle' };
	return {
		kind: 'fetch',
		window: { start: buckets[0].start, end: buckets[buckets.length - 1].end },
		buckets,
		state: stored.basis === schedule.basis ? stored : { ...stored, basis: schedule.basis },
	};
}

/** The window of the most recent closed bucket, for "Fetch Test Event". */
export function latestClosedWindow(schedule: Schedule, now: number): Bucket {
	const end = closedUntilFor(schedule, now);
	return { start: stepBack(end, 1, schedule), end };
}

/**
 * The rows a poll emits: those inside the window, each bucket and scope once, oldest first. The
 * new cursor is the window's end, never a value read from the rows.
 */
export function completePoll(
	plan: Extract<PollPlan, { kind: 'fetch' }>,
	rows: BucketRow[],
): { rows: BucketRow[]; state: TriggerState } {
	return {
		rows: rowsInWindow(plan.window, rows),
		state: { ...plan.state, cursor: Math.max(plan.state.cursor, plan.window.end) },
	};
}

/**
 * Each bucket and scope of `window` once, oldest first, so a test event lists what a poll would.
 * A trigger's window is closed and settled by its own Settle Minutes, so its rows are final.
 */
export function rowsInWindow(window: Bucket, rows: BucketRow[]): BucketRow[] {
	const seen = new Set<string>();
	for (const row of rows) row.json.complete = true;
	return rows
		.filter((row) => row.start >= window.start && row.start < window.end)
		.filter((row) => {
			const key = `${row.scope}@${row.start}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.sort((a, b) => a.start - b.start || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
}

export interface ThresholdRule {
	field: string;
	above: number;
	/** At most `above`; equal to it when the user left Below empty. */
	below: number;
	remindMs: number;
	/** The calendar reminders count in, so that a day is a local day; UTC when absent. */
	timeZone?: string;
}

export type ThresholdEvent = 'crossedAbove' | 'crossedBelow' | 'stillAbove';

/** Scopes not seen for this long are forgotten, which keeps the stored state bounded. */
export const forgetScopesAfterMs = 31 * 24 * 3_600_000;

export function thresholdBasis(rule: ThresholdRule): string {
	return `${rule.field}|${rule.above}|${rule.below}|${rule.remindMs}`;
}

/**
 * Runs the rows through the alert state of their scopes: `crossedAbove` when the value reaches
 * `above` from below, `crossedBelow` when it is under `above` and at or under `below`,
 * `stillAbove` every `remindMs` of bucket time while it stays up. The clear condition is the
 * complement of the raise condition narrowed by `below`, so a value that stays where it is never
 * alternates, even when `below` equals `above`. Bucket time, not the wall clock, so catching up
 * after downtime tells the same story as polling live; counted on the rule's calendar, so a
 * reminder every 1440 minutes comes once per local day, whether it has 23, 24 or 25 hours.
 */
export function applyThresholds(
	memory: ThresholdMemory | undefined,
	rule: ThresholdRule,
	rows: BucketRow[],
): {
	events: Array<{ row: BucketRow; event: ThresholdEvent; value: number }>;
	memory: ThresholdMemory;
} {
	const basis = thresholdBasis(rule);
	const scopes: Record<string, ScopeAlert> =
		memory && memory.basis === basis ? structuredClone(memory.scopes) : {};
	const events: Array<{ row: BucketRow; event: ThresholdEvent; value: number }> = [];
	const zone = rule.timeZone ?? 'UTC';
	let newest = Number.NEGATIVE_INFINITY;
	for (const row of rows) {
		newest = Math.max(newest, row.end);
		const value = row.json[rule.field];
		const alert = scopes[row.scope] ?? { above: false, seenAt: row.end };
		alert.seenAt = Math.max(alert.seenAt, row.end);
		scopes[row.scope] = alert;
		if (typeof value !== 'number' || !Number.isFinite(value)) continue;
		if (!alert.above && value >= rule.above) {
			alert.above = true;
			alert.alertedAt = row.end;
			events.push({ row, event: 'crossedAbove', value });
		} else if (alert.above && value < rule.above && value <= rule.below) {
			alert.above = false;
			delete alert.alertedAt;
			events.push({ row, event: 'crossedBelow', value });
		} else if (
			alert.above &&
			rule.remindMs > 0 &&
			alert.alertedAt !== undefined &&
			row.end >= plusOnCalendar(alert.alertedAt, rule.remindMs, zone)
		) {
			alert.alertedAt = row.end;
			events.push({ row, event: 'stillAbove', value });
		}
	}
	for (const [scope, alert] of Object.entries(scopes)) {
		if (newest - alert.seenAt > forgetScopesAfterMs) delete scopes[scope];
	}
	return { events, memory: { basis, scopes } };
}

/**
 * The event "Fetch Test Event" shows for a value in threshold mode, so that a workflow built on
 * the test item reads the same fields a production event has. Which event production gives
 * depends on the alert's history, which a test must neither change nor trust (the editor's static
 * data need not be the active trigger's), so the value alone decides: the event such a value can
 * carry in production, and of two, the one a clear alert gives.
 * - At or over `above`: `crossedAbove` (a clear alert raises; `stillAbove` needs one raised).
 * - Under `above` and at or under `below`: `crossedBelow`, the only event such a value carries.
 * - Between `below` and `above`: `stillAbove`, the only event such a value carries (a raised
 *   alert's reminder); a clear alert, or reminders off, gives none, but the test still shows one.
 */
export function testThresholdEvent(rule: ThresholdRule, value: number): ThresholdEvent {
	if (value >= rule.above) return 'crossedAbove';
	if (value <= rule.below) return 'crossedBelow';
	return 'stillAbove';
}

/**
 * One test event per scope, as production events are per scope; rows whose field is not a number
 * give none, as in production. Pure: the stored threshold memory is neither read nor written.
 */
export function testThresholdEvents(
	rule: ThresholdRule,
	rows: BucketRow[],
): Array<{ row: BucketRow; event: ThresholdEvent; value: number }> {
	const events: Array<{ row: BucketRow; event: ThresholdEvent; value: number }> = [];
	for (const row of rows) {
		const value = row.json[rule.field];
		if (typeof value !== 'number' || !Number.isFinite(value)) continue;
		events.push({ row, event: testThresholdEvent(rule, value), value });
	}
	return events;
}
