import type { INodePropertyOptions } from 'n8n-workflow';

import type { RequestContext } from '../../shared/http';
import { rhombusApiRequest } from '../transport';

/** Every camera of the organization, named with its location so same-named cameras can be told apart. */
export async function cameraOptions(context: RequestContext): Promise<INodePropertyOptions[]> {
	const [{ cameraStates }, { locations }] = await Promise.all([
		rhombusApiRequest(context, '/api/camera/getMinimalCameraStateList', {}),
		rhombusApiRequest(context, '/api/location/getLocations', {}),
	]);
	const locationNames = new Map(locations.map((location) => [location.uuid, location.name]));
	return cameraStates
		.map((camera) => {
			const name = camera.name || camera.uuid;
			const location = camera.locationUuid ? locationNames.get(camera.locationUuid) : undefined;
			return { name: location ? `${name} (${location})` : name, value: camera.uuid };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
