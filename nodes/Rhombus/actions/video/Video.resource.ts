import type { INodeProperties } from 'n8n-workflow';

import * as getFrame from './getFrame.operation';

export { getFrame };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Get Frame',
				value: 'getFrame',
				description: 'Get the recorded image of a camera at a moment, as a JPEG file',
				action: 'Get a frame',
			},
		],
		default: 'getFrame',
	},
	...getFrame.description,
];
