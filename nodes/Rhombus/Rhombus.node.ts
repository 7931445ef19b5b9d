import type {
	INodeProperties,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as clip from './actions/clip/Clip.resource';
import * as report from './actions/report/Report.resource';
import { router } from './actions/router';
import * as video from './actions/video/Video.resource';
import { listSearch, loadOptions } from './methods';
import { actionSubtitle } from '../shared/subtitle';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Clip', value: 'clip' },
			{ name: 'Report', value: 'report' },
			{ name: 'Video', value: 'video' },
		],
		default: 'report',
	},
	...report.description,
	...video.description,
	...clip.description,
];

export class Rhombus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rhombus',
		name: 'rhombus',
		icon: { light: 'file:../../icons/rhombus.svg', dark: 'file:../../icons/rhombus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description:
			'Read people counts and occupancy, camera frames and saved clips from Rhombus cameras',
		defaults: { name: 'Rhombus' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rhombusApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
