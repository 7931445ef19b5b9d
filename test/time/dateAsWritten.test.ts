import type * as Luxon from 'luxon';
import { DateTime } from 'luxon';

import { parseDate, parseDateTime } from '../../nodes/shared/time';
import { NOW, run, useSimulator } from '../badInput/helpers';
import { utc } from './helpers';

// Issue "Exact buckets in every time zone", promise 6: a date given as a date-time means the date
// as written, in the value's own offset or zone; only what has no zone of its own (a Date, epoch
// ms) is dated in the zone the request buckets in.

const BERLIN = 'Europe/Berlin';
const PARAMETER = 'Start Date';

/** The luxon of n8n's expression sandbox: another copy, whose DateTimes fail `instanceof`. */
function sandboxLuxon(): typeof Luxon {
	let copy: typeof Luxon | undefined;
	jest.isolateModules(() => {
		copy = jest.requireActual<typeof Luxon>('luxon');
	});
	if (copy === undefined || copy.DateTime === DateTime) throw new Error('no second luxon copy');
	return copy;
}

/** What `{{ $today }}` gives in a workflow whose time zone is `zone`, on the day of `date`. */
function today(date: string, zone: string, luxon: typeof Luxon = { DateTime } as typeof Luxon) {
	return luxon.DateTime.fromISO(date, { zone }).startOf('day');
}

describe('a luxon DateTime gives its own calendar date', () => {
	test('$today.minus(7, "days") in a Berlin workflow, read for UTC buckets, is that Berlin date', () => {
		const startDate = today('2026-11-21', BERLIN).minus({ days: 7 });
		expect(parseDate(startDate, 'UTC', PARAMETER)).toBe('2026-11-14');
	});

	test('$today in a Berlin workflow is today, not yesterday, for UTC buckets', () => {
		expect(parseDate(today('2026-11-21', BERLIN), 'UTC', 'End Date')).toBe('2026-11-21');
	});

	test('a DateTime of the expression sandbox (another luxon copy) gives its own date too', () => {
		const sandboxToday = today('2026-11-21', BERLIN, sandboxLuxon());
		expect(sandboxToday instanceof DateTime).toBe(false);
		expect(parseDate(sandboxToday, 'UTC', PARAMETER)).toBe('2026-11-21');
	});

	test('a DateTime east of the date line keeps its date in a zone west of it', () => {
		const kiritimati = today('2026-11-21', 'Pacific/Kiritimati');
		expect(parseDate(kiritimati, 'Pacific/Pago_Pago', PARAMETER)).toBe('2026-11-21');
		const pagoPago = DateTime.fromISO('2026-11-21T23:59:59', { zone: 'Pacific/Pago_Pago' });
		expect(parseDate(pagoPago, 'Pacific/Kiritimati', PARAMETER)).toBe('2026-11-21');
	});

	test('a DateTime in a fixed offset gives the date on its own clock', () => {
		const late = DateTime.fromISO('2026-11-21T23:30:00-08:00', { setZone: true });
		expect(parseDate(late, BERLIN, PARAMETER)).toBe('2026-11-21');
	});
});

describe('text gives the date as written', () => {
	test.each([
		['midnight with a +01:00 offset', '2026-11-21T00:00:00+01:00', 'UTC', '2026-11-21'],
		[
			'00:30 at +14:00, across the date line from UTC',
			'2026-11-21T00:30:00+14:00',
			'UTC',
			'2026-11-21',
		],
		[
			'23:30 at -11:00, across the date line from +14:00',
			'2026-11-21T23:30:00-11:00',
			'Pacific/Kiritimati',
			'2026-11-21',
		],
		['a late UTC time, read for Berlin', '2026-11-21T23:30:00Z', BERLIN, '2026-11-21'],
		['an early UTC time, read for Kolkata', '2026-11-21T19:00:00Z', 'Asia/Kolkata', '2026-11-21'],
		['a time without an offset', '2026-11-21T23:30:00', 'Pacific/Kiritimati', '2026-11-21'],
		['a wall time that Berlin skips', '2026-03-29T02:30:00', BERLIN, '2026-03-29'],
		['a day that Apia skipped', '2011-12-30T12:00:00', 'Pacific/Apia', '2011-12-30'],
		['SQL with a zone name', '2026-11-21 23:30:00 America/New_York', BERLIN, '2026-11-21'],
		['RFC 2822 with an offset', 'Sat, 21 Nov 2026 23:30:00 -0800', BERLIN, '2026-11-21'],
	])('%s', (_case, text, zone, expected) => {
		expect(parseDate(text, zone, PARAMETER)).toBe(expected);
	});

	test('an object that only offers toISO gives the date of that text', () => {
		expect(parseDate({ toISO: () => '2026-11-21T00:30:00+14:00' }, 'UTC', PARAMETER)).toBe(
			'2026-11-21',
		);
	});
});

