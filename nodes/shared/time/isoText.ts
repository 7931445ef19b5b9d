// The ISO texts of bucket fields and keys. A year of minute buckets is half a million items, so
// each text is shared wherever it can be rather than built per bucket: these caches were
// measured by the benchmarks (bench/), keep them when changing the formats.

import { DAY_MS, MINUTE_MS, mod } from './calendar';

const offsetTexts = new Map<number, string>();

/** `+hh:mm` or `-hh:mm` of an offset in ms. */
export function formatOffset(offsetMs: number): string {
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

/** `yyyy-MM-ddTHH:mm:ss.SSS` of a wall-clock time, in ms since 1970-01-01T00:00 local. */
export function localIso(wallClock: number): string {
	return localWholeMinuteIso(wallClock) ?? new Date(wallClock).toISOString().slice(0, 23);
}

// The two instants formatted last, newest first.
let newestInstant = Number.NaN;
let newestText = '';
let olderInstant = Number.NaN;
let olderText = '';

/**
 * `toISOString()` of an instant. Consecutive buckets share an edge (one's end is the next one's
 * start, also in its key), so the last two instants formatted are kept: a series of buckets
 * formats each edge once and shares the text, whichever order a bucket's start, end and key ask.
 */
export function utcIso(instant: number): string {
	if (instant === newestInstant) return newestText;
	const text =
		instant === olderInstant
			? olderText
			: (utcWholeMinuteIso(instant) ?? new Date(instant).toISOString());
	olderInstant = newestInstant;
	olderText = newestText;
	newestInstant = instant;
	newestText = text;
	return text;
}
