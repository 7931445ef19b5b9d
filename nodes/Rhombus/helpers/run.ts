import type { IExecuteFunctions } from 'n8n-workflow';

import { CameraZones } from './cameraZones';

/** What the items of one run share: the camera locations' zones, looked up once at most. */
export interface RhombusRun {
	cameraZones: CameraZones;
}

export function newRhombusRun(context: IExecuteFunctions): RhombusRun {
	return { cameraZones: new CameraZones(context) };
}
