// How Indivd's zone data (zone visitors, drop-in rate) sits in time. Indivd keeps it as hourly
// records that start on the UTC hour and, for a `tz`, groups the records by the local date parts
// of each record's start (our reading: the documentation says zone data is hourly and offers
// `tz`; see simulator/README.md). So a row holds exactly the records that start in one local
// unit: in Asia/Kolkata (+05:30) the row `hour: 14` is the record 09:00-10:00Z, and on the
// fall-back night in America/New_York the one row `hour: 1` holds the records 05:00Z and 06:00Z.
// A bucket is therefore those records, from the first that starts in the unit to the first that
// starts in a later one: it closes when its last record does, and a bucket never claims a time
// its numbers do not cover (docs/contract.md §6.1).

import { IANAZone } from 'luxon';

import type { Grid } from '../../shared/time';
import type { UnitGranularity } from './localUnits';
import { nextUnitStart, unitStartOf } from './localUnits';

const HOUR_MS = 3_600_000;

// luxon asks Intl for every offset, about 10 µs each, which a year of hourly rows would feel;
// records start on whole UTC hours, so each record start is looked up once.
const MAX_CACHED_RECORDS = 200_000;
const offsetsByZone = new Map<string, Map<number, number>>();

/** Local wall time (see localUnits.ts) of the start of the record starting at `record`. */
function wallOfRecord(record: number, zone: string): number {
	let offsets = offsetsByZone.get(zone);
	if (offsets === undefined) {
		if (!IANAZone.isValidZone(zone)) throw new Error(`Unknown time zone "${zone}"`);
		offsets = new Map();
		offsetsByZone.set(zone, offsets);
	}
	let offset = offsets.get(record);
	if (offset === undefined) {
		offset = IANAZone.create(zone).offset(record) * 60_000;
		if (offsets.size >= MAX_CACHED_RECORDS) offsets.clear();
		offsets.set(record, offset);
	}
	return record + offset;
}

/**
 * Start of the first record that starts at or after the local wall time `wall`: where the data of
 * a unit starting at `wall` begins, i.e. the unit's earliest instant rounded up to the hour. The
 * guess from the offset near `wall` is right but where the clock jumps close by; the two steps
 * settle it from the records' own local starts, which never run backwards from one record to the
 * next, so the answer does not depend on the guess.
 */
export function firstRecordFrom(wall: number, zone: string): number {
	const near = Math.floor(wall / HOUR_MS) * HOUR_MS;
	const offset = wallOfRecord(near, zone) - near;
	let record = Math.ceil((wall - offset) / HOUR_MS) * HOUR_MS;
	while (wallOfRecord(record - HOUR_MS, zone) >= wall) record -= HOUR_MS;
	while (wallOfRecord(record, zone) < wall) record += HOUR_MS;
	return record;
}

/**
 * Buckets of zone data: one per local unit that holds records, each the span of its records. A
 * repeated local hour is one two-hour bucket, a skipped one is no bucket, and in a zone whose
 * offset is not whole hours each bucket is shifted to the records it holds.
 */
export function zoneDataGrid(granularity: UnitGranularity, zone: string): Grid {
	const unitOf = (instant: number) =>
		unitStartOf(wallOfRecord(Math.floor(instant / HOUR_MS) * HOUR_MS, zone), granularity);
	return {
		startOf: (instant) => firstRecordFrom(unitOf(instant), zone),
		endOf: (start) => firstRecordFrom(nextUnitStart(unitOf(start), granularity), zone),
	};
}
