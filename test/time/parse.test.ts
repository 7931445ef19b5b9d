import { DateTime, Settings } from 'luxon';

import { TimeInputError, parseDate, parseDateTime, resolveTimeZone } from '../../nodes/shared/time';
import { isoUtc, utc } from './helpers';

const BERLIN = 'Europe/Berlin';
const PARAMETER = 'Start Time';

function thrownBy(call: () => unknown): TimeInputError {
	let thrown: unknown;
	try {
		call();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(TimeInputError);
	return thrown as TimeInputError;
}

function withLuxonClock<T>(iso: string, call: () => T): T {
	const realNow = Settings.now;
	const frozen = utc(iso);
	Settings.now = () => frozen;
	try {
		return call();
	} finally {
		Settings.now = realNow;
	}
}

describe('TimeInputError', () => {
	test('is an Error that carries the parameter display name', () => {
		const error = new TimeInputError('Start Time', 'Start Time: "x" is not a date and time');
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('TimeInputError');
		expect(error.parameter).toBe('Start Time');
		expect(error.message).toBe('Start Time: "x" is not a date and time');
	});
});

describe('parseDateTime', () => {
	const accepted: Array<[string, unknown, string]> = [
		['ISO without offset, local to the zone', '2026-11-21T09:00:00', '2026-11-21T08:00:00.000Z'],
		['ISO without seconds', '2026-11-21T09:00', '2026-11-21T08:00:00.000Z'],
		['ISO in UTC', '2026-11-21T09:00:00Z', '2026-11-21T09:00:00.000Z'],
		['ISO with an offset', '2026-11-21T09:00:00+05:30', '2026-11-21T03:30:00.000Z'],
		['ISO with milliseconds', '2026-11-21T09:00:00.123-08:00', '2026-11-21T17:00:00.123Z'],
		['ISO with surrounding spaces', '  2026-11-21T09:00:00Z ', '2026-11-21T09:00:00.000Z'],
		['a bare date, as the start of that day in the zone', '2026-11-21', '2026-11-20T23:00:00.000Z'],
		['an ISO basic date', '20261121', '2026-11-20T23:00:00.000Z'],
		['an ISO week date', '2026-W47-6', '2026-11-20T23:00:00.000Z'],
		['yyyy-MM-dd HH:mm', '2026-11-21 09:00', '2026-11-21T08:00:00.000Z'],
		['yyyy-MM-dd HH:mm:ss', '2026-11-21 09:00:30', '2026-11-21T08:00:30.000Z'],
		['SQL with milliseconds', '2026-11-21 09:00:00.250', '2026-11-21T08:00:00.250Z'],
		['SQL with an offset', '2026-11-21 09:00:00 +02:00', '2026-11-21T07:00:00.000Z'],
		['SQL with a zone name', '2026-11-21 09:00:00 America/New_York', '2026-11-21T14:00:00.000Z'],
		['RFC 2822', 'Sat, 21 Nov 2026 09:00:00 +0100', '2026-11-21T08:00:00.000Z'],
		['RFC 2822 in GMT', 'Sat, 21 Nov 2026 09:00:00 GMT', '2026-11-21T09:00:00.000Z'],
		['HTTP RFC 850', 'Saturday, 21-Nov-26 09:00:00 GMT', '2026-11-21T09:00:00.000Z'],
		['HTTP asctime', 'Sat Nov 21 09:00:00 2026', '2026-11-21T09:00:00.000Z'],
		['epoch milliseconds', 1795251600000, '2026-11-21T09:00:00.000Z'],
		['epoch milliseconds as text', '1795251600000', '2026-11-21T09:00:00.000Z'],
		['epoch milliseconds of the first instant of 2000', 946684800000, '2000-01-01T00:00:00.000Z'],
		['a JavaScript Date', new Date('2026-11-21T09:00:00Z'), '2026-11-21T09:00:00.000Z'],
		[
			'a luxon DateTime such as {{ $now }}',
			DateTime.fromISO('2026-11-21T09:00:00', { zone: 'America/New_York' }),
			'2026-11-21T14:00:00.000Z',
		],
		[
			'a DateTime from another luxon copy (toMillis)',
			{ isValid: true, toMillis: () => 1795251600000 },
			'2026-11-21T09:00:00.000Z',
		],
		[
			'a date object that only offers toISO',
			{ toISO: () => '2026-11-21T10:00:00+01:00' },
			'2026-11-21T09:00:00.000Z',
		],
	];

	test.each(accepted)('accepts %s', (_form, value, expected) => {
		expect(isoUtc(parseDateTime(value, BERLIN, PARAMETER))).toBe(expected);
	});

	test.each([
		['Asia/Kolkata', '2026-11-21T03:30:00.000Z'],
		['Australia/Lord_Howe', '2026-11-20T22:00:00.000Z'],
		['America/Los_Angeles', '2026-11-21T17:00:00.000Z'],
		['UTC', '2026-11-21T09:00:00.000Z'],
	])('reads a time without offset on the clock of %s', (zone, expected) => {
		expect(isoUtc(parseDateTime('2026-11-21T09:00:00', zone, PARAMETER))).toBe(expected);
	});

	test.each(['2026-01-15T00:00:00Z', '2026-07-15T00:00:00Z'])(
		'a repeated fall-back wall time is the earlier instant whatever today is (today = %s)',
		(today) => {
			withLuxonClock(today, () => {
				expect(isoUtc(parseDateTime('2026-10-25T02:30:00', BERLIN, PARAMETER))).toBe(
					'2026-10-25T00:30:00.000Z',
				);
				expect(isoUtc(parseDateTime('2026-11-01 01:30', 'America/Los_Angeles', PARAMETER))).toBe(
					'2026-11-01T08:30:00.000Z',
				);
			});
		},
	);

	test('a wall time skipped by spring-forward moves forward by the gap', () => {
		expect(isoUtc(parseDateTime('2026-03-29T02:30:00', BERLIN, PARAMETER))).toBe(
			'2026-03-29T01:30:00.000Z',
		);
	});

	test('an explicit offset wins over the zone, even in the repeated hour', () => {
		expect(isoUtc(parseDateTime('2026-10-25T02:30:00+01:00', BERLIN, PARAMETER))).toBe(
			'2026-10-25T01:30:00.000Z',
		);
	});

	test('names the parameter and quotes the value in the documented message', () => {
		expect(thrownBy(() => parseDateTime('2026-13-01', BERLIN, PARAMETER)).message).toBe(
			`Start Time: "2026-13-01" is not a date and time. Use ISO 8601 such as 2026-11-21T09:00:00 or an expression like {{ $now.minus(1, 'day') }}`,
		);
	});

	const rejected: Array<[string, unknown, string]> = [
		['a month 13', '2026-13-01', '"2026-13-01"'],
		['February 30', '2026-02-30', '"2026-02-30"'],
		['hour 25', '2026-11-21T25:00', '"2026-11-21T25:00"'],
		['an offset beyond 18 hours', '2026-11-21T09:00:00+25:00', '"2026-11-21T09:00:00+25:00"'],
		['a word', 'tomorrow', '"tomorrow"'],
		['"now" as text', 'now', '"now"'],
		['a time without a date', '09:00', '"09:00"'],
		['a day-first date', '21/11/2026', '"21/11/2026"'],
		[
			'an RFC 2822 date with day 32',
			'Sat, 32 Nov 2026 09:00:00 GMT',
			'"Sat, 32 Nov 2026 09:00:00 GMT"',
		],
		['a bare offset', '+02:00', '"+02:00"'],
		['epoch seconds as text', '1795251600', '"1795251600"'],
		['epoch seconds as a number', 1795251600, '"1795251600"'],
		['zero', 0, '"0"'],
		['a negative number', -5, '"-5"'],
		['NaN', NaN, '"NaN"'],
		['Infinity', Infinity, '"Infinity"'],
		['a number beyond the date range', 9e15, '"9000000000000000"'],
		['a boolean', true, '"true"'],
		['an empty object', {}, '"{}"'],
		['an array', ['2026-11-21'], '["2026-11-21"]'],
		['an invalid Date', new Date('not a date'), '"Invalid Date"'],
		['an invalid luxon DateTime', DateTime.invalid('unparsable'), ''],
		['a DateTime-like object whose toMillis gives NaN', { toMillis: () => NaN }, ''],
	];

	test.each(rejected)('rejects %s, naming the parameter', (_case, value, shown) => {
		const error = thrownBy(() => parseDateTime(value, BERLIN, PARAMETER));
		expect(error.parameter).toBe(PARAMETER);
		expect(error.message.startsWith(`${PARAMETER}: `)).toBe(true);
		expect(error.message).toContain(shown);
		expect(error.message).toContain('ISO 8601');
	});

	test.each([
		['epoch seconds as text', '1795251600'],
		['epoch seconds as a number', 1795251600],
	])('explains that %s must be milliseconds', (_case, value) => {
		expect(thrownBy(() => parseDateTime(value, BERLIN, PARAMETER)).message).toContain(
			'epoch milliseconds, at least 100000000000',
		);
	});

	test.each([
		['an empty string', ''],
		['spaces', '   '],
		['null', null],
		['undefined', undefined],
	])('says the parameter is empty for %s', (_case, value) => {
		const error = thrownBy(() => parseDateTime(value, BERLIN, 'End Time'));
		expect(error.parameter).toBe('End Time');
		expect(error.message).toMatch(/^End Time is empty\. Use ISO 8601/);
	});

	test('a zone that was not resolved is a programming error, not user input', () => {
		expect(() => parseDateTime('2026-11-21', 'Not/AZone', PARAMETER)).toThrow('resolveTimeZone');
	});
});

describe('parseDate', () => {
	const PARAMETER_DATE = 'Start Date';

	test.each([
		['a yyyy-MM-dd date as it is', '2026-11-21', BERLIN, '2026-11-21'],
		['a date with spaces around it', ' 2026-02-28 ', BERLIN, '2026-02-28'],
		['a leap day', '2028-02-29', BERLIN, '2028-02-29'],
		['the date of a local date-time', '2026-11-21T23:30:00', BERLIN, '2026-11-21'],
		[
			'the date as written of a late UTC time, read for Berlin',
			'2026-11-21T23:30:00Z',
			BERLIN,
			'2026-11-21',
		],
		[
			'the date as written of the same UTC time, read for Los Angeles',
			'2026-11-21T23:30:00Z',
			'America/Los_Angeles',
			'2026-11-21',
		],
		[
			'the date as written of an offset east of the zone',
			'2026-11-22T00:30:00+14:00',
			'Asia/Kolkata',
			'2026-11-22',
		],
		['an ISO basic date', '20261121', BERLIN, '2026-11-21'],
		['an ISO week date', '2026-W47-6', BERLIN, '2026-11-21'],
		['the zone date of a JavaScript Date', new Date('2026-11-21T23:30:00Z'), BERLIN, '2026-11-22'],
		['the zone date of epoch milliseconds', 1795303800000, BERLIN, '2026-11-22'],
		[
			'the own date of a luxon DateTime in another zone',
			DateTime.fromISO('2026-11-21T20:00:00', { zone: 'America/New_York' }),
			BERLIN,
			'2026-11-21',
		],
	])('takes %s', (_case, value, zone, expected) => {
		expect(parseDate(value, zone, PARAMETER_DATE)).toBe(expected);
	});

	test.each([
		['February 30', '2026-02-30'],
		['February 29 of a common year', '2026-02-29'],
		['month 13', '2026-13-01'],
		['a word', 'yesterday'],
		['a short number', 5],
		['a day-first date', '21.11.2026'],
	])('rejects %s with a message for dates', (_case, value) => {
		const error = thrownBy(() => parseDate(value, BERLIN, PARAMETER_DATE));
		expect(error.parameter).toBe(PARAMETER_DATE);
		expect(error.message).toBe(
			`Start Date: "${String(value)}" is not a date. Use yyyy-MM-dd such as 2026-11-21, an ISO 8601 date and time, or an expression like {{ $today.minus(7, 'days') }}`,
		);
	});

	test('says the parameter is empty', () => {
		expect(thrownBy(() => parseDate('', BERLIN, 'End Date')).message).toMatch(
			/^End Date is empty\. Use yyyy-MM-dd/,
		);
	});
});

describe('resolveTimeZone', () => {
	const PARAMETER_ZONE = 'Time Zone';

	test.each([
		['an IANA name', 'Europe/Berlin', 'Europe/Berlin'],
		['a zone with a 30-minute offset', 'Asia/Kolkata', 'Asia/Kolkata'],
		['UTC', 'UTC', 'UTC'],
		['a fixed Etc zone', 'Etc/GMT-2', 'Etc/GMT-2'],
		['a name with spaces around it', '  Australia/Lord_Howe ', 'Australia/Lord_Howe'],
		['a name in the wrong case, spelled properly', 'europe/berlin', 'Europe/Berlin'],
		['utc in lower case', 'utc', 'UTC'],
	])('accepts %s', (_case, value, expected) => {
		expect(resolveTimeZone(value, 'America/New_York', PARAMETER_ZONE)).toBe(expected);
	});

	test.each([
		['empty', ''],
		['blank', '  '],
		['undefined', undefined],
		['null', null],
	])("uses the workflow's time zone when the parameter is %s", (_case, value) => {
		expect(resolveTimeZone(value, 'America/New_York', PARAMETER_ZONE)).toBe('America/New_York');
	});

	test.each([
		['a fixed offset', '+02:00', 'fixed UTC offset'],
		['a UTC-prefixed offset', 'UTC+2', 'fixed UTC offset'],
		['a GMT-prefixed offset', 'GMT-05:00', 'fixed UTC offset'],
		['an unknown zone', 'Europe/Atlantis', 'is not a time zone'],
		['the word local', 'local', 'is not a time zone'],
		['a number', 42, 'is not a time zone'],
		['an object', { zone: 'Europe/Berlin' }, 'is not a time zone'],
	])('rejects %s, naming the parameter', (_case, value, reason) => {
		const error = thrownBy(() => resolveTimeZone(value, 'UTC', PARAMETER_ZONE));
		expect(error.parameter).toBe(PARAMETER_ZONE);
		expect(error.message.startsWith('Time Zone: "')).toBe(true);
		expect(error.message).toContain(reason);
		expect(error.message).toContain('Europe/Berlin');
	});

	test('reports a broken workflow time zone against the parameter', () => {
		const error = thrownBy(() => resolveTimeZone('', 'Not/AZone', PARAMETER_ZONE));
		expect(error.parameter).toBe(PARAMETER_ZONE);
		expect(error.message).toContain('Time Zone is empty');
		expect(error.message).toContain('"Not/AZone"');
	});
});
