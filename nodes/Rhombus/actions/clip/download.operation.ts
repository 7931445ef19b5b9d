import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryPropertyNameProperty, clipUuidProperty } from '../common.descriptions';
import { readBinaryPropertyName, readClipUuid } from '../../helpers/parameters';
import { clipRegion, downloadClip, getClip, isClipComplete, progressText } from './clips';

const properties: INodeProperties[] = [
	clipUuidProperty,
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: '',
		placeholder: 'e.g. us-west-2',
		description:
			'Storage region of the clip (clipLocation.region of Clip → Get, or thumbnailLocation.region when that is absent). Leave empty to look it up, which costs one more request.',
	},
	binaryPropertyNameProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['clip'], operation: ['download'] } },
	properties,
);

async function lookUpRegion(
	context: IExecuteFunctions,
	clipUuid: string,
	itemIndex: number,
): Promise<string> {
	const { clip } = await getClip(context, clipUuid, itemIndex);
	if (!isClipComplete(clip)) {
		throw new NodeOperationError(
			context.getNode(),
			`Clip ${clipUuid} is not ready for download: ${progressText(clip)}`,
			{
				itemIndex,
				description: 'Wait for it first with Clip → Get and Wait for Completion, then download it.',
			},
		);
	}
	return clipRegion(context, clipUuid, clip, itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const clipUuid = readClipUuid(this, itemIndex);
	const binaryPropertyName = readBinaryPropertyName(this, itemIndex);
	const regionValue = this.getNodeParameter('region', itemIndex, '');
	const givenRegion = typeof regionValue === 'string' ? regionValue.trim() : '';
	const region = givenRegion || (await lookUpRegion(this, clipUuid, itemIndex));
	const { binary, bytes } = await downloadClip(this, clipUuid, region, itemIndex);
	return [
		{
			json: { clipUuid, region, mimeType: binary.mimeType, bytes },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
