import { idList, InputError, integerIn } from '../../shared/input';
import type { ParameterContext } from '../../shared/parameters';
import { nodeParameter, readIds } from '../../shared/parameters';
import type { DateRange } from '../../shared/time';
import { parseDate, resolveTimeZone } from '../../shared/time';
import type { LineCrossFilters } from '../metrics/lineCrosses';
import type { IndivdRun } from './run';
import type { ZoneDataScope } from './timeZoneGroups';
import { timeZoneScopes } from './timeZoneGroups';

function range(
	start: string,
	end: string,
	endParameter: string,
	startParameter: string,
): DateRange {
	if (end < start) {
		throw new InputError(endParameter, `${end} is before ${startParameter} ${start}`);
	}
	return { startDate: start, endDate: end };
}

/** The requested days; date-times are read in `zone` and their calendar date taken. */
export function readPeriod(context: ParameterContext, itemIndex: number, zone: string): DateRange {
	const start = parseDate(nodeParameter(context, itemIndex, 'startDate'), zone, 'Start Date');
	const end = parseDate(nodeParameter(context, itemIndex, 'endDate'), zone, 'End Date');
	return range(start, end, 'End Date', 'Start Date');
}

function readComparison(
	context: ParameterContext,
	itemIndex: number,
	zone: string,
): DateRange | undefined {
	const startValue = nodeParameter(context, itemIndex, 'comparisonStartDate', '');
	const endValue = nodeParameter(context, itemIndex, 'comparisonEndDate', '');
	if (!startValue && !endValue) return undefined;
	if (!startValue) {
		throw new InputError('Comparison Start Date', 'is required when Comparison End Date is set');
	}
	if (!endValue) {
		throw new InputError('Comparison End Date', 'is required when Comparison Start Date is set');
	}
	const start = parseDate(startValue, zone, 'Comparison Start Date');
	const end = parseDate(endValue, zone, 'Comparison End Date');
	return range(start, end, 'Comparison End Date', 'Comparison Start Date');
}

/** One zone-data request's scope, with its periods read in its time zone. */
export interface ZoneWindow extends ZoneDataScope {
	period: DateRange;
	comparison?: DateRange;
}

/**
 * The requests of a zone-data query, each with its periods read in the zone Indivd buckets its
 * data in: the parameter when set (one request), else each location's own zone, as Indivd does
 * (`timeZoneScopes`), which costs the filter lookups once per run. The dates (and `checkDates`,
 * with them read in the provisional zone) are checked before them, so bad input never costs a
 * request.
 */
export async function readZoneWindows(
	context: ParameterContext,
	itemIndex: number,
	scope: Omit<ZoneDataScope, 'timeZone'>,
	run: Pick<IndivdRun, 'locations' | 'zones'>,
	checkDates: (period: DateRange, comparison?: DateRange) => void = () => undefined,
): Promise<ZoneWindow[]> {
	const chosen = nodeParameter(context, itemIndex, 'timeZone', '');
	const provisional = resolveTimeZone(chosen, context.getTimezone(), 'Time Zone');
	checkDates(
		readPeriod(context, itemIndex, provisional),
		readComparison(context, itemIndex, provisional),
	);
	const scopes =
		chosen !== ''
			? [{ ...scope, timeZone: provisional }]
			: await timeZoneScopes(scope.locations, scope.zones, run, itemIndex);
	return scopes.map((each) => ({
		...each,
		period: readPeriod(context, itemIndex, each.timeZone),
		comparison: readComparison(context, itemIndex, each.timeZone),
	}));
}

export function readLocations(context: ParameterContext, itemIndex: number): number[] {
	return readIds(context, itemIndex, 'locations', 'Locations');
}

export function readZones(context: ParameterContext, itemIndex: number): number[] {
	return readIds(context, itemIndex, 'zones', 'Zones');
}

/** The line-cross filters besides location: organisation, floors, zones entered or left, categories, lines. */
export function readLineCrossFilters(
	context: ParameterContext,
	itemIndex: number,
): Omit<LineCrossFilters, 'location'> {
	const organizations = idList(
		nodeParameter(context, itemIndex, 'organization', ''),
		'Organization',
	);
	if (organizations.length > 1)
		throw new InputError('Organization', 'Indivd takes one organisation here');
	return {
		organization: organizations[0],
		floors: readIds(context, itemIndex, 'floors', 'Floors'),
		zoneTo: readIds(context, itemIndex, 'zoneTo', 'Entering Zones'),
		zoneFrom: readIds(context, itemIndex, 'zoneFrom', 'Leaving Zones'),
		categories: readIds(context, itemIndex, 'categories', 'Categories'),
		lineIds: readIds(context, itemIndex, 'lineIds', 'Lines'),
	};
}

/** -1 uses each zone's own setting, 0 turns bounces off. */
export function readBounceThreshold(context: ParameterContext, itemIndex: number): number {
	return integerIn(nodeParameter(context, itemIndex, 'bounceThreshold', -1), 'Bounce Threshold', {
		min: -1,
	});
}
