import type { INodePropertyOptions } from 'n8n-workflow';

import type { RequestContext } from '../../shared/http';
import type { CountingKind } from '../helpers/countingCameras';
import { camerasThatCount, lacks, locationUuidsOf } from '../helpers/countingCameras';
import { rhombusApiRequest } from '../transport';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/**
 * Every camera of the organization, named with its location so same-named cameras can be told
 * apart. With `counting`, the cameras that can count it come first and the others say what they
 * lack, since Rhombus gives them 0s; when Rhombus does not say, the list is as without it.
 */
export async function cameraOptions(
	context: RequestContext,
	counting?: CountingKind,
): Promise<INodePropertyOptions[]> {
	const locationsAnswer = rhombusApiRequest(context, '/api/location/getLocations', {});
	const [{ cameraStates }, { locations }, capable] = await Promise.all([
		rhombusApiRequest(context, '/api/camera/getMinimalCameraStateList', {}),
		locationsAnswer,
		counting === undefined
			? undefined
			: camerasThatCount(context, counting, async () =>
					locationUuidsOf((await locationsAnswer).locations),
				),
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
	if (counting === undefined || capable === undefined) return options.sort(byName);
	const first = options.filter((option) => capable.has(String(option.value)));
	const rest = options
		.filter((option) => !capable.has(String(option.value)))
		.map((option) => ({ ...option, name: `${option.name} — ${lacks[counting]}` }));
	return [...first.sort(byName), ...rest.sort(byName)];
}
