import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	NodeExecutionHint,
} from 'n8n-workflow';

import type { CredentialSet } from './context';
import { requestHelpers, testNode } from './context';

export type Parameters = Record<string, unknown>;

export interface ExecuteOptions {
	credentials: CredentialSet;
	/** One set for every item, or one per item (like expressions resolving differently). */
	parameters: Parameters | Parameters[];
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	node?: Partial<INode>;
}

function valueAt(parameters: Parameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function isResourceLocator(value: unknown): value is { __rl: true; value: unknown } {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

function prepareBinaryData(buffer: Buffer, fileName?: string, mimeType?: string): IBinaryData {
	const extension = fileName?.includes('.') ? fileName.split('.').pop() : undefined;
	return {
		data: buffer.toString('base64'),
		mimeType: mimeType ?? 'application/octet-stream',
		fileName,
		fileExtension: extension,
		fileSize: `${(buffer.length / 1024).toFixed(1)} kB`,
		bytes: buffer.length,
	};
}

/** An IExecuteFunctions for one node run: parameters as n8n resolves them, real HTTP underneath. */
export function createExecuteContext(options: ExecuteOptions) {
	const node = { ...testNode, ...options.node };
	const items = options.items ?? [{ json: {} }];
	const hints: NodeExecutionHint[] = [];
	const parametersFor = (itemIndex: number): Parameters =>
		Array.isArray(options.parameters) ? options.parameters[itemIndex] : options.parameters;
	const context = {
		getNode: () => node,
		getInputData: () => items,
		getTimezone: () => options.timezone ?? 'UTC',
		getMode: () => 'manual',
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async (type: string) => {
			const data = options.credentials[type];
			if (!data) throw new Error(`No ${type} credential in this test`);
			return data;
		},
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			parameterOptions?: { extractValue?: boolean },
		) {
			let value = valueAt(parametersFor(itemIndex), name);
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				value = fallback;
			}
			if (parameterOptions?.extractValue && isResourceLocator(value)) return value.value;
			return value;
		},
		addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
		helpers: {
			...requestHelpers(options.credentials, node),
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string) =>
				prepareBinaryData(buffer, fileName, mimeType),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return { context: context as unknown as IExecuteFunctions, hints };
}

export async function executeNode(nodeType: INodeType, options: ExecuteOptions) {
	const { context, hints } = createExecuteContext(options);
	if (!nodeType.execute) throw new Error('node has no execute()');
	const output = (await nodeType.execute.call(context)) as INodeExecutionData[][];
	return { items: output[0], hints };
}

export function createLoadOptionsContext(credentials: CredentialSet, parameters: Parameters = {}) {
	const { context } = createExecuteContext({ credentials, parameters });
	const loadContext = {
		...context,
		getCurrentNodeParameter: (name: string) => valueAt(parameters, name),
		getNodeParameter: (name: string, fallback?: unknown) => valueAt(parameters, name) ?? fallback,
	};
	return loadContext as unknown as ILoadOptionsFunctions;
}
