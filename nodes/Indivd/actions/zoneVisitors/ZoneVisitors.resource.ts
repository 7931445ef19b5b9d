import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['zoneVisitors'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Visits, unique visits, bounces and dwell times per zone',
				action: 'Get zone visitors',
			},
		],
		default: 'get',
	},
	...get.description,
];
