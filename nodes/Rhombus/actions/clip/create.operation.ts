import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { integerIn, plainText } from '../../../shared/input';
import { joinWarnings } from '../../../shared/warnings';
import { parseDateTime } from '../../../shared/time';
import { videoFacetUuid } from '../../helpers/cameraIds';
import { rhombusApiRequest } from '../../transport';
import {
	binaryPropertyNameProperty,
	cameraUuidLocator,
	waitForCompletionProperty,
	waitTimeoutSecProperty,
} from '../common.descriptions';
import {
	readBinaryPropertyName,
	readCameraUuid,
	readWaitTimeoutSec,
} from '../../helpers/parameters';
import { clipJson, clipRegion, downloadClip, waitForClip } from './clips';
import { checkFootage, footageWarning } from './footage';

const properties: INodeProperties[] = [
	cameraUuidLocator,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Start of the clip. Without a UTC offset it is read in the workflow's time zone, e.g. {{ $now.minus(10, 'minutes') }}.",
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'durationSec',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600, numberPrecision: 0 },
		default: 60,
		description: 'Length of the clip, at most one hour',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Title of the saved clip in the Rhombus Console',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Description of the saved clip in the Rhombus Console',
	},
	waitForCompletionProperty,
	waitTimeoutSecProperty,
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to download the finished clip as an mp4 file',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
	{
		...binaryPropertyNameProperty,
		displayOptions: { show: { waitForCompletion: [true], download: [true] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['clip'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const cameraUuid = readCameraUuid(this, itemIndex);
	const startTime = parseDateTime(
		this.getNodeParameter('startTime', itemIndex),
		this.getTimezone(),
		'Start Time',
	);
	const durationSec = integerIn(
		this.getNodeParameter('durationSec', itemIndex),
		'Duration (Seconds)',
		{ min: 1, max: 3600 },
	);
	const waitForCompletion = this.getNodeParameter('waitForCompletion', itemIndex, false) === true;
	const timeoutSec = waitForCompletion ? readWaitTimeoutSec(this, itemIndex) : 0;
	const download =
		waitForCompletion && this.getNodeParameter('download', itemIndex, false) === true;
	const binaryPropertyName = download ? readBinaryPropertyName(this, itemIndex) : '';

	const body: IDataObject = {
		deviceUuids: [videoFacetUuid(cameraUuid)],
		startTimeMillis: startTime,
		durationSec,
		// As Rhombus's SDK and MCP server do: without it the clip is not kept in the Console.
		saveToConsole: true,
	};
	const title = plainText(this.getNodeParameter('title', itemIndex, ''), 'Title');
	if (title !== '') body.title = title;
	const clipDescription = plainText(
		this.getNodeParameter('description', itemIndex, ''),
		'Description',
	);
	if (clipDescription !== '') body.description = clipDescription;

	const span = { startMs: startTime, endMs: startTime + durationSec * 1000 };
	const footage = await checkFootage(this, cameraUuid, span, itemIndex);
	const missingFootage = footageWarning(this, footage, cameraUuid, itemIndex);

	const created = await rhombusApiRequest(this, '/api/video/spliceV3', body, { itemIndex });
	if (!waitForCompletion) {
		const json: IDataObject = { clipUuid: created.clipUuid };
		if (created.clipUuidList) json.clipUuidList = created.clipUuidList;
		const warning = joinWarnings(created.warningMsg, missingFootage);
		if (warning) json.warning = warning;
		return [{ json }];
	}

	const { clipUuid } = created;
	const { clip, warningMsg } = await waitForClip(this, clipUuid, timeoutSec, itemIndex, true);
	const json = clipJson(
		clipUuid,
		clip,
		joinWarnings(created.warningMsg ?? warningMsg, missingFootage),
	);
	if (!download) return [{ json }];
	const { binary } = await downloadClip(
		this,
		clipUuid,
		clipRegion(this, clipUuid, clip, itemIndex),
		itemIndex,
	);
	return [{ json, binary: { [binaryPropertyName]: binary } }];
}
