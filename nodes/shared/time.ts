import { DateTime, IANAZone } from 'luxon';

export type Granularity =
	| 'minute'
	| 'quarterHour'
	| 'hour'
	| 'day'
	| 'week'
	| 'month'
	| 'year'
	| 'total';

/** Half-open interval `[start, end)` in epoch milliseconds. */
export interface Bucket {
	start: number;
	end: number;
}

export interface BucketOptions {
	/** 1 (default): weeks start on Monday, as in ISO 8601. 7: weeks start on Sunday, as in Indivd and MongoDB `$week`. */
	weekStart?: 1 | 7;
}

export interface BucketFields {
	bucketStart: string;
	bucketEnd: string;
	bucketStartLocal: string;
	timeZone: string;
	granularity: Granularity;
}

export interface LocalParts {
	year: number;
	month?: number;
	day?: number;
	hour?: number;
	minute?: number;
}

export interface DateRange {
	startDate: string;
	endDate: string;
}

export interface DateRangeLimits {
	maxDays?: number;
	withinCalendarYear?: boolean;
}

/**
 * Bad user input for a time parameter. `parameter` is the display name the message starts with,
 * so a node can wrap the error in a NodeOperationError together with the item index.
 */
export class TimeInputError extends Error {
	readonly parameter: string;

	constructor(parameter: string, message: string) {
		super(message);
		this.name = 'TimeInputError';
		this.parameter = parameter;
	}
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const SUB_DAY_BUCKET_MS: Partial<Record<Granularity, number>> = {
	minute: MINUTE_MS,
	quarterHour: 15 * MINUTE_MS,
	hour: HOUR_MS,
};

const ALIGNABLE_GRANULARITIES: readonly Granularity[] = [
	'minute',
	'quarterHour',
	'hour',
	'day',
	'week',
	'month',
	'year',
];

// Smaller numbers are far more likely epoch seconds (or a typo) than a date before March 1973.
const MIN_EPOCH_MS = 1e11;
const MAX_EPOCH_MS = 8.64e15;
// luxon reads "+25:00" as an offset; real ones stay within ±14:00 and java.time allows ±18:00.
const MAX_OFFSET_MINUTES = 18 * 60;

// Real zones change offset at most a few times a year, so a 6-hour probe cannot step over a
// change and its reversal; a finer step would only cost time.
const OFFSET_SCAN_STEP_MS = 6 * HOUR_MS;

const DATE_TIME_HINT =
	"Use ISO 8601 such as 2026-11-21T09:00:00 or an expression like {{ $now.minus(1, 'day') }}";
const DATE_HINT =
	"Use yyyy-MM-dd such as 2026-11-21, an ISO 8601 date and time, or an expression like {{ $today.minus(7, 'days') }}";
const TIME_ZONE_HINT = 'Use an IANA time zone such as Europe/Berlin or America/New_York, or UTC';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIXED_OFFSET = /^(?:utc|gmt|z)?\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2}){0,2}$/i;
const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/;
// yyyy, yyyyMM and yyyyMMdd are ISO 8601 basic dates, not epoch numbers.
const ISO_BASIC_DATE = /^\d{4}(?:\d{2}){0,2}$/;

type TextParser = (text: string, options: { zone: IANAZone; setZone: true }) => DateTime;

// Each parser only sees text that starts like its format: luxon reads a bare time such as
// "09:00" (or SQL "2026") as today, which would make the result depend on the clock.
const TEXT_PARSERS: ReadonlyArray<{ accepts: RegExp; parse: TextParser }> = [
	{ accepts: /^(?:[+-]\d{6}|\d{4})/, parse: (text, options) => DateTime.fromISO(text, options) },
	{ accepts: /^\d{4}-\d{2}-\d{2}[ T]/, parse: (text, options) => DateTime.fromSQL(text, options) },
	{ accepts: /[a-z]/i, parse: (text, options) => DateTime.fromRFC2822(text, options) },
	{ accepts: /[a-z]/i, parse: (text, options) => DateTime.fromHTTP(text, options) },
];

function mod(value: number, divisor: number): number {
	return ((value % divisor) + divisor) % divisor;
}

// IANAZone.isValidZone builds an Intl.DateTimeFormat on every call, far slower than an offset.
const validZones = new Map<string, IANAZone>();

