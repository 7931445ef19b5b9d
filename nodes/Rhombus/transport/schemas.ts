import type { ZodType, ZodTypeDef } from 'zod';
import { z } from 'zod';
import { everyValue, isJsonObject, isWholeCount, series } from '../../shared/validation';

/** Buckets this century and the next: anything else is a broken answer, not a date. */
export const earliestMs = Date.UTC(2000, 0, 1);
export const latestMs = Date.UTC(2100, 0, 1);

const epochMs = z
	.union([
		z.number().int(),
		z
			.string()
			.regex(/^-?\d+$/, 'Expected epoch milliseconds')
			.transform(Number),
	])
	.refine((ms) => ms >= earliestMs && ms < latestMs, 'Expected a time between 2000 and 2100');

const count = z
	.union([
		z.number(),
		z
			.string()
			.regex(/^-?\d+(\.\d+)?$/, 'Expected a number')
			.transform(Number),
	])
	.refine(isWholeCount, 'Expected a whole count of 0 or more');

const text = z.string().nullish();

/** Every Rhombus response may carry these; `error` is checked before any schema runs. */
const envelope = {
	error: z.boolean().nullish(),
	errorMsg: text,
	warningMsg: text,
};

/** The spec marks these nullable: absent or null, the metric decides what that means. */
export const crossingCountSchema = z
	.object({
		ingressCount: count.nullish(),
		egressCount: count.nullish(),
		timestampMs: epochMs.nullish(),
	})
	.passthrough();

export type CrossingCount = z.infer<typeof crossingCountSchema>;

const isEpochMs = (value: unknown): boolean =>
	typeof value === 'number' && Number.isInteger(value) && value >= earliestMs && value < latestMs;

const orAbsent =
	(test: (value: unknown) => boolean) =>
	(value: unknown): boolean =>
		value === undefined || value === null || test(value);

const isOptionalWholeCount = orAbsent(isWholeCount);
const isOptionalEpochMs = orAbsent(isEpochMs);

/** Counts as Rhombus sends them, which `crossingCountSchema` returns unchanged. */
function isCanonicalCrossingCount(value: unknown): boolean {
	return (
		isJsonObject(value) &&
		isOptionalWholeCount(value.ingressCount) &&
		isOptionalWholeCount(value.egressCount) &&
		isOptionalEpochMs(value.timestampMs)
	);
}

const crossingSeries = series(crossingCountSchema, isCanonicalCrossingCount);
const crossingSeriesByDevice = z.record(crossingSeries);

export type CrossingCountsReport =
	| { kind: 'aggregate'; counts: CrossingCount[] }
	| { kind: 'perDevice'; byDevice: Record<string, CrossingCount[]> }
	/** Neither list came: the spec lets `crossingCounts` be null or absent. */
	| { kind: 'none' };

/**
 * Documented as one `crossingCounts` array summed over the devices; Rhombus's own MCP server
 * reads a per-device map (`deviceCrossingCounts`). Both are accepted and told apart here.
 */
export const batchCrossingCountsSchema = z
	.object({
		...envelope,
		crossingCounts: z.union([crossingSeries, crossingSeriesByDevice]).nullish(),
		deviceCrossingCounts: crossingSeriesByDevice.nullish(),
	})
	.passthrough()
	.transform((response) => {
		const { deviceCrossingCounts, crossingCounts } = response;
		const report: CrossingCountsReport = deviceCrossingCounts
			? { kind: 'perDevice', byDevice: deviceCrossingCounts }
			: !crossingCounts
				? { kind: 'none' }
				: Array.isArray(crossingCounts)
					? { kind: 'aggregate', counts: crossingCounts }
					: { kind: 'perDevice', byDevice: crossingCounts };
		return { ...response, report };
	});

/**
 * Only what the package reads is checked; `approximateTimestampMsMap`, `reportingDevicesMap`,
 * `dateLocal` and the rest pass on untouched, whatever they hold.
 */
export const occupancyPointSchema = z
	.object({
		timestampMs: epochMs.nullish(),
		eventCountMap: z.record(count.nullish()).nullish(),
	})
	.passthrough();

export type OccupancyPoint = z.infer<typeof occupancyPointSchema>;

/** Points as Rhombus sends them, which `occupancyPointSchema` returns unchanged. */
function isCanonicalOccupancyPoint(value: unknown): boolean {
	return (
		isJsonObject(value) &&
		isOptionalEpochMs(value.timestampMs) &&
		(value.eventCountMap === undefined ||
			value.eventCountMap === null ||
			everyValue(value.eventCountMap, isOptionalWholeCount))
	);
}

export const occupancyCountsSchema = z
	.object({
		...envelope,
		timeSeriesDataPoints: series(occupancyPointSchema, isCanonicalOccupancyPoint).nullish(),
	})
	.passthrough();

