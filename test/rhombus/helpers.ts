import type { IDataObject, INodeExecutionData, INodeProperties, NodeApiError } from 'n8n-workflow';

import { Rhombus } from '../../nodes/Rhombus/Rhombus.node';
import type { LogEntry, Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { CredentialSet } from '../helpers/context';
import { simulatorCredentials, simulatorSecrets } from '../helpers/context';
import type { ExecuteOptions, Parameters } from '../helpers/execute';
import { executeNode } from '../helpers/execute';

/** A fixed simulated "now", so the generated counts, frames and clips are the same every run. */
export const NOW = Date.UTC(2026, 3, 1, 12, 0, 0);

export const node = new Rhombus();

export interface RhombusSim {
	sim: Simulator;
	credentials: CredentialSet;
}

/** Starts a simulator for one test file and clears its log and faults before every test. */
export function useSimulator(options: { cameras?: number } = {}): RhombusSim {
	const context = {} as RhombusSim;
	beforeAll(async () => {
		context.sim = await startSimulator({ now: NOW, rateLimit: false, ...options });
		context.credentials = simulatorCredentials(context.sim.url);
	});
	afterAll(async () => await context.sim.close());
	beforeEach(() => {
		context.sim.faults.clear();
		context.sim.log.clear();
		context.sim.setNow(null);
		context.sim.config.setCrossingShape('array');
		context.sim.config.setRhombusConventions({});
		context.sim.variants.clear();
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
 * parameter that the given ones make visible (n8n drops hidden parameters the same way).
 */
export function withDefaults(given: Parameters): Parameters {
	const parameters: Parameters = { ...given };
	for (let changed = true; changed; ) {
		changed = false;
		for (const property of node.description.properties) {
			if (property.name in parameters || !isShown(property, parameters)) continue;
			parameters[property.name] = property.default;
			changed = true;
		}
	}
	return parameters;
}

export async function run(
	rhombus: RhombusSim,
	parameters: Parameters | Parameters[],
	options: Omit<ExecuteOptions, 'credentials' | 'parameters'> = {},
): Promise<INodeExecutionData[]> {
	const resolved = Array.isArray(parameters)
		? parameters.map(withDefaults)
		: withDefaults(parameters);
	const { items } = await executeNode(node, {
		credentials: rhombus.credentials,
		parameters: resolved,
		...options,
	});
	return items;
}

/** The error the node run ends with; fails the test when it does not fail. */
export async function runFailure(
	rhombus: RhombusSim,
	parameters: Parameters | Parameters[],
	options: Omit<ExecuteOptions, 'credentials' | 'parameters'> = {},
): Promise<NodeApiError> {
	try {
		await run(rhombus, parameters, options);
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the node to fail');
}

export function requests(rhombus: RhombusSim, path?: string): LogEntry[] {
	return rhombus.sim.log
		.entries()
		.filter((entry) => entry.vendor === 'rhombus' && (path === undefined || entry.path === path));
}

export function cameraLocator(uuid: string): IDataObject {
	return { __rl: true, mode: 'list', value: uuid };
}

/** Width and height from the SOF0 (baseline) or SOF2 (progressive) marker of a JPEG. */
export function jpegDimensions(jpeg: Buffer): { width: number; height: number } {
	if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
	for (let offset = 2; offset + 9 < jpeg.length; ) {
		if (jpeg[offset] !== 0xff) throw new Error(`no JPEG marker at byte ${offset}`);
		const marker = jpeg[offset + 1];
		const length = jpeg.readUInt16BE(offset + 2);
		if (marker === 0xc0 || marker === 0xc2) {
			return { height: jpeg.readUInt16BE(offset + 5), width: jpeg.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	throw new Error('no SOF marker in the JPEG');
}

export function binaryBytes(item: INodeExecutionData, property = 'data'): Buffer {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`item has no binary property "${property}"`);
	return Buffer.from(binary.data, 'base64');
}

/** Everything a user could see of a run, to check that no secret leaks into it. */
export function visibleText(value: unknown): string {
	if (value instanceof Error) {
		const { message, description } = value as NodeApiError;
		return JSON.stringify({ message, description, context: (value as NodeApiError).context });
	}
	return JSON.stringify(value);
}

export const secretValues = [simulatorSecrets.rhombusKey];

export interface MinuteLevel {
	timestampMs: number;
	eventCountMap: Record<string, number>;
}

/**
 * The simulator's level in every minute of [start, end) for a camera, as Rhombus answers
 * MINUTELY (minutes are the same in every zone): the truth that coarser intervals summarise.
 */
export async function minuteLevels(
	rhombus: RhombusSim,
	cameraUuid: string,
	start: number,
	end: number,
): Promise<MinuteLevel[]> {
	const [raw] = await run(rhombus, {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: cameraLocator(cameraUuid),
		startTime: new Date(start).toISOString(),
		endTime: new Date(end).toISOString(),
		timeZone: 'UTC',
		interval: 'MINUTELY',
		outputMode: 'raw',
	});
	return raw.json.timeSeriesDataPoints as MinuteLevel[];
}

/** What Rhombus reports for [start, end): each type's highest level; occupancy is PEOPLE's. */
export function levelOver(
	minutes: MinuteLevel[],
	start: number,
	end: number,
): { occupancy: number; eventCountMap: Record<string, number> } {
	const inside = minutes.filter(
		(minute) => minute.timestampMs >= start && minute.timestampMs < end,
	);
	if (inside.length === 0) throw new Error('no minutes in the span');
	const eventCountMap: Record<string, number> = {};
	for (const minute of inside) {
		for (const [key, value] of Object.entries(minute.eventCountMap)) {
			eventCountMap[key] = Math.max(eventCountMap[key] ?? 0, value);
		}
	}
	return { occupancy: eventCountMap.PEOPLE ?? 0, eventCountMap };
}
