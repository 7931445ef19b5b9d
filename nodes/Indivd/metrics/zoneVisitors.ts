import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem } from '../../shared/items';
import type { DateRange } from '../../shared/time';
import { indivdApiRequest } from '../transport';
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
import { append } from '../../shared/arrays';

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

function emptyPeriod(range: DateRange): ZonePeriod {
	return { startdate: range.startDate, enddate: range.endDate, insights: [] };
}

/** The requests a query needs; refuses groupings that cannot be merged across them. */
export function zoneVisitorWindows(groupings: string[], period: DateRange, comparison?: DateRange) {
	const windows = planWindows(period, comparison, rangeLimitsFor(groupings));
	assertMergeable(groupings, windows, 'Aggregate By');
	return windows;
}

/** The answer one unlimited request would give, fetched in the fewest requests the limits allow. */
export async function fetchZoneVisitors(
	context: RequestContext,
	query: ZoneVisitorsQuery,
	options: CallOptions = {},
): Promise<ZoneVisitorsResponse> {
	const windows = zoneVisitorWindows(query.groupings, query.period, query.comparison);
	const merged = {
		current: emptyPeriod(query.period),
		comparison: query.comparison ? emptyPeriod(query.comparison) : undefined,
	};
	for (const window of windows) {
		const answer = await indivdApiRequest(
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
		if (window.current) {
			append(merged.current.insights, answer.current.insights);
			if (merged.comparison) append(merged.comparison.insights, answer.comparison?.insights ?? []);
		} else {
			if (merged.comparison) append(merged.comparison.insights, answer.current.insights);
		}
	}
	return merged;
}

function round(value: number, digits: number): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

function insightValues(insight: ZoneInsight): IDataObject {
	const visits = insight.visits ?? 0;
	const bounce = insight.bounce ?? 0;
	const stats = insight.dwell_time_stats ?? {};
	const [p25, p50, p75] = stats.quantiles ?? [];
	return {
		visits,
		uniqueVisits: insight.unique_visits ?? 0,
		bounce,
		bounceRate: visits > 0 ? round((bounce / visits) * 100, 1) : 0,
		bounceThreshold: insight.aggregation.bounce_threshold ?? null,
		dwellTimeMean: stats.mean ?? insight.dwell_time ?? null,
		dwellTimeMin: stats.min ?? null,
		dwellTimeMax: stats.max ?? null,
		dwellTimeP25: p25 ?? null,
		dwellTimeP50: p50 ?? null,
		dwellTimeP75: p75 ?? null,
		dwellCount: stats.n ?? null,
		excludedBelowMinDwell: insight.exclude?.min_dwell_time ?? 0,
		excludedAboveMaxDwell: insight.exclude?.max_dwell_time ?? 0,
	};
}

/**
 * One item per bucket and zone (and location, when grouped by it). Names come with the rows
 * for zones; location names are looked up by the caller once per run.
 */
export function zoneVisitorItems(
	response: ZoneVisitorsResponse,
	query: ZoneVisitorsQuery,
	locationNames: ReadonlyMap<number, string>,
): IDataObject[] {
	const granularity = granularityOf(query.groupings);
	const singleLocation = query.locations.length === 1 ? query.locations[0] : undefined;
	const periods: Array<
		['current' | 'comparison', ZonePeriod | null | undefined, DateRange | undefined]
	> = [
		['current', response.current, query.period],
		['comparison', response.comparison, query.comparison],
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
			const scopeParts = [`zone=${aggregation.zone_id ?? 'all'}`];
			if (aggregation.loc_id !== undefined) scopeParts.push(`location=${aggregation.loc_id}`);
			if (dayOfWeek !== undefined) scopeParts.push(`dayofweek=${dayOfWeek}`);
			const scopeFields: IDataObject = {
				zoneId: aggregation.zone_id ?? null,
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
				}),
			);
		}
	}
	return items;
}
