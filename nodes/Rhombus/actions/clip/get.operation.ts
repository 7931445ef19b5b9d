import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	clipUuidProperty,
	waitForCompletionProperty,
	waitTimeoutSecProperty,
} from '../common.descriptions';
import { readClipUuid, readWaitTimeoutSec } from '../../helpers/parameters';
import { clipJson, getClip, waitForClip } from './clips';

const properties: INodeProperties[] = [
	clipUuidProperty,
	waitForCompletionProperty,
	waitTimeoutSecProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['clip'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const clipUuid = readClipUuid(this, itemIndex);
	const waitForCompletion = this.getNodeParameter('waitForCompletion', itemIndex, false) === true;
	const { clip, warningMsg } = waitForCompletion
		? await waitForClip(this, clipUuid, readWaitTimeoutSec(this, itemIndex), itemIndex)
		: await getClip(this, clipUuid, itemIndex);
	return [{ json: clipJson(clipUuid, clip, warningMsg) }];
}
