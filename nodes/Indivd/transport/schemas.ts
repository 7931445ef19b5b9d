import type { ZodType, ZodTypeDef } from 'zod';
import { z } from 'zod';
import { isJsonObject, isWholeCount, series } from '../../shared/validation';

const integer = z.union([
	z.number().int(),
	z
		.string()
		.regex(/^-?\d+$/, 'Expected an integer')
		.transform(Number),
]);

const metric = z
	.union([
		z.number(),
		z
			.string()
			.regex(/^-?\d+(\.\d+)?$/, 'Expected a number')
			.transform(Number),
	])
	.nullish();

const text = z.string().nullish();

/** An absent comparison period comes back as `{}` (objects) or `[]` (arrays). */
const emptyObject = z
	.object({})
	.strict()
	.transform(() => undefined);

const within = (min: number, max: number) =>
	integer.refine((value) => value >= min && value <= max, `Expected ${min} to ${max}`).optional();

const timePartRanges = {
	year: [2000, 2100],
	month: [1, 12],
	week: [0, 53],
	dayofmonth: [1, 31],
	day: [1, 31],
	dayofweek: [1, 7],
	hour: [0, 23],
	minute: [0, 59],
} as const;

type TimePartName = keyof typeof timePartRanges;

const timePartNames = Object.keys(timePartRanges) as TimePartName[];

const timeParts = Object.fromEntries(
	timePartNames.map((name) => [name, within(timePartRanges[name][0], timePartRanges[name][1])]),
) as Record<TimePartName, ReturnType<typeof within>>;

/** Calendar parts as Indivd sends them (numbers), which the schema returns unchanged. */
function isCanonicalTimeParts(value: unknown): boolean {
	if (!isJsonObject(value)) return false;
	for (const name of timePartNames) {
		const part = value[name];
		if (part === undefined) continue;
		const [min, max] = timePartRanges[name];
		if (typeof part !== 'number' || !Number.isInteger(part) || part < min || part > max)
			return false;
	}
	return true;
}

export const lineCrossRowSchema = z
	.object({
		_id: z.object(timeParts).passthrough(),
		count: integer.refine((value) => value >= 0, 'Expected a count of 0 or more'),
	})
	.passthrough();

export type LineCrossRow = z.infer<typeof lineCrossRowSchema>;

function isCanonicalLineCrossRow(value: unknown): boolean {
	return isJsonObject(value) && isCanonicalTimeParts(value._id) && isWholeCount(value.count);
}

export const lineCrossesSchema = series(lineCrossRowSchema, isCanonicalLineCrossRow);

const dwellTimeStatsSchema = z
	.object({
		mean: metric,
		min: metric,
		max: metric,
		quantiles: z.array(metric).nullish(),
		n: metric,
	})
	.partial()
	.passthrough();

export const zoneInsightSchema = z
	.object({
		visits: metric,
		unique_visits: metric,
		bounce: metric,
		dwell_time: metric,
		dwell_time_stats: dwellTimeStatsSchema.nullish(),
		exclude: z
			.object({ min_dwell_time: metric, max_dwell_time: metric })
			.partial()
			.passthrough()
			.nullish(),
		aggregation: z
			.object({
				...timeParts,
				zone_id: integer.optional(),
				zone_name: text,
				loc_id: integer.optional(),
				bounce_threshold: metric,
			})
			.passthrough(),
	})
	.passthrough();

export type ZoneInsight = z.infer<typeof zoneInsightSchema>;

const zonePeriodSchema = z
	.object({
		startdate: text,
		enddate: text,
		insights: series(zoneInsightSchema),
	})
	.passthrough();

export type ZonePeriod = z.infer<typeof zonePeriodSchema>;

export const zoneVisitorsSchema = z
	.object({
		current: zonePeriodSchema,
		comparison: z.union([emptyObject, zonePeriodSchema]).nullish(),
	})
	.passthrough();

const dropInRowSchema = z
	.object({
		...timeParts,
		passing_by: metric,
		enter: metric,
		visits: metric,
		drop_in_rate: metric,
	})
	.passthrough();

export type DropInRow = z.infer<typeof dropInRowSchema>;

const dropInSummarySchema = z
	.object({
		startdate: text,
		enddate: text,
		passing_by: metric,
		enter: metric,
		enter_percentage: metric,
	})
	.passthrough();

const zoneDropInSchema = z
	.object({
		zone_id: integer,
		zone_name: text,
		loc_id: integer.nullish(),
		loc_name: text,
		location_custom_id: text,
		total_visits: metric,
		total_passing_by: metric,
		drop_in_rate: metric,
		details: series(dropInRowSchema).nullish(),
	})
	.passthrough();

export type ZoneDropIn = z.infer<typeof zoneDropInSchema>;

const zoneDropInMapSchema = z.record(zoneDropInSchema);

export const dropInRateSchema = z
	.object({
		summary: z
			.object({
				current: dropInSummarySchema,
				comparison: z.union([emptyObject, dropInSummarySchema]).nullish(),
			})
			.passthrough(),
		details: z
			.object({
				interval: text,
				current: series(dropInRowSchema),
				comparison: series(dropInRowSchema).nullish(),
			})
			.passthrough(),
		zone_details: z
			.object({
				current: zoneDropInMapSchema,
				comparison: z.union([emptyObject, zoneDropInMapSchema]).nullish(),
			})
			.passthrough(),
	})
	.passthrough();

const filterEntrySchema = z.object({ id: integer, name: text }).passthrough();

export type FilterEntry = z.infer<typeof filterEntrySchema>;

export const locationEntrySchema = filterEntrySchema.extend({
	city: text,
	country: text,
	timezone: text,
});

export type IndivdLocation = z.infer<typeof locationEntrySchema>;

function listOf<T extends z.ZodTypeAny>(entry: T) {
	return z.union([
		z.array(entry),
		z.object({ results: z.array(entry) }).transform((wrapped) => wrapped.results),
	]);
}

/**
 * The docs call the locations answer "a single object" in one article and "one object per
 * location" in another: accept an array, a `{ results }` wrapper, one location, or an id-keyed map.
 */
export const locationsSchema = z.union([
	listOf(locationEntrySchema),
	locationEntrySchema.transform((location) => [location]),
	z.record(locationEntrySchema).transform((byId) => Object.values(byId)),
]);

export const filterListSchema = listOf(filterEntrySchema);

export const indivdPaths = {
	lineCrosses: '/api/v1/rnd/insights/external/line_crosses/',
	zoneVisitors: '/api/v1/rnd/insights/external/zone_visitors/',
	dropInRate: '/api/v1/rnd/insights/external/drop_in_rate/',
} as const;

export const indivdEndpoints = {
	'/api/v1/rnd/insights/external/line_crosses/': lineCrossesSchema,
	'/api/v1/rnd/insights/external/zone_visitors/': zoneVisitorsSchema,
	'/api/v1/rnd/insights/external/drop_in_rate/': dropInRateSchema,
	'/filters/locations': locationsSchema,
	'/filters/zones': filterListSchema,
	'/filters/lines': filterListSchema,
	'/filters/categories': filterListSchema,
	'/filters/organisations': filterListSchema,
} as const;

export type IndivdEndpoint = keyof typeof indivdEndpoints;

export type IndivdResponse<E extends IndivdEndpoint> = z.output<(typeof indivdEndpoints)[E]>;

export function indivdSchema<E extends IndivdEndpoint>(
	endpoint: E,
): ZodType<IndivdResponse<E>, ZodTypeDef, unknown> {
	return indivdEndpoints[endpoint];
}
