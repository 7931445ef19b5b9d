// Indivd leaves out buckets without data (it groups like MongoDB). An action and a trigger that
// read the same bucket must give the same item, so both turn the missing buckets of each known
// scope into rows of zeros here and pass them through the same item code as Indivd's own rows.
// Only time groupings are filled: day-of-week rows and whole-period totals summarise the period,
// and a row Indivd did not send for them says nothing about a bucket. Zero only where Indivd's
// silence means zero: a bucket that a row the package could not place may belong to (a row
// without its hour belongs to some hour of its day) is unknown, and is given with null numbers.

import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { itemScope, metricFields } from '../../shared/items';
import type { Metric } from '../../shared/items';
import type { Bucket, DateRange, Granularity } from '../../shared/time';
import type { IndivdCalendar } from '../helpers/buckets';
import type { UnitGranularity } from '../helpers/localUnits';
import { nextUnitStart, unitStartOf, wallOfDate } from '../helpers/localUnits';
import { dayNumber } from '../../shared/time';
import type { Unplaced } from '../helpers/rowParts';
import type { ZoneInsight } from '../transport/schemas';
import type { DropInRateQuery, DropInRateResponse } from './dropInRate';
import { dropInRateItems } from './dropInRate';
import type { LineCrossQuery } from './lineCrosses';
import { lineCrossItems } from './lineCrosses';
import type { ZoneVisitorsQuery, ZoneVisitorsResponse } from './zoneVisitors';
import { zoneVisitorItems } from './zoneVisitors';

const DAY_MS = 86_400_000;

export type ZeroPeriod = 'current' | 'comparison';

/** MongoDB `$week` of the wall day (mongoWeek.ts): 0 before the year's first Sunday. */
function mongoWeekNumber(wall: number): number {
	const day = Math.floor(wall / DAY_MS);
	const january1 = dayNumber(new Date(wall).getUTCFullYear(), 0, 1);
	const firstSunday = january1 + ((7 - ((((january1 + 4) % 7) + 7) % 7)) % 7);
	return Math.floor((day - firstSunday) / 7) + 1;
}

/** The calendar parts Indivd would give the row of the unit starting at wall time `wall`. */
function partsOfWall(wall: number, granularity: UnitGranularity): IDataObject {
	const date = new Date(wall);
	const year = date.getUTCFullYear();
	if (granularity === 'week') return { year, week: mongoWeekNumber(wall) };
	const parts: IDataObject = { year };
	if (granularity === 'year') return parts;
	parts.month = date.getUTCMonth() + 1;
	if (granularity === 'month') return parts;
	parts.dayofmonth = date.getUTCDate();
	if (granularity === 'day') return parts;
	parts.hour = date.getUTCHours();
	if (granularity === 'minute') parts.minute = date.getUTCMinutes();
	return parts;
}

/** Row parts of a trigger's buckets, each named by the local time its first record starts at. */
export function partsOfBuckets(
	buckets: readonly Bucket[],
	zone: string,
	granularity: UnitGranularity,
): IDataObject[] {
	return buckets.map((bucket) => {
		const local = DateTime.fromMillis(bucket.start, { zone });
		return partsOfWall(local.toMillis() + local.offset * 60_000, granularity);
	});
}

/**
 * Row parts of every bucket of a requested period that can hold data. A local unit without a
 * record (an hour skipped by a spring-forward night, a minute in which no hourly record starts)
 * has no bucket, as on the trigger's grid; whole-period and quarter-hour groupings have none.
 */
export function partsOfPeriod(
	period: DateRange,
	granularity: Granularity,
	calendar: IndivdCalendar,
): IDataObject[] {
	if (granularity === 'total' || granularity === 'quarterHour') return [];
	const end = wallOfDate(period.endDate) + DAY_MS;
	const parts: IDataObject[] = [];
	let wall = unitStartOf(wallOfDate(period.startDate), granularity);
	while (wall < end) {
		const next = nextUnitStart(wall, granularity);
		if (calendar.dataFrom(wall) < calendar.dataFrom(next))
			parts.push(partsOfWall(wall, granularity));
		wall = next;
	}
	return parts;
}

const placingParts = ['year', 'month', 'week', 'dayofmonth', 'hour', 'minute'] as const;

/** Whether the bucket of `parts` (of `zoneId`, in `period`) may hold the data of `row`. */
function mayHold(
	row: Unplaced,
	parts: IDataObject,
	zoneId: number | undefined,
	period: ZeroPeriod,
): boolean {
	if (row.period !== period) return false;
	if (row.zoneId !== undefined && zoneId !== undefined && row.zoneId !== zoneId) return false;
	return placingParts.every((name) => {
		const known = name === 'dayofmonth' ? (row.parts.dayofmonth ?? row.parts.day) : row.parts[name];
		return known === undefined || parts[name] === undefined || known === parts[name];
	});
}

/** A zero candidate as an unknown bucket: its numbers null, the rest (warning included) kept. */
function unknownItem(item: IDataObject): IDataObject {
	const unknown = { ...item };
	for (const field of metricFields[item.metric as Metric]) unknown[field] = null;
	return unknown;
}

/** Each candidate, unknown where a left-out row may belong to its bucket, else a zero. */
function zeroOrUnknown(
	candidates: IDataObject[],
	slots: ReadonlyArray<{ parts: IDataObject; zoneId?: number }>,
	unplaced: readonly Unplaced[],
	period: ZeroPeriod,
): IDataObject[] {
	if (unplaced.length === 0) return candidates;
	return candidates.map((item, index) => {
		const { parts, zoneId } = slots[index];
		const unknown = unplaced.some((row) => mayHold(row, parts, zoneId, period));
		return unknown ? unknownItem(item) : item;
	});
}

