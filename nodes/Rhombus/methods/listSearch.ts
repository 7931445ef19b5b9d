import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { cameraOptions } from './cameras';

export async function searchCameras(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const cameras = await cameraOptions(this);
	const wanted = filter?.trim().toLowerCase() ?? '';
	return {
		results: wanted
			? cameras.filter((camera) => camera.name.toLowerCase().includes(wanted))
			: cameras,
	};
}
