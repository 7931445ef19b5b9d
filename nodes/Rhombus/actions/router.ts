import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/execute';
import * as clip from './clip/Clip.resource';
import * as report from './report/Report.resource';
import * as video from './video/Video.resource';

type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

const resources: Record<string, Record<string, { execute: OperationExecute }>> = {
	clip: {
		create: clip.create,
		download: clip.download,
		get: clip.get,
		getMany: clip.getMany,
	},
	report: {
		getCrossingCounts: report.getCrossingCounts,
		getOccupancy: report.getOccupancy,
	},
	video: {
		getFrame: video.getFrame,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = resources[resource]?.[operation]?.execute;
	if (execute === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	return await runPerItem(this, async (itemIndex) => await execute.call(this, itemIndex));
}