function zoneFor(name: string): IANAZone {
	let zone = validZones.get(name);
	if (zone === undefined) {
		if (typeof name !== 'string' || !IANAZone.isValidZone(name)) {
			throw new Error(
				`Unknown time zone "${String(name)}": resolve it with resolveTimeZone() first`,
			);
		}
		zone = IANAZone.create(name);
		validZones.set(name, zone);
	}
	return zone;
}

function hasFixedOffset(zone: IANAZone): boolean {
	return /^(?:utc|gmt|etc\/.+)$/i.test(zone.name);
}

const OFFSET_WINDOW_MS = HOUR_MS;
const MAX_CACHED_WINDOWS = 200_000;
const constantOffsets = new Map<string, Map<number, number | null>>();

function lookedUpOffset(zone: IANAZone, instant: number): number {
	return Math.round(zone.offset(instant) * MINUTE_MS);
}

/**
 * The zone's UTC offset at `instant`. luxon asks Intl for every call, which made offsets most of
 * the cost of turning a year of buckets into items; an hour whose two ends share an offset keeps
 * it throughout (no zone changes its offset twice within an hour), so it is looked up once.
 */
function offsetAt(zone: IANAZone, instant: number): number {
	let windows = constantOffsets.get(zone.name);
	if (windows === undefined) {
		windows = new Map();
		constantOffsets.set(zone.name, windows);
	}
	const window = Math.floor(instant / OFFSET_WINDOW_MS);
	let offset = windows.get(window);
	if (offset === undefined) {
		const start = window * OFFSET_WINDOW_MS;
		const first = lookedUpOffset(zone, start);
		offset = first === lookedUpOffset(zone, start + OFFSET_WINDOW_MS - 1) ? first : null;
		if (windows.size >= MAX_CACHED_WINDOWS) windows.clear();
		windows.set(window, offset);
	}
	return offset ?? lookedUpOffset(zone, instant);
}

const offsetTexts = new Map<number, string>();

