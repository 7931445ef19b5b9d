import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import type { DateRange } from '../../shared/time';
import { indivdApiRequest } from '../transport';
import type { DropInRow, IndivdResponse, ZoneDropIn } from '../transport/schemas';
import { indivdPaths } from '../transport/schemas';
import { periodBucket, rowBuckets, zoneDataCalendar } from '../helpers/buckets';
import { granularityOf, planWindows, rangeLimitsFor, windowDates } from '../helpers/ranges';
import { append } from '../../shared/arrays';

export type DropInRateResponse = IndivdResponse<typeof indivdPaths.dropInRate>;

export type DropInInterval = 'year' | 'month' | 'week' | 'day' | 'hour';

export interface DropInRateQuery {
	period: DateRange;
	comparison?: DateRange;
	interval: DropInInterval;
	locations: number[];
	zones: number[];
	timeZone: string;
}

type Summary = DropInRateResponse['summary']['current'];
type ZoneMap = Record<string, ZoneDropIn>;

function percentage(part: number, whole: number): number {
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

function addSummary(
	total: Summary | undefined,
	range: DateRange,
	more: Summary | undefined,
): Summary {
	const passingBy = (total?.passing_by ?? 0) + (more?.passing_by ?? 0);
	const enter = (total?.enter ?? 0) + (more?.enter ?? 0);
	return {
		startdate: range.startDate,
		enddate: range.endDate,
		passing_by: passingBy,
		enter,
		enter_percentage: percentage(enter, passingBy),
	};
}

function addZones(total: ZoneMap, more: ZoneMap | null | undefined) {
	for (const [id, zone] of Object.entries(more ?? {})) {
		const known = total[id];
		if (!known) {
			total[id] = { ...zone, details: [...(zone.details ?? [])] };
			continue;
		}
		known.total_visits = (known.total_visits ?? 0) + (zone.total_visits ?? 0);
		known.total_passing_by = (known.total_passing_by ?? 0) + (zone.total_passing_by ?? 0);
		known.drop_in_rate = percentage(known.total_visits, known.total_passing_by);
		known.details = [...(known.details ?? []), ...(zone.details ?? [])];
	}
}

function merge(
	answers: Array<{ answer: DropInRateResponse; asComparison: boolean }>,
	query: DropInRateQuery,
) {
	const comparison = query.comparison;
	let currentSummary: Summary | undefined;
	let comparisonSummary: Summary | undefined;
	const currentDetails: DropInRow[] = [];
	const comparisonDetails: DropInRow[] = [];
	const currentZones: ZoneMap = {};
	const comparisonZones: ZoneMap = {};
	for (const { answer, asComparison } of answers) {
		if (asComparison && comparison) {
			comparisonSummary = addSummary(comparisonSummary, comparison, answer.summary.current);
			append(comparisonDetails, answer.details.current);
			addZones(comparisonZones, answer.zone_details.current);
			continue;
		}
		currentSummary = addSummary(currentSummary, query.period, answer.summary.current);
		append(currentDetails, answer.details.current);
		addZones(currentZones, answer.zone_details.current);
		if (comparison && answer.summary.comparison) {
			comparisonSummary = addSummary(comparisonSummary, comparison, answer.summary.comparison);
			append(comparisonDetails, answer.details.comparison ?? []);
			addZones(comparisonZones, answer.zone_details.comparison);
		}
	}
	return {
		summary: {
			current: addSummary(currentSummary, query.period, undefined),
			comparison: comparisonSummary,
		},
		details: {
			interval: answers[0].answer.details.interval,
			current: currentDetails,
			comparison: comparisonDetails,
		},
		zone_details: { current: currentZones, comparison: comparison ? comparisonZones : undefined },
	} as DropInRateResponse;
}

/**
 * The answer one unlimited request would give. Split requests are merged by adding counts and
 * recomputing the percentages from the sums, as the API does for a whole period.
 */
export async function fetchDropInRate(
	context: RequestContext,
	query: DropInRateQuery,
	options: CallOptions = {},
): Promise<DropInRateResponse> {
	const windows = planWindows(query.period, query.comparison, rangeLimitsFor([query.interval]));
	const answers: Array<{ answer: DropInRateResponse; asComparison: boolean }> = [];
	for (const window of windows) {
		const answer = await indivdApiRequest(
			context,
			indivdPaths.dropInRate,
			{
				...windowDates(window),
				interval: query.interval,
				location: query.locations.join(','),
				zone: query.zones.join(','),
				tz: query.timeZone,
			},
			options,
		);
		answers.push({ answer, asComparison: !window.current });
	}
	return answers.length === 1 ? answers[0].answer : merge(answers, query);
}

/** One item per zone and interval from zone_details, plus the period's summary as a total. */
export function dropInRateItems(
	response: DropInRateResponse,
	query: DropInRateQuery,
): IDataObject[] {
	const granularity = granularityOf([query.interval]);
	const calendar = zoneDataCalendar(query.timeZone);
	const items: IDataObject[] = [];
	const periods: Array<['current' | 'comparison', DateRange | undefined]> = [
		['current', query.period],
		['comparison', query.comparison],
	];
	for (const [period, range] of periods) {
		if (!range) continue;
		const marker: IDataObject = query.comparison ? { period } : {};
		const bucketOf = rowBuckets(granularity, calendar, range);
		const zones =
			(period === 'current' ? response.zone_details.current : response.zone_details.comparison) ??
			{};
		for (const zone of Object.values(zones)) {
			for (const row of zone.details ?? []) {
				const { bucket, partial } = bucketOf(row);
				items.push(
					bucketItem({
						source: 'indivd',
						metric: 'dropInRate',
						scope: `zone=${zone.zone_id}`,
						bucket,
						granularity,
						timeZone: query.timeZone,
						partial,
						scopeFields: {
							zoneId: zone.zone_id,
							zoneName: zone.zone_name ?? null,
							locationId: zone.loc_id ?? null,
							locationName: zone.loc_name ?? null,
							...marker,
						},
						values: {
							passingBy: row.passing_by ?? 0,
							enter: row.visits ?? row.enter ?? 0,
							dropInRate: row.drop_in_rate ?? null,
						},
					}),
				);
			}
		}
		const summary = period === 'current' ? response.summary.current : response.summary.comparison;
		if (!summary) continue;
		const scope = [scopeKey('zones', query.zones), scopeKey('locations', query.locations)].join(
			';',
		);
		items.push(
			bucketItem({
				source: 'indivd',
				metric: 'dropInRate',
				scope,
				bucket: periodBucket(range, calendar),
				granularity: 'total',
				timeZone: query.timeZone,
				scopeFields: {
					zoneIds: query.zones.join(','),
					locationIds: query.locations.join(','),
					...marker,
				},
				values: {
					passingBy: summary.passing_by ?? 0,
					enter: summary.enter ?? 0,
					dropInRate: summary.enter_percentage ?? null,
				},
			}),
		);
	}
	return items;
}
