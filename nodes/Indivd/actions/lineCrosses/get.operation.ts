import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItemJson } from '../../../shared/json';
import { oneOf } from '../../../shared/input';
import { nodeParameter, readRawOutput } from '../../../shared/parameters';
import type { LineCrossGrouping, LineCrossQuery } from '../../metrics/lineCrosses';
import {
	fetchLineCrosses,
	lineCrossItems,
	lineCrossTimeZone,
	usableLineCrosses,
} from '../../metrics/lineCrosses';
import { lineCrossCalendar, periodIsAhead } from '../../helpers/buckets';
import { defaultLineCrossAggregate, granularityOf } from '../../helpers/ranges';
import { closedBy, inBucketOrder, lineCrossZeros, partsOfPeriod } from '../../metrics/zeroRows';
import {
	lineFilterFields,
	locationsField,
	outputModeField,
	periodFields,
} from '../common.descriptions';
import type { IndivdRun } from '../../helpers/run';
import { readLineCrossFilters, readLocations, readPeriod } from '../../helpers/parameters';
import { append } from '../../../shared/arrays';

const groupings: LineCrossGrouping[] = [
	'minute',
	'hour',
	'dayofmonth',
	'dayofweek',
	'week',
	'month',
	'year',
];

const properties: INodeProperties[] = [
	{
		displayName: 'Line crosses are counted in UTC: days and hours are UTC days and hours',
		name: 'utcNotice',
		type: 'notice',
		default: '',
	},
	...periodFields,
	{
		displayName: 'Aggregate By',
		name: 'aggregateBy',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: '',
				description: 'Hour for one day, day up to 31 days, else month',
			},
			{ name: 'Day', value: 'dayofmonth' },
			{
				name: 'Day of Week',
				value: 'dayofweek',
				description: 'One total per weekday for the period',
			},
			{ name: 'Hour', value: 'hour' },
			{ name: 'Minute', value: 'minute' },
			{ name: 'Month', value: 'month' },
			{ name: 'Week', value: 'week', description: 'Weeks start on Sunday and end at New Year' },
			{ name: 'Year', value: 'year' },
		],
		default: '',
	},
	{
		...locationsField,
		description:
			'Locations to count; each is asked for separately and gets its own items. None means all locations the token covers. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...lineFilterFields,
	outputModeField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lineCrosses'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: IndivdRun,
): Promise<INodeExecutionData[]> {
	const period = readPeriod(this, itemIndex, lineCrossTimeZone);
	const chosen = nodeParameter(this, itemIndex, 'aggregateBy', '');
	const aggregateBy = chosen
		? oneOf(chosen, groupings, 'Aggregate By')
		: defaultLineCrossAggregate(period.startDate, period.endDate);
	const base = { ...readLineCrossFilters(this, itemIndex), period, aggregateBy };
	const locations = readLocations(this, itemIndex);
	const queries: LineCrossQuery[] = locations.length
		? locations.map((location) => ({ ...base, location }))
		: [{ ...base, location: undefined }];
	const raw = readRawOutput(this, itemIndex);

	const now = Date.now();
	const ahead = periodIsAhead(period, lineCrossCalendar, now);
	const parts = ahead ? [] : partsOfPeriod(period, granularityOf([aggregateBy]), lineCrossCalendar);
	const results: INodeExecutionData[] = [];
	for (const query of queries) {
		const answer = await fetchLineCrosses(this, query, { itemIndex });
		if (ahead) run.futureRanges++;
		else if (answer.rows.length === 0) run.emptyAnswers++;
		const usable = raw ? undefined : usableLineCrosses(answer.rows, query);
		let items: IDataObject[];
		if (usable) {
			const found = lineCrossItems(usable.rows, query, usable.warning);
			// An empty answer is Indivd's "no data" (often outside the token's scope), not zeros.
			const zeros =
				found.length || usable.unplaced.length
					? closedBy(lineCrossZeros(found, parts, query, usable.warning, usable.unplaced), now)
					: [];
			items = inBucketOrder([...found, ...zeros]);
		} else {
			items = answer.raw.map((row) =>
				asItemJson(query.location === undefined ? row : { ...row, location: query.location }),
			);
		}
		append(
			results,
			items.map((json) => ({ json })),
		);
	}
	return results;
}
