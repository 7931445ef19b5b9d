import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dropInRate'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Share of passers-by who entered, per zone and in total',
				action: 'Get drop in rate',
			},
		],
		default: 'get',
	},
	...get.description,
];
