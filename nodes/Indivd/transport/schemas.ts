import type { ZodType, ZodTypeAny, ZodTypeDef } from 'zod';
import { z } from 'zod';
import { isJsonObject, isWholeCount, series } from '../../shared/validation';

/** A schema by its output: spelled out, as the inferred types make declarations too large. */
type Read<T> = ZodType<T, ZodTypeDef, unknown>;

const integer: Read<number> = z.union([
	z.number().int(),
	z
		.string()
		.regex(/^-?\d+$/, 'Expected an integer')
		.transform(Number),
]);

const number: Read<number> = z.union([
	z.number(),
	z
		.string()
		.regex(/^-?\d+(\.\d+)?$/, 'Expected a number')
		.transform(Number),
]);

/**
 * Indivd does not fix the shape of "nothing": no data is "a 200 response with an empty result
 * set", and Basic plans' Pro fields "return empty or 0". So null, "", [] and {}, and an object
 * holding only such values, all mean none.
 */
function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	return isJsonObject(value) && Object.values(value).every(isEmpty);
}

/** `schema`, or `empty()` (absent by default) where the value is empty in any of its forms. */
function orEmpty<T extends ZodTypeAny>(schema: T, empty: () => unknown = () => undefined) {
	return z.preprocess((value) => (isEmpty(value) ? empty() : value), schema);
}

/** A number the package may go without (rates, dwell statistics, Basic plans' counts). */
const optionalNumber: Read<number | undefined> = orEmpty(number.optional());

const optionalInteger: Read<number | undefined> = orEmpty(integer.optional());

const text: Read<string | null | undefined> = z.string().nullish();

const within = (min: number, max: number): Read<number | undefined> =>
	orEmpty(
		integer.refine((value) => value >= min && value <= max, `Expected ${min} to ${max}`).optional(),
	);

/**
 * Calendar parts by their MongoDB names. Weeks and weekdays allow both numberings Indivd might
 * use, as it documents neither: which one an answer uses is read from all its rows
 * (helpers/rowParts.ts).
 */
const timePartRanges = {
	year: [2000, 2100],
	month: [1, 12],
	week: [0, 54],
	dayofmonth: [1, 31],
	day: [1, 31],
	dayofweek: [0, 7],
	hour: [0, 23],
	minute: [0, 59],
} as const;

type TimePartName = keyof typeof timePartRanges;

const timePartNames = Object.keys(timePartRanges) as TimePartName[];

const timeParts = Object.fromEntries(
	timePartNames.map((name) => [name, within(timePartRanges[name][0], timePartRanges[name][1])]),
) as Record<TimePartName, Read<number | undefined>>;

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

/** Parts that are absent or null leave the row without a bucket, not the answer without data. */
const calendarParts = orEmpty(z.object(timeParts).passthrough(), () => ({}));

export const lineCrossRowSchema = z
	.object({
		_id: calendarParts,
		count: integer.refine((value) => value >= 0, 'Expected a count of 0 or more'),
	})
	.passthrough();

export type LineCrossRow = z.infer<typeof lineCrossRowSchema>;

function isCanonicalLineCrossRow(value: unknown): boolean {
	return isJsonObject(value) && isCanonicalTimeParts(value._id) && isWholeCount(value.count);
}

/** The documented array; the empty result set may come as `{}` too. */
export const lineCrossesSchema = z.preprocess(
	(value) => (isJsonObject(value) && Object.keys(value).length === 0 ? [] : value),
	series(lineCrossRowSchema, isCanonicalLineCrossRow),
);

const dwellTimeStatsSchema = orEmpty(
	z
		.object({
			mean: optionalNumber,
			min: optionalNumber,
			max: optionalNumber,
			quantiles: orEmpty(z.array(optionalNumber), () => []),
			n: optionalNumber,
		})
		.passthrough(),
	() => ({}),
);

export const zoneInsightSchema = z
	.object({
		visits: number,
		unique_visits: optionalNumber,
		bounce: optionalNumber,
		dwell_time: optionalNumber,
		dwell_time_stats: dwellTimeStatsSchema,
		exclude: orEmpty(
			z.object({ min_dwell_time: optionalNumber, max_dwell_time: optionalNumber }).passthrough(),
			() => ({}),
		),
		aggregation: orEmpty(
			z
				.object({
					...timeParts,
					zone_id: optionalInteger,
					zone_name: text,
					loc_id: optionalInteger,
					bounce_threshold: optionalNumber,
				})
				.passthrough(),
			() => ({}),
		),
	})
	.passthrough();

export type ZoneInsight = z.infer<typeof zoneInsightSchema>;

const zonePeriodSchema = orEmpty(
	z.object({ insights: orEmpty(series(zoneInsightSchema), () => []) }).passthrough(),
	() => ({}),
);

export type ZonePeriod = z.infer<typeof zonePeriodSchema>;

