import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationsByResource } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import type { RhombusRun } from '../helpers/run';
import { newRhombusRun } from '../helpers/run';
import * as clip from './clip/Clip.resource';
import * as report from './report/Report.resource';
import * as video from './video/Video.resource';

const resources: OperationsByResource<RhombusRun> = {
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
	return await routeOperation(this, resources, newRhombusRun(this));
}
