import type { IExecuteFunctions, IGetNodeParameterOptions, IPollFunctions } from 'n8n-workflow';

import { idList, isRawOutput } from './input';
import { resolveTimeZone } from './time';

/** Where parameters are read: an action node's item, or a trigger's poll (which has no items). */
export type ParameterContext = IExecuteFunctions | IPollFunctions;

function hasItems(context: ParameterContext): context is IExecuteFunctions {
	return 'getInputData' in context;
}

/**
 * A parameter as n8n resolves it for `itemIndex`. Triggers have no input items, so they read with
 * index 0 and every reader serves actions and triggers alike.
 */
export function nodeParameter(
	context: ParameterContext,
	itemIndex: number,
	name: string,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	return hasItems(context)
		? context.getNodeParameter(name, itemIndex, fallback, options)
		: context.getNodeParameter(name, fallback, options);
}

/** Time Zone, or the workflow's time zone when it is empty. */
export function readTimeZone(context: ParameterContext, itemIndex: number): string {
	return resolveTimeZone(
		nodeParameter(context, itemIndex, 'timeZone', ''),
		context.getTimezone(),
		'Time Zone',
	);
}

/** A multi-select of numeric IDs (locations, zones, lines, ...); none chosen is an empty list. */
export function readIds(
	context: ParameterContext,
	itemIndex: number,
	name: string,
	displayName: string,
): number[] {
	return idList(nodeParameter(context, itemIndex, name, []), displayName);
}

export function readRawOutput(context: ParameterContext, itemIndex: number): boolean {
	return isRawOutput(nodeParameter(context, itemIndex, 'outputMode', 'buckets'));
}
