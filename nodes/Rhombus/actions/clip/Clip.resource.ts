import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, download, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['clip'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Save a clip from the recording of a camera',
				action: 'Create a clip',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download a saved clip as an mp4 file',
				action: 'Download a clip',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a saved clip with its rendering progress',
				action: 'Get a clip',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get many saved clips',
				action: 'Get many clips',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...download.description,
	...getMany.description,
];
