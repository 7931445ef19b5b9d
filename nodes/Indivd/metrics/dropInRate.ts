import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext } from '../../shared/http';
import { bucketItem, scopeKey } from '../../shared/items';
import type { DateRange } from '../../shared/time';
import { answerError, indivdApiAnswer } from '../transport';
import type { DropInRow, DropInSummary, IndivdResponse, ZoneDropIn } from '../transport/schemas';
import { indivdPaths } from '../transport/schemas';
import { periodBucket, rowBuckets, zoneDataCalendar } from '../helpers/buckets';
import { granularityOf, planWindows, rangeLimitsFor, windowDates } from '../helpers/ranges';
import type { Placement, RowGroup, Unplaced } from '../helpers/rowParts';
import { lackedPart, placeable, placementFor, readRows } from '../helpers/rowParts';
import { append } from '../../shared/arrays';
import { isJsonObject } from '../../shared/validation';
import { LeftOutRows } from '../../shared/warnings';

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

type ZoneMap = Record<string, ZoneDropIn>;

function percentage(part: number, whole: number): number {
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

function addSummary(
	total: DropInSummary | undefined,
	range: DateRange,
	more: DropInSummary | undefined,
): DropInSummary | undefined {
	if (!total && !more) return undefined;
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

function addZones(total: ZoneMap, more: ZoneMap | undefined) {
	for (const [id, zone] of Object.entries(more ?? {})) {
		const known = total[id];
		if (!known) {
			total[id] = { ...zone, details: [...zone.details] };
			continue;
		}
		const visits = (known.total_visits ?? 0) + (zone.total_visits ?? 0);
		const passingBy = (known.total_passing_by ?? 0) + (zone.total_passing_by ?? 0);
		known.total_visits = visits;
		known.total_passing_by = passingBy;
		known.drop_in_rate = percentage(visits, passingBy);
		known.details = [...known.details, ...zone.details];
	}
}

function merge(
	answers: Array<{ answer: DropInRateResponse; asComparison: boolean }>,
	query: DropInRateQuery,
): DropInRateResponse {
	const comparison = query.comparison;
	let currentSummary: DropInSummary | undefined;
	let comparisonSummary: DropInSummary | undefined;
	const currentDetails: unknown[] = [];
	const comparisonDetails: unknown[] = [];
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
		if (comparison) {
			comparisonSummary = addSummary(comparisonSummary, comparison, answer.summary.comparison);
			append(comparisonDetails, answer.details.comparison);
			addZones(comparisonZones, answer.zone_details.comparison);
		}
	}
	return {
		summary: { current: currentSummary, comparison: comparisonSummary },
		details: {
			interval: answers[0].answer.details.interval,
			current: currentDetails,
			comparison: comparisonDetails,
		},
		zone_details: { current: currentZones, comparison: comparison ? comparisonZones : undefined },
	};
}

function zoneRows(
	zones: ZoneMap,
	placement: Placement,
	period: string,
): Array<RowGroup<DropInRow>> {
	return Object.entries(zones).map(([key, zone]) => ({
		rows: zone.details,
		placement,
		parts: (row) => row,
		withParts: (row, parts) => ({ ...row, ...parts }),
		path: (index) => `zone_details.${period}.${key}.details[${index}]`,
	}));
}

function withDetails(zones: ZoneMap, details: DropInRow[][]): ZoneMap {
	const read: ZoneMap = {};
	Object.entries(zones).forEach(([key, zone], index) => {
		read[key] = details[index] === zone.details ? zone : { ...zone, details: details[index] };
	});
	return read;
}

/** The answer with its zones' rows on MongoDB's week numbering (helpers/rowParts.ts). */
function readAnswer(
	context: RequestContext,
	answer: DropInRateResponse,
	current: Placement,
	comparison: Placement | undefined,
	options: CallOptions,
): DropInRateResponse {
	const zones = answer.zone_details;
	const compared = comparison ? (zones.comparison ?? {}) : {};
	const currentGroups = zoneRows(zones.current, current, 'current');
	const comparisonGroups = comparison ? zoneRows(compared, comparison, 'comparison') : [];
	const read = readRows([...currentGroups, ...comparisonGroups]);
	if ('path' in read) throw answerError(context, indivdPaths.dropInRate, read, options);
	const split = currentGroups.length;
	return {
		...answer,
		zone_details: {
			...zones,
			current: withDetails(zones.current, read.slice(0, split)),
			comparison: comparison ? withDetails(compared, read.slice(split)) : zones.comparison,
		},
	};
}

export interface DropInRate {
	/** The answer one unlimited request would give, on MongoDB's week numbering. */
	data: DropInRateResponse;
	/** Raw output: Indivd's own answer when one request was enough, else `data`. */
	raw: object;
}

/**
 * The answer one unlimited request would give. Split requests are merged by adding counts and
 * recomputing the percentages from the sums, as the API does for a whole period.
 */
export async function fetchDropInRate(
	context: RequestContext,
	query: DropInRateQuery,
	options: CallOptions = {},
): Promise<DropInRate> {
	const windows = planWindows(query.period, query.comparison, rangeLimitsFor([query.interval]));
	const placement = (range: DateRange) => placementFor([query.interval], range);
	const answers: Array<{ answer: DropInRateResponse; asComparison: boolean }> = [];
	let body: unknown;
	for (const window of windows) {
		const answer = await indivdApiAnswer(
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
		body = answer.body;
		// Rows are read by the days of their own request, which tell the year of a row without one.
		const read = window.current
			? readAnswer(
					context,
					answer.data,
					placement(window.current),
					window.comparison && placement(window.comparison),
					options,
				)
			: readAnswer(context, answer.data, placement(window.comparison), undefined, options);
		answers.push({ answer: read, asComparison: !window.current });
	}
	if (answers.length > 1) {
		const merged = merge(answers, query);
		return { data: merged, raw: merged };
	}
	const [{ answer }] = answers;
	return { data: answer, raw: isJsonObject(body) ? body : answer };
}

/** Why a zone row has no item, as the warning names it. */
function rowLacks(row: DropInRow, placement: Placement): string | undefined {
	const lacked = lackedPart(row, placement);
	return lacked && `drop_in_rate zone_details rows without ${lacked} (no bucket to put them in)`;
}

/**
 * The zones and rows that can be placed, the warning every item carries when others cannot, and
 * what is known of those others.
 */
export function usableDropInRate(
	response: DropInRateResponse,
	query: DropInRateQuery,
): { response: DropInRateResponse; warning?: string; unplaced: Unplaced[] } {
	const leftOut = new LeftOutRows();
	const unplaced: Unplaced[] = [];
	const usable = (zones: ZoneMap, range: DateRange, period: Unplaced['period']) => {
		const placement = placementFor([query.interval], range);
		const lacks = (row: DropInRow) => rowLacks(row, placement);
		const kept: ZoneMap = {};
		for (const [key, zone] of Object.entries(zones)) {
			const left: DropInRow[] = [];
			if (zone.zone_id === undefined) {
				leftOut.add(
					'drop_in_rate zone_details rows of zones without zone_id (no zone to put them in)',
					zone.details.length,
				);
				append(left, zone.details);
			} else kept[key] = { ...zone, details: placeable(zone.details, lacks, leftOut, left) };
			for (const row of left) unplaced.push({ parts: row, zoneId: zone.zone_id, period });
		}
		return kept;
	};
	const { current, comparison } = response.zone_details;
	return {
		response: {
			...response,
			zone_details: {
				current: usable(current, query.period, 'current'),
				comparison:
					comparison && query.comparison && usable(comparison, query.comparison, 'comparison'),
			},
		},
		warning: leftOut.text(),
		unplaced,
	};
}

/**
 * One item per zone and interval of the usable zone rows (`usableDropInRate`), plus the
 * period's summary as a total where it adds something: over several zones, as the only figure
 * when no zone is listed, or with rows left out. Otherwise, for one zone, it would repeat that
 * zone's numbers, and a sheet that
 * appends every item would count them twice. All items have the same columns; `isTotal` tells the
 * total from the zone rows, so a filter can drop it.
 */
export function dropInRateItems(
	response: DropInRateResponse,
	query: DropInRateQuery,
	warning?: string,
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
			for (const row of zone.details) {
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
							zoneIds: null,
							locationIds: null,
							isTotal: false,
							...marker,
						},
						values: {
							passingBy: row.passing_by,
							enter: row.visits ?? row.enter,
							dropInRate: row.drop_in_rate ?? null,
						},
						warning,
					}),
				);
			}
		}
		const summary = response.summary[period];
		// Left-out rows are in the summary but in no zone row: then the total tells them.
		if (!summary || (Object.keys(zones).length === 1 && warning === undefined)) continue;
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
					zoneId: null,
					zoneName: null,
					locationId: null,
					locationName: null,
					zoneIds: query.zones.join(','),
					locationIds: query.locations.join(','),
					isTotal: true,
					...marker,
				},
				values: {
					passingBy: summary.passing_by,
					enter: summary.enter,
					dropInRate: summary.enter_percentage ?? null,
				},
				warning,
			}),
		);
	}
	return items;
}
