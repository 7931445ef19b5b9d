import type { RequestContext } from '../../shared/http';
import { unexpectedResponseError } from '../../shared/http';
import type { Bucket, Granularity, Grid } from '../../shared/time';
import { calendarGrid } from '../../shared/time';
import { rhombusVendor } from '../transport';

/**
 * Where a point's time lies in the bucket it stands for. Rhombus's spec calls `timestampMs` only
 * "the representative timestamp for the interval", so each answer shows which it is.
 */
export type Stamp = 'start' | 'instant' | 'end';

/** A calendar Rhombus may have counted on (docs/contract.md §8.1 "Calendars"). */
export interface Calendar {
	/** IANA name: the buckets' local calendar, and the zone the items are labelled in. */
	zone: string;
	/** 1: weeks start on Monday; 7: on Sunday. Only weeks depend on it. */
	weekStart: 1 | 7;
}

/** A calendar and where its points stamp their buckets: how one answer is read. */
export interface Reading extends Calendar {
	stamp: Stamp;
}

/** A bucket as an item gives it: cut to the requested range where the range cuts it. */
export interface PlacedBucket extends Bucket {
	/** The range cut the bucket short (docs/contract.md §6.1 `partial`). */
	partial: boolean;
}

/** The text a trigger keeps of a reading in its state, e.g. `Europe/Berlin|monday|start`. */
export function readingText(reading: Reading): string {
	return `${reading.zone}|${reading.weekStart === 7 ? 'sunday' : 'monday'}|${reading.stamp}`;
}

const stamps: readonly Stamp[] = ['start', 'instant', 'end'];

const stampNames: Record<Stamp, string> = {
	start: 'stamped at bucket starts',
	instant: 'stamped inside their buckets',
	end: 'stamped at bucket ends',
};

/** A reading as a person reads it, e.g. "UTC, weeks from Sunday, stamped at bucket starts". */
export function describeReading(reading: Reading): string {
	const week = reading.weekStart === 7 ? ', weeks from Sunday' : '';
	return `${reading.zone}${week}, ${stampNames[reading.stamp]}`;
}

/** The reading of a trigger's stored text; undefined for a text no reading writes. */
export function readingOf(text: string): Reading | undefined {
	const [zone, week, stamp] = text.split('|');
	if (!zone || (week !== 'monday' && week !== 'sunday')) return undefined;
	if (!stamps.includes(stamp as Stamp)) return undefined;
	return { zone, weekStart: week === 'sunday' ? 7 : 1, stamp: stamp as Stamp };
}

/** Buckets of a fixed length aligned to UTC: minutes and quarter hours, which every zone shares. */
function fixedGrid(lengthMs: number): Grid {
	return {
		startOf: (instant) => instant - (((instant % lengthMs) + lengthMs) % lengthMs),
		endOf: (start) => start + lengthMs,
	};
}

/**
 * Every UTC offset in use since 2000 is a whole number of quarter hours, and every shift between
 * offsets since 2012 happened on a quarter hour (outside Antarctica), so minutes and quarter
 * hours have the same edges in every zone Rhombus has cameras and data in.
 */
const zoneFreeGrids: Partial<Record<Granularity, Grid>> = {
	minute: fixedGrid(60_000),
	quarterHour: fixedGrid(900_000),
};

/** Whether the buckets of `granularity` have edges that differ between zones. */
export function dependsOnZone(granularity: Granularity): boolean {
	return zoneFreeGrids[granularity] === undefined;
}

/** Where the buckets of `granularity` start and end on `calendar`. */
export function gridOf(granularity: Granularity, calendar: Calendar): Grid {
	return (
		zoneFreeGrids[granularity] ??
		calendarGrid(granularity, calendar.zone, { weekStart: calendar.weekStart })
	);
}

/**
 * Places the points of one series, in their order, on one reading. A point that contradicts the
 * reading (a start or end stamp off the calendar's edges, a bucket outside the range, a bucket
 * not after the previous point's) gives undefined.
 */
export class SeriesPlacer {
	private previousEnd = Number.NaN;

	private previousStart = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly grid: Grid,
		private readonly range: Bucket,
		private readonly stamp: Stamp,
	) {}

	place(stampMs: number): PlacedBucket | undefined {
		const { grid, range } = this;
		let start: number;
		if (this.stamp === 'start') {
			// Consecutive points are the common case, and the previous bucket's end is a start: a
			// year of minutes is then one endOf per point.
			start = stampMs;
			if (stampMs !== this.previousEnd) {
				start = grid.startOf(stampMs);
				// Rhombus does not say how it stamps a bucket the range cuts short: the range's
				// start is taken for the first one too.
				if (start !== stampMs && stampMs !== range.start) return undefined;
			}
		} else if (this.stamp === 'end') {
			// An end stamp is an edge of the calendar too (the range's end for a last bucket the
			// range cuts), which tells it from a time inside a bucket of another calendar.
			if (grid.startOf(stampMs) !== stampMs && stampMs !== range.end) return undefined;
			start = grid.startOf(stampMs - 1);
		} else {
			start = grid.startOf(stampMs);
		}
		if (start <= this.previousStart) return undefined;
		const end = grid.endOf(start);
		if (end <= range.start || start >= range.end) return undefined;
		this.previousStart = start;
		this.previousEnd = end;
		const cutStart = start < range.start ? range.start : start;
		const cutEnd = end > range.end ? range.end : end;
		return { start: cutStart, end: cutEnd, partial: cutStart !== start || cutEnd !== end };
	}
}

