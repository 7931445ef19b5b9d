import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../input';
import { metricFields } from '../items';
import type { Metric } from '../items';
import type { BucketRow, RecheckMemory, SentValues } from './engine';

/** At most this many buckets are re-checked, and at most this many bucket-and-scope records kept. */
export const recheckBucketsLimit = 96;
export const recheckRecordsLimit = 10_000;

export interface Revision {
	row: BucketRow;
	revision: number;
	previous: IDataObject;
}

function fieldsOf(row: BucketRow): string[] {
	return metricFields[row.json.metric as Metric] ?? [];
}

function valuesOf(row: BucketRow): unknown[] {
	return fieldsOf(row).map((field) => row.json[field] ?? null);
}

function sameValues(sent: SentValues, values: unknown[]): boolean {
	return JSON.stringify(sent.slice(1)) === JSON.stringify(values);
}

/**
 * The settings that decide a source's numbers, as the text the memory keeps (`TriggerSource`
 * `measure`), in the order the source declares them.
 */
export function measureText(measure: IDataObject | undefined): string {
	return JSON.stringify(measure ?? {});
}

/**
 * Whether the memory holds values of the same measure: the same basis (event, bucket length,
 * calendar) and the same settings. A memory stored before the measure was kept has none and is
 * taken as the current one's, so a trigger re-checking before an upgrade keeps re-checking.
 */
function sameMeasure(
	memory: RecheckMemory | undefined,
	basis: string,
	measure: string,
): memory is RecheckMemory {
	return (
		memory !== undefined &&
		memory.basis === basis &&
		(memory.measure === undefined || memory.measure === measure)
	);
}

/**
 * The starts of the last `depth` remembered buckets, oldest first; none when what is measured
 * changed. Only the last `depth`: a memory kept while more were re-checked holds older ones.
 */
export function rememberedStarts(
	memory: RecheckMemory | undefined,
	basis: string,
	measure: string,
	depth: number,
): number[] {
	if (!sameMeasure(memory, basis, measure)) return [];
	return Object.keys(memory.buckets)
		.map(Number)
		.filter(Number.isFinite)
		.sort((a, b) => a - b)
		.slice(-depth);
}

/**
 * Compares the re-read rows with what was sent: a bucket whose metric values changed is a
 * revision, numbered on from the last one sent and carrying the values it replaces. Scopes that
 * were not emitted for a bucket are not re-checked (a camera added to the selection later, for
 * example, does not bring back its older buckets), so nothing is emitted before the cursor that
 * was not emitted there before.
 */
export function reviseBuckets(
	memory: RecheckMemory,
	rows: BucketRow[],
): { revisions: Revision[]; memory: RecheckMemory } {
	const buckets = structuredClone(memory.buckets);
	const revisions: Revision[] = [];
	for (const row of rows) {
		const sent = buckets[String(row.start)]?.[row.scope];
		if (!sent) continue;
		const values = valuesOf(row);
		if (sameValues(sent, values)) continue;
		const previous: IDataObject = {};
		fieldsOf(row).forEach((field, index) => {
			previous[field] = sent[index + 1] as IDataObject[string];
		});
		const revision = sent[0] + 1;
		buckets[String(row.start)][row.scope] = [revision, ...values];
		revisions.push({ row, revision, previous });
	}
	return { revisions, memory: { ...memory, buckets } };
}

/**
 * Adds the rows just emitted and keeps the newest `depth` buckets. Throws, naming the parameter,
 * when the records would pass the cap, so the stored state stays small.
 */
export function rememberBuckets(
	memory: RecheckMemory | undefined,
	basis: string,
	measure: string,
	rows: BucketRow[],
	depth: number,
): RecheckMemory {
	const buckets: RecheckMemory['buckets'] = sameMeasure(memory, basis, measure)
		? structuredClone(memory.buckets)
		: {};
	for (const row of rows) {
		const bucket = (buckets[String(row.start)] ??= {});
		bucket[row.scope] = [0, ...valuesOf(row)];
	}
	const kept = Object.keys(buckets)
		.map(Number)
		.sort((a, b) => b - a)
		.slice(0, depth);
	const pruned: RecheckMemory['buckets'] = {};
	let records = 0;
	for (const start of kept.sort((a, b) => a - b)) {
		pruned[String(start)] = buckets[String(start)];
		records += Object.keys(buckets[String(start)]).length;
	}
	const scopes = Math.ceil(records / Math.max(1, kept.length));
	checkRecheckSize(depth, scopes, records);
	return { basis, measure, buckets: pruned };
}

/** The cap on what re-checking keeps: `depth` buckets of `scopes` scopes. */
export function checkRecheckSize(depth: number, scopes: number, records = depth * scopes): void {
	if (records <= recheckRecordsLimit) return;
	throw new InputError(
		'Re-Check Recent Buckets',
		`${depth} buckets of ${scopes} scopes are ${records} records to keep, more than ${recheckRecordsLimit}: re-check fewer buckets or split the selection over several triggers`,
	);
}

/**
 * The revised bucket item: the bucket as read now, with `revision` and `previous` right after
 * its metric values (docs/contract.md §6.5), so a sheet shows them beside the numbers they change.
 */
export function revisionItem({ row, revision, previous }: Revision): IDataObject {
	const fields = fieldsOf(row);
	const last = fields[fields.length - 1];
	const item: IDataObject = {};
	for (const [key, value] of Object.entries(row.json)) {
		item[key] = value;
		if (key === last) Object.assign(item, { revision, previous });
	}
	if (!('revision' in item)) Object.assign(item, { revision, previous });
	return item;
}
