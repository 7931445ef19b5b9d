import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { unexpectedResponseError } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import type { DateRange, Granularity } from '../../shared/time';
import type { SchemaMismatch } from '../../shared/validation';
import { append } from '../../shared/arrays';
import { indivdApiRequest, indivdVendor } from '../transport';
import type { LineCrossRow } from '../transport/schemas';
import { indivdPaths } from '../transport/schemas';
import { lineCrossCalendar, periodBucket, rowBuckets, unitBucketOfParts } from '../helpers/buckets';
import type { TimePart } from '../helpers/ranges';
import { granularityOf, planWindows, rangeLimitsFor } from '../helpers/ranges';

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

/** Every row one unlimited request would return, fetched in the fewest requests the limits allow. */
export async function fetchLineCrosses(
	context: RequestContext,
	query: LineCrossQuery,
	options: CallOptions = {},
): Promise<LineCrossRow[]> {
	const windows = planWindows(query.period, undefined, rangeLimitsFor([query.aggregateBy]));
	const granularity = granularityOf([query.aggregateBy]);
	const seen = new Set<number>();
	const rows: LineCrossRow[] = [];
	for (const window of windows) {
		const chunk = window.current ?? window.comparison;
		const answer = await indivdApiRequest(
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
		const misplaced = misplacedRow(answer, chunk, granularity, seen);
		if (misplaced)
			throw unexpectedResponseError(
				context,
				indivdVendor,
				indivdPaths.lineCrosses,
				misplaced,
				options.itemIndex,
			);
		append(rows, answer);
	}
	return rows;
}

/** Rows are trusted only for the days asked for and once per bucket, or items would lie. */
function misplacedRow(
	rows: LineCrossRow[],
	chunk: DateRange,
	granularity: Granularity,
	seen: Set<number>,
): SchemaMismatch | undefined {
	if (granularity === 'total') return undefined;
	const asked = periodBucket(chunk, lineCrossCalendar);
	for (let index = 0; index < rows.length; index++) {
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

/** One item per bucket; a day-of-week grouping gives one item per weekday over the whole period. */
export function lineCrossItems(rows: LineCrossRow[], query: LineCrossQuery): IDataObject[] {
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
		});
	});
}
