import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The display name of the option `parameter` holds, as an n8n expression. The canvas shows a
 * node's subtitle under its name, and a stored value such as `lineCrosses` reads as code there.
 */
function optionName(properties: INodeProperties[], parameter: string): string {
	const names: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== parameter) continue;
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			names[String(option.value)] = option.name;
		}
	}
	return `(${JSON.stringify(names)})[$parameter["${parameter}"]]`;
}

/** e.g. "Zone Visitors · Hour" for a trigger's event and its bucket length or mode. */
export function triggerSubtitle(properties: INodeProperties[], first: string, second: string) {
	return `={{ ${optionName(properties, first)} + " · " + ${optionName(properties, second)} }}`;
}

/** The chosen operation's action text, e.g. "Get crossing counts", as n8n's panel lists it. */
export function actionSubtitle(properties: INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				actions[`${resource}/${String(option.value)}`] = option.action ?? option.name;
			}
		}
	}
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + "/" + $parameter["operation"]] }}`;
}
