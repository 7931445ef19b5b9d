import type { ZodType, ZodTypeDef } from 'zod';
import { z } from 'zod';
import {
	everyValue,
	isJsonObject,
	isOptionalText,
	isWholeCount,
	series,
} from '../../shared/validation';

/** Buckets this century and the next: anything else is a broken answer, not a date. */
const earliestMs = Date.UTC(2000, 0, 1);
const latestMs = Date.UTC(2100, 0, 1);

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
	.nullish()
	.transform((value) => value ?? 0)
	.refine(
		(value) => Number.isSafeInteger(value) && value >= 0,
		'Expected a whole count of 0 or more',
	);

const text = z.string().nullish();

/** Every Rhombus response may carry these; `error` is checked before any schema runs. */
const envelope = {
	error: z.boolean().nullish(),
	errorMsg: text,
	warningMsg: text,
};

export const crossingCountSchema = z
	.object({ ingressCount: count, egressCount: count, timestampMs: epochMs })
	.passthrough();

export type CrossingCount = z.infer<typeof crossingCountSchema>;

const isEpochMs = (value: unknown): boolean =>
	typeof value === 'number' && Number.isInteger(value) && value >= earliestMs && value < latestMs;

/** Counts as Rhombus sends them, which `crossingCountSchema` returns unchanged. */
function isCanonicalCrossingCount(value: unknown): boolean {
	return (
		isJsonObject(value) &&
		isWholeCount(value.ingressCount) &&
		isWholeCount(value.egressCount) &&
		isEpochMs(value.timestampMs)
	);
}

const crossingSeries = series(crossingCountSchema, isCanonicalCrossingCount);
const crossingSeriesByDevice = z.record(crossingSeries);

export type CrossingCountsReport =
	| { kind: 'aggregate'; counts: CrossingCount[] }
	| { kind: 'perDevice'; byDevice: Record<string, CrossingCount[]> };

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
			: crossingCounts && !Array.isArray(crossingCounts)
				? { kind: 'perDevice', byDevice: crossingCounts }
				: { kind: 'aggregate', counts: crossingCounts ?? [] };
		return { ...response, report };
	});

export const occupancyPointSchema = z
	.object({
		timestampMs: epochMs,
		dateLocal: text,
		dateUtc: text,
		eventCountMap: z
			.record(count)
			.nullish()
			.transform((map) => map ?? {}),
		approximateTimestampMsMap: z.record(epochMs.nullish()).nullish(),
		reportingDevicesMap: z.record(z.array(z.string()).nullish()).nullish(),
	})
	.passthrough();

export type OccupancyPoint = z.infer<typeof occupancyPointSchema>;

/** Points as Rhombus sends them, which `occupancyPointSchema` returns unchanged. */
function isCanonicalOccupancyPoint(value: unknown): boolean {
	return (
		isJsonObject(value) &&
		isEpochMs(value.timestampMs) &&
		isOptionalText(value.dateLocal) &&
		isOptionalText(value.dateUtc) &&
		everyValue(value.eventCountMap, isWholeCount) &&
		(value.approximateTimestampMsMap == null ||
			everyValue(value.approximateTimestampMsMap, (ms) => ms == null || isEpochMs(ms))) &&
		(value.reportingDevicesMap == null ||
			everyValue(
				value.reportingDevicesMap,
				(devices) =>
					devices == null ||
					(Array.isArray(devices) && devices.every((device) => typeof device === 'string')),
			))
	);
}

export const occupancyCountsSchema = z
	.object({
		...envelope,
		timeSeriesDataPoints: series(occupancyPointSchema, isCanonicalOccupancyPoint)
			.nullish()
			.transform((points) => points ?? []),
	})
	.passthrough();

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

export const spliceSchema = z
	.object({
		...envelope,
		clipUuid: text,
		clipUuidList: z.array(z.string()).nullish(),
	})
	.passthrough()
	.refine((response) => Boolean(response.clipUuid ?? response.clipUuidList?.[0]), {
		message: 'Expected clipUuid or clipUuidList',
		path: ['clipUuid'],
	})
	.transform((response) => ({
		...response,
		clipUuid: (response.clipUuid ?? response.clipUuidList?.[0]) as string,
	}));

export const clipSchema = z
	.object({
		uuid: z.string(),
		status: z.string().nullish(),
		percentComplete: z.number().nullish(),
		currentOperation: text,
		title: text,
		description: text,
		durationSec: z.number().nullish(),
		timestampMs: epochMs.nullish(),
		createdAtMs: epochMs.nullish(),
		deviceUuid: text,
		deviceUuids: z.array(z.string()).nullish(),
		clipLocation: z.object({ region: text }).passthrough().nullish(),
		byteCount: z.number().nullish(),
	})
	.passthrough();

export type Clip = z.infer<typeof clipSchema>;

export const clipWithProgressSchema = z.object({ ...envelope, clip: clipSchema }).passthrough();

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

export const cameraStateSchema = z
	.object({
		uuid: z.string(),
		name: text,
		locationUuid: text,
		connectionStatus: text,
	})
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

export const locationSchema = z.object({ uuid: z.string(), name: text, tz: text }).passthrough();

export const locationsSchema = z
	.object({
		...envelope,
		locations: z
			.array(locationSchema)
			.nullish()
			.transform((locations) => locations ?? []),
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
	'/api/camera/getMinimalCameraStateList': cameraStateListSchema,
	'/api/location/getLocations': locationsSchema,
} as const;

export type RhombusEndpoint = keyof typeof rhombusEndpoints;

export type RhombusResponse<E extends RhombusEndpoint> = z.output<(typeof rhombusEndpoints)[E]>;

export function rhombusSchema<E extends RhombusEndpoint>(
	endpoint: E,
): ZodType<RhombusResponse<E>, ZodTypeDef, unknown> {
	return rhombusEndpoints[endpoint];
}
