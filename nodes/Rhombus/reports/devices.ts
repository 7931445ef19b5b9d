// Rhombus addresses a camera's streams as facets of its UUID: `<uuid>.v0` is the primary video.
const FACET_SUFFIX = /\.[a-z]\d+$/;

/** The camera's own UUID, without a facet such as `.v0`. */
export function bareCameraUuid(deviceUuid: string): string {
	return deviceUuid.replace(FACET_SUFFIX, '');
}

/** The device UUID of a camera's primary video stream, unless a facet is already given. */
export function videoFacetUuid(cameraUuid: string): string {
	return FACET_SUFFIX.test(cameraUuid) ? cameraUuid : `${cameraUuid}.v0`;
}
