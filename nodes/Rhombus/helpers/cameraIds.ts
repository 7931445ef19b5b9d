import { InputError } from '../../shared/input';

// Rhombus addresses a camera's streams as facets of its UUID: `<uuid>.v0` is the primary video.
const FACET_SUFFIX = /\.[a-z]\d+$/;

/** 22 URL-safe base64 characters, with an optional facet; also the editor's locator check. */
export const rhombusIdPattern = '[A-Za-z0-9_-]{22}(\\.[a-z][0-9]+)?';

const rhombusIdRegex = new RegExp(`^${rhombusIdPattern}$`);

/** A camera ID from an expression, checked as the editor checks one typed into the locator. */
export function rhombusId(value: string, parameter: string): string {
	const id = value.trim();
	if (!rhombusIdRegex.test(id))
		throw new InputError(
			parameter,
			`"${id}" is not a Rhombus ID (22 letters, digits, - or _, as in the camera's URL in the Rhombus console)`,
		);
	return id;
}

/** The camera's own UUID, without a facet such as `.v0`. */
export function bareCameraUuid(deviceUuid: string): string {
	return deviceUuid.replace(FACET_SUFFIX, '');
}

/** The device UUID of a camera's primary video stream, unless a facet is already given. */
export function videoFacetUuid(cameraUuid: string): string {
	return FACET_SUFFIX.test(cameraUuid) ? cameraUuid : `${cameraUuid}.v0`;
}
