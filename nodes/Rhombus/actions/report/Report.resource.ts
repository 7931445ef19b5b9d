import type { INodeProperties } from 'n8n-workflow';

import * as getCrossingCounts from './getCrossingCounts.operation';
import * as getOccupancy from './getOccupancy.operation';

export { getCrossingCounts, getOccupancy };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Get Crossing Counts',
				value: 'getCrossingCounts',
				description: 'Count the people or vehicles crossing the lines of cameras, per time bucket',
				action: 'Get crossing counts',
			},
			{
				name: 'Get Occupancy',
				value: 'getOccupancy',
				description: 'Get the estimated number of people in the occupancy region of a camera',
				action: 'Get occupancy',
			},
		],
		default: 'getCrossingCounts',
	},
	...getCrossingCounts.description,
	...getOccupancy.description,
];
