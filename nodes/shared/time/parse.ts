// Reading the user's dates, date-times and time zones from node parameters and expressions.
// Errors are TimeInputErrors with a hint of what would be accepted, for the node to show.

import { DateTime, IANAZone } from 'luxon';

import { MINUTE_MS, dayNumber, formatDay, utcMillis } from './calendar';
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
// luxon reads "+25:00" as an offset; real ones stay within ±14:00 and java.time allows ±18:00.
const MAX_OFFSET_MINUTES = 18 * 60;
// The transport schemas take answers from 2000 to 2100 only (anything else is a broken answer),
// so a request outside could only fail once sent, or, for a year before 1 or after 9999, deep in
// the calendar arithmetic without naming the parameter.
const FIRST_INSTANT = utcMillis(2000, 0, 1);
const LAST_INSTANT = utcMillis(2100, 0, 1) - 1;
const FIRST_DAY = dayNumber(2000, 0, 1);
const LAST_DAY = dayNumber(2099, 11, 31);
// Beyond this a Date is invalid and luxon's zones throw when asked for an offset.
const MAX_DATE_MS = 8.64e15;

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

// Text without an offset is read in UTC when only its date is wanted: no zone skips a wall time
// there, so the date stays as written.
const UTC_ZONE = IANAZone.create('UTC');

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
			const json = JSON.stringify(value);
			// A luxon DateTime gives its ISO text as JSON: show the text, not a JSON literal of it.
			text = json?.startsWith('"') ? (JSON.parse(json) as string) : (json ?? String(value));
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
	if (!Number.isFinite(value)) return notADateTime(parameter, original);
	if (value < MIN_EPOCH_MS) {
		return new TimeInputError(
			parameter,
			`${parameter}: ${quoted(original)} is not a date and time. A number must be epoch milliseconds, at least 100000000000 (March 1973); multiply epoch seconds by 1000. Or ${DATE_TIME_HINT.charAt(0).toLowerCase()}${DATE_TIME_HINT.slice(1)}`,
		);
	}
	return Math.floor(value);
}

/**
 * Digits are epoch ms (unchecked); other text is read by the first format that takes it, keeping
 * the offset or zone the text names, else in `zone`. Undefined when no format takes it.
 */
function readText(text: string, zone: IANAZone): number | DateTime | undefined {
	if (NUMERIC_TEXT.test(text) && !ISO_BASIC_DATE.test(text)) return Number(text);
	for (const { accepts, parse } of TEXT_PARSERS) {
		if (!accepts.test(text)) continue;
		const parsed = parse(text, { zone, setZone: true });
		if (!parsed.isValid) continue;
		if (parsed.zone.type !== 'iana' && Math.abs(parsed.offset) > MAX_OFFSET_MINUTES) {
			return undefined;
		}
		return parsed;
	}
	return undefined;
}

function instantOfText(
	text: string,
	original: unknown,
	zone: IANAZone,
	parameter: string,
): number | TimeInputError {
	const read = readText(text, zone);
	if (read === undefined) return notADateTime(parameter, original);
	if (typeof read === 'number') return epochMillis(read, original, parameter);
	// Without an offset in the text the zone stays an IANA one: resolve the wall time ourselves
	// so a repeated fall-back time does not depend on today's offset.
	if (read.zone.type === 'iana') {
		const wallTime = read.toMillis() + Math.round(read.offset * MINUTE_MS);
		return instantOfWallTime(zoneFor(read.zone.name), wallTime);
	}
	return read.toMillis();
}

interface DateTimeLike {
	isValid?: unknown;
	toMillis?: unknown;
	toISO?: unknown;
	toISODate?: unknown;
}