describe('what has no zone of its own is dated in the zone of the request', () => {
	test.each([
		['a JavaScript Date', new Date('2026-11-21T23:30:00Z'), BERLIN, '2026-11-22'],
		['the same Date, for UTC buckets', new Date('2026-11-21T23:30:00Z'), 'UTC', '2026-11-21'],
		['epoch milliseconds', utc('2026-11-21T23:30:00Z'), BERLIN, '2026-11-22'],
		['epoch milliseconds as text', String(utc('2026-11-21T23:30:00Z')), BERLIN, '2026-11-22'],
		[
			'an object that only offers toMillis',
			{ isValid: true, toMillis: () => utc('2026-11-21T23:30:00Z') },
			BERLIN,
			'2026-11-22',
		],
	])('%s', (_case, value, zone, expected) => {
		expect(parseDate(value, zone, PARAMETER)).toBe(expected);
	});
});

describe('parseDateTime still reads instants', () => {
	test('a Berlin midnight DateTime is that instant, whatever the zone', () => {
		const midnight = today('2026-11-21', BERLIN);
		expect(parseDateTime(midnight, 'UTC', 'Start Time')).toBe(utc('2026-11-20T23:00:00Z'));
		expect(parseDateTime(midnight, 'Pacific/Kiritimati', 'Start Time')).toBe(
			utc('2026-11-20T23:00:00Z'),
		);
	});

	test('text with an offset is its instant', () => {
		expect(parseDateTime('2026-11-21T00:30:00+14:00', 'UTC', 'Start Time')).toBe(
			utc('2026-11-20T10:30:00Z'),
		);
	});

	test('text without an offset is read on the clock of the zone', () => {
		expect(parseDateTime('2026-11-21T00:30:00', 'Pacific/Kiritimati', 'Start Time')).toBe(
			utc('2026-11-20T10:30:00Z'),
		);
	});
});

describe('the Indivd node asks for the dates the expressions name', () => {
	const sim = useSimulator();
	// The simulator's clock: Monday 2026-03-30, 16:07 in Berlin.
	const berlinToday = DateTime.fromMillis(NOW, { zone: BERLIN }).startOf('day');
	const dates = {
		startDate: berlinToday.minus({ days: 7 }),
		endDate: berlinToday,
		comparisonStartDate: berlinToday.minus({ days: 14 }),
		comparisonEndDate: berlinToday.minus({ days: 8 }),
	};

	function requestedDates(): Record<string, string[]> {
		const requested: Record<string, string[]> = {};
		for (const { path, query } of sim.sim.log.entries()) {
			if (!path.includes('/insights/')) continue;
			for (const [name, value] of Object.entries(query)) {
				if (name.endsWith('_date')) (requested[name] ??= []).push(String(value));
			}
		}
		return requested;
	}

	test('line crosses, counted in UTC: $today.minus(7, "days") to $today in a Berlin workflow ask for 2026-03-23 to 2026-03-30', async () => {
		await run(
			sim,
			'indivd',
			{ resource: 'lineCrosses', operation: 'get', ...dates },
			{ timezone: BERLIN },
		);
		expect(requestedDates()).toEqual({ start_date: ['2026-03-23'], end_date: ['2026-03-30'] });
	});

	test.each([
		['zone visitors', 'zoneVisitors'],
		['drop-in rate', 'dropInRate'],
	])(
		'%s in UTC: the same expressions ask for 2026-03-23 to 2026-03-30, compared with 2026-03-16 to 2026-03-22',
		async (_case, resource) => {
			await run(
				sim,
				'indivd',
				{ resource, operation: 'get', timeZone: 'UTC', ...dates },
				{ timezone: BERLIN },
			);
			expect(requestedDates()).toEqual({
				start_date: ['2026-03-23'],
				end_date: ['2026-03-30'],
				comparison_start_date: ['2026-03-16'],
				comparison_end_date: ['2026-03-22'],
			});
		},
	);
});
