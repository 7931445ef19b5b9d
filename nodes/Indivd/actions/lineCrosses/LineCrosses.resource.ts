import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lineCrosses'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Count crossings of counting lines',
				action: 'Get line crosses',
			},
		],
		default: 'get',
	},
	...get.description,
];
