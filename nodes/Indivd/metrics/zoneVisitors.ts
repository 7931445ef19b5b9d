import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem } from '../../shared/items';
import type { DateRange } from '../../shared/time';
import { answerError, indivdApiAnswer } from '../transport';
import type { IndivdResponse, ZoneInsight, ZonePeriod } from '../transport/schemas';
import { indivdPaths } from '../transport/schemas';
import { rowBuckets, zoneDataCalendar } from '../helpers/buckets';
import {
	assertMergeable,
	granularityOf,
	planWindows,
	rangeLimitsFor,
	windowDates,
} from '../helpers/ranges';
import type { Placement, RowGroup, Unplaced } from '../helpers/rowParts';
import { lackedPart, placeable, placementFor, readRows } from '../helpers/rowParts';
import { append } from '../../shared/arrays';
import { isJsonObject } from '../../shared/validation';
import { LeftOutRows } from '../../shared/warnings';

export type ZoneVisitorsResponse = IndivdResponse<typeof indivdPaths.zoneVisitors>;

export interface ZoneVisitorsQuery {
	period: DateRange;
	comparison?: DateRange;
	/** aggregate_by values; never empty (callers resolve the documented default). */
	groupings: string[];
	locations: number[];
	zones: number[];
	bounceThreshold: number;
	minDwell?: number;
	maxDwell?: number;
	timeZone: string;
}

function emptyPeriod(): ZonePeriod {
	return { insights: [] };
}

/** The requests a query needs; refuses groupings that cannot be merged across them. */
export function zoneVisitorWindows(groupings: string[], period: DateRange, comparison?: DateRange) {
	const windows = planWindows(period, comparison, rangeLimitsFor(groupings));
	assertMergeable(groupings, windows, 'Aggregate By');
	return windows;
}

function insightRows(
	insights: ZoneInsight[],
	placement: Placement,
	period: string,
): RowGroup<ZoneInsight> {
	return {
		rows: insights,
		placement,
		parts: (insight) => insight.aggregation,
		withParts: (insight, parts) => ({
			...insight,
			aggregation: { ...insight.aggregation, ...parts },
		}),
		path: (index) => `${period}.insights[${index}].aggregation`,
	};
}

export interface ZoneVisitors {
	/** The answer one unlimited request would give, on MongoDB's week and weekday numbering. */
	data: ZoneVisitorsResponse;
	/** Raw output: Indivd's own answer when one request was enough, else `data`. */
	raw: object;
}

/** The answer one unlimited request would give, fetched in the fewest requests the limits allow. */
export async function fetchZoneVisitors(
	context: RequestContext,
	query: ZoneVisitorsQuery,
	options: CallOptions = {},
): Promise<ZoneVisitors> {
	const windows = zoneVisitorWindows(query.groupings, query.period, query.comparison);
	const merged = {
		current: emptyPeriod(),
		comparison: query.comparison ? emptyPeriod() : undefined,
	};
	let body: unknown;
	for (const window of windows) {
		const answer = await indivdApiAnswer(
			context,
			indivdPaths.zoneVisitors,
			{
				...windowDates(window),
				aggregate_by: query.groupings.join(','),
				location: query.locations.join(','),
				zones: query.zones.join(','),
				bounce_threshold: query.bounceThreshold,
				min_dwell: query.minDwell,
				max_dwell: query.maxDwell,
				tz: query.timeZone,
			},
			options,
		);
		body = answer.body;
		const { data } = answer;
		// A request of the comparison period alone answers it as its `current`. Rows are read by
		// the days of their own request, which tell the year of a row without one.
		const own = placementFor(query.groupings, window.current ?? window.comparison);
		const groups = [insightRows(data.current.insights, own, 'current')];
		if (window.current && window.comparison && data.comparison) {
			const comparison = placementFor(query.groupings, window.comparison);
			groups.push(insightRows(data.comparison.insights, comparison, 'comparison'));
		}
		const read = readRows(groups);
		if ('path' in read) throw answerError(context, indivdPaths.zoneVisitors, read, options);
		const [first, second] = read;
		if (window.current) {
			append(merged.current.insights, first);
			if (merged.comparison && second) append(merged.comparison.insights, second);
		} else if (merged.comparison) {
			append(merged.comparison.insights, first);
		}
	}
	const raw = windows.length === 1 && isJsonObject(body) ? body : merged;
	return { data: merged, raw };
}

/** Why an insight has no item, as the warning names it. */
function insightLacks(insight: ZoneInsight, placement: Placement): string | undefined {
	if (insight.aggregation.zone_id === undefined)
		return 'zone_visitors insights without aggregation.zone_id (no zone to put them in)';
	const lacked = lackedPart(insight.aggregation, placement);
	return (
		lacked && `zone_visitors insights without aggregation.${lacked} (no bucket to put them in)`
	);
}

/**
 * The insights that have a zone and a bucket, the warning every item carries when others do not,
 * and what is known of those others.
 */