function formatOffset(offsetMs: number): string {
	let text = offsetTexts.get(offsetMs);
	if (text === undefined) {
		const minutes = Math.abs(offsetMs) / MINUTE_MS;
		const pad = (value: number) => String(Math.floor(value)).padStart(2, '0');
		text = `${offsetMs < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
		offsetTexts.set(offsetMs, text);
	}
	return text;
}

/** `HH:mm:00.000` and a suffix for each minute of the day, each text built once. */
function timeOfDayTexts(suffix: string): (minuteOfDay: number) => string {
	const texts: string[] = [];
	return (minuteOfDay) => {
		let text = texts[minuteOfDay];
		if (text === undefined) {
			const pad = (value: number) => String(value).padStart(2, '0');
			text = `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:00.000${suffix}`;
			texts[minuteOfDay] = text;
		}
		return text;
	};
}

/**
 * ISO texts of whole minutes as the day's `yyyy-MM-ddT` (the last day's is kept) joined to the
 * minute's shared text: a year of buckets then holds one small join per bucket, not a new string.
 * Other instants, and years outside 0000 to 9999, give undefined.
 */
function wholeMinuteIso(suffix: string): (instant: number) => string | undefined {
	const timeOfDay = timeOfDayTexts(suffix);
	let lastDay = Number.NaN;
	let lastDayText = '';
	return (instant) => {
		const intoDay = mod(instant, DAY_MS);
		if (intoDay % MINUTE_MS !== 0) return undefined;
		const day = instant - intoDay;
		if (day !== lastDay) {
			const text = new Date(day).toISOString();
			lastDayText = text.length === 24 ? text.slice(0, 11) : '';
			lastDay = day;
		}
		return lastDayText ? lastDayText + timeOfDay(intoDay / MINUTE_MS) : undefined;
	};
}

const localWholeMinuteIso = wholeMinuteIso('');
const utcWholeMinuteIso = wholeMinuteIso('Z');

/** `yyyy-MM-ddTHH:mm:ss.SSS` of a wall-clock time. */
function localIso(wallClock: number): string {
	return localWholeMinuteIso(wallClock) ?? new Date(wallClock).toISOString().slice(0, 23);
}

let lastFormattedInstant = Number.NaN;
let lastFormattedText = '';

/**
 * Consecutive buckets share an edge (one's end is the next one's start, also in its key), so the
 * last instant formatted is kept: a series of buckets formats each edge once and shares the text.
 */
function utcIso(instant: number): string {
	if (instant !== lastFormattedInstant) {
		lastFormattedText = utcWholeMinuteIso(instant) ?? new Date(instant).toISOString();
		lastFormattedInstant = instant;
	}
	return lastFormattedText;
}

/** Smallest x in (after, upTo] with `test(x)`, given `test(upTo)` and a single change in between. */
function firstInstantWhere(
	after: number,
	upTo: number,
	test: (instant: number) => boolean,
): number {
	let low = after;
	let high = upTo;
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (test(middle)) high = middle;
		else low = middle;
	}
	return high;
}

/** First instant after `from` and up to `limit` whose offset differs from the offset at `from`. */
function nextOffsetChange(zone: IANAZone, from: number, limit: number): number {
	if (hasFixedOffset(zone)) return Infinity;
	const offset = offsetAt(zone, from);
	const changed = (instant: number) => offsetAt(zone, instant) !== offset;
	for (let probeFrom = from; probeFrom < limit; probeFrom += OFFSET_SCAN_STEP_MS) {
		const probe = Math.min(probeFrom + OFFSET_SCAN_STEP_MS, limit);
		if (changed(probe)) return firstInstantWhere(probeFrom, probe, changed);
	}
	return Infinity;
}

function utcMillis(year: number, monthIndex: number, day: number): number {
	// Date.UTC maps years 0 to 99 to 1900 to 1999.
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	return date.getTime();
}

function dayNumber(year: number, monthIndex: number, day: number): number {
	return Math.round(utcMillis(year, monthIndex, day) / DAY_MS);
}

function calendarDateOf(day: number): { year: number; monthIndex: number; day: number } {
	const date = new Date(day * DAY_MS);
	return { year: date.getUTCFullYear(), monthIndex: date.getUTCMonth(), day: date.getUTCDate() };
}

function formatDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayNumberOfDateText(text: string): number | undefined {
	const match = DATE_ONLY.exec(text);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const result = dayNumber(year, month - 1, day);
	return formatDay(result) === text ? result : undefined;
}

/**
 * Epoch ms of a wall time (given as ms since 1970-01-01T00:00 on the local clock) in `zone`.
 * luxon resolves a repeated wall time with the offset in force *today*, so its answer would depend
 * on the clock; here the earlier instant wins unless `later`.
 */
function instantOfWallTime(zone: IANAZone, wallTime: number, later = false): number {
	const offsetBefore = offsetAt(zone, wallTime - DAY_MS);
	const offsetAfter = offsetAt(zone, wallTime + DAY_MS);
	let found: number | undefined;
	for (const offset of offsetBefore === offsetAfter
		? [offsetBefore]
		: [offsetBefore, offsetAfter]) {
		const candidate = wallTime - offset;
		if (offsetAt(zone, candidate) !== offset) continue;
		if (found === undefined || (later ? candidate > found : candidate < found)) found = candidate;
	}
	// A wall time skipped by a forward shift is read with the offset before the shift, which
	// moves it forward by the length of the gap, as luxon does.
	return found ?? wallTime - Math.min(offsetBefore, offsetAfter);
}

function localDayOf(zone: IANAZone, instant: number): number {
	return Math.floor((instant + offsetAt(zone, instant)) / DAY_MS);
}

function startOfLocalDay(zone: IANAZone, day: number): number {
	return instantOfWallTime(zone, day * DAY_MS);
}

function assertAlignable(granularity: Granularity): void {
	if (!ALIGNABLE_GRANULARITIES.includes(granularity)) {
		throw new Error(`Granularity "${String(granularity)}" has no calendar buckets to align to`);
	}
}

function assertInstant(instant: number, name: string): void {
	if (typeof instant !== 'number' || !Number.isFinite(instant)) {
		throw new Error(
			`${name} must be a finite number of epoch milliseconds, got ${String(instant)}`,
		);
	}
}

function weekStartOf(options: BucketOptions | undefined): 1 | 7 {
	const weekStart = options?.weekStart ?? 1;
	if (weekStart !== 1 && weekStart !== 7) {
		throw new Error(`weekStart must be 1 (Monday) or 7 (Sunday), got ${String(weekStart)}`);
	}
	return weekStart;
}

function startOfSubDayBucket(zone: IANAZone, instant: number, unit: number): number {
	const offset = offsetAt(zone, instant);
	const aligned = instant - mod(instant + offset, unit);
	if (aligned === instant || offsetAt(zone, aligned) === offset) return aligned;
	// The offset changed within this local unit (a DST shift, or Lord Howe's 30-minute one): the
	// bucket starts at the change, so a repeated hour is a bucket of its own.
	return firstInstantWhere(aligned, instant, (probe) => offsetAt(zone, probe) === offset);
}

function endOfSubDayBucket(zone: IANAZone, bucketStart: number, unit: number): number {
	const offset = offsetAt(zone, bucketStart);
	const aligned = bucketStart + unit - mod(bucketStart + offset, unit);
	if (offsetAt(zone, aligned - 1) === offset) return aligned;
	return firstInstantWhere(bucketStart, aligned - 1, (probe) => offsetAt(zone, probe) !== offset);
}

function firstDayOfCalendarBucket(day: number, granularity: Granularity, weekStart: 1 | 7): number {
	if (granularity === 'day') return day;
	if (granularity === 'week') {
		const isoWeekday = mod(day + 3, 7) + 1;
		return day - (weekStart === 7 ? isoWeekday % 7 : isoWeekday - 1);
	}
	const date = calendarDateOf(day);
	return granularity === 'month'
		? dayNumber(date.year, date.monthIndex, 1)
		: dayNumber(date.year, 0, 1);
}

function firstDayOfNextCalendarBucket(
	day: number,
	granularity: Granularity,
	weekStart: 1 | 7,
): number {
	const first = firstDayOfCalendarBucket(day, granularity, weekStart);
	if (granularity === 'day') return first + 1;
	if (granularity === 'week') return first + 7;
	const date = calendarDateOf(first);
	return granularity === 'month'
		? dayNumber(date.year, date.monthIndex + 1, 1)
		: dayNumber(date.year + 1, 0, 1);
}

/**
 * Start of the bucket containing `instant`, aligned to the calendar of `zone`. Sub-day buckets
 * follow the local clock (so in Asia/Kolkata an hour starts at :30 UTC) and also end where the
 * offset changes, so the repeated hour of a fall-back night is a bucket of its own.
 */
export function bucketStartOf(
	instant: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	assertAlignable(granularity);
	assertInstant(instant, 'instant');
	const ianaZone = zoneFor(zone);
	const unit = SUB_DAY_BUCKET_MS[granularity];
	if (unit !== undefined) return startOfSubDayBucket(ianaZone, instant, unit);
	const firstDay = firstDayOfCalendarBucket(
		localDayOf(ianaZone, instant),
		granularity,
		weekStartOf(options),
	);
	return startOfLocalDay(ianaZone, firstDay);
}

/** End of the bucket starting at `bucketStart`, which is the start of the next bucket. */
export function bucketEndOf(
	bucketStart: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	assertAlignable(granularity);
	assertInstant(bucketStart, 'bucketStart');
	const ianaZone = zoneFor(zone);
	const unit = SUB_DAY_BUCKET_MS[granularity];
	if (unit !== undefined) return endOfSubDayBucket(ianaZone, bucketStart, unit);
	const nextDay = firstDayOfNextCalendarBucket(
		localDayOf(ianaZone, bucketStart),
		granularity,
		weekStartOf(options),
	);
	return startOfLocalDay(ianaZone, nextDay);
}

/** Buckets of a fixed length, stepped in UTC between offset changes instead of asking luxon per bucket. */
function subDayBucketsBetween(
	zone: IANAZone,
	firstStart: number,
	end: number,
	unit: number,
): Bucket[] {
	const buckets: Bucket[] = [];
	let cursor = firstStart;
	while (cursor < end) {
		const segmentEnd = nextOffsetChange(zone, cursor, end + unit);
		let aligned = cursor + unit - mod(cursor + offsetAt(zone, cursor), unit);
		while (cursor < end && cursor < segmentEnd) {
			const bucketEnd = Math.min(aligned, segmentEnd);
			buckets.push({ start: cursor, end: bucketEnd });
			cursor = bucketEnd;
			aligned += unit;
		}
	}
	return buckets;
}

/** All buckets overlapping `[start, end)`, in order; the first starts at `bucketStartOf(start)`. */
export function bucketsBetween(
	start: number,
	end: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): Bucket[] {
	assertAlignable(granularity);
	assertInstant(start, 'start');
	assertInstant(end, 'end');
	if (end <= start) return [];
	const ianaZone = zoneFor(zone);
	const firstStart = bucketStartOf(start, granularity, zone, options);
	const unit = SUB_DAY_BUCKET_MS[granularity];
	if (unit !== undefined) return subDayBucketsBetween(ianaZone, firstStart, end, unit);
	const buckets: Bucket[] = [];
	for (let cursor = firstStart; cursor < end; ) {
		const bucketEnd = bucketEndOf(cursor, granularity, zone, options);
		buckets.push({ start: cursor, end: bucketEnd });
		cursor = bucketEnd;
	}
	return buckets;
}

/** Start of the most recent bucket that is closed at `now`, i.e. whose `end + settleMs <= now`. */
export function lastClosedBucketStart(
	now: number,
	settleMs: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): number {
	assertInstant(now, 'now');
	if (typeof settleMs !== 'number' || !Number.isFinite(settleMs) || settleMs < 0) {
		throw new Error(`settleMs must be a number >= 0, got ${String(settleMs)}`);
	}
	const openBucketStart = bucketStartOf(now - settleMs, granularity, zone, options);
	return bucketStartOf(openBucketStart - 1, granularity, zone, options);
}

function checkedPart(
	value: number | undefined,
	name: string,
	fallback: number,
	min: number,
	max: number,
): number {
	const part = value ?? fallback;
	if (typeof part !== 'number' || !Number.isInteger(part) || part < min || part > max) {
		throw new RangeError(
			`${name} must be a whole number from ${min} to ${max}, got ${String(part)}`,
		);
	}
	return part;
}

/**
 * Epoch ms of a local wall time in `zone`, for API rows such as Indivd's
 * `{ year, month, dayofmonth, hour, minute }`. A wall time repeated by a fall-back shift gives the
 * earlier instant unless `options.later`; one skipped by a forward shift moves forward by the gap.
 */
export function instantFromLocalParts(
	parts: LocalParts,
	zone: string,
	options?: { later?: boolean },
): number {
	const ianaZone = zoneFor(zone);
	const year = checkedPart(parts.year, 'year', 0, 1, 9999);
	const month = checkedPart(parts.month, 'month', 1, 1, 12);
	const daysInMonth = dayNumber(year, month, 1) - dayNumber(year, month - 1, 1);
	const day = checkedPart(parts.day, 'day', 1, 1, daysInMonth);
	const hour = checkedPart(parts.hour, 'hour', 0, 0, 23);
	const minute = checkedPart(parts.minute, 'minute', 0, 0, 59);
	const wallTime = utcMillis(year, month - 1, day) + hour * HOUR_MS + minute * MINUTE_MS;
	return instantOfWallTime(ianaZone, wallTime, options?.later === true);
}

function mongoWeekDays(year: number, week: number): { first: number; next: number } {
	checkedPart(year, 'year', 0, 1, 9999);
	checkedPart(week, 'week', 0, 0, 53);
	const january1 = dayNumber(year, 0, 1);
	const nextJanuary1 = dayNumber(year + 1, 0, 1);
	const firstSunday = january1 + mod(7 - mod(january1 + 4, 7), 7);
	const first = week === 0 ? january1 : firstSunday + 7 * (week - 1);
	const next = Math.min(firstSunday + 7 * week, nextJanuary1);
	if (first >= next) {
		throw new RangeError(`Week ${week} does not exist in ${year} (weeks start on Sunday)`);
	}
	return { first, next };
}

/**
 * Start (local midnight in `zone`) of MongoDB `$week` `week` of `year`: weeks start on Sunday,
 * week 1 starts on the year's first Sunday and week 0 is the days before it, from January 1.
 */
export function startOfMongoWeek(year: number, week: number, zone: string): number {
	const ianaZone = zoneFor(zone);
	return startOfLocalDay(ianaZone, mongoWeekDays(year, week).first);
}

/** End of MongoDB `$week` `week` of `year`: the next Sunday, or January 1 of the next year. */
export function endOfMongoWeek(year: number, week: number, zone: string): number {
	const ianaZone = zoneFor(zone);
	return startOfLocalDay(ianaZone, mongoWeekDays(year, week).next);
}

/** MongoDB `$week` (and strftime `%U`) of the local date of `instant` in `zone`. */
export function mongoWeekOf(instant: number, zone: string): { year: number; week: number } {
	assertInstant(instant, 'instant');
	const day = localDayOf(zoneFor(zone), instant);
	const { year } = calendarDateOf(day);
	const dayOfYear = day - dayNumber(year, 0, 1);
	const weekdayFromSunday = mod(day + 4, 7);
	return { year, week: Math.floor((dayOfYear + 7 - weekdayFromSunday) / 7) };
}

/** The bucket's fields of the item schema: UTC bounds, local start with offset, zone and granularity. */
export function bucketFields(bucket: Bucket, granularity: Granularity, zone: string): BucketFields {
	assertInstant(bucket.start, 'bucket.start');
	assertInstant(bucket.end, 'bucket.end');
	const offset = offsetAt(zoneFor(zone), bucket.start);
	return {
		bucketStart: utcIso(bucket.start),
		bucketEnd: utcIso(bucket.end),
		bucketStartLocal: localIso(bucket.start + offset) + formatOffset(offset),
		timeZone: zone,
		granularity,
	};
}

/**
 * Stable id of one bucket of one scope: `source:metric:scope:granularity:bucketStartIsoUtc`,
 * e.g. `rhombus:crossingCounts:camera=AAAA:hour:2026-03-29T01:00:00.000Z`.
 */
export function bucketKey(parts: {
	source: string;
	metric: string;
	scope: string;
	granularity: Granularity;
	start: number;
}): string {
	assertInstant(parts.start, 'start');
	return (
		keyPrefix(parts.source, parts.metric, parts.scope, parts.granularity) + utcIso(parts.start)
	);
}

const lastPrefix = { source: '', metric: '', scope: '', granularity: '', text: '' };

/**
 * The part of a key all buckets of a series share, built once: a key is then one join of two
 * shared strings, not a chain of nine, which a year of minute buckets would keep alive each.
 */
function keyPrefix(source: string, metric: string, scope: string, granularity: string): string {
	const last = lastPrefix;
	if (
		last.source !== source ||
		last.metric !== metric ||
		last.scope !== scope ||
		last.granularity !== granularity
	) {
		last.source = source;
		last.metric = metric;
		last.scope = scope;
		last.granularity = granularity;
		last.text = `${source}:${metric}:${scope}:${granularity}:`;
	}
	return last.text;
}

function dayOfDateArgument(text: string, name: string): number {
	const day = typeof text === 'string' ? dayNumberOfDateText(text) : undefined;
	if (day === undefined)
		throw new RangeError(`${name} must be a yyyy-MM-dd date, got "${String(text)}"`);
	return day;
}

/** Number of calendar days from `startDate` to `endDate` (yyyy-MM-dd), both included; 0 when end is before start. */
export function daysInclusive(startDate: string, endDate: string): number {
	const first = dayOfDateArgument(startDate, 'startDate');
	const last = dayOfDateArgument(endDate, 'endDate');
	return Math.max(0, last - first + 1);
}

/**
 * Splits an inclusive yyyy-MM-dd range into the fewest consecutive ranges that each span at most
 * `maxDays` days and, with `withinCalendarYear`, lie within one calendar year.
 */
export function splitDateRange(
	startDate: string,
	endDate: string,
	limits: DateRangeLimits,
): DateRange[] {
	const first = dayOfDateArgument(startDate, 'startDate');
	const last = dayOfDateArgument(endDate, 'endDate');
	if (last < first) throw new RangeError(`endDate ${endDate} is before startDate ${startDate}`);
	const { maxDays, withinCalendarYear } = limits;
	if (maxDays !== undefined && (!Number.isInteger(maxDays) || maxDays < 1)) {
		throw new RangeError(`maxDays must be a whole number >= 1, got ${String(maxDays)}`);
	}
	const ranges: DateRange[] = [];
	for (let chunkStart = first; chunkStart <= last; ) {
		let chunkEnd = last;
		if (maxDays !== undefined) chunkEnd = Math.min(chunkEnd, chunkStart + maxDays - 1);
		if (withinCalendarYear === true) {
			chunkEnd = Math.min(chunkEnd, dayNumber(calendarDateOf(chunkStart).year + 1, 0, 1) - 1);
		}
		ranges.push({ startDate: formatDay(chunkStart), endDate: formatDay(chunkEnd) });
		chunkStart = chunkEnd + 1;
	}
	return ranges;
}

/**
 * Splits `[start, end)` into the fewest consecutive chunks of at most `maxMs`, cutting only at
 * bucket starts of `granularity` in `zone` so that no bucket is split between two requests.
 */
export function splitInterval(
	start: number,
	end: number,
	maxMs: number,
	granularity: Granularity,
	zone: string,
	options?: BucketOptions,
): Bucket[] {
	assertAlignable(granularity);
	assertInstant(start, 'start');
	assertInstant(end, 'end');
	if (typeof maxMs !== 'number' || !(maxMs > 0)) {
		throw new RangeError(`maxMs must be a positive number, got ${String(maxMs)}`);
	}
	if (end <= start) return [];
	const chunks: Bucket[] = [];
	let cursor = start;
	while (end - cursor > maxMs) {
		const cut = bucketStartOf(cursor + maxMs, granularity, zone, options);
		if (cut <= cursor) {
			throw new RangeError(
				`A ${granularity} bucket from ${new Date(cursor).toISOString()} is longer than the ${maxMs} ms limit`,
			);
		}
		chunks.push({ start: cursor, end: cut });
		cursor = cut;
	}
	chunks.push({ start: cursor, end });
	return chunks;
}

function isEmptyInput(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function isDate(value: unknown): value is Date {
	// A Date made in another realm (n8n's expression sandbox) fails `instanceof Date`.
	return Object.prototype.toString.call(value) === '[object Date]';
}

function quoted(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = value;
	else if (isDate(value)) text = String(value);
	else if (typeof value === 'object' && value !== null) {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	} else text = String(value);
	return `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`;
}

function notADateTime(parameter: string, value: unknown): TimeInputError {
	return new TimeInputError(
		parameter,
		`${parameter}: ${quoted(value)} is not a date and time. ${DATE_TIME_HINT}`,
	);
}

function epochMillis(value: number, original: unknown, parameter: string): number | TimeInputError {
	if (!Number.isFinite(value) || value > MAX_EPOCH_MS) return notADateTime(parameter, original);
	if (value < MIN_EPOCH_MS) {
		return new TimeInputError(
			parameter,
			`${parameter}: ${quoted(original)} is not a date and time. A number must be epoch milliseconds, at least 100000000000 (March 1973); multiply epoch seconds by 1000. Or ${DATE_TIME_HINT.charAt(0).toLowerCase()}${DATE_TIME_HINT.slice(1)}`,
		);
	}
	return Math.floor(value);
}

function instantOfText(
	text: string,
	original: unknown,
	zone: IANAZone,
	parameter: string,
): number | TimeInputError {
	if (NUMERIC_TEXT.test(text) && !ISO_BASIC_DATE.test(text)) {
		return epochMillis(Number(text), original, parameter);
	}
	for (const { accepts, parse } of TEXT_PARSERS) {
		if (!accepts.test(text)) continue;
		const parsed = parse(text, { zone, setZone: true });
		if (!parsed.isValid) continue;
		// Without an offset in the text the zone stays an IANA one: resolve the wall time ourselves
		// so a repeated fall-back time does not depend on today's offset.
		if (parsed.zone.type === 'iana') {
			const wallTime = parsed.toMillis() + Math.round(parsed.offset * MINUTE_MS);
			return instantOfWallTime(zoneFor(parsed.zone.name), wallTime);
		}
		if (Math.abs(parsed.offset) > MAX_OFFSET_MINUTES) return notADateTime(parameter, original);
		return parsed.toMillis();
	}
	return notADateTime(parameter, original);
}

interface DateTimeLike {
	isValid?: unknown;
	toMillis?: unknown;
	toISO?: unknown;
}

// Returns the error rather than throwing it, so parseDate can swap in its own message.
function instantOfInput(
	value: unknown,
	zone: IANAZone,
	parameter: string,
): number | TimeInputError {
	if (typeof value === 'number') return epochMillis(value, value, parameter);
	if (typeof value === 'string') return instantOfText(value.trim(), value, zone, parameter);
	if (isDate(value)) {
		let instant = NaN;
		try {
			instant = Date.prototype.getTime.call(value);
		} catch {
			// Only a Symbol.toStringTag impostor gets here; it is not a date.
		}
		return Number.isFinite(instant) ? instant : notADateTime(parameter, value);
	}
	if (typeof value === 'object' && value !== null) {
		const dateTime = value as DateTimeLike;
		if (dateTime.isValid === false) return notADateTime(parameter, value);
		if (typeof dateTime.toMillis === 'function') {
			const instant: unknown = (dateTime.toMillis as () => unknown).call(value);
			if (typeof instant === 'number' && Number.isFinite(instant)) return instant;
		}
		if (typeof dateTime.toISO === 'function') {
			const iso: unknown = (dateTime.toISO as () => unknown).call(value);
			if (typeof iso === 'string') return instantOfText(iso, value, zone, parameter);
		}
	}
	return notADateTime(parameter, value);
}

/**
 * Epoch ms of a user's date and time: ISO 8601 (without an offset it is local to `zone`; a bare
 * date is the start of that day), `yyyy-MM-dd HH:mm(:ss)` and SQL, RFC 2822, HTTP, epoch
 * milliseconds (number or digits, at least 1e11), a Date, or a luxon DateTime from any luxon copy
 * (what n8n expressions such as `{{ $now }}` give).
 */
export function parseDateTime(value: unknown, zone: string, parameter: string): number {
	const ianaZone = zoneFor(zone);
	if (isEmptyInput(value)) {
		throw new TimeInputError(parameter, `${parameter} is empty. ${DATE_TIME_HINT}`);
	}
	const instant = instantOfInput(value, ianaZone, parameter);
	if (instant instanceof TimeInputError) throw instant;
	return instant;
}

/**
 * A user's date as yyyy-MM-dd. Anything `parseDateTime` accepts is also accepted, and its
 * calendar date in `zone` is taken.
 */
export function parseDate(value: unknown, zone: string, parameter: string): string {
	const ianaZone = zoneFor(zone);
	if (isEmptyInput(value))
		throw new TimeInputError(parameter, `${parameter} is empty. ${DATE_HINT}`);
	const notADate = new TimeInputError(
		parameter,
		`${parameter}: ${quoted(value)} is not a date. ${DATE_HINT}`,
	);
	if (typeof value === 'string' && DATE_ONLY.test(value.trim())) {
		const day = dayNumberOfDateText(value.trim());
		if (day === undefined) throw notADate;
		return formatDay(day);
	}
	const instant = instantOfInput(value, ianaZone, parameter);
	if (instant instanceof TimeInputError) throw notADate;
	return formatDay(localDayOf(ianaZone, instant));
}

function validTimeZoneName(text: string): string | undefined {
	if (text === '' || FIXED_OFFSET.test(text) || !IANAZone.isValidZone(text)) return undefined;
	const resolved = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
	// Fix the spelling ('europe/berlin'), but keep a valid alias as the user wrote it.
	return resolved.toLowerCase() === text.toLowerCase() ? resolved : text;
}

/**
 * The IANA time zone to use: the parameter when it is set, else the workflow's time zone. Fixed
 * offsets such as "+02:00" are refused because they ignore daylight saving time; use Etc/GMT-2.
 */
export function resolveTimeZone(
	value: unknown,
	workflowTimeZone: string,
	parameter: string,
): string {
	if (isEmptyInput(value)) {
		const name =
			typeof workflowTimeZone === 'string' ? validTimeZoneName(workflowTimeZone.trim()) : undefined;
		if (name === undefined) {
			throw new TimeInputError(
				parameter,
				`${parameter} is empty and the workflow's time zone ${quoted(workflowTimeZone)} is not an IANA time zone. Set ${parameter}, or change the time zone in the workflow settings. ${TIME_ZONE_HINT}`,
			);
		}
		return name;
	}
	if (typeof value === 'string' && FIXED_OFFSET.test(value.trim())) {
		throw new TimeInputError(
			parameter,
			`${parameter}: ${quoted(value)} is a fixed UTC offset, not a time zone, so it ignores daylight saving time. ${TIME_ZONE_HINT}; for a fixed offset use Etc/GMT-2 (which is +02:00)`,
		);
	}
	const name = typeof value === 'string' ? validTimeZoneName(value.trim()) : undefined;
	if (name === undefined) {
		throw new TimeInputError(
			parameter,
			`${parameter}: ${quoted(value)} is not a time zone. ${TIME_ZONE_HINT}`,
		);
	}
	return name;
}
