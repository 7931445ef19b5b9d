import type { IDataObject } from 'n8n-workflow';

import { joinWarnings, LeftOutRows } from '../../shared/warnings';
import type { PlacedBucket } from '../metrics/calendars';

/**
 * What one Rhombus answer lacked that its spec allows it to lack: rows left out (no time, no ID)
 * and absent counts, which stay empty (null), never 0. Every item made from the answer says so in
 * `warning`, and the buckets whose data may be in a row left out are `unknown`, so a trigger can
 * ask again before it sends them (docs/contract.md §5.3 promise 12).
 */
export class AnswerGaps {
	readonly leftOut = new LeftOutRows();

	/** The items of buckets that had no row while rows were left out: their numbers are unknown. */
	readonly unknown = new Set<IDataObject>();

	private readonly empty = new Map<string, number>();

	private readonly noted = new Map<string, number>();

	/** `count` rows of `list` without their time: they belong to no bucket. */
	leaveOutTimeless(list: string, count: number): void {
		this.leftOut.add(`${list} rows without timestampMs (no bucket to put them in)`, count);
	}

	/** `value`, or null when Rhombus sent none; `what` names it, e.g. "crossingCounts rows without ingressCount". */
	orNull(value: number | null | undefined, what: string): number | null {
		if (value !== undefined && value !== null) return value;
		this.empty.set(what, (this.empty.get(what) ?? 0) + 1);
		return null;
	}

	/** One more row of which `what` is true, e.g. "rows without a PEOPLE count, read from FACES". */
	note(what: string): void {
		this.noted.set(what, (this.noted.get(what) ?? 0) + 1);
	}

	/**
	 * `items` (one per bucket, in bucket order) with an unknown item for every bucket of
	 * `buckets` that got none. A bucket whose row was left out cannot be told from one Rhombus
	 * skipped, so its numbers are not known: null, never 0.
	 */
	fillBuckets(
		items: IDataObject[],
		buckets: PlacedBucket[],
		unknown: (bucket: PlacedBucket) => IDataObject,
	): IDataObject[] {
		const byStart = new Map(items.map((item) => [item.bucketStart, item]));
		return buckets.map((bucket) => {
			const found = byStart.get(new Date(bucket.start).toISOString());
			if (found !== undefined) return found;
			this.orNull(undefined, 'buckets without a row');
			return this.markUnknown(unknown(bucket));
		});
	}

	/** An item whose numbers Rhombus did not give. */
	markUnknown(item: IDataObject): IDataObject {
		this.unknown.add(item);
		return item;
	}

	/** Rhombus's own `warningMsg` first, then what the answer lacked. */
	warning(warningMsg?: string | null): string | undefined {
		const empty = [...this.empty].map(([what, count]) => `${count} ${what} (left empty)`);
		const noted = [...this.noted].map(([what, count]) => `${count} ${what}`);
		return joinWarnings(warningMsg, this.leftOut.text(), ...empty, ...noted);
	}
}

/** Puts the warning of one answer on every item made from it. */
export function warnEach(items: IDataObject[], warning: string | undefined): IDataObject[] {
	if (warning) for (const item of items) item.warning = warning;
	return items;
}
