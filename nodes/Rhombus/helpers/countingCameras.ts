import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext, RetryPolicy } from '../../shared/http';
import { joinWarnings } from '../../shared/warnings';
import { rhombusApiRequest } from '../transport';
import { bareCameraUuid } from './cameraIds';

/** What a camera needs before Rhombus counts anything: a counting line, or an occupancy polygon. */
export type CountingKind = 'line' | 'occupancy';

/** How a camera without it is marked in the pickers and named in `warning`. */
export const lacks: Record<CountingKind, string> = {
	line: 'no counting line',
	occupancy: 'no occupancy region',
};

/**
 * The lookups are not in Rhombus's public spec (docs/contract.md §8.1): a failure only means
 * "not known", so it is tried once, without waiting for retries, and never fails a list or a run.
 */
const lookupRetry: Partial<RetryPolicy> = {
	serverErrorRetries: 0,
	rateLimitRetries: 0,
	timeoutMs: 10_000,
};

async function orUnknown<T>(lookup: () => Promise<T>): Promise<T | undefined> {
	try {
		return await lookup();
	} catch {
		return undefined;
	}
}

function bareSet(ids: string[]): Set<string> {
	return new Set(ids.map(bareCameraUuid));
}

async function lineCameras(
	context: RequestContext,
	locationUuids: () => Promise<string[]>,
	call: CallOptions,
): Promise<Set<string> | undefined> {
	const orgWide = await orUnknown(
		async () =>
			await rhombusApiRequest(context, '/api/camera/getLineCrossingEnabledCameras', {}, call),
	);
	if (orgWide?.camerasToConfigs) return bareSet(Object.keys(orgWide.camerasToConfigs));
	// The org-wide path is inferred from a schema name; the per-location one is the MCP server's.
	const locations = await orUnknown(locationUuids);
	if (!locations || locations.length === 0) return undefined;
	const answers = await Promise.all(
		locations.map(
			async (locationUuid) =>
				await orUnknown(
					async () =>
						await rhombusApiRequest(
							context,
							'/api/camera/getLineCrossingEnabledCamerasForLocation',
							{ locationUuid },
							call,
						),
				),
		),
	);
	const ids: string[] = [];
	for (const answer of answers) {
		// One location unanswered would hide its cameras' lines: then nothing is known.
		if (!answer?.camerasToConfigs) return undefined;
		ids.push(...Object.keys(answer.camerasToConfigs));
	}
	return bareSet(ids);
}

async function occupancyCameras(
	context: RequestContext,
	call: CallOptions,
): Promise<Set<string> | undefined> {
	const answer = await orUnknown(
		async () =>
			await rhombusApiRequest(context, '/api/camera/getOccupancyEnabledCameras', {}, call),
	);
	if (!answer?.cameras) return undefined;
	const ids: string[] = [];
	for (const camera of answer.cameras) {
		const id = camera.uuid ?? camera.deviceUuid;
		if (id) ids.push(id);
	}
	return bareSet(ids);
}

/**
 * The cameras (bare UUIDs) that have what `kind` counts with, or undefined when Rhombus does not
 * say. Occupancy: one request. Counting lines: one org-wide request, else one per location in
 * parallel, whose UUIDs `locationUuids` gives only then.
 */
export async function camerasThatCount(
	context: RequestContext,
	kind: CountingKind,
	locationUuids: () => Promise<string[]>,
	options: CallOptions = {},
): Promise<Set<string> | undefined> {
	const call: CallOptions = { ...options, retry: lookupRetry };
	return kind === 'line'
		? await lineCameras(context, locationUuids, call)
		: await occupancyCameras(context, call);
}

export function locationUuidsOf(locations: Array<{ uuid?: string | null }>): string[] {
	return locations.flatMap((location) => (location.uuid ? [location.uuid] : []));
}

/** The location UUIDs for the per-location lookup, asked only when the org-wide one fails. */
function organizationLocations(context: RequestContext, options: CallOptions) {
	return async (): Promise<string[]> => {
		const { locations } = await rhombusApiRequest(
			context,
			'/api/location/getLocations',
			{},
			{ ...options, retry: lookupRetry },
		);
		return locationUuidsOf(locations);
	};
}

const allZero: Record<CountingKind, (item: IDataObject) => boolean> = {
	line: (item) => item.ingress === 0 && item.egress === 0,
	occupancy: (item) => item.occupancy === 0,
};

/**
 * Rhombus answers 0s, not an error, for a camera without a counting line or occupancy polygon.
 * Only when every count is 0 (as Rhombus's MCP server does, so other answers cost no request)
 * the capability lookup is asked once, and each of those items names in `warning` every camera
 * that lacks it. Items per camera (`cameraUuid`) are judged camera by camera, summed items for
 * all of `cameraUuids`. When the lookup fails, nothing is added. Returns `items`, changed in place.
 */
export async function explainZeros(
	context: RequestContext,
	kind: CountingKind,
	cameraUuids: string[],
	items: IDataObject[],
	options: CallOptions = {},
): Promise<IDataObject[]> {
	const requested = [...bareSet(cameraUuids)];
	const byCamera = new Map<string | undefined, IDataObject[]>();
	for (const item of items) {
		const camera = typeof item.cameraUuid === 'string' ? item.cameraUuid : undefined;
		const group = byCamera.get(camera);
		if (group) group.push(item);
		else byCamera.set(camera, [item]);
	}
	const silent = [...byCamera].filter(([, group]) => group.every(allZero[kind]));
	if (silent.length === 0) return items;
	const capable = await camerasThatCount(
		context,
		kind,
		organizationLocations(context, options),
		options,
	);
	if (!capable) return items;
	for (const [camera, group] of silent) {
		const notes = (camera === undefined ? requested : [camera])
			.filter((uuid) => !capable.has(uuid))
			.map((uuid) => `camera ${uuid} has ${lacks[kind]}, so its counts are 0`);
		if (notes.length === 0) continue;
		for (const item of group) {
			const warning = typeof item.warning === 'string' ? item.warning : undefined;
			item.warning = joinWarnings(warning, ...notes);
		}
	}
	return items;
}
