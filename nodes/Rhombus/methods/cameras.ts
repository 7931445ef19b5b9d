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
	const options: INodePropertyOptions[] = [];
	for (const { uuid, name, locationUuid } of cameraStates) {
		// The spec lets uuid be null; a camera without one cannot be chosen.
		if (!uuid) continue;
		const label = name || uuid;
		const location = locationUuid ? locationNames.get(locationUuid) : undefined;
		options.push({ name: location ? `${label} (${location})` : label, value: uuid });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
