import type {
	INodeProperties,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as dropInRate from './actions/dropInRate/DropInRate.resource';
import * as lineCrosses from './actions/lineCrosses/LineCrosses.resource';
import { router } from './actions/router';
import * as zoneVisitors from './actions/zoneVisitors/ZoneVisitors.resource';
import { loadOptions } from './methods';
import { actionSubtitle } from '../shared/subtitle';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Drop-in Rate', value: 'dropInRate' },
			{ name: 'Line Cross', value: 'lineCrosses' },
			{ name: 'Zone Visitor', value: 'zoneVisitors' },
		],
		default: 'lineCrosses',
	},
	...lineCrosses.description,
	...zoneVisitors.description,
	...dropInRate.description,
];

export class Indivd implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Indivd',
		name: 'indivd',
		icon: { light: 'file:../../icons/indivd.svg', dark: 'file:../../icons/indivd.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description: 'Read line crosses, zone visitors and drop-in rate from Indivd people counting',
		defaults: { name: 'Indivd' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'indivdApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
