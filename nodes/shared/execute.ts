import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from './input';
import { TimeInputError } from './time';

export type ItemHandler = (itemIndex: number) => Promise<INodeExecutionData[]>;

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof TimeInputError || error instanceof InputError) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs an operation once per input item: every output item is paired with the item it came
 * from, and with "Continue On Fail" a failing item yields `{ error }` instead of stopping the run.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handler: ItemHandler,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			// A year of minute buckets is 525,600 items: each gets its pairing in one fixed shape
			// (added to the operation's object it would need a property store of its own), and
			// all share one pairing object. Operations give json and binary only.
			const pairedItem = { item: itemIndex };
			for (const { json, binary } of await handler(itemIndex)) {
				output.push(binary ? { json, binary, pairedItem } : { json, pairedItem });
			}
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			const json: IDataObject = { error: nodeError.message };
			if (nodeError.description) json.errorDescription = nodeError.description;
			output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** One operation of one resource; `run` is what the items of one execution share. */
export type OperationExecute<Run> = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: Run,
) => Promise<INodeExecutionData[]>;

export type OperationsByResource<Run> = Record<
	string,
	Record<string, { execute: OperationExecute<Run> }>
>;

/**
 * An action node's router: runs the chosen operation for every item. Resource and operation
 * cannot come from an expression (`noDataExpression`), so they are read once.
 */
export async function routeOperation<Run>(
	context: IExecuteFunctions,
	resources: OperationsByResource<Run>,
	run: Run,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const execute = resources[resource]?.[operation]?.execute;
	if (execute === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	return await runPerItem(
		context,
		async (itemIndex) => await execute.call(context, itemIndex, run),
	);
}