export function usableZoneVisitors(
	response: ZoneVisitorsResponse,
	query: ZoneVisitorsQuery,
): { response: ZoneVisitorsResponse; warning?: string; unplaced: Unplaced[] } {
	const leftOut = new LeftOutRows();
	const unplaced: Unplaced[] = [];
	const usable = (
		period: ZonePeriod | undefined,
		range: DateRange | undefined,
		name: Unplaced['period'],
	) => {
		if (!period || !range) return undefined;
		const placement = placementFor(query.groupings, range);
		const lacks = (insight: ZoneInsight) => insightLacks(insight, placement);
		const left: ZoneInsight[] = [];
		const insights = placeable(period.insights, lacks, leftOut, left);
		for (const { aggregation } of left)
			unplaced.push({ parts: aggregation, zoneId: aggregation.zone_id, period: name });
		return { ...period, insights };
	};
	return {
		response: {
			current: usable(response.current, query.period, 'current') ?? emptyPeriod(),
			comparison: usable(response.comparison, query.comparison, 'comparison'),
		},
		warning: leftOut.text(),
		unplaced,
	};
}

function round(value: number, digits: number): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

function insightValues(insight: ZoneInsight): IDataObject {
	const { visits, dwell_time_stats: stats, exclude } = insight;
	const bounce = insight.bounce ?? 0;
	const [p25, p50, p75] = stats.quantiles;
	return {
		visits,
		uniqueVisits: insight.unique_visits ?? 0,
		bounce,
		bounceRate: visits > 0 ? round((bounce / visits) * 100, 1) : 0,
		bounceThreshold: insight.aggregation.bounce_threshold ?? null,
		// Basic plans give dwell_time as 0 (and no statistics); no visit lasts 0 s, so it is no mean.
		dwellTimeMean: stats.mean ?? (insight.dwell_time || null),
		dwellTimeMin: stats.min ?? null,
		dwellTimeMax: stats.max ?? null,
		dwellTimeP25: p25 ?? null,
		dwellTimeP50: p50 ?? null,
		dwellTimeP75: p75 ?? null,
		dwellCount: stats.n ?? null,
		excludedBelowMinDwell: exclude.min_dwell_time ?? 0,
		excludedAboveMaxDwell: exclude.max_dwell_time ?? 0,
	};
}

/**
 * One item per bucket and zone (and location, when grouped by it) of the usable insights
 * (`usableZoneVisitors`). Names come with the rows for zones; location names are looked up by
 * the caller once per run.
 */
export function zoneVisitorItems(
	response: ZoneVisitorsResponse,
	query: ZoneVisitorsQuery,
	locationNames: ReadonlyMap<number, string>,
	warning?: string,
): IDataObject[] {
	const granularity = granularityOf(query.groupings);
	const singleLocation = query.locations.length === 1 ? query.locations[0] : undefined;
	const periods: Array<['current' | 'comparison', ZonePeriod | undefined, DateRange | undefined]> =
		[
			['current', response.current, query.period],
			['comparison', response.comparison, query.comparison],
		];
	// Settings that change the numbers of the same zone are part of its key (docs/contract.md
	// §6.2), but only where they differ from the defaults, so today's keys stay.
	const measureParts = [
		...(query.bounceThreshold !== -1 ? [`bounce=${query.bounceThreshold}`] : []),
		...(query.minDwell !== undefined ? [`minDwell=${query.minDwell}`] : []),
		...(query.maxDwell !== undefined ? [`maxDwell=${query.maxDwell}`] : []),
	];
	const items: IDataObject[] = [];
	for (const [period, data, range] of periods) {
		if (!data || !range) continue;
		const bucketOf = rowBuckets(granularity, zoneDataCalendar(query.timeZone), range);
		for (const insight of data.insights) {
			const { aggregation } = insight;
			const { bucket, partial } = bucketOf(aggregation);
			const locationId = aggregation.loc_id ?? singleLocation;
			const dayOfWeek = aggregation.dayofweek;
			const scopeParts = [`zone=${aggregation.zone_id}`];
			if (aggregation.loc_id !== undefined) scopeParts.push(`location=${aggregation.loc_id}`);
			if (dayOfWeek !== undefined) scopeParts.push(`dayofweek=${dayOfWeek}`);
			scopeParts.push(...measureParts);
			const scopeFields: IDataObject = {
				zoneId: aggregation.zone_id,
				zoneName: aggregation.zone_name ?? null,
			};
			if (locationId !== undefined) {
				scopeFields.locationId = locationId;
				scopeFields.locationName = locationNames.get(locationId) ?? null;
			}
			if (dayOfWeek !== undefined) scopeFields.dayOfWeek = dayOfWeek;
			if (query.comparison) scopeFields.period = period;
			items.push(
				bucketItem({
					source: 'indivd',
					metric: 'zoneVisitors',
					scope: scopeParts.join(';'),
					bucket,
					granularity,
					timeZone: query.timeZone,
					partial,
					scopeFields,
					values: insightValues(insight),
					warning,
				}),
			);
		}
	}
	return items;
}
