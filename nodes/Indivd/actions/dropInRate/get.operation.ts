import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DateRange } from '../../../shared/time';
import { append } from '../../../shared/arrays';
import { asItemJson } from '../../../shared/json';
import { oneOf } from '../../../shared/input';
import { nodeParameter, readRawOutput } from '../../../shared/parameters';
import type { DropInInterval, DropInRateQuery } from '../../metrics/dropInRate';
import { dropInRateItems, fetchDropInRate, usableDropInRate } from '../../metrics/dropInRate';
import { periodIsAhead, zoneDataCalendar } from '../../helpers/buckets';
import {
	defaultZoneAggregate,
	granularityOf,
	planWindows,
	rangeLimitsFor,
} from '../../helpers/ranges';
import type { ZeroPeriod } from '../../metrics/zeroRows';
import { closedBy, dropInZeros, inBucketOrder, partsOfPeriod } from '../../metrics/zeroRows';
import {
	comparisonFields,
	locationsField,
	outputModeField,
	periodFields,
	timeZoneField,
	zonesField,
} from '../common.descriptions';
import type { ZoneWindow } from '../../helpers/parameters';
import { readLocations, readZones, readZoneWindows } from '../../helpers/parameters';
import type { IndivdRun } from '../../helpers/run';

const intervals: DropInInterval[] = ['hour', 'day', 'week', 'month', 'year'];

const properties: INodeProperties[] = [
	{
		displayName:
			'Drop-in rate needs passing-by lines that Indivd configures for you (Pro and Complete plans)',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	...periodFields,
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: '',
				description: 'Hour for one day, day up to 31 days, week up to 364 days, else month',
			},
			{ name: 'Day', value: 'day' },
			{ name: 'Hour', value: 'hour' },
			{ name: 'Month', value: 'month' },
			{ name: 'Week', value: 'week', description: 'Weeks start on Sunday and end at New Year' },
			{ name: 'Year', value: 'year' },
		],
		default: '',
	},
	{
		...locationsField,
		description:
			'Locations to include; Indivd recommends always choosing them. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	zonesField,
	...comparisonFields,
	timeZoneField,
	outputModeField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dropInRate'], operation: ['get'] } },
	properties,
);

/** The items of one request scope: its answer's buckets and the zero buckets it leaves out. */
async function scopeItems(
	context: IExecuteFunctions,
	itemIndex: number,
	run: IndivdRun,
	window: ZoneWindow,
	intervalFor: (period: DateRange) => DropInInterval,
	raw: boolean,
): Promise<INodeExecutionData[]> {
	const { timeZone, period, comparison, locations, zones } = window;
	const query: DropInRateQuery = {
		period,
		comparison,
		interval: intervalFor(period),
		locations,
		zones,
		timeZone,
	};
	const answer = await fetchDropInRate(context, query, { itemIndex });
	const now = Date.now();
	const calendar = zoneDataCalendar(timeZone);
	const ahead = periodIsAhead(period, calendar, now);
	const answered = Object.values(answer.data.zone_details.current);
	if (ahead) run.futureRanges++;
	else if (answered.every((zone) => zone.details.length === 0)) run.emptyAnswers++;
	if (raw) return [{ json: asItemJson(answer.raw) }];
	const { response, warning, unplaced } = usableDropInRate(answer.data, query);
	const found = dropInRateItems(response, query, warning);
	// An empty answer is Indivd's "no data" (often outside the token's scope), not hours of zeros.
	if (ahead || (found.length === 0 && unplaced.length === 0))
		return found.map((json) => ({ json }));
	const granularity = granularityOf([query.interval]);
	const zerosOf = (range: DateRange | undefined, which: ZeroPeriod) =>
		range
			? dropInZeros(
					response,
					found,
					partsOfPeriod(range, granularity, calendar),
					query,
					warning,
					unplaced,
					which,
				)
			: [];
	const zeros = closedBy(
		[...zerosOf(period, 'current'), ...zerosOf(comparison, 'comparison')],
		now,
	);
	return inBucketOrder([...found, ...zeros]).map((json) => ({ json }));
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: IndivdRun,
): Promise<INodeExecutionData[]> {
	const chosen = nodeParameter(this, itemIndex, 'interval', '');
	const interval = chosen ? oneOf(chosen, intervals, 'Interval') : undefined;
	const intervalFor = (period: DateRange) =>
		interval ?? defaultZoneAggregate(period.startDate, period.endDate);
	const scope = { locations: readLocations(this, itemIndex), zones: readZones(this, itemIndex) };
	const raw = readRawOutput(this, itemIndex);

	const windows = await readZoneWindows(
		this,
		itemIndex,
		scope,
		run,
		(provisional, provisionalComparison) =>
			planWindows(provisional, provisionalComparison, rangeLimitsFor([intervalFor(provisional)])),
	);
	const results: INodeExecutionData[] = [];
	for (const window of windows)
		append(results, await scopeItems(this, itemIndex, run, window, intervalFor, raw));
	return results;
}
