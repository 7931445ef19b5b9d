import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CrossingCountsQuery } from '../../metrics/crossingCounts';
import {
	bucketSizeGranularity,
	crossingCountItems,
	crossingCountsRaw,
	fetchCrossingCounts,
} from '../../metrics/crossingCounts';
import {
	cameraUuidsProperty,
	crossingCountProperties,
	endTimeProperty,
	outputModeProperty,
	startTimeProperty,
	timeZoneProperty,
} from '../common.descriptions';
import { flag, isRawOutput, oneOf } from '../../../shared/input';
import { readCameraUuids, readTimeRange, readTimeZone } from '../parameters';

const bucketSizes = Object.keys(bucketSizeGranularity) as Array<keyof typeof bucketSizeGranularity>;

// Expressions may name any object the API knows, not only those offered in the list.
const crossingObjects = ['HUMAN', 'VEHICLE', 'FACE', 'LPR', 'POSE', 'CLIP_EMBED', 'UNKNOWN'];

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
		bucketSize: oneOf(this.getNodeParameter('bucketSize', itemIndex), bucketSizes, 'Bucket Size'),
		crossingObject: oneOf(
			this.getNodeParameter('crossingObject', itemIndex),
			crossingObjects,
			'Crossing Object',
		),
		dedupe: flag(this.getNodeParameter('dedupe', itemIndex), 'Dedupe'),
	};
	const raw = isRawOutput(this.getNodeParameter('outputMode', itemIndex));
	const response = await fetchCrossingCounts(this, query, { itemIndex });
	if (raw) {
		return [{ json: crossingCountsRaw(response) }];
	}
	return crossingCountItems(response, query).map((json) => ({ json }));
}
