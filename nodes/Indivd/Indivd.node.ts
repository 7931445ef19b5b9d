import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as dropInRate from './actions/dropInRate/get.operation';
import * as lineCrosses from './actions/lineCrosses/get.operation';
import { router } from './actions/router';
import * as zoneVisitors from './actions/zoneVisitors/get.operation';
import { loadOptions } from './methods';

const getOperation = (resource: string, action: string, description: string) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options' as const,
	noDataExpression: true,
	displayOptions: { show: { resource: [resource] } },
	options: [{ name: 'Get', value: 'get', action, description }],
	default: 'get',
});

export class Indivd implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Indivd',
		name: 'indivd',
		icon: { light: 'file:../../icons/indivd.svg', dark: 'file:../../icons/indivd.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["resource"] }}',
		description: 'Read line crosses, zone visitors and drop-in rate from Indivd people counting',
		defaults: { name: 'Indivd' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'indivdApi', required: true }],
		properties: [
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
			getOperation('lineCrosses', 'Get line crosses', 'Count crossings of counting lines'),
			getOperation(
				'zoneVisitors',
				'Get zone visitors',
				'Visits, unique visits, bounces and dwell times per zone',
			),
			getOperation(
				'dropInRate',
				'Get drop-in rate',
				'Share of passers-by who entered, per zone and in total',
			),
			...lineCrosses.description,
			...zoneVisitors.description,
			...dropInRate.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