const keyOf = (item: IDataObject) => `${String(item.period ?? '')}|${String(item.bucketKey)}`;

/** The candidate zero items whose bucket and scope no found item has. */
function absent(found: readonly IDataObject[], candidates: IDataObject[]): IDataObject[] {
	const present = new Set(found.map(keyOf));
	return candidates.filter((candidate) => !present.has(keyOf(candidate)));
}

export function lineCrossZeros(
	found: readonly IDataObject[],
	parts: readonly IDataObject[],
	query: LineCrossQuery,
	warning: string | undefined,
	unplaced: readonly Unplaced[],
): IDataObject[] {
	if (query.aggregateBy === 'dayofweek') return [];
	const rows = parts.map((_id) => ({ _id, count: 0 }));
	const slots = parts.map((part) => ({ parts: part }));
	return absent(
		found,
		zeroOrUnknown(lineCrossItems(rows, query, warning), slots, unplaced, 'current'),
	);
}

/** A bucket without a row: no visits, and nothing else Indivd would give. */
function zeroInsight(parts: IDataObject, zoneId: number, zoneName: string | null): ZoneInsight {
	return {
		visits: 0,
		dwell_time_stats: { quantiles: [] },
		exclude: {},
		aggregation: { ...parts, zone_id: zoneId, zone_name: zoneName },
	};
}

const timeGroupings = new Set(['minute', 'hour', 'dayofmonth', 'week', 'month', 'year']);

/** Zero rows fit a zone-visitor query whose rows are one per zone and time bucket. */
export function zoneVisitorsFillable(query: ZoneVisitorsQuery): boolean {
	return query.groupings.every((grouping) => timeGroupings.has(grouping));
}

export function zoneVisitorZeros(
	found: readonly IDataObject[],
	parts: readonly IDataObject[],
	query: ZoneVisitorsQuery,
	zones: ReadonlyMap<number, string | null>,
	locationNames: ReadonlyMap<number, string>,
	warning: string | undefined,
	unplaced: readonly Unplaced[],
	period: ZeroPeriod = 'current',
): IDataObject[] {
	if (!zoneVisitorsFillable(query)) return [];
	const insights: ZoneInsight[] = [];
	const slots: Array<{ parts: IDataObject; zoneId: number }> = [];
	for (const [zoneId, zoneName] of zones)
		for (const part of parts) {
			insights.push(zeroInsight(part, zoneId, zoneName));
			slots.push({ parts: part, zoneId });
		}
	const response: ZoneVisitorsResponse =
		period === 'current'
			? { current: { insights }, comparison: undefined }
			: { current: { insights: [] }, comparison: { insights } };
	const candidates = zoneVisitorItems(response, query, locationNames, warning);
	return absent(found, zeroOrUnknown(candidates, slots, unplaced, period));
}

/** Zero rows for the zones the answer lists for `period`, whose names and locations it gives. */
export function dropInZeros(
	response: DropInRateResponse,
	found: readonly IDataObject[],
	parts: readonly IDataObject[],
	query: DropInRateQuery,
	warning: string | undefined,
	unplaced: readonly Unplaced[],
	period: ZeroPeriod = 'current',
): IDataObject[] {
	const zones = response.zone_details[period] ?? {};
	const filled: typeof zones = {};
	const slots: Array<{ parts: IDataObject; zoneId?: number }> = [];
	for (const [key, zone] of Object.entries(zones)) {
		filled[key] = {
			...zone,
			details: parts.map((part) => ({ ...part, visits: 0, passing_by: 0 })),
		};
		for (const part of parts) slots.push({ parts: part, zoneId: zone.zone_id });
	}
	const alone: DropInRateResponse = {
		...response,
		summary: {},
		zone_details: period === 'current' ? { current: filled } : { current: {}, comparison: filled },
	};
	// The answer without its summary gives no total: one item per zone and part, as in `slots`.
	const candidates = dropInRateItems(alone, query, warning);
	return absent(found, zeroOrUnknown(candidates, slots, unplaced, period));
}

/** Zero rows only for buckets that have ended: a bucket still to come has no count yet, not 0. */
export function closedBy(items: IDataObject[], now: number): IDataObject[] {
	return items.filter((item) => Date.parse(String(item.bucketEnd)) <= now);
}

/**
 * Indivd's rows with the zero rows in among them: per period, each scope's buckets in time order
 * (scopes in the order they first appear), whole-period totals after them.
 */
export function inBucketOrder(items: readonly IDataObject[]): IDataObject[] {
	const scopeOf = (item: IDataObject) => `${String(item.period ?? '')}|${itemScope(item)}`;
	const scopes = new Map<string, number>();
	for (const item of items) if (!scopes.has(scopeOf(item))) scopes.set(scopeOf(item), scopes.size);
	const rank = (item: IDataObject) => [
		item.period === 'comparison' ? 1 : 0,
		item.granularity === 'total' ? 1 : 0,
		scopes.get(scopeOf(item)) ?? 0,
		Date.parse(String(item.bucketStart)),
	];
	return items
		.map((item, index) => ({ item, index, key: rank(item) }))
		.sort((a, b) => {
			for (let part = 0; part < a.key.length; part++)
				if (a.key[part] !== b.key[part]) return a.key[part] - b.key[part];
			return a.index - b.index;
		})
		.map(({ item }) => item);
}
