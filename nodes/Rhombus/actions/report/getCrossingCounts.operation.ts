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
	crossingCountsRaw,
	fetchCrossingCounts,
} from '../../metrics/crossingCounts';
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
import type { RhombusRun } from '../../helpers/run';

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
	run: RhombusRun,
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
	// Rhombus is asked for the buckets of Time Zone; an answer on another calendar may be on the
	// cameras' locations' one, looked up only then.
	const calendars = {
		moreZones: async () => await run.cameraZones.zonesOf(cameraUuids, { itemIndex }),
	};
	let items: IDataObject[];
	if (!raw && readPerCamera(this, itemIndex)) {
		({ items } = await crossingCountItemsPerCamera(this, query, calendars, { itemIndex }));
	} else {
		const response = await fetchCrossingCounts(this, query, { itemIndex });
		if (raw) {
			return [{ json: crossingCountsRaw(response) }];
		}
		({ items } = await crossingCountItems(this, response, query, calendars, false, itemIndex));
	}
	// Cameras without a counting line count 0 silently; only an all-zero answer asks why.
	await explainZeros(this, 'line', cameraUuids, items, { itemIndex });
	return items.map((json) => ({ json }));
}
