import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationsByResource } from '../../shared/execute';
import { routeOperation } from '../../shared/execute';
import type { IndivdRun } from '../helpers/run';
import { newIndivdRun } from '../helpers/run';
import * as dropInRate from './dropInRate/DropInRate.resource';
import * as lineCrosses from './lineCrosses/LineCrosses.resource';
import * as zoneVisitors from './zoneVisitors/ZoneVisitors.resource';

const resources: OperationsByResource<IndivdRun> = {
	dropInRate: { get: dropInRate.get },
	lineCrosses: { get: lineCrosses.get },
	zoneVisitors: { get: zoneVisitors.get },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = newIndivdRun(this);
	const output = await routeOperation(this, resources, run);
	if (run.futureRanges > 0) {
		this.addExecutionHints({
			message:
				'The requested range starts after now, so Indivd has no data for it yet: choose dates that have begun',
			location: 'outputPane',
		});
	}
	if (run.emptyAnswers > 0) {
		this.addExecutionHints({
			message:
				"Indivd returned no data: check the token's scope (data outside it comes back empty, not as an error) and the filters",
			location: 'outputPane',
		});
	}
	return output;
}
