import { IANAZone } from 'luxon';

import { DAY_MS, HOUR_MS, MINUTE_MS, dayNumber, utcMillis } from './calendar';

export interface LocalParts {
	year: number;
	month?: number;
	day?: number;
	hour?: number;
	minute?: number;
}

// IANAZone.isValidZone builds an Intl.DateTimeFormat on every call, far slower than an offset.
const validZones = new Map<string, IANAZone>();

/** The zone of a name that resolveTimeZone() accepted; any other name is a programming error. */
export function zoneFor(name: string): IANAZone {
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

const OFFSET_WINDOW_MS = HOUR_MS;
// About 23 years of hours per zone; a process that outgrows it starts afresh rather than leak.
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
export function offsetAt(zone: IANAZone, instant: number): number {
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

/**
 * Smallest x in (after, upTo] with `test(x)`, given `test(upTo)` and a single change in between:
 * how an offset change is found to the millisecond, as zones do not tell where theirs are.
 */
export function firstInstantWhere(
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

/**
 * Epoch ms of a wall time (given as ms since 1970-01-01T00:00 on the local clock) in `zone`.
 * luxon resolves a repeated wall time with the offset in force *today*, so its answer would depend
 * on the clock; here the earlier instant wins unless `later`.
 */
export function instantOfWallTime(zone: IANAZone, wallTime: number, later = false): number {
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

/** Day number (see calendar.ts) of the local date of `instant` in `zone`. */
export function localDayOf(zone: IANAZone, instant: number): number {
	return Math.floor((instant + offsetAt(zone, instant)) / DAY_MS);
}

export function startOfLocalDay(zone: IANAZone, day: number): number {
	return instantOfWallTime(zone, day * DAY_MS);
}

/**
 * Epoch ms of local midnight in `zone` of `day`, a day number from dayNumber(), for code that
 * counts in days rather than buckets. A midnight skipped by a forward shift moves forward by the
 * gap.
 */
export function startOfDay(day: number, zone: string): number {
	return startOfLocalDay(zoneFor(zone), day);
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