// A method of a DateTime from any luxon copy: n8n's expression sandbox has its own, whose objects
// fail `instanceof DateTime`.
function callMethod(value: object, method: unknown): unknown {
	return typeof method === 'function' ? (method as () => unknown).call(value) : undefined;
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
		const instant = callMethod(value, dateTime.toMillis);
		if (typeof instant === 'number' && Number.isFinite(instant)) return instant;
		const iso = callMethod(value, dateTime.toISO);
		if (typeof iso === 'string') return instantOfText(iso, value, zone, parameter);
	}
	return notADateTime(parameter, value);
}

/**
 * Epoch ms of a user's date and time: ISO 8601 (without an offset it is local to `zone`; a bare
 * date is the start of that day), `yyyy-MM-dd HH:mm(:ss)` and SQL, RFC 2822, HTTP, epoch
 * milliseconds (number or digits, at least 1e11), a Date, or a luxon DateTime from any luxon copy
 * (what n8n expressions such as `{{ $now }}` give), in the years 2000 to 2099 (UTC).
 */
export function parseDateTime(value: unknown, zone: string, parameter: string): number {
	const ianaZone = zoneFor(zone);
	if (isEmptyInput(value)) {
		throw new TimeInputError(parameter, `${parameter} is empty. ${DATE_TIME_HINT}`);
	}
	const instant = instantOfInput(value, ianaZone, parameter);
	if (instant instanceof TimeInputError) throw instant;
	if (instant < FIRST_INSTANT || instant > LAST_INSTANT) {
		throw new TimeInputError(
			parameter,
			`${parameter}: ${quoted(value)} is out of range: a date and time must be in the years 2000 to 2099 (UTC). ${DATE_TIME_HINT}`,
		);
	}
	return instant;
}

// An instant beyond what Date holds is past every date, not a date to look up in a zone.
function dayOfInstant(instant: number, zone: IANAZone): number {
	return Math.abs(instant) > MAX_DATE_MS
		? Math.sign(instant) * Infinity
		: localDayOf(zone, instant);
}

/** The day number of the date text names as written; digits are epoch ms, dated in `zone`. */
function dayOfText(text: string, zone: IANAZone): number | undefined {
	const read = readText(text, UTC_ZONE);
	if (read === undefined) return undefined;
	if (typeof read === 'number') {
		return Number.isFinite(read) && read >= MIN_EPOCH_MS ? dayOfInstant(read, zone) : undefined;
	}
	return dayNumber(read.year, read.month - 1, read.day);
}

/**
 * The day number of the date a value names: its own date when it carries an offset or zone (ISO
 * text with one, a luxon DateTime such as `{{ $today }}`, which is midnight in the workflow's
 * zone), the date as written for text without one, and the date in `zone` of what only has an
 * instant (a Date, epoch ms). Undefined when it names none.
 */
function dayOfInput(value: unknown, zone: IANAZone): number | undefined {
	if (typeof value === 'string') return dayOfText(value.trim(), zone);
	if (typeof value === 'object' && value !== null && !isDate(value)) {
		const dateTime = value as DateTimeLike;
		if (dateTime.isValid === false) return undefined;
		const date = callMethod(value, dateTime.toISODate);
		if (typeof date === 'string') return dayOfText(date, zone);
		if (typeof dateTime.toMillis !== 'function') {
			const iso = callMethod(value, dateTime.toISO);
			return typeof iso === 'string' ? dayOfText(iso.trim(), zone) : undefined;
		}
	}
	const instant = instantOfInput(value, zone, '');
	return typeof instant === 'number' ? dayOfInstant(instant, zone) : undefined;
}

/**
 * A user's date as yyyy-MM-dd, in the years 2000 to 2099. Anything `parseDateTime` accepts is
 * also accepted: the date is taken as written in the value's own offset or zone, and only values
 * without one (a Date, epoch ms) are dated in `zone`.
 */