/** Per Rhombus's MCP server every field is optional; no `frameData` means no frame. */
export const exactFrameSchema = z
	.object({
		...envelope,
		frameData: z
			.string()
			.regex(/^[A-Za-z0-9+/=\s_-]*$/, 'Expected base64 image data')
			.nullish(),
		mimeType: text,
		responseMessage: text,
	})
	.passthrough();

/** As Rhombus's SDK reads it: `clipUuid`, else the first ID in `clipUuidList`. */
export const spliceSchema = z
	.object({
		...envelope,
		clipUuid: text,
		clipUuidList: z.array(text).nullish(),
	})
	.passthrough()
	.transform((response, context) => {
		const clipUuid = response.clipUuid || response.clipUuidList?.find(Boolean);
		if (!clipUuid) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: 'Expected clipUuid or clipUuidList',
				path: ['clipUuid'],
			});
			return z.NEVER;
		}
		return { ...response, clipUuid };
	});

const storedIn = z.object({ region: text }).passthrough().nullish();

/** What the package reads of a clip; every other field passes on as Rhombus sent it. */
export const clipSchema = z
	.object({
		uuid: text,
		status: text,
		percentComplete: z.number().nullish(),
		currentOperation: text,
		clipLocation: storedIn,
		thumbnailLocation: storedIn,
	})
	.passthrough();

export type Clip = z.infer<typeof clipSchema>;

export const clipWithProgressSchema = z
	.object({ ...envelope, clip: clipSchema.nullish() })
	.passthrough();

export const clipsWithProgressSchema = z
	.object({
		...envelope,
		savedClips: z
			.array(clipSchema)
			.nullish()
			.transform((clips) => clips ?? []),
		pageToken: text,
	})
	.passthrough();

/**
 * Only the envelope is checked: the footage check reads `presenceWindows` itself, because an
 * answer it cannot read must let the clip be created rather than fail it.
 */
export const presenceWindowsSchema = z
	.object({ ...envelope, presenceWindows: z.unknown() })
	.passthrough();

export const cameraStateSchema = z
	.object({ uuid: text, name: text, locationUuid: text })
	.passthrough();

export const cameraStateListSchema = z
	.object({
		...envelope,
		cameraStates: z
			.array(cameraStateSchema)
			.nullish()
			.transform((cameras) => cameras ?? []),
	})
	.passthrough();

export const locationSchema = z.object({ uuid: text, name: text, tz: text }).passthrough();

export const locationsSchema = z
	.object({
		...envelope,
		locations: z
			.array(locationSchema)
			.nullish()
			.transform((locations) => locations ?? []),
	})
	.passthrough();

/**
 * Not in the public spec: the cameras with a counting line, as keys (the MCP server reads
 * nothing else). Null or absent says nothing, so the pickers then list every camera as before.
 */
export const lineCrossingCamerasSchema = z
	.object({ ...envelope, camerasToConfigs: z.record(z.unknown()).nullish() })
	.passthrough();

/** Not in the public spec: the cameras with an occupancy polygon; null or absent says nothing. */
export const occupancyCamerasSchema = z
	.object({
		...envelope,
		cameras: z.array(z.object({ uuid: text, deviceUuid: text }).passthrough()).nullish(),
	})
	.passthrough();

/** The operations this package calls, with the schema that guards each answer. */
export const rhombusEndpoints = {
	'/api/report/getBatchThresholdCrossingCountReport': batchCrossingCountsSchema,
	'/api/report/getOccupancyCountsV2': occupancyCountsSchema,
	'/api/video/getExactFrameData': exactFrameSchema,
	'/api/video/spliceV3': spliceSchema,
	'/api/event/getClipWithProgress': clipWithProgressSchema,
	'/api/event/getClipsWithProgress': clipsWithProgressSchema,
	'/api/camera/getPresenceWindows': presenceWindowsSchema,
	'/api/camera/getMinimalCameraStateList': cameraStateListSchema,
	'/api/location/getLocations': locationsSchema,
	'/api/camera/getLineCrossingEnabledCameras': lineCrossingCamerasSchema,
	'/api/camera/getLineCrossingEnabledCamerasForLocation': lineCrossingCamerasSchema,
	'/api/camera/getOccupancyEnabledCameras': occupancyCamerasSchema,
} as const;

export type RhombusEndpoint = keyof typeof rhombusEndpoints;

export type RhombusResponse<E extends RhombusEndpoint> = z.output<(typeof rhombusEndpoints)[E]>;

export function rhombusSchema<E extends RhombusEndpoint>(
	endpoint: E,
): ZodType<RhombusResponse<E>, ZodTypeDef, unknown> {
	return rhombusEndpoints[endpoint];
}
