import type { INodeExecutionData } from 'n8n-workflow';

import { Indivd } from '../../nodes/Indivd/Indivd.node';
import type { Simulator } from '../../simulator/server.cjs';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { executeNode } from '../helpers/execute';

export const indivdNode = new Indivd();

export async function runIndivd(
	sim: Simulator,
	parameters: Parameters | Parameters[],
	options: { continueOnFail?: boolean; items?: INodeExecutionData[]; timezone?: string } = {},
) {
	return await executeNode(indivdNode, {
		credentials: simulatorCredentials(sim.url),
		parameters,
		...options,
	});
}

export function dataRequests(sim: Simulator, endpoint: string) {
	return sim.log.entries().filter((entry) => entry.path.endsWith(`/${endpoint}/`));
}

export function jsonOf(items: INodeExecutionData[]) {
	return items.map((item) => item.json);
}
