// How the calendar parts of Indivd's rows are read. Indivd documents that a row carries "the date
// or time fields matching your aggregate_by selection" but not how it numbers weeks and weekdays.
// MongoDB's numbering ($week 0-53, week 1 from the year's first Sunday; $dayOfWeek 1 = Sunday to
// 7 = Saturday) is the reading by default. An answer with week 0 numbers weeks from 0; one with a
// week past the year's last $week numbers them from 1, the week holding 1 January being week 1.
// An answer with weekday 0 numbers weekdays from 0 (0 = Sunday); one with 7 from 1. Rows are
// renumbered to MongoDB's, so items and keys do not depend on the numbering.

import type { LeftOutRows } from '../../shared/warnings';
import type { DateRange, Granularity } from '../../shared/time';
import { dayNumber } from '../../shared/time';
import type { SchemaMismatch } from '../../shared/validation';
import type { CalendarParts } from './localUnits';
import { mongoWeeksOf } from './mongoWeek';
import { granularityOf } from './ranges';

export interface RowParts extends CalendarParts {
	dayofweek?: number;
}

type PartName = 'year' | 'month' | 'week' | 'dayofmonth' | 'dayofweek' | 'hour' | 'minute';

const partsOfUnit: Record<Granularity, PartName[]> = {
	minute: ['month', 'dayofmonth', 'hour', 'minute'],
	quarterHour: ['month', 'dayofmonth', 'hour', 'minute'],
	hour: ['month', 'dayofmonth', 'hour'],
	day: ['month', 'dayofmonth'],
	week: ['week'],
	month: ['month'],
	year: [],
	total: [],
};

/** What placing a row of one period takes. */
export interface Placement {
	/** The parts a row must have; without one of them it has no bucket. */
	needs: PartName[];
	/**
	 * The year of a row of a time line that gives none: the period's, when the period lies within
	 * one year. Requests are split at New Year (ranges.ts), so each request's rows have one.
	 */
	year?: number;
}

export function placementFor(groupings: readonly string[], period: DateRange): Placement {
	const granularity = granularityOf(groupings);
	const year = Number(period.startDate.slice(0, 4));
	const oneYear = year === Number(period.endDate.slice(0, 4));
	const needs = [...partsOfUnit[granularity]];
	if (granularity !== 'total' && !oneYear) needs.unshift('year');
	if (groupings.includes('dayofweek')) needs.push('dayofweek');
	return { needs, year: oneYear && granularity !== 'total' ? year : undefined };
}

/** The first part a row lacks to be placed, if any (drop-in rows name the day `day`). */
export function lackedPart(parts: RowParts, placement: Placement): PartName | undefined {
	for (const name of placement.needs) {
		const part = name === 'dayofmonth' ? (parts.dayofmonth ?? parts.day) : parts[name];
		if (part === undefined) return name;
	}
	return undefined;
}

/** The rows of one period of an answer and how to reach their parts. */
export interface RowGroup<T> {
	rows: T[];
	placement: Placement;
	parts(row: T): RowParts;
	withParts(row: T, parts: RowParts): T;
	/** Where the parts of row `index` are, e.g. `current.insights[3].aggregation`. */
	path(index: number): string;
}

interface Numbering {
	weeksFromOne: boolean;
	weekdaysFromZero: boolean;
}

/** The first row with a telling number; `seen` orders sightings as the rows come. */
interface Sighting {
	path: string;
	value: number;
	seen: number;
}

const needsPart = <T>(groups: RowGroup<T>[], name: PartName) =>
	groups.some((group) => group.placement.needs.includes(name));

/** Calls `visit` with the parts of every row that can be placed. */
function eachPlaced<T>(
	groups: RowGroup<T>[],
	visit: (parts: RowParts, group: RowGroup<T>, index: number) => SchemaMismatch | undefined,
): SchemaMismatch | undefined {
	for (const group of groups) {
		for (let index = 0; index < group.rows.length; index++) {
			const parts = group.parts(group.rows[index]);
			if (lackedPart(parts, group.placement) !== undefined) continue;
			const mismatch = visit(parts, group, index);
			if (mismatch) return mismatch;
		}
	}
	return undefined;
}

function contradiction(first: Sighting, second: Sighting, name: string, readings: string) {
	const [earlier, later] = first.seen < second.seen ? [first, second] : [second, first];
	return {
		path: `${later.path}.${name}`,
		problem: `Expected ${name} numbered ${readings}, not both: this answer has ${earlier.value} (${earlier.path}) and ${later.value}`,
	};
}

