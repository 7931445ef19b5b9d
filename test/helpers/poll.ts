import type { IDataObject, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';

import type { CredentialSet } from './context';
import { requestHelpers, testNode } from './context';
import type { Parameters } from './execute';

export interface PollOptions {
	credentials: CredentialSet;
	parameters: Parameters;
	/** The node's static data; pass the same object (or a JSON copy, for a restart) across polls. */
	staticData: IDataObject;
	mode?: 'trigger' | 'manual';
	timezone?: string;
	/** What n8n's getPollBudgetMs() reports: 5 minutes by default, about 36 s under the durable scheduler. */
	pollBudgetMs?: number;
}

/** An IPollFunctions as n8n builds it for one tick, with real HTTP underneath. */
export function createPollContext(options: PollOptions): IPollFunctions {
	const context = {
		getNode: () => testNode,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => options.timezone ?? 'UTC',
		getWorkflowStaticData: () => options.staticData,
		getPollBudgetMs: () => options.pollBudgetMs ?? 300_000,
		getCredentials: async (type: string) => {
			const data = options.credentials[type];
			if (!data) throw new Error(`No ${type} credential in this test`);
			return data;
		},
		getNodeParameter(name: string, fallback?: unknown) {
			const value = options.parameters[name];
			if (value !== undefined) return value;
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return fallback;
		},
		helpers: requestHelpers(options.credentials, testNode),
	};
	return context as unknown as IPollFunctions;
}

export async function poll(trigger: INodeType, options: PollOptions): Promise<IDataObject[] | null> {
	if (!trigger.poll) throw new Error('node has no poll()');
	const result = (await trigger.poll.call(createPollContext(options))) as INodeExecutionData[][] | null;
	return result === null ? null : result[0].map((item) => item.json);
}

/** What a restart does to static data: it is saved as JSON and read back. */
export function restart(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}
