// Reading the user's dates, date-times and time zones from node parameters and expressions.
// Errors are TimeInputErrors with a hint of what would be accepted, for the node to show.

import { DateTime, IANAZone } from 'luxon';

import { DATE_ONLY, MINUTE_MS, dayNumberOfDateText, formatDay } from './calendar';
import { instantOfWallTime, localDayOf, zoneFor } from './zones';

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

// Smaller numbers are far more likely epoch seconds (or a typo) than a date before March 1973.
const MIN_EPOCH_MS = 1e11;
const MAX_EPOCH_MS = 8.64e15;
// luxon reads "+25:00" as an offset; real ones stay within ±14:00 and java.time allows ±18:00.
const MAX_OFFSET_MINUTES = 18 * 60;

const DATE_TIME_HINT =
	"Use ISO 8601 such as 2026-11-21T09:00:00 or an expression like {{ $now.minus(1, 'day') }}";
const DATE_HINT =
	"Use yyyy-MM-dd such as 2026-11-21, an ISO 8601 date and time, or an expression like {{ $today.minus(7, 'days') }}";
const TIME_ZONE_HINT = 'Use an IANA time zone such as Europe/Berlin or America/New_York, or UTC';

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
