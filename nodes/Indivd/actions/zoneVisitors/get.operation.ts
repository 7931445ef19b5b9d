import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DateRange } from '../../../shared/time';

import { append } from '../../../shared/arrays';
import { asItemJson } from '../../../shared/json';
import { integerIn, InputError, oneOf, textList } from '../../../shared/input';
import type { ParameterContext } from '../../../shared/parameters';
import { nodeParameter, readRawOutput } from '../../../shared/parameters';
import { periodIsAhead, zoneDataCalendar } from '../../helpers/buckets';
import { defaultZoneAggregate, granularityOf } from '../../helpers/ranges';
import { zonesToFill } from '../../helpers/zones';
import type { ZeroPeriod } from '../../metrics/zeroRows';
import {
	closedBy,
	inBucketOrder,
	partsOfPeriod,
	zoneVisitorsFillable,
	zoneVisitorZeros,
} from '../../metrics/zeroRows';
import type { ZoneVisitorsQuery } from '../../metrics/zoneVisitors';
import {
	fetchZoneVisitors,
	usableZoneVisitors,
	zoneVisitorItems,
	zoneVisitorWindows,
} from '../../metrics/zoneVisitors';
import {
	bounceThresholdField,
	comparisonFields,
	locationsField,
	outputModeField,
	periodFields,
	timeZoneField,
	zonesField,
} from '../common.descriptions';
import type { ZoneWindow } from '../../helpers/parameters';
import {
	readBounceThreshold,
	readLocations,
	readZones,
	readZoneWindows,
} from '../../helpers/parameters';
import type { IndivdRun } from '../../helpers/run';

const groupings = [
	'minute',
	'hour',
	'dayofmonth',
	'dayofweek',
	'week',
	'month',
	'year',
	'loc_id',
	'zone',
] as const;

const maxDwellLimit = 10_800;

const properties: INodeProperties[] = [
	...periodFields,
	{
		displayName: 'Aggregate By',
		name: 'aggregateBy',
		type: 'multiOptions',
		options: [
			{ name: 'Day', value: 'dayofmonth' },
			{
				name: 'Day of Week',
				value: 'dayofweek',
				description: 'One total per weekday for the period',
			},
			{ name: 'Hour', value: 'hour' },
			{ name: 'Location', value: 'loc_id', description: 'Split each zone by location' },
			{ name: 'Minute', value: 'minute' },
			{ name: 'Month', value: 'month' },
			{ name: 'Week', value: 'week', description: 'Weeks start on Sunday and end at New Year' },
			{ name: 'Whole Period', value: 'zone', description: 'One total per zone for the period' },
			{ name: 'Year', value: 'year' },
		],
		default: [],
		description:
			'Time grouping; results are always per zone. None picks hour for one day, day up to 31 days, week up to 364 days, else month.',
	},
	locationsField,
	zonesField,
	...comparisonFields,
	bounceThresholdField,
	{
		displayName: 'Min Dwell (Seconds)',
		name: 'minDwell',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Count visits shorter than this separately (they stay in the visits total). 0 turns it off.',
	},
	{
		displayName: 'Max Dwell (Seconds)',
		name: 'maxDwell',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: maxDwellLimit },
		default: 0,
		description:
			'Count visits longer than this separately, at most 10800 (3 hours). 0 turns it off.',
	},
	timeZoneField,
	outputModeField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['zoneVisitors'], operation: ['get'] } },
	properties,
);

function readGroupings(context: ParameterContext, itemIndex: number): string[] {
	return textList(nodeParameter(context, itemIndex, 'aggregateBy', []), 'Aggregate By').map(
		(value) => oneOf(value, groupings, 'Aggregate By'),
	);
}

function readDwell(context: ParameterContext, itemIndex: number) {
	const minDwell = integerIn(nodeParameter(context, itemIndex, 'minDwell', 0), 'Min Dwell', {
		min: 0,
	});
	const maxDwell = integerIn(nodeParameter(context, itemIndex, 'maxDwell', 0), 'Max Dwell', {
		min: 0,
		max: maxDwellLimit,
	});
	if (minDwell > 0 && maxDwell > 0 && minDwell > maxDwell) {
		throw new InputError('Min Dwell', `${minDwell} is above Max Dwell ${maxDwell}`);
	}
	return { minDwell: minDwell || undefined, maxDwell: maxDwell || undefined };
}

interface ZoneVisitorsOptions {
	chosen: string[];
	bounceThreshold: number;
	dwell: { minDwell?: number; maxDwell?: number };
	raw: boolean;
}

function groupingsFor(chosen: string[], period: DateRange): string[] {
	return chosen.length
		? chosen
		: [defaultZoneAggregate(period.startDate, period.endDate)].map((grouping) =>
				grouping === 'day' ? 'dayofmonth' : grouping,
			);
}

/** The items of one request scope: its answer's buckets and the zero buckets it leaves out. */
async function scopeItems(
	context: IExecuteFunctions,
	itemIndex: number,
	run: IndivdRun,
	window: ZoneWindow,
	options: ZoneVisitorsOptions,
): Promise<INodeExecutionData[]> {
	const { timeZone, period, comparison, locations, zones } = window;
	const query: ZoneVisitorsQuery = {
		period,
		comparison,
		groupings: groupingsFor(options.chosen, period),
		locations,
		zones,
		bounceThreshold: options.bounceThreshold,
		...options.dwell,
		timeZone,
	};
	const answer = await fetchZoneVisitors(context, query, { itemIndex });
	const now = Date.now();
	const calendar = zoneDataCalendar(timeZone);
	if (periodIsAhead(period, calendar, now)) run.futureRanges++;
	else if (answer.data.current.insights.length === 0) run.emptyAnswers++;
	if (options.raw) return [{ json: asItemJson(answer.raw) }];
	const { response, warning, unplaced } = usableZoneVisitors(answer.data, query);
	const needsNames = query.groupings.includes('loc_id') || locations.length === 1;
	const names = needsNames ? await run.locations.names(itemIndex) : new Map<number, string>();
	const found = zoneVisitorItems(response, query, names, warning);
	// An empty answer is Indivd's "no data" (often outside the token's scope), not hours of zeros.
	const empty = found.length === 0 && unplaced.length === 0;
	if (empty || !zoneVisitorsFillable(query) || periodIsAhead(period, calendar, now))
		return found.map((json) => ({ json }));
	const insights = [...response.current.insights, ...(response.comparison?.insights ?? [])];
	const zoneNames = await zonesToFill(zones, locations, insights, run.zones, itemIndex);
	const granularity = granularityOf(query.groupings);
	const zerosOf = (range: DateRange | undefined, which: ZeroPeriod) =>
		range
			? zoneVisitorZeros(
					found,
					partsOfPeriod(range, granularity, calendar),
					query,
					zoneNames,
					names,
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
	const chosen = readGroupings(this, itemIndex);
	const scope = { locations: readLocations(this, itemIndex), zones: readZones(this, itemIndex) };
	const options: ZoneVisitorsOptions = {
		chosen,
		bounceThreshold: readBounceThreshold(this, itemIndex),
		dwell: readDwell(this, itemIndex),
		raw: readRawOutput(this, itemIndex),
	};
	const windows = await readZoneWindows(
		this,
		itemIndex,
		scope,
		run,
		(provisional, provisionalComparison) =>
			zoneVisitorWindows(groupingsFor(chosen, provisional), provisional, provisionalComparison),
	);
	const results: INodeExecutionData[] = [];
	for (const window of windows)
		append(results, await scopeItems(this, itemIndex, run, window, options));
	return results;
}