/** An answer that is an empty array is the empty result set too. */
const orEmptyRoot = <T extends ZodTypeAny>(schema: T) =>
	z.preprocess((value) => (Array.isArray(value) && value.length === 0 ? {} : value), schema);

export const zoneVisitorsSchema = orEmptyRoot(
	z
		.object({
			current: zonePeriodSchema,
			comparison: orEmpty(zonePeriodSchema.optional()),
		})
		.passthrough(),
);

const dropInRowSchema = z
	.object({
		...timeParts,
		passing_by: number,
		enter: optionalNumber,
		visits: optionalNumber,
		drop_in_rate: optionalNumber,
	})
	.passthrough()
	.refine((row) => row.visits !== undefined || row.enter !== undefined, {
		message: 'Expected a number of entries (visits or enter)',
		path: ['visits'],
	});

export type DropInRow = z.infer<typeof dropInRowSchema>;

/**
 * A summary without counts (only the dates it echoes, sums of no records as null) is no summary.
 */
const dropInSummarySchema = z.preprocess(
	(value) =>
		isEmpty(value) || (isJsonObject(value) && isEmpty(value.passing_by) && isEmpty(value.enter))
			? undefined
			: value,
	z
		.object({ passing_by: number, enter: number, enter_percentage: optionalNumber })
		.passthrough()
		.optional(),
);

export type DropInSummary = NonNullable<z.infer<typeof dropInSummarySchema>>;

const zoneDropInSchema = z
	.object({
		zone_id: optionalInteger,
		zone_name: text,
		loc_id: optionalInteger,
		loc_name: text,
		total_visits: optionalNumber,
		total_passing_by: optionalNumber,
		drop_in_rate: optionalNumber,
		details: orEmpty(series(dropInRowSchema), () => []),
	})
	.passthrough();

export type ZoneDropIn = z.infer<typeof zoneDropInSchema>;

const zoneDropInMapSchema = orEmpty(z.record(zoneDropInSchema), () => ({}));

/** The aggregate `details` are only passed on (raw output), so only their shape is checked. */
const passedOnRows = orEmpty(z.array(z.unknown()), () => []);

export const dropInRateSchema = orEmptyRoot(
	z
		.object({
			summary: orEmpty(
				z.object({ current: dropInSummarySchema, comparison: dropInSummarySchema }).passthrough(),
				() => ({}),
			),
			details: orEmpty(
				z.object({ current: passedOnRows, comparison: passedOnRows }).passthrough(),
				() => ({}),
			),
			zone_details: orEmpty(
				z
					.object({
						current: zoneDropInMapSchema,
						comparison: orEmpty(zoneDropInMapSchema.optional()),
					})
					.passthrough(),
				() => ({}),
			),
		})
		.passthrough(),
);

const filterEntrySchema = z.object({ id: optionalInteger, name: text }).passthrough();

export type FilterEntry = z.infer<typeof filterEntrySchema> & { id: number };

export const locationEntrySchema = filterEntrySchema.extend({
	city: text,
	country: text,
	timezone: text,
});

export type IndivdLocation = z.infer<typeof locationEntrySchema> & { id: number };

type Entry = { path: Array<string | number>; value: unknown };

const indexed = (list: unknown[], at: string[] = []): Entry[] =>
	list.map((value, index) => ({ path: [...at, index], value }));

/**
 * The entries of a filter list. The docs say "JSON arrays, except `locations` which returns a
 * single object" in one article and "one object per location" in another, so any container of
 * entries is read: an array, an object wrapping it (`results`, or a single key), an id-keyed map,
 * or one entry.
 */
function entriesOf(value: unknown): Entry[] {
	if (Array.isArray(value)) return indexed(value);
	if (!isJsonObject(value)) return [{ path: [], value }];
	if (isEmpty(value)) return [];
	if (Array.isArray(value.results)) return indexed(value.results, ['results']);
	const keys = Object.keys(value);
	if (keys.length === 1 && Array.isArray(value[keys[0]]))
		return indexed(value[keys[0]] as unknown[], [keys[0]]);
	if (keys.every((key) => isJsonObject(value[key])))
		return keys.map((key) => ({ path: [key], value: value[key] }));
	return [{ path: [], value }];
}

/** Filter entries; one without an id cannot be chosen, so it is left out. */
function listOf<T extends { id?: number }>(entry: Read<T>) {
	return z.unknown().transform((value, context): Array<T & { id: number }> => {
		const list: Array<T & { id: number }> = [];
		for (const { path, value: candidate } of entriesOf(value)) {
			const result = entry.safeParse(candidate);
			if (!result.success) {
				const issue = result.error.issues[0];
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: [...path, ...issue.path],
					message: issue.message,
				});
				return z.NEVER;
			}
			if (result.data.id !== undefined) list.push(result.data as T & { id: number });
		}
		return list;
	});
}

export const locationsSchema = listOf(locationEntrySchema);

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
