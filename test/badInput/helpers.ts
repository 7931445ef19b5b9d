import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { Indivd } from '../../nodes/Indivd/Indivd.node';
import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { Rhombus } from '../../nodes/Rhombus/Rhombus.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { CredentialSet } from '../helpers/context';
import { simulatorCredentials } from '../helpers/context';
import type { Parameters } from '../helpers/execute';
import { executeNode } from '../helpers/execute';
import { poll } from '../helpers/poll';

/** A fixed simulated "now" (a Monday), so ranges in the past are answered the same every run. */
export const NOW = Date.UTC(2026, 2, 30, 14, 7, 30);

export const nodes = { rhombus: new Rhombus(), indivd: new Indivd() };

export type NodeName = keyof typeof nodes;

export const triggers = {
	rhombusTrigger: new RhombusTrigger(),
	indivdTrigger: new IndivdTrigger(),
};

export type TriggerName = keyof typeof triggers;

export interface SimContext {
	sim: Simulator;
	credentials: CredentialSet;
}

/** One simulator per test file; log and faults are cleared before every test. */
export function useSimulator(): SimContext {
	const context = {} as SimContext;
	beforeAll(async () => {
		context.sim = await startSimulator({ now: NOW, rateLimit: false });
		context.credentials = simulatorCredentials(context.sim.url);
	});
	afterAll(async () => await context.sim.close());
	beforeEach(() => {
		context.sim.faults.clear();
		context.sim.log.clear();
		context.sim.config.setCrossingShape('array');
	});
	return context;
}

function isShown(property: INodeProperties, parameters: Parameters): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, values]) =>
		(values as unknown[]).includes(parameters[name]),
	);
}

/**
 * The parameters n8n would hand the node: the ones given, plus the default of every other
 * parameter that the given ones make visible.
 */
export function withDefaults(description: INodeTypeDescription, given: Parameters): Parameters {
	const parameters: Parameters = { ...given };
	for (let changed = true; changed; ) {
		changed = false;
		for (const property of description.properties) {
			if (property.name in parameters || !isShown(property, parameters)) continue;
			parameters[property.name] = property.default;
			changed = true;
		}
	}
	return parameters;
}

/**
 * The names a message may use for a parameter, as the user sees it for these parameters: its
 * display name, or the short form the nodes use for some ("Locations" for "Location Names or
 * IDs", "Max Dwell" for "Max Dwell (Seconds)"). A collection option (`crop.x`) may be named alone
 * ("X" inside "Crop") or with its collection ("Crop X").
 */
export function namesOf(
	description: INodeTypeDescription,
	parameters: Parameters,
	name: string,
): string[] {
	const [top, option] = name.split('.');
	const property = description.properties.find(
		(candidate) => candidate.name === top && isShown(candidate, parameters),
	);
	if (!property) throw new Error(`no visible parameter "${top}" for these parameters`);
	if (option === undefined) return shortForms(property.displayName);
	const sub = (property.options ?? []).find(
		(candidate) => 'displayName' in candidate && candidate.name === option,
	) as INodeProperties | undefined;
	if (!sub) throw new Error(`no option "${option}" in "${top}"`);
	return [
		...shortForms(`${property.displayName} ${sub.displayName}`),
		...shortForms(sub.displayName),
	];
}

function shortForms(displayName: string): string[] {
	const short = displayName
		.replace(/\s+\(Seconds\)$/, '')
		.replace(/\s+Names? or IDs?$/, '')
		.trim();
	const plural = short.endsWith('y') ? `${short.slice(0, -1)}ies` : `${short}s`;
	return [...new Set([displayName, short, plural])];
}

export async function run(
	context: SimContext,
	node: NodeName,
	parameters: Parameters,
	options: { continueOnFail?: boolean; items?: INodeExecutionData[]; timezone?: string } = {},
): Promise<INodeExecutionData[]> {
	const { items } = await executeNode(nodes[node], {
		credentials: context.credentials,
		parameters: withDefaults(nodes[node].description, parameters),
		...options,
	});
	return items;
}

/** The error a run ends with, or the items when it did not fail (for a readable failure). */
export async function outcome(
	context: SimContext,
	node: NodeName,
	parameters: Parameters,
): Promise<{ error?: Error & { description?: string | null }; items?: INodeExecutionData[] }> {
	try {
		return { items: await run(context, node, parameters) };
	} catch (error) {
		return { error: error as Error };
	}
}

export function nodeType(node: NodeName | TriggerName): INodeType {
	return node in nodes ? nodes[node as NodeName] : triggers[node as TriggerName];
}

/** One poll of a trigger; its parameters are read with the trigger's own fallbacks, as in n8n. */
export async function pollOnce(
	context: SimContext,
	trigger: TriggerName,
	parameters: Parameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual',
): Promise<{ error?: Error; items?: IDataObject[] | null }> {
	try {
		return {
			items: await poll(triggers[trigger], {
				credentials: context.credentials,
				parameters,
				staticData,
				mode,
			}),
		};
	} catch (error) {
		return { error: error as Error };
	}
}

export type { IDataObject };
