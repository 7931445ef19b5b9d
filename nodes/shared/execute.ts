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
			// Handlers return fresh items, and a year of minute buckets is 525,600 of them: pair
			// them in place, all with one shared pairing.
			const pairedItem = { item: itemIndex };
			for (const result of await handler(itemIndex)) {
				result.pairedItem = pairedItem;
				output.push(result);
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
