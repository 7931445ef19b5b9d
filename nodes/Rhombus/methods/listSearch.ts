import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { cameraOptions } from './cameras';

function matching(cameras: INodePropertyOptions[], filter?: string): INodeListSearchResult {
	const wanted = filter?.trim().toLowerCase() ?? '';
	return {
		results: wanted
			? cameras.filter((camera) => camera.name.toLowerCase().includes(wanted))
			: cameras,
	};
}

export async function searchCameras(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return matching(await cameraOptions(this), filter);
}

/** Occupancy: cameras with an occupancy region first. */
export async function searchOccupancyCameras(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return matching(await cameraOptions(this, 'occupancy'), filter);
}
