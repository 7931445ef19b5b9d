import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CrossingCountsQuery } from '../../metrics/crossingCounts';
import {
	bucketSizes,
	crossingCountItems,
	crossingCountItemsPerCamera,
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
	perCameraProperty,
	startTimeProperty,
	summedCamerasHint,
	timeZoneProperty,
} from '../common.descriptions';
import { readRawOutput, readTimeZone } from '../../../shared/parameters';
import {
	readCameraUuids,
	readCrossingCountOptions,
	readPerCamera,
	readTimeRange,
} from '../../helpers/parameters';
import { explainZeros } from '../../helpers/countingCameras';

const properties: INodeProperties[] = [
	{
		...cameraUuidsProperty,
		typeOptions: { loadOptionsMethod: 'getCountingLineCameras' },
		description:
			'Cameras with a counting line, listed first (the others count 0). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: summedCamerasHint,
	},
	startTimeProperty,
	endTimeProperty,
	timeZoneProperty,
	...crossingCountProperties,
	outputModeProperty,
	{ ...perCameraProperty, displayOptions: { show: { outputMode: ['buckets'] } } },
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
	const misplaced = unexpectedTimes(
		this,
		crossingCountsEndpoint,
		`the calendar of ${timeZone}`,
		itemIndex,
	);
	let items: IDataObject[];
	if (!raw && readPerCamera(this, itemIndex)) {
		items = await crossingCountItemsPerCamera(this, query, misplaced, { itemIndex });
	} else {
		const response = await fetchCrossingCounts(this, query, { itemIndex });
		if (raw) {
			return [{ json: crossingCountsRaw(response) }];
		}
		items = crossingCountItems(response, query, misplaced);
	}
	// Cameras without a counting line count 0 silently; only an all-zero answer asks why.
	await explainZeros(this, 'line', cameraUuids, items, { itemIndex });
	return items.map((json) => ({ json }));
}
