import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { cameraOptions } from './cameras';

export async function getCameras(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await cameraOptions(this);
}

/** Crossing counts: cameras with a counting line first. */
export async function getCountingLineCameras(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await cameraOptions(this, 'line');
}

/** Occupancy: cameras with an occupancy region first. */
export async function getOccupancyCameras(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await cameraOptions(this, 'occupancy');
}
