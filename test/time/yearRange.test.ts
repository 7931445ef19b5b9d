import { DateTime } from 'luxon';

import type { Parameters } from '../helpers/execute';
import { TimeInputError, parseDate, parseDateTime } from '../../nodes/shared/time';
import type { NodeName } from '../badInput/helpers';
import { outcome, useSimulator } from '../badInput/helpers';
import { utc } from './helpers';

// Issue "Exact buckets in every time zone": a year such as +010000 failed deep inside with an
// internal message and no item index, and 0000-01-01 was sent to Indivd. The answers are only
// taken from 2000 to 2100, so dates and date-times must lie in the years 2000 to 2099 (date-times
// in UTC); anything else is bad input, refused before any request with a message naming the
// parameter.

function refusal(call: () => unknown): TimeInputError {
	let thrown: unknown;
	try {
		call();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(TimeInputError);
	return thrown as TimeInputError;
}

describe('dates outside the years 2000 to 2099 are refused', () => {
	test('the documented message names the parameter, the value and the range', () => {
		expect(refusal(() => parseDate('0000-01-01', 'UTC', 'Start Date')).message).toBe(
			`Start Date: "0000-01-01" is out of range: a date must be in the years 2000 to 2099. Use yyyy-MM-dd such as 2026-11-21, an ISO 8601 date and time, or an expression like {{ $today.minus(7, 'days') }}`,
		);
	});

	test.each([
		['year 0000', '0000-01-01', 'UTC'],
		['the last day of 1999', '1999-12-31', 'UTC'],
		['the first day of 2100', '2100-01-01', 'UTC'],
		['a six-digit year 10000', '+010000-01-01', 'UTC'],
		['a negative year', '-000001-12-31', 'UTC'],
		['a date-time in year 10000', '+010000-01-01T00:00:00+14:00', 'UTC'],
		['a date-time written in 1999', '1999-12-31T23:00:00Z', 'Pacific/Kiritimati'],
		['a luxon DateTime in year 10000', DateTime.fromISO('+010000-01-01'), 'UTC'],
		['a Date in year 0000', new Date(utc('0000-06-01T00:00:00Z')), 'UTC'],
		['epoch ms of 1973', 1e11, 'UTC'],
		['epoch ms in year 10000', utc('+010000-06-01T00:00:00Z'), 'UTC'],
		['the largest epoch ms a Date holds', 8.64e15, 'Europe/Berlin'],
		['epoch ms beyond what a Date holds', 9e15, 'Europe/Berlin'],
		['digits beyond what a Date holds', '99999999999999999999', 'Europe/Berlin'],
	])('%s', (_case, value, zone) => {
		const error = refusal(() => parseDate(value, zone, 'Comparison End Date'));
		expect(error.parameter).toBe('Comparison End Date');
		expect(error.message).toMatch(
			/^Comparison End Date: ".*" is out of range: a date must be in the years 2000 to 2099\. Use yyyy-MM-dd/,
		);
	});

	test.each([
		['the first day', '2000-01-01', 'UTC', '2000-01-01'],
		['the last day', '2099-12-31', 'UTC', '2099-12-31'],
		['the last day written at -12:00', '2099-12-31T23:59:59-12:00', 'UTC', '2099-12-31'],
		['the first day written at +14:00', '2000-01-01T00:00:00+14:00', 'UTC', '2000-01-01'],
		[
			'the first day as a Kiritimati DateTime',
			DateTime.fromISO('2000-01-01', { zone: 'Pacific/Kiritimati' }),
			'Pacific/Pago_Pago',
			'2000-01-01',
		],
	])('%s is a date', (_case, value, zone, expected) => {
		expect(parseDate(value, zone, 'Start Date')).toBe(expected);
	});
});

describe('date-times outside the years 2000 to 2099 (UTC) are refused', () => {
	test('the documented message names the parameter, the value and the range', () => {
		expect(
			refusal(() => parseDateTime('+010000-01-01T00:00:00Z', 'UTC', 'Start Time')).message,
		).toBe(
			`Start Time: "+010000-01-01T00:00:00Z" is out of range: a date and time must be in the years 2000 to 2099 (UTC). Use ISO 8601 such as 2026-11-21T09:00:00 or an expression like {{ $now.minus(1, 'day') }}`,
		);
	});

	test.each([
		['year 0000', '0000-01-01T00:00:00Z'],
		['the last instant of 1999', '1999-12-31T23:59:59.999Z'],
		['a local 2000 midnight east of UTC', '2000-01-01T00:00:00+01:00'],
		['the first instant of 2100', '2100-01-01T00:00:00Z'],
		['the end of 2099 west of UTC', '2099-12-31T23:00:00-01:00'],
		['a six-digit year', '+010000-01-01T00:00:00Z'],
		['a luxon DateTime in year 10000', DateTime.fromISO('+010000-01-01T00:00:00Z')],
		['a Date before 1970', new Date(-1)],
		['the smallest epoch ms that are not seconds, in 1973', 1e11],
		['epoch ms in year 10000', utc('+010000-01-01T00:00:00Z')],
		['the largest epoch ms a Date holds', 8.64e15],
		['epoch ms beyond what a Date holds', 9e15],
	])('%s', (_case, value) => {
		const error = refusal(() => parseDateTime(value, 'UTC', 'Timestamp'));
		expect(error.parameter).toBe('Timestamp');
		expect(error.message).toMatch(
			/^Timestamp: ".*" is out of range: a date and time must be in the years 2000 to 2099 \(UTC\)\. Use ISO 8601/,
		);
	});

	test.each([
		['the first instant', '2000-01-01T00:00:00Z', utc('2000-01-01T00:00:00Z')],
		['the last instant', '2099-12-31T23:59:59.999Z', utc('2099-12-31T23:59:59.999Z')],
		['a 2100 New Year in Kiritimati', '2100-01-01T00:00:00+14:00', utc('2099-12-31T10:00:00Z')],
	])('%s is a date and time', (_case, value, expected) => {
		expect(parseDateTime(value, 'UTC', 'Start Time')).toBe(expected);
	});
});

describe('the nodes refuse such years before any request, naming the parameter and the item', () => {
	const sim = useSimulator();
	const CAMERA = '7Z9wAlGz-nARYxxb7hbjuA';
	const locator = { __rl: true, mode: 'list', value: CAMERA };
	const indivd = { operation: 'get', startDate: '2026-03-02', endDate: '2026-03-03' };
	const zoneData = { ...indivd, timeZone: 'Pacific/Kiritimati' };
	const crossingCounts = {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: [CAMERA],
		startTime: '2026-03-29T00:00:00',
		endTime: '2026-03-29T06:00:00',
		timeZone: 'UTC',
	};

	test.each<[string, NodeName, Parameters, string]>([
		[
			'line crosses from +010000',
			'indivd',
			{ resource: 'lineCrosses', ...indivd, startDate: '+010000-01-01' },
			'Start Date',
		],
		[
			'line crosses to 0000',
			'indivd',
			{ resource: 'lineCrosses', ...indivd, endDate: '0000-01-01' },
			'End Date',
		],
		[
			'zone visitors from 0000',
			'indivd',
			{ resource: 'zoneVisitors', ...zoneData, startDate: '0000-01-01' },
			'Start Date',
		],
		[
			'a drop-in comparison in year 10000',
			'indivd',
			{
				resource: 'dropInRate',
				...zoneData,
				comparisonStartDate: '2026-01-01',
				comparisonEndDate: '+010000-01-01',
			},
			'Comparison End Date',
		],
		[
			'crossing counts from +010000',
			'rhombus',
			{ ...crossingCounts, startTime: '+010000-01-01T00:00:00Z' },
			'Start Time',
		],
		[
			'occupancy until year 10000',
			'rhombus',
			{
				...crossingCounts,
				operation: 'getOccupancy',
				cameraUuid: locator,
				endTime: '+010000-01-01T00:00:00Z',
			},
			'End Time',
		],
		[
			'a frame from year 0000',
			'rhombus',
			{
				resource: 'video',
				operation: 'getFrame',
				cameraUuid: locator,
				timestamp: '0000-01-01T00:00:00Z',
			},
			'Timestamp',
		],
		[
			'a clip from 1969',
			'rhombus',
			{
				resource: 'clip',
				operation: 'create',
				cameraUuid: locator,
				startTime: '1969-12-31T23:00:00Z',
			},
			'Start Time',
		],
		[
			'clips listed until year 10000',
			'rhombus',
			{ resource: 'clip', operation: 'getMany', filters: { endTime: '+010000-01-01T00:00:00Z' } },
			'End Time',
		],
	])('%s', async (_case, node, parameters, parameter) => {
		const { error, items } = await outcome(sim, node, parameters);
		expect(items).toBeUndefined();
		expect(error?.message).toMatch(
			new RegExp(`^${parameter}: ".*" is out of range: .* \\[item 0\\]$`),
		);
		expect(sim.sim.log.entries()).toEqual([]);
	});

	test.each<[string, NodeName, Parameters]>([
		[
			'hourly zone visitors on 2099-12-31 in Kiritimati',
			'indivd',
			{
				resource: 'zoneVisitors',
				...zoneData,
				startDate: '2099-12-31',
				endDate: '2099-12-31',
				aggregateBy: ['hour'],
			},
		],
		[
			'weekly drop-in rate through December 2099 in Kiritimati',
			'indivd',
			{
				resource: 'dropInRate',
				...zoneData,
				startDate: '2099-12-01',
				endDate: '2099-12-31',
				interval: 'week',
			},
		],
		[
			'hourly line crosses on 2099-12-31',
			'indivd',
			{
				resource: 'lineCrosses',
				...indivd,
				startDate: '2099-12-31',
				endDate: '2099-12-31',
				aggregateBy: 'hour',
			},
		],
		[
			'daily zone visitors from 2000-01-01 in Los Angeles',
			'indivd',
			{
				resource: 'zoneVisitors',
				...zoneData,
				startDate: '2000-01-01',
				endDate: '2000-01-02',
				timeZone: 'America/Los_Angeles',
				aggregateBy: ['dayofmonth'],
			},
		],
		[
			'daily crossing counts at the end of 2099 in Kiritimati',
			'rhombus',
			{
				...crossingCounts,
				startTime: '2099-12-31T00:00:00Z',
				endTime: '2099-12-31T23:59:59Z',
				timeZone: 'Pacific/Kiritimati',
				bucketSize: 'DAY',
			},
		],
		[
			'monthly crossing counts from 2000 in Los Angeles',
			'rhombus',
			{
				...crossingCounts,
				startTime: '2000-01-01T00:00:00',
				endTime: '2000-01-01T06:00:00',
				timeZone: 'America/Los_Angeles',
				bucketSize: 'MONTH',
			},
		],
	])('%s, at the edges of the range, are asked for', async (_case, node, parameters) => {
		const { error } = await outcome(sim, node, parameters);
		expect(error).toBeUndefined();
		expect(sim.sim.log.entries().length).toBeGreaterThan(0);
	});
});
