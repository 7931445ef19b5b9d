import type { IDataObject } from 'n8n-workflow';

import { joinWarnings, LeftOutRows } from '../../shared/warnings';
import type { PlacedBucket } from '../metrics/calendars';

/**
 * What one Rhombus answer lacked that its spec allows it to lack: rows left out (no time, no ID)
 * and absent counts read as 0. Every item made from the answer says so in `warning`, so nothing
 * absent ever reads as a zero nobody mentioned.
 */
export class AnswerGaps {
	readonly leftOut = new LeftOutRows();

	private readonly zeroed = new Map<string, number>();

	private readonly noted = new Map<string, number>();

	/** `count` rows of `list` without their time: they belong to no bucket. */
	leaveOutTimeless(list: string, count: number): void {
		this.leftOut.add(`${list} rows without timestampMs (no bucket to put them in)`, count);
	}

	/** `value`, or 0 when Rhombus sent none; `what` names it, e.g. "crossingCounts rows without ingressCount". */
	orZero(value: number | null | undefined, what: string): number {
		if (value !== undefined && value !== null) return value;
		this.zeroed.set(what, (this.zeroed.get(what) ?? 0) + 1);
		return 0;
	}

	/** One more row of which `what` is true, e.g. "rows without a PEOPLE count, read from FACES". */
	note(what: string): void {
		this.noted.set(what, (this.noted.get(what) ?? 0) + 1);
	}

	/**
	 * `items` (one per bucket, in bucket order) with a zero item for every bucket of `buckets`
	 * that got none. A bucket whose row was left out cannot be told from one Rhombus skipped, and
	 * a trigger must still emit every closed bucket, so each such bucket says it was counted as 0.
	 */
	fillBuckets(
		items: IDataObject[],
		buckets: PlacedBucket[],
		zero: (bucket: PlacedBucket) => IDataObject,
	): IDataObject[] {
		const byStart = new Map(items.map((item) => [item.bucketStart, item]));
		return buckets.map((bucket) => {
			const found = byStart.get(new Date(bucket.start).toISOString());
			if (found !== undefined) return found;
			this.orZero(undefined, 'buckets without a row');
			return zero(bucket);
		});
	}

	/** Rhombus's own `warningMsg` first, then what the answer lacked. */
	warning(warningMsg?: string | null): string | undefined {
		const zeroed = [...this.zeroed].map(([what, count]) => `${count} ${what} (counted as 0)`);
		const noted = [...this.noted].map(([what, count]) => `${count} ${what}`);
		return joinWarnings(warningMsg, this.leftOut.text(), ...zeroed, ...noted);
	}
}

/** Puts the warning of one answer on every item made from it. */
export function warnEach(items: IDataObject[], warning: string | undefined): IDataObject[] {
	if (warning) for (const item of items) item.warning = warning;
	return items;
}
