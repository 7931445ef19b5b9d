import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import type { DateRange, Granularity } from '../../shared/time';
import type { SchemaMismatch } from '../../shared/validation';
import { append } from '../../shared/arrays';
import { answerError, indivdApiAnswer } from '../transport';
import type { LineCrossRow } from '../transport/schemas';
import { indivdPaths } from '../transport/schemas';
import { lineCrossCalendar, periodBucket, rowBuckets, unitBucketOfParts } from '../helpers/buckets';
import type { TimePart } from '../helpers/ranges';
import { granularityOf, planWindows, rangeLimitsFor } from '../helpers/ranges';
import type { Placement, Unplaced } from '../helpers/rowParts';
import { lackedPart, placeable, placementFor, readRows } from '../helpers/rowParts';
import { LeftOutRows } from '../../shared/warnings';

/** Line crosses are counted in UTC: the endpoint has no time zone parameter. */
export const lineCrossTimeZone = 'UTC';

export type LineCrossGrouping = TimePart | 'dayofweek';

export interface LineCrossFilters {
	organization?: number;
	location?: number;
	floors: number[];
	zoneTo: number[];
	zoneFrom: number[];
	categories: number[];
	lineIds: number[];
}

export interface LineCrossQuery extends LineCrossFilters {
	period: DateRange;
	aggregateBy: LineCrossGrouping;
}

function filterQuery(filters: LineCrossFilters) {
	return {
		organization: filters.organization,
		location: filters.location,
		floor: filters.floors.join(','),
		zone_to: filters.zoneTo.join(','),
		zone_from: filters.zoneFrom.join(','),
		category: filters.categories.join(','),
		line_ids: filters.lineIds.join(','),
	};
}

export interface LineCrosses {
	/** Every row, on MongoDB's week and weekday numbering (helpers/rowParts.ts). */
	rows: LineCrossRow[];
	/** The rows as Indivd gave them, for raw output. */
	raw: object[];
}

/** Every row one unlimited request would return, fetched in the fewest requests the limits allow. */
export async function fetchLineCrosses(
	context: RequestContext,
	query: LineCrossQuery,
	options: CallOptions = {},
): Promise<LineCrosses> {
	const windows = planWindows(query.period, undefined, rangeLimitsFor([query.aggregateBy]));
	const granularity = granularityOf([query.aggregateBy]);
	const seen = new Set<number>();
	const result: LineCrosses = { rows: [], raw: [] };
	for (const window of windows) {
		const chunk = window.current ?? window.comparison;
		const placement = placementFor([query.aggregateBy], chunk);
		const { data, body } = await indivdApiAnswer(
			context,
			indivdPaths.lineCrosses,
			{
				start_date: chunk.startDate,
				end_date: chunk.endDate,
				aggregate_by: query.aggregateBy,
				...filterQuery(query),
			},
			options,
		);
		const read = readRows([
			{
				rows: data,
				placement,
				parts: (row) => row._id,
				withParts: (row, parts) => ({ ...row, _id: { ...row._id, ...parts } }),
				path: (index) => `[${index}]._id`,
			},
		]);
		if ('path' in read) throw answerError(context, indivdPaths.lineCrosses, read, options);
		const [rows] = read;
		const misplaced = misplacedRow(rows, chunk, granularity, placement, seen);
		if (misplaced) throw answerError(context, indivdPaths.lineCrosses, misplaced, options);
		append(result.rows, rows);
		// The schema accepted each element as a row object.
		if (Array.isArray(body)) append(result.raw, body as object[]);
	}
	return result;
}

/** Rows are trusted only for the days asked for and once per bucket, or items would lie. */
function misplacedRow(
	rows: LineCrossRow[],
	chunk: DateRange,
	granularity: Granularity,
	placement: Placement,
	seen: Set<number>,
): SchemaMismatch | undefined {
	if (granularity === 'total') return undefined;
	const asked = periodBucket(chunk, lineCrossCalendar);
	for (let index = 0; index < rows.length; index++) {
		if (lackedPart(rows[index]._id, placement) !== undefined) continue;
		const bucket = unitBucketOfParts(rows[index]._id, granularity, lineCrossCalendar, chunk);
		const path = `[${index}]._id`;
		if (bucket.end <= asked.start || bucket.start >= asked.end)
			return {
				path,
				problem: `a ${granularity} starting ${new Date(bucket.start).toISOString()} is outside the requested ${chunk.startDate} to ${chunk.endDate}`,
			};
		if (seen.has(bucket.start))
			return {
				path,
				problem: `a second row for the ${granularity} starting ${new Date(bucket.start).toISOString()}`,
			};
		seen.add(bucket.start);
	}
	return undefined;
}

/**
 * The rows that have a bucket, the warning every item of them carries when others have none, and
 * what is known of those others.
 */
export function usableLineCrosses(
	rows: LineCrossRow[],
	query: LineCrossQuery,
): { rows: LineCrossRow[]; warning?: string; unplaced: Unplaced[] } {
	const placement = placementFor([query.aggregateBy], query.period);
	const leftOut = new LeftOutRows();
	const unplaced: LineCrossRow[] = [];
	const usable = placeable(
		rows,
		(row) => {
			const lacked = lackedPart(row._id, placement);
			return lacked && `line_crosses rows without _id.${lacked} (no bucket to put them in)`;
		},
		leftOut,
		unplaced,
	);
	return {
		rows: usable,
		warning: leftOut.text(),
		unplaced: unplaced.map((row) => ({ parts: row._id, period: 'current' })),
	};
}

function scopeOf(filters: LineCrossFilters): { scope: string; fields: IDataObject } {
	const parts: string[] = [];
	const fields: IDataObject = {};
	const add = (key: string, field: string, ids: number[]) => {
		if (ids.length === 0) return;
		parts.push(scopeKey(key, ids));
		fields[field] = ids.length === 1 ? ids[0] : ids.join(',');
	};
	add(
		'organization',
		'organizationId',
		filters.organization === undefined ? [] : [filters.organization],
	);
	add('location', 'locationId', filters.location === undefined ? [] : [filters.location]);
	add('floor', 'floors', filters.floors);
	add('zoneTo', 'zoneTo', filters.zoneTo);
	add('zoneFrom', 'zoneFrom', filters.zoneFrom);
	add('category', 'categories', filters.categories);
	add('line', 'lineIds', filters.lineIds);
	return { scope: parts.length ? parts.join(';') : 'all', fields };
}

/**
 * One item per bucket of the usable rows (`usableLineCrosses`); a day-of-week grouping gives one
 * item per weekday over the whole period.
 */
export function lineCrossItems(
	rows: LineCrossRow[],
	query: LineCrossQuery,
	warning?: string,
): IDataObject[] {
	const granularity = granularityOf([query.aggregateBy]);
	const { scope, fields } = scopeOf(query);
	const bucketOf = rowBuckets(granularity, lineCrossCalendar, query.period);
	return rows.map((row) => {
		const dayOfWeek = query.aggregateBy === 'dayofweek' ? row._id.dayofweek : undefined;
		const { bucket, partial } = bucketOf(row._id);
		return bucketItem({
			source: 'indivd',
			metric: 'lineCrosses',
			scope: dayOfWeek === undefined ? scope : `${scope};dayofweek=${dayOfWeek}`,
			bucket,
			granularity,
			timeZone: lineCrossTimeZone,
			partial,
			scopeFields: dayOfWeek === undefined ? fields : { ...fields, dayOfWeek },
			values: { count: row.count },
			warning,
		});
	});
}