/** Every bucket of the grid inside the range, cut at its edges, for an answer without points. */
export function everyBucket(grid: Grid, range: Bucket): PlacedBucket[] {
	const all: PlacedBucket[] = [];
	for (let start = grid.startOf(range.start); start < range.end; ) {
		const end = grid.endOf(start);
		const cutStart = start < range.start ? range.start : start;
		const cutEnd = end > range.end ? range.end : end;
		all.push({ start: cutStart, end: cutEnd, partial: cutStart !== start || cutEnd !== end });
		start = end;
	}
	return all;
}

/** One try of a reading: places series after series, and remembers the first point that misfit. */
export class Attempt {
	misfit?: { path: string; stampMs: number };

	constructor(
		readonly reading: Reading,
		readonly grid: Grid,
		private readonly range: Bucket,
	) {}

	series(): SeriesPlacer {
		return new SeriesPlacer(this.grid, this.range, this.reading.stamp);
	}

	/** Records a point that contradicts this reading; the build then gives up. */
	reject(path: string, stampMs: number): undefined {
		this.misfit = { path, stampMs };
		return undefined;
	}
}

export interface CalendarChoice {
	granularity: Granularity;
	range: Bucket;
	/** The zones Rhombus may have counted on, the most likely first (e.g. the zone sent, UTC). */
	zones: string[];
	/** A reading an earlier answer showed (a trigger's state), tried first. */
	preferred?: Reading;
	/**
	 * More zones, asked for only when no known zone's buckets start at every point: the cameras'
	 * locations cost two requests, which most answers do not need.
	 */
	moreZones?: () => Promise<string[]>;
}

/** What one answer was read as, and the items read from it. */
export interface ReadAnswer<T> {
	value: T;
	reading: Reading;
}

function calendarsOf(granularity: Granularity, zones: string[], preferred?: Reading): Calendar[] {
	const unique = [...new Set(preferred ? [preferred.zone, ...zones] : zones)];
	const weeks: Array<1 | 7> =
		granularity !== 'week' ? [1] : preferred?.weekStart === 7 ? [7, 1] : [1, 7];
	// Minutes and quarter hours have the same edges everywhere: the first zone names them.
	const named = dependsOnZone(granularity) ? unique : unique.slice(0, 1);
	return named.flatMap((zone) => weeks.map((weekStart) => ({ zone, weekStart })));
}

function calendarNames(granularity: Granularity, calendars: Calendar[]): string {
	const zones = [...new Set(calendars.map((calendar) => calendar.zone))].join(', ');
	return granularity === 'week' ? `${zones}, weeks from Monday or Sunday` : zones;
}

/**
 * Reads an answer on the calendar its own points show (docs/contract.md §8.1 "Calendars"): the
 * first calendar on which every point starts its bucket, else the first on which every point ends
 * its bucket (both are edges of their calendar, which a time inside a bucket of another calendar
 * is not); only where none has either, the first on which every point lies in a bucket of its
 * own.
 * `build` makes the items on one reading and gives undefined, through the attempt, at the first
 * point that contradicts it; it is called again for the next reading, so it keeps no state
 * outside. An answer no reading fits contradicts itself and fails, naming both readings tried.
 */
export async function readOnItsCalendar<T>(
	context: RequestContext,
	endpoint: string,
	choice: CalendarChoice,
	build: (attempt: Attempt) => T | undefined,
	itemIndex?: number,
): Promise<ReadAnswer<T>> {
	const { granularity, range, preferred } = choice;
	const tried: Attempt[] = [];
	const attempt = (reading: Reading): ReadAnswer<T> | undefined => {
		const trial = new Attempt(reading, gridOf(granularity, reading), range);
		const value = build(trial);
		if (value !== undefined) return { value, reading };
		tried.push(trial);
		return undefined;
	};
	const first = (calendars: Calendar[], stamp: Stamp) => {
		for (const calendar of calendars) {
			const read = attempt({ ...calendar, stamp });
			if (read) return read;
		}
		return undefined;
	};

	let calendars = calendarsOf(granularity, choice.zones, preferred);
	const onEdges = first(calendars, 'start') ?? first(calendars, 'end');
	if (onEdges) return onEdges;
	// A stamp inside the bucket fits many calendars, so the one an earlier answer showed is
	// kept before more zones are looked up for edge stamps.
	if (preferred && preferred.stamp !== 'start') {
		const kept = attempt(preferred);
		if (kept) return kept;
	}
	if (choice.moreZones && dependsOnZone(granularity)) {
		const known = new Set(calendars.map((calendar) => calendar.zone));
		const added = (await choice.moreZones()).filter((zone) => !known.has(zone));
		if (added.length) {
			const more = calendarsOf(granularity, added);
			const onMore = first(more, 'start') ?? first(more, 'end');
			if (onMore) return onMore;
			calendars = [...calendars, ...more];
		}
	}
	const inside = first(calendars, 'instant');
	if (inside) return inside;

	const names = calendarNames(granularity, calendars);
	const asStart = tried.find((trial) => trial.reading.stamp === 'start')?.misfit;
	const asInstant = tried.find((trial) => trial.reading.stamp === 'instant')?.misfit;
	const at = (misfit?: { path: string; stampMs: number }) =>
		misfit ? `${misfit.path} ${new Date(misfit.stampMs).toISOString()}` : 'a point';
	throw unexpectedResponseError(
		context,
		rhombusVendor,
		endpoint,
		{
			path: asStart?.path ?? asInstant?.path ?? '(root)',
			problem: `the points fit no calendar tried (${names}): read as bucket starts, ${at(asStart)} starts no bucket inside the requested range; read as times inside their buckets, ${at(asInstant)} is outside the range, out of order, or in the bucket of the point before it`,
		},
		itemIndex,
	);
}
