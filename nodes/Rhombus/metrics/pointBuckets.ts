import type { RequestContext } from '../../shared/http';
import { unexpectedResponseError } from '../../shared/http';
import type { Bucket, Grid } from '../../shared/time';
import { rhombusVendor } from '../transport';

/** The error for a point at `path` whose time starts no bucket of the grid inside the range. */
export type MisplacedPoint = (path: string, timestampMs: number) => Error;

/**
 * For an answer whose times contradict the calendar it was asked on: Rhombus broke its
 * contract, or our reading of it (docs/contract.md §7), and items from it would lie.
 */
export function unexpectedTimes(
	context: RequestContext,
	endpoint: string,
	calendar: string,
	itemIndex?: number,
): MisplacedPoint {
	return (path, timestampMs) =>
		unexpectedResponseError(
			context,
			rhombusVendor,
			endpoint,
			{
				path,
				problem: `${new Date(timestampMs).toISOString()} starts no bucket of ${calendar} inside the requested range`,
			},
			itemIndex,
		);
}

/** A bucket as an item gives it: cut to the requested range where the range cuts it. */
export interface PlacedBucket extends Bucket {
	/** The range cut the bucket short (docs/contract.md §6.1 `partial`). */
	partial: boolean;
}

/**
 * Puts Rhombus's points into the buckets of the grid its numbers are on. A point's `timestampMs`
 * starts its bucket; Rhombus does not say how it stamps a bucket the range cuts short, so the
 * range's start is accepted for the first one too. The range limits the data Rhombus counts,
 * so an edge bucket is cut to the range and its numbers are those of the part inside.
 */
export class PointBuckets {
	private previousEnd = Number.NaN;

	constructor(
		private readonly grid: Grid,
		private readonly range: Bucket,
	) {}

	/** The bucket of a point, or undefined for a time that starts no bucket inside the range. */
	place(timestampMs: number): PlacedBucket | undefined {
		const { grid, range } = this;
		// Consecutive points are the common case, and the previous bucket's end is a start: a year
		// of minutes is then one endOf per point, as before this check existed.
		let start = timestampMs;
		if (timestampMs !== this.previousEnd) {
			start = grid.startOf(timestampMs);
			if (start !== timestampMs && timestampMs !== range.start) return undefined;
		}
		const end = grid.endOf(start);
		this.previousEnd = end;
		if (end <= range.start || start >= range.end) return undefined;
		const cutStart = start < range.start ? range.start : start;
		const cutEnd = end > range.end ? range.end : end;
		return { start: cutStart, end: cutEnd, partial: cutStart !== start || cutEnd !== end };
	}
}

/** Every bucket of the grid inside the range, cut at its edges, for an answer without points. */
export function everyBucket(grid: Grid, range: Bucket): PlacedBucket[] {
	const buckets = new PointBuckets(grid, range);
	const all: PlacedBucket[] = [];
	for (let bucket = buckets.place(range.start); bucket; bucket = buckets.place(bucket.end)) {
		all.push(bucket);
	}
	return all;
}

/** Buckets of a fixed length aligned to UTC: minutes and quarter hours, which every zone shares. */
export function fixedGrid(lengthMs: number): Grid {
	return {
		startOf: (instant) => instant - (((instant % lengthMs) + lengthMs) % lengthMs),
		endOf: (start) => start + lengthMs,
	};
}
