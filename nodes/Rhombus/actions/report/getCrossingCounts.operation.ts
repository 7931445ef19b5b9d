import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CrossingCountsQuery } from '../../metrics/crossingCounts';
import {
	bucketSizes,
	crossingCountItems,
	crossingCountsEndpoint,
	crossingCountsRaw,
	fetchCrossingCounts,
} from '../../metrics/crossingCounts';
import { unexpectedTimes } from '../../metrics/pointBuckets';
import {
	cameraUuidsProperty,
	crossingCountProperties,
	endTimeProperty,
	outputModeProperty,
	startTimeProperty,
	timeZoneProperty,
} from '../common.descriptions';
import { readRawOutput, readTimeZone } from '../../../shared/parameters';
import { readCameraUuids, readCrossingCountOptions, readTimeRange } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	{
		...cameraUuidsProperty,
		description:
			'Cameras with a crossing line, counted in one request. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	startTimeProperty,
	endTimeProperty,
	timeZoneProperty,
	...crossingCountProperties,
	outputModeProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['getCrossingCounts'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const cameraUuids = readCameraUuids(this, itemIndex);
	const timeZone = readTimeZone(this, itemIndex);
	const { start, end } = readTimeRange(this, itemIndex, timeZone);
	const query: CrossingCountsQuery = {
		cameraUuids,
		start,
		end,
		timeZone,
		...readCrossingCountOptions(this, itemIndex, bucketSizes),
	};
	const raw = readRawOutput(this, itemIndex);
	const response = await fetchCrossingCounts(this, query, { itemIndex });
	if (raw) {
		return [{ json: crossingCountsRaw(response) }];
	}
	const misplaced = unexpectedTimes(
		this,
		crossingCountsEndpoint,
		`the calendar of ${timeZone}`,
		itemIndex,
	);
	return crossingCountItems(response, query, misplaced).map((json) => ({ json }));
}
