import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../shared/input';
import type { DateRange } from '../../shared/time';
import { parseDate, resolveTimeZone } from '../../shared/time';
import type { LocationDirectory } from '../helpers/locations';

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
export function readPeriod(context: IExecuteFunctions, itemIndex: number, zone: string): DateRange {
	const start = parseDate(context.getNodeParameter('startDate', itemIndex), zone, 'Start Date');
	const end = parseDate(context.getNodeParameter('endDate', itemIndex), zone, 'End Date');
	return range(start, end, 'End Date', 'Start Date');
}

export function readComparison(
	context: IExecuteFunctions,
	itemIndex: number,
	zone: string,
): DateRange | undefined {
	const startValue = context.getNodeParameter('comparisonStartDate', itemIndex, '');
	const endValue = context.getNodeParameter('comparisonEndDate', itemIndex, '');
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
	context: IExecuteFunctions,
	itemIndex: number,
	locations: number[],
	directory: LocationDirectory,
	checkDates: (period: DateRange, comparison?: DateRange) => void = () => undefined,
): Promise<ZoneWindow> {
	const chosen = context.getNodeParameter('timeZone', itemIndex, '');
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
