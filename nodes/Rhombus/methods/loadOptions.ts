import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { cameraOptions } from './cameras';

export async function getCameras(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await cameraOptions(this);
}