/** The numbering of the answer's weeks and weekdays, from all its rows (see the top of the file). */
function numberingOf<T>(groups: RowGroup<T>[]): Numbering | SchemaMismatch {
	const byWeek = needsPart(groups, 'week');
	const byWeekday = needsPart(groups, 'dayofweek');
	if (!byWeek && !byWeekday) return { weeksFromOne: false, weekdaysFromZero: false };
	let weekZero: Sighting | undefined;
	let weekPastLast: Sighting | undefined;
	let weekdayZero: Sighting | undefined;
	let weekdaySeven: Sighting | undefined;
	let seen = 0;
	eachPlaced(groups, (parts, group, index) => {
		const { week, dayofweek } = parts;
		const year = parts.year ?? group.placement.year;
		const sighting = (value: number) => ({ path: group.path(index), value, seen: seen++ });
		if (byWeek && week !== undefined && year !== undefined) {
			if (week === 0) weekZero ??= sighting(week);
			if (week > mongoWeeksOf(year).last) weekPastLast ??= sighting(week);
		}
		if (byWeekday && dayofweek === 0) weekdayZero ??= sighting(0);
		if (byWeekday && dayofweek === 7) weekdaySeven ??= sighting(7);
		return undefined;
	});
	if (weekZero && weekPastLast)
		return contradiction(weekZero, weekPastLast, 'week', 'from 0 (MongoDB $week) or from 1');
	if (weekdayZero && weekdaySeven)
		return contradiction(weekdayZero, weekdaySeven, 'dayofweek', '1 to 7 (MongoDB) or 0 to 6');
	return { weeksFromOne: weekPastLast !== undefined, weekdaysFromZero: weekdayZero !== undefined };
}

/** The parts a row is placed by, on MongoDB's numbering and checked against the calendar. */
function mongoParts(
	parts: RowParts,
	placement: Placement,
	numbering: Numbering,
): { parts: RowParts } | { part: string; problem: string } {
	let read = parts;
	if (numbering.weekdaysFromZero && parts.dayofweek !== undefined)
		read = { ...read, dayofweek: parts.dayofweek + 1 };
	const year = parts.year ?? placement.year;
	if (year === undefined) return { parts: read };
	// The year the request told goes into the row, so that the rows of requests from both sides
	// of New Year are placed in their own year when put together.
	if (parts.year === undefined) read = { ...read, year };
	const day = placement.needs.includes('dayofmonth') ? (parts.dayofmonth ?? parts.day) : undefined;
	if (day !== undefined && day > 28 && parts.month !== undefined) {
		const days = dayNumber(year, parts.month, 1) - dayNumber(year, parts.month - 1, 1);
		if (day > days)
			return {
				part: parts.dayofmonth === undefined ? 'day' : 'dayofmonth',
				problem: `Expected a day of ${year}-${String(parts.month).padStart(2, '0')} from 1 to ${days}`,
			};
	}
	if (parts.week === undefined || !placement.needs.includes('week')) return { parts: read };
	const { first, last } = mongoWeeksOf(year);
	const week = numbering.weeksFromOne ? parts.week - 1 + first : parts.week;
	if (week < first || week > last) {
		const shift = numbering.weeksFromOne ? 1 - first : 0;
		return {
			part: 'week',
			problem: `Expected a week of ${year} from ${first + shift} to ${last + shift}`,
		};
	}
	return { parts: week === parts.week ? read : { ...read, week } };
}

/**
 * An answer's rows, read the package's way: the rows themselves, copies where the answer numbers
 * weeks or weekdays otherwise than MongoDB, or the first row whose parts cannot be a date. Rows
 * that cannot be placed are passed on untouched (see `placeable`).
 */
export function readRows<T>(groups: RowGroup<T>[]): T[][] | SchemaMismatch {
	const numbering = numberingOf(groups);
	if ('path' in numbering) return numbering;
	const read = groups.map((group) => group.rows);
	const mismatch = eachPlaced(groups, (parts, group, index) => {
		const result = mongoParts(parts, group.placement, numbering);
		if ('problem' in result)
			return { path: `${group.path(index)}.${result.part}`, problem: result.problem };
		if (result.parts === parts) return undefined;
		const at = groups.indexOf(group);
		if (read[at] === group.rows) read[at] = group.rows.slice();
		read[at][index] = group.withParts(group.rows[index], result.parts);
		return undefined;
	});
	return mismatch ?? read;
}

/**
 * The rows that `lacks` nothing; the others are counted in `leftOut` by what they lack and added
 * to `unplaced`, whose buckets are then unknown rather than empty (metrics/zeroRows.ts).
 */
export function placeable<T>(
	rows: T[],
	lacks: (row: T) => string | undefined,
	leftOut: LeftOutRows,
	unplaced: T[],
): T[] {
	let kept: T[] | undefined;
	for (let index = 0; index < rows.length; index++) {
		const reason = lacks(rows[index]);
		if (reason === undefined) {
			kept?.push(rows[index]);
			continue;
		}
		kept ??= rows.slice(0, index);
		leftOut.add(reason);
		unplaced.push(rows[index]);
	}
	return kept ?? rows;
}

/**
 * What is known of a row that could not be placed: the parts it has and its zone, if it names
 * one. Any bucket these fit may hold its data.
 */
export interface Unplaced {
	parts: RowParts;
	zoneId?: number;
	period: 'current' | 'comparison';
}
