import { DateTime } from 'luxon';

import type { UnitGranularity } from '../../nodes/Indivd/helpers/localUnits';
import { zoneDataGrid } from '../../nodes/Indivd/helpers/zoneDataGrid';

const HOUR = 3_600_000;

// strftime %U (MongoDB $week), from luxon's ordinal day and weekday.
const mongoWeek = (local: DateTime) =>
	Math.floor((local.ordinal - 1 + 7 - (local.weekday % 7)) / 7);

/** The local unit Indivd files a record under: the date parts of the record's local start. */
function unitKey(local: DateTime, granularity: UnitGranularity): string {
	const { year, month, day, hour, minute } = local;
	switch (granularity) {
		case 'minute':
			return `${year}-${month}-${day} ${hour}:${minute}`;
		case 'hour':
			return `${year}-${month}-${day} ${hour}`;
		case 'day':
			return `${year}-${month}-${day}`;
		case 'week':
			return `${year} week ${mongoWeek(local)}`;
		case 'month':
			return `${year}-${month}`;
		case 'year':
			return String(year);
	}
}

const granularities = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;

/** Buckets as Indivd's rows hold them: runs of hourly records that share a local unit. */
function recordRuns(zone: string, from: number, to: number) {
	const runs = new Map<UnitGranularity, Array<{ key: string; start: number; end: number }>>(
		granularities.map((granularity) => [granularity, []]),
	);
	for (let record = from; record < to; record += HOUR) {
		const local = DateTime.fromMillis(record, { zone });
		for (const granularity of granularities) {
			const key = unitKey(local, granularity);
			const list = runs.get(granularity) ?? [];
			const last = list[list.length - 1];
			if (last?.key === key) last.end = record + HOUR;
			else list.push({ key, start: record, end: record + HOUR });
		}
	}
	return runs;
}

const iso = (instant: number) => new Date(instant).toISOString();

describe('the zone-data grid', () => {
	it.each([
		['Asia/Kolkata', 2026],
		['Asia/Kathmandu', 2026],
		['America/New_York', 2026],
		['Europe/Stockholm', 2026],
		['America/St_Johns', 2026],
		['Australia/Adelaide', 2026],
		['Australia/Lord_Howe', 2026],
		['Pacific/Chatham', 2026],
		['UTC', 2026],
		['Pacific/Apia', 2011],
	])(
		'in %s (%s) cuts every granularity exactly where the records of one local unit end',
		(zone, year) => {
			const runsOf = recordRuns(zone, Date.UTC(year - 1, 11, 20), Date.UTC(year + 1, 0, 10));
			for (const granularity of granularities) {
				const runs = runsOf.get(granularity) ?? [];
				const grid = zoneDataGrid(granularity, zone);
				// The first and last runs may be cut by the span looked at, so only whole ones count.
				const whole = runs.slice(1, -1);
				const walked: string[] = [];
				let start = grid.startOf(whole[0].start);
				while (start < whole[whole.length - 1].end) {
					const end = grid.endOf(start);
					walked.push(`${iso(start)}/${iso(end)}`);
					start = end;
				}
				expect(walked).toEqual(whole.map((run) => `${iso(run.start)}/${iso(run.end)}`));
				const misplaced = whole.filter((run) =>
					[run.start, run.start + 1_800_000, run.end - 1].some(
						(instant) => grid.startOf(instant) !== run.start,
					),
				);
				expect(misplaced).toEqual([]);
			}
		},
	);

	it('makes the fall-back night’s repeated hour in America/New_York one bucket of both records', () => {
		const grid = zoneDataGrid('hour', 'America/New_York');
		const start = grid.startOf(Date.parse('2026-11-01T06:30:00Z'));
		expect([iso(start), iso(grid.endOf(start))]).toEqual([
			'2026-11-01T05:00:00.000Z',
			'2026-11-01T07:00:00.000Z',
		]);
	});

	it('has no bucket for the hour a spring-forward night skips, and no gap', () => {
		const grid = zoneDataGrid('hour', 'America/New_York');
		const oneAm = grid.startOf(Date.parse('2026-03-08T06:30:00Z'));
		expect([iso(oneAm), iso(grid.endOf(oneAm)), iso(grid.endOf(grid.endOf(oneAm)))]).toEqual([
			'2026-03-08T06:00:00.000Z',
			'2026-03-08T07:00:00.000Z',
			'2026-03-08T08:00:00.000Z',
		]);
	});

	it('puts an Asia/Kolkata hour and day on the records they hold, not on the local clock', () => {
		const hour = zoneDataGrid('hour', 'Asia/Kolkata');
		expect(iso(hour.startOf(Date.parse('2026-11-19T09:45:00Z')))).toBe('2026-11-19T09:00:00.000Z');
		expect(iso(hour.endOf(Date.parse('2026-11-19T09:00:00Z')))).toBe('2026-11-19T10:00:00.000Z');
		const day = zoneDataGrid('day', 'Asia/Kolkata');
		const start = day.startOf(Date.parse('2026-11-19T12:00:00Z'));
		expect([iso(start), iso(day.endOf(start))]).toEqual([
			'2026-11-18T19:00:00.000Z',
			'2026-11-19T19:00:00.000Z',
		]);
	});
});
