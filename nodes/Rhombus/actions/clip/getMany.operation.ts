import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { InputError, integerIn, textList } from '../../../shared/input';
import { parseDateTime } from '../../../shared/time';
import { rhombusApiRequest } from '../../transport';
import { cameraUuidsProperty } from '../common.descriptions';
import { clipJson } from './clips';

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
					"Only clips that start before this time. Without a UTC offset it is read in the workflow's time zone.",
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					"Only clips that start at or after this time. Without a UTC offset it is read in the workflow's time zone.",
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
	const cameraUuids = textList(filters.cameraUuids, 'Camera Names or IDs');
	if (cameraUuids.length > 0) body.deviceUuidFilters = cameraUuids;
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

	const items: INodeExecutionData[] = [];
	const seenTokens = new Set<string>();
	let pageToken: string | undefined;
	do {
		const body: IDataObject = {
			...filters,
			pageSize: Math.min(maxPageSize, limit - items.length),
		};
		if (pageToken !== undefined) body.pageToken = pageToken;
		const page = await rhombusApiRequest(this, '/api/event/getClipsWithProgress', body, {
			itemIndex,
		});
		for (const clip of page.savedClips.slice(0, limit - items.length)) {
			items.push({ json: clipJson(clip, page.warningMsg) });
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
	} while (pageToken !== undefined && items.length < limit);
	return items;
}
