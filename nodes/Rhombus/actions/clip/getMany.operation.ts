import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { InputError, integerIn, plainText, textList } from '../../../shared/input';
import { parseDateTime } from '../../../shared/time';
import { AnswerGaps } from '../../helpers/answerGaps';
import { bareCameraUuid, rhombusId } from '../../helpers/cameraIds';
import { rhombusApiRequest } from '../../transport';
import { cameraUuidsProperty } from '../common.descriptions';
import { clipJson } from './clips';

const endpoint = '/api/event/getClipsWithProgress';

/** The largest page getClipsWithProgress serves. */
const maxPageSize = 200;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				...cameraUuidsProperty,
				required: false,
				description:
					'Only clips of these cameras. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'End Time',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description:
					"Only clips from before this time (the time Time Filter Applies To names). Without a UTC offset it is read in the workflow's time zone.",
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					"Only clips from this time on (the time Time Filter Applies To names). Without a UTC offset it is read in the workflow's time zone.",
			},
			{
				displayName: 'Time Filter Applies To',
				name: 'timestampFilterField',
				type: 'options',
				options: [
					{
						name: 'Creation Time',
						value: 'createdAtMs',
						description: 'When the clip was saved (createdAtMs of the clip)',
					},
					{
						name: 'Footage Time',
						value: 'timestampMs',
						description: 'When the recording in the clip starts (timestampMs of the clip)',
					},
				],
				default: 'timestampMs',
				description:
					'Which time of a clip Start Time and End Time filter on. Without this filter Rhombus uses its own default.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['clip'], operation: ['getMany'] } },
	properties,
);

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function filterRequest(filters: IDataObject, timeZone: string): IDataObject {
	const body: IDataObject = {};
	// Rhombus's MCP server: "Please truncate any facets, such as .v0".
	const cameraUuids = textList(filters.cameraUuids, 'Camera Names or IDs').map((id) =>
		bareCameraUuid(rhombusId(id, 'Camera Names or IDs')),
	);
	if (cameraUuids.length > 0) body.deviceUuidFilters = [...new Set(cameraUuids)];
	const after = isSet(filters.startTime)
		? parseDateTime(filters.startTime, timeZone, 'Start Time')
		: undefined;
	const before = isSet(filters.endTime)
		? parseDateTime(filters.endTime, timeZone, 'End Time')
		: undefined;
	if (after !== undefined && before !== undefined && before <= after) {
		throw new InputError(
			'End Time',
			`must be after Start Time (${new Date(before).toISOString()} is not after ${new Date(after).toISOString()})`,
		);
	}
	if (after !== undefined) body.timestampMsAfter = after;
	if (before !== undefined) body.timestampMsBefore = before;
	// Rhombus documents no values for it, so an expression may send one the list does not offer.
	if (isSet(filters.timestampFilterField)) {
		body.timestampFilterField = plainText(filters.timestampFilterField, 'Time Filter Applies To');
	}
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll
		? Infinity
		: integerIn(this.getNodeParameter('limit', itemIndex), 'Limit', { min: 1 });
	const filters = filterRequest(
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		this.getTimezone(),
	);

	// The pages are one answer: a clip left out on any of them is told on every item.
	const gaps = new AnswerGaps();
	const clips: Array<{ json: IDataObject; warningMsg?: string | null }> = [];
	const seenTokens = new Set<string>();
	let pageToken: string | undefined;
	do {
		const body: IDataObject = {
			...filters,
			pageSize: Math.min(maxPageSize, limit - clips.length),
		};
		if (pageToken !== undefined) body.pageToken = pageToken;
		const page = await rhombusApiRequest(this, endpoint, body, { itemIndex });
		for (const clip of page.savedClips) {
			if (clips.length >= limit) break;
			if (clip.uuid) clips.push({ json: clipJson(clip.uuid, clip), warningMsg: page.warningMsg });
			else gaps.leftOut.add('savedClips rows without uuid (no clip ID)');
		}
		pageToken = page.pageToken || undefined;
		if (pageToken !== undefined && seenTokens.has(pageToken)) {
			throw new NodeOperationError(
				this.getNode(),
				'Rhombus returned the same page of clips twice, so paging would never end',
				{ itemIndex, description: 'Set a Limit, or narrow the Filters.' },
			);
		}
		if (pageToken !== undefined) seenTokens.add(pageToken);
	} while (pageToken !== undefined && clips.length < limit);
	if (clips.length === 0 && gaps.leftOut.size > 0) {
		// No item is left to carry the warning, and an empty output must not read as "no clips".
		this.addExecutionHints({ message: `Rhombus: ${gaps.warning()}`, location: 'outputPane' });
	}
	const items: INodeExecutionData[] = [];
	for (const { json, warningMsg } of clips) {
		const warning = gaps.warning(warningMsg);
		if (warning) json.warning = warning;
		items.push({ json });
	}
	return items;
}
