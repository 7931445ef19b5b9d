import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../shared/execute';
import { LocationDirectory } from '../helpers/locations';
import * as dropInRate from './dropInRate/get.operation';
import * as lineCrosses from './lineCrosses/get.operation';
import * as zoneVisitors from './zoneVisitors/get.operation';

/** What the items of one run share: one location lookup at most, and whether data was missing. */
export interface IndivdRun {
	locations: LocationDirectory;
	emptyAnswers: number;
}

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: IndivdRun,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	lineCrosses: { get: lineCrosses.execute },
	zoneVisitors: { get: zoneVisitors.execute },
	dropInRate: { get: dropInRate.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run: IndivdRun = { locations: new LocationDirectory(this), emptyAnswers: 0 };
	const output = await runPerItem(this, async (itemIndex) => {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const execute = operations[resource]?.[operation];
		if (!execute) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" of "${resource}" is not supported`,
			);
		}
		return await execute.call(this, itemIndex, run);
	});
	if (run.emptyAnswers > 0) {
		this.addExecutionHints({
			message:
				"Indivd returned no data: check the token's scope (data outside it comes back empty, not as an error) and the filters",
			location: 'outputPane',
		});
	}
	return output;
}