export function parseDate(value: unknown, zone: string, parameter: string): string {
	const ianaZone = zoneFor(zone);
	if (isEmptyInput(value))
		throw new TimeInputError(parameter, `${parameter} is empty. ${DATE_HINT}`);
	const day = dayOfInput(value, ianaZone);
	if (day === undefined) {
		throw new TimeInputError(
			parameter,
			`${parameter}: ${quoted(value)} is not a date. ${DATE_HINT}`,
		);
	}
	if (!(day >= FIRST_DAY && day <= LAST_DAY)) {
		throw new TimeInputError(
			parameter,
			`${parameter}: ${quoted(value)} is out of range: a date must be in the years 2000 to 2099. ${DATE_HINT}`,
		);
	}
	return formatDay(day);
}

// Intl resolves every alias of a zone, in any case, to one name: CLDR's, which for these zones is
// an old one that IANA has since renamed (the names of tzdata's zone.tab that CLDR spells
// otherwise; the same in Node 20 and 24). Mapping them gives the name users know, and one text
// per zone in trigger bases and items.
const CURRENT_ZONE_NAMES = new Map<string, string>([
	['Africa/Asmera', 'Africa/Asmara'],
	['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
	['America/Catamarca', 'America/Argentina/Catamarca'],
	['America/Coral_Harbour', 'America/Atikokan'],
	['America/Cordoba', 'America/Argentina/Cordoba'],
	['America/Godthab', 'America/Nuuk'],
	['America/Indianapolis', 'America/Indiana/Indianapolis'],
	['America/Jujuy', 'America/Argentina/Jujuy'],
	['America/Louisville', 'America/Kentucky/Louisville'],
	['America/Mendoza', 'America/Argentina/Mendoza'],
	['Asia/Calcutta', 'Asia/Kolkata'],
	['Asia/Katmandu', 'Asia/Kathmandu'],
	['Asia/Rangoon', 'Asia/Yangon'],
	['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
	['Atlantic/Faeroe', 'Atlantic/Faroe'],
	['Europe/Kiev', 'Europe/Kyiv'],
	['Pacific/Enderbury', 'Pacific/Kanton'],
	['Pacific/Ponape', 'Pacific/Pohnpei'],
	['Pacific/Truk', 'Pacific/Chuuk'],
]);

// Building an Intl.DateTimeFormat costs far more than a lookup; the bound keeps expressions that
// give a new text every run from growing the cache without end.
const MAX_CACHED_ZONE_NAMES = 1000;
const zoneNames = new Map<string, string | null>();

function canonicalZoneName(text: string): string | undefined {
	let name = zoneNames.get(text);
	if (name === undefined) {
		name = null;
		// Node 24's Intl takes "+02:00" as a zone, which ignores daylight saving time.
		if (text !== '' && !FIXED_OFFSET.test(text)) {
			try {
				const resolved = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions()
					.timeZone;
				const current = CURRENT_ZONE_NAMES.get(resolved) ?? resolved;
				if (IANAZone.isValidZone(current)) name = current;
			} catch {
				// Intl throws a RangeError for a name it does not know: not a time zone.
			}
		}
		if (zoneNames.size >= MAX_CACHED_ZONE_NAMES) zoneNames.clear();
		zoneNames.set(text, name);
	}
	return name ?? undefined;
}

/**
 * The IANA time zone to use: the parameter when it is set, else the workflow's time zone, spelled
 * as IANA names it today whatever alias or case was given ("asia/calcutta" is Asia/Kolkata,
 * US/Eastern is America/New_York, GMT and Etc/UTC are UTC). Fixed offsets such as "+02:00" are
 * refused because they ignore daylight saving time; use Etc/GMT-2.
 */
export function resolveTimeZone(
	value: unknown,
	workflowTimeZone: string,
	parameter: string,
): string {
	if (isEmptyInput(value)) {
		const name =
			typeof workflowTimeZone === 'string' ? canonicalZoneName(workflowTimeZone.trim()) : undefined;
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
	const name = typeof value === 'string' ? canonicalZoneName(value.trim()) : undefined;
	if (name === undefined) {
		throw new TimeInputError(
			parameter,
			`${parameter}: ${quoted(value)} is not a time zone. ${TIME_ZONE_HINT}`,
		);
	}
	return name;
}
