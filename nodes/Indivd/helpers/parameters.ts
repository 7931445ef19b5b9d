import { idList, InputError, integerIn } from '../../shared/input';
import type { ParameterContext } from '../../shared/parameters';
import { nodeParameter, readIds } from '../../shared/parameters';
import type { DateRange } from '../../shared/time';
import { parseDate, resolveTimeZone } from '../../shared/time';
import type { LineCrossFilters } from '../metrics/lineCrosses';
import type { LocationDirectory } from './locations';

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

export interface ZoneWindow {
	timeZone: string;
	period: DateRange;
	comparison?: DateRange;
}

/**
 * The periods of a zone-data request, read in the zone Indivd buckets the data in: the parameter
 * when set, else the first location's zone (Indivd's own default), which costs one lookup per
 * run. The dates (and `checkDates`, with them read in the provisional zone) are checked before
 * that lookup, so bad input never costs a request.
 */
export async function readZoneWindow(
	context: ParameterContext,
	itemIndex: number,
	locations: number[],
	directory: LocationDirectory,
	checkDates: (period: DateRange, comparison?: DateRange) => void = () => undefined,
): Promise<ZoneWindow> {
	const chosen = nodeParameter(context, itemIndex, 'timeZone', '');
	const provisional = resolveTimeZone(chosen, context.getTimezone(), 'Time Zone');
	checkDates(
		readPeriod(context, itemIndex, provisional),
		readComparison(context, itemIndex, provisional),
	);
	const timeZone =
		chosen !== ''
			? provisional
			: resolveTimeZone(
					(await directory.defaultTimeZone(locations, itemIndex)) ?? '',
					'UTC',
					'Time Zone',
				);
	return {
		timeZone,
		period: readPeriod(context, itemIndex, timeZone),
		comparison: readComparison(context, itemIndex, timeZone),
	};
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
