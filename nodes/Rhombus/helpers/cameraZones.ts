import { IANAZone } from 'luxon';

import type { CallOptions, RequestContext } from '../../shared/http';
import { rhombusApiRequest } from '../transport';
import { bareCameraUuid } from './cameraIds';

/** Where a camera stands, as far as the calendar of its counts goes. */
export interface CameraPlace {
	locationName?: string;
	/** IANA zone of the camera's location; absent when Rhombus gives none that is valid. */
	timeZone?: string;
}

/**
 * The time zone of each camera's location, whose calendar Rhombus's occupancy intervals follow
 * (docs/contract.md §3.3). Two list requests the first time a run needs one, shared by every
 * item of the run; a failed lookup is not remembered, so the next item asks again.
 */
export class CameraZones {
	private places: Promise<Map<string, CameraPlace>> | undefined;

	constructor(private readonly context: RequestContext) {}

	/** The place of a camera, or undefined when the organization's camera list lacks it. */
	async placeOf(cameraUuid: string, options: CallOptions = {}): Promise<CameraPlace | undefined> {
		this.places ??= this.load(options).catch((error: unknown) => {
			this.places = undefined;
			throw error;
		});
		return (await this.places).get(bareCameraUuid(cameraUuid));
	}

	/**
	 * The distinct zones of the cameras' locations, for answers no other zone explains; a camera
	 * or location Rhombus does not place adds none.
	 */
	async zonesOf(cameraUuids: string[], options: CallOptions = {}): Promise<string[]> {
		const zones = new Set<string>();
		for (const cameraUuid of cameraUuids) {
			const zone = (await this.placeOf(cameraUuid, options))?.timeZone;
			if (zone !== undefined) zones.add(zone);
		}
		return [...zones];
	}

	private async load(options: CallOptions): Promise<Map<string, CameraPlace>> {
		const [{ cameraStates }, { locations }] = await Promise.all([
			rhombusApiRequest(this.context, '/api/camera/getMinimalCameraStateList', {}, options),
			rhombusApiRequest(this.context, '/api/location/getLocations', {}, options),
		]);
		const byUuid = new Map(locations.map((location) => [location.uuid, location]));
		const places = new Map<string, CameraPlace>();
		for (const camera of cameraStates) {
			// The spec lets uuid be null; such a camera can be asked about by no ID.
			if (!camera.uuid) continue;
			const location = camera.locationUuid ? byUuid.get(camera.locationUuid) : undefined;
			const tz = location?.tz?.trim();
			places.set(bareCameraUuid(camera.uuid), {
				locationName: location?.name ?? undefined,
				timeZone: tz && IANAZone.isValidZone(tz) ? tz : undefined,
			});
		}
		return places;
	}
}
