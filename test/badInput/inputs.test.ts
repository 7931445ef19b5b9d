import { DateTime } from 'luxon';

import type { Parameters } from '../helpers/execute';
import type { IDataObject } from 'n8n-workflow';

import type { NodeName, TriggerName } from './helpers';
import { namesOf, nodes, outcome, pollOnce, triggers, useSimulator, withDefaults } from './helpers';

// Bad parameters, including expressions that resolve to the wrong type, must fail before any
// request with a message that names the parameter (and the item). Every case runs against the
// simulator with a fault on every path, so a request that slips through is logged and answered
// with an error at once instead of running on.

const sim = useSimulator();

/** Camera 0 of the simulator (ids do not depend on the seed); no request should reach it. */
const CAMERA = '7Z9wAlGz-nARYxxb7hbjuA';
const locator = (value: unknown) => ({ __rl: true, mode: 'list', value });

const base = {
	crossingCounts: {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: [CAMERA],
		startTime: '2026-03-29T00:00:00',
		endTime: '2026-03-29T06:00:00',
		timeZone: 'UTC',
	},
	occupancy: {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: locator(CAMERA),
		startTime: '2026-03-29T00:00:00',
		endTime: '2026-03-29T06:00:00',
		timeZone: 'Europe/Berlin',
	},
	frame: {
		resource: 'video',
		operation: 'getFrame',
		cameraUuid: locator(CAMERA),
		timestamp: '2026-03-30T08:15:30Z',
	},
	clipCreate: {
		resource: 'clip',
		operation: 'create',
		cameraUuid: locator(CAMERA),
		startTime: '2026-03-30T08:00:00Z',
		durationSec: 60,
	},
	clipGet: { resource: 'clip', operation: 'get', clipUuid: 'AAAAAAAAAAAAAAAAAAAAAA' },
	clipGetMany: { resource: 'clip', operation: 'getMany' },
	clipDownload: { resource: 'clip', operation: 'download', clipUuid: 'AAAAAAAAAAAAAAAAAAAAAA' },
	lineCrosses: {
		resource: 'lineCrosses',
		operation: 'get',
		startDate: '2026-03-02',
		endDate: '2026-03-03',
	},
	zoneVisitors: {
		resource: 'zoneVisitors',
		operation: 'get',
		startDate: '2026-03-02',
		endDate: '2026-03-03',
		timeZone: 'UTC',
	},
	dropInRate: {
		resource: 'dropInRate',
		operation: 'get',
		startDate: '2026-03-02',
		endDate: '2026-03-03',
		timeZone: 'UTC',
	},
} satisfies Record<string, Parameters>;

type Base = keyof typeof base;

const nodeOf: Record<Base, NodeName> = {
	crossingCounts: 'rhombus',
	occupancy: 'rhombus',
	frame: 'rhombus',
	clipCreate: 'rhombus',
	clipGet: 'rhombus',
	clipGetMany: 'rhombus',
	clipDownload: 'rhombus',
	lineCrosses: 'indivd',
	zoneVisitors: 'indivd',
	dropInRate: 'indivd',
};

/** [what is wrong, operation, parameters that differ from its base, parameter the message must name] */
type Case = [string, Base, Parameters, string];

const cases: Case[] = [
	// Rhombus: dates, ranges, time zones
	['a start that is a word', 'crossingCounts', { startTime: 'yesterday' }, 'startTime'],
	['an empty start', 'crossingCounts', { startTime: '' }, 'startTime'],
	['a start in epoch seconds', 'crossingCounts', { startTime: 1774742400 }, 'startTime'],
	['February 30th', 'crossingCounts', { startTime: '2026-02-30T00:00:00' }, 'startTime'],
	[
		'an offset of +25:00',
		'crossingCounts',
		{ startTime: '2026-03-29T00:00:00+25:00' },
		'startTime',
	],
	['a start that is an object', 'crossingCounts', { startTime: { when: 'today' } }, 'startTime'],
	[
		'a start that is an array of objects',
		'crossingCounts',
		{ startTime: [{ iso: '2026-03-29' }] },
		'startTime',
	],
	['a start that is null', 'crossingCounts', { startTime: null }, 'startTime'],
	['an end before the start', 'crossingCounts', { endTime: '2026-03-28T00:00:00' }, 'endTime'],
	['an empty range', 'crossingCounts', { endTime: '2026-03-29T00:00:00' }, 'endTime'],
	['an unknown time zone', 'crossingCounts', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
	['a fixed offset as time zone', 'crossingCounts', { timeZone: '+02:00' }, 'timeZone'],
	['a time zone that is a number', 'crossingCounts', { timeZone: 2 }, 'timeZone'],
	['a time zone that is an array', 'crossingCounts', { timeZone: ['Europe/Berlin'] }, 'timeZone'],
	// Rhombus: ids and empty lists
	['no cameras', 'crossingCounts', { cameraUuids: [] }, 'cameraUuids'],
	['cameras as an empty string', 'crossingCounts', { cameraUuids: ' , ' }, 'cameraUuids'],
	[
		'cameras as an array of objects',
		'crossingCounts',
		{ cameraUuids: [{ uuid: CAMERA }] },
		'cameraUuids',
	],
	['cameras as a number', 'crossingCounts', { cameraUuids: 12345 }, 'cameraUuids'],
	['an empty camera', 'occupancy', { cameraUuid: locator('') }, 'cameraUuid'],
	['a camera that is a number', 'occupancy', { cameraUuid: locator(42) }, 'cameraUuid'],
	[
		'a camera that is an object',
		'occupancy',
		{ cameraUuid: locator({ id: CAMERA }) },
		'cameraUuid',
	],
	// Rhombus: options set by expressions
	['an unknown bucket size', 'crossingCounts', { bucketSize: 'hourly' }, 'bucketSize'],
	[
		'a crossing object that is an object',
		'crossingCounts',
		{ crossingObject: { value: 'HUMAN' } },
		'crossingObject',
	],
	['an unknown interval', 'occupancy', { interval: 'SECONDLY' }, 'interval'],
	['an interval that is null', 'occupancy', { interval: null }, 'interval'],
	// Rhombus: frames (downscale, crop)
	['a downscale factor of 0', 'frame', { downscaleFactor: 0 }, 'downscaleFactor'],
	['a fractional downscale factor', 'frame', { downscaleFactor: 2.5 }, 'downscaleFactor'],
	['a downscale factor with a unit', 'frame', { downscaleFactor: '2x' }, 'downscaleFactor'],
	['a downscale factor that is null', 'frame', { downscaleFactor: null }, 'downscaleFactor'],
	['a crop X over 100', 'frame', { crop: { x: 150 } }, 'crop.x'],
	['a negative crop Y', 'frame', { crop: { y: -1 } }, 'crop.y'],
	['a crop width of 0', 'frame', { crop: { width: 0 } }, 'crop.width'],
	['a crop past the right edge', 'frame', { crop: { x: 60, width: 50 } }, 'crop.width'],
	['a crop height that is a word', 'frame', { crop: { height: 'half' } }, 'crop.height'],
	['a frame time that is a word', 'frame', { timestamp: 'now' }, 'timestamp'],
	['an empty output field', 'frame', { binaryPropertyName: '' }, 'binaryPropertyName'],
	// Rhombus: clips (durations, ids, limits)
	['a clip of 0 seconds', 'clipCreate', { durationSec: 0 }, 'durationSec'],
	['a clip over an hour', 'clipCreate', { durationSec: 3601 }, 'durationSec'],
	['a duration with a unit', 'clipCreate', { durationSec: '1 min' }, 'durationSec'],
	['a fractional duration', 'clipCreate', { durationSec: 30.5 }, 'durationSec'],
	[
		'a wait timeout of 0',
		'clipCreate',
		{ waitForCompletion: true, waitTimeoutSec: 0 },
		'waitTimeoutSec',
	],
	['an empty clip start', 'clipCreate', { startTime: '' }, 'startTime'],
	['an empty clip ID', 'clipGet', { clipUuid: '' }, 'clipUuid'],
	['a clip ID that is a number', 'clipGet', { clipUuid: 42 }, 'clipUuid'],
	['a limit of 0', 'clipGetMany', { limit: 0 }, 'limit'],
	['a limit that is a word', 'clipGetMany', { limit: 'all' }, 'limit'],
	[
		'a clip filter ending before it starts',
		'clipGetMany',
		{ filters: { startTime: '2026-03-30T00:00:00Z', endTime: '2026-03-29T00:00:00Z' } },
		'filters.endTime',
	],
	[
		'a clip filter camera that is an object',
		'clipGetMany',
		{ filters: { cameraUuids: [{}] } },
		'filters.cameraUuids',
	],
	['a blank output field', 'clipDownload', { binaryPropertyName: '  ' }, 'binaryPropertyName'],
	// Indivd: dates and ranges
	['month 13', 'lineCrosses', { startDate: '2026-13-01' }, 'startDate'],
	['an empty start date', 'lineCrosses', { startDate: '' }, 'startDate'],
	['a start date as a yyyyMMdd number', 'lineCrosses', { startDate: 20260302 }, 'startDate'],
	['a start date that is an object', 'lineCrosses', { startDate: { year: 2026 } }, 'startDate'],
	[
		'an invalid luxon DateTime',
		'lineCrosses',
		{ startDate: DateTime.invalid('from a broken expression') },
		'startDate',
	],
	['an end date before the start', 'lineCrosses', { endDate: '2026-03-01' }, 'endDate'],
	['hour 25', 'dropInRate', { startDate: '2026-03-02T25:00:00' }, 'startDate'],
	// Indivd: groupings
	['an unknown grouping', 'lineCrosses', { aggregateBy: 'fortnight' }, 'aggregateBy'],
	['a grouping that is a number', 'lineCrosses', { aggregateBy: 60 }, 'aggregateBy'],
	['a grouping list with an object', 'zoneVisitors', { aggregateBy: ['hour', {}] }, 'aggregateBy'],
	['a minute interval for drop-in rate', 'dropInRate', { interval: 'minute' }, 'interval'],
	['an interval that is an array', 'dropInRate', { interval: ['day'] }, 'interval'],
	// Indivd: ids and lists
	['a location name instead of an ID', 'lineCrosses', { locations: 'Stockholm' }, 'locations'],
	['locations as an array of objects', 'lineCrosses', { locations: [{ id: 1 }] }, 'locations'],
	['a fractional line ID', 'lineCrosses', { lineIds: 1.5 }, 'lineIds'],
	['a floor that is a word', 'lineCrosses', { floors: [null, 'ground'] }, 'floors'],
	['a category that is a boolean', 'lineCrosses', { categories: true }, 'categories'],
	['an entering zone that is a word', 'lineCrosses', { zoneTo: 'lobby' }, 'zoneTo'],
	['a leaving zone that is an object', 'lineCrosses', { zoneFrom: {} }, 'zoneFrom'],
	['two organisations', 'lineCrosses', { organization: '1,2' }, 'organization'],
	[
		'an organisation name instead of an ID',
		'lineCrosses',
		{ organization: 'Acme' },
		'organization',
	],
	['a zone name instead of an ID', 'zoneVisitors', { zones: 'entrance' }, 'zones'],
	// Indivd: dwell limits and thresholds
	['max dwell above 3 hours', 'zoneVisitors', { maxDwell: 10801 }, 'maxDwell'],
	['max dwell with a unit', 'zoneVisitors', { maxDwell: '3h' }, 'maxDwell'],
	['a negative min dwell', 'zoneVisitors', { minDwell: -5 }, 'minDwell'],
	['min dwell above max dwell', 'zoneVisitors', { minDwell: 600, maxDwell: 60 }, 'minDwell'],
	['a bounce threshold below -1', 'zoneVisitors', { bounceThreshold: -2 }, 'bounceThreshold'],
	['a bounce threshold that is null', 'zoneVisitors', { bounceThreshold: null }, 'bounceThreshold'],
	// Indivd: comparison periods and time zones
	[
		'a comparison end without a start',
		'zoneVisitors',
		{ comparisonEndDate: '2026-02-03' },
		'comparisonStartDate',
	],
	[
		'a comparison start that is a phrase',
		'zoneVisitors',
		{ comparisonStartDate: 'last week', comparisonEndDate: '2026-02-03' },
		'comparisonStartDate',
	],
	[
		'a comparison start without an end',
		'dropInRate',
		{ comparisonStartDate: '2026-02-02' },
		'comparisonEndDate',
	],
	['an unknown zone-data time zone', 'zoneVisitors', { timeZone: 'Europe/Nowhere' }, 'timeZone'],
	[
		'a camera ID that is no Rhombus ID',
		'crossingCounts',
		{ cameraUuids: ['not a camera'] },
		'cameraUuids',
	],
	['a dedupe flag that is a string', 'crossingCounts', { dedupe: 'no' }, 'dedupe'],
	['an unknown output mode', 'crossingCounts', { outputMode: 'spreadsheet' }, 'outputMode'],
	['a crop that is a string', 'frame', { crop: 'top-left' }, 'crop'],
	['a crop that is an array of objects', 'frame', { crop: [{ x: 10 }] }, 'crop'],
	['a clip title that is an object', 'clipCreate', { title: { text: 'Lobby' } }, 'title'],
	[
		'six years of hourly line crosses (over 300 requests)',
		'lineCrosses',
		{ startDate: '2020-01-01', endDate: '2026-03-01', aggregateBy: 'hour' },
		'startDate',
	],
	[
		'a whole-period grouping over a split range, zone taken from the location',
		'zoneVisitors',
		{ aggregateBy: ['zone', 'hour'], startDate: '2026-02-01', endDate: '2026-03-02', timeZone: '' },
		'aggregateBy',
	],
];

async function expectRefusedBeforeAnyRequest(
	what: Base,
	overrides: Parameters,
	parameter: string,
): Promise<void> {
	const node = nodeOf[what];
	const parameters = { ...base[what], ...overrides };
	sim.sim.faults.add({ kind: 'status', status: 418, times: Infinity });
	const { error, items } = await outcome(sim, node, parameters);
	expect(items).toBeUndefined();
	expect(sim.sim.log.entries()).toEqual([]);
	const names = namesOf(
		nodes[node].description,
		withDefaults(nodes[node].description, parameters),
		parameter,
	);
	const message = error?.message ?? '';
	expect(names.some((name) => message.includes(name))).toBe(true);
	expect(message).toMatch(/\[item 0\]/);
}

describe('bad parameters fail before any request, naming the parameter', () => {
	it('covers at least 30 inputs across both nodes', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
		const byNode = new Set(cases.map(([, what]) => nodeOf[what]));
		expect([...byNode].sort()).toEqual(['indivd', 'rhombus']);
	});

	it.each(cases)('%s (%s)', async (_what, what, overrides, parameter) => {
		await expectRefusedBeforeAnyRequest(what, overrides, parameter);
	});
});

// Triggers: a bad parameter must fail both "Fetch Test Event" (which always asks for the latest
// closed bucket, so a valid setup would send a request) and an activated poll (which must not
// quietly take a starting point), before any request and without writing any state.

const triggerBase = {
	rhombusCrossings: {
		event: 'crossingCounts',
		cameraUuids: [CAMERA],
		bucketSize: 'HOUR',
		timeZone: 'UTC',
	},
	rhombusOccupancy: {
		event: 'occupancy',
		cameraUuids: [CAMERA],
		interval: 'HOURLY',
		timeZone: 'UTC',
	},
	indivdLines: { event: 'lineCrosses', granularity: 'hour' },
	indivdZones: { event: 'zoneVisitors', granularity: 'hour', timeZone: 'UTC' },
	indivdDropIn: { event: 'dropInRate', granularity: 'day', timeZone: 'UTC' },
} satisfies Record<string, Parameters>;

type TriggerBase = keyof typeof triggerBase;

const triggerOf: Record<TriggerBase, TriggerName> = {
	rhombusCrossings: 'rhombusTrigger',
	rhombusOccupancy: 'rhombusTrigger',
	indivdLines: 'indivdTrigger',
	indivdZones: 'indivdTrigger',
	indivdDropIn: 'indivdTrigger',
};

type TriggerCase = [string, TriggerBase, Parameters, string];

const triggerCases: TriggerCase[] = [
	['an unknown event', 'rhombusCrossings', { event: 'people' }, 'event'],
	['no cameras', 'rhombusCrossings', { cameraUuids: [] }, 'cameraUuids'],
	['cameras as objects', 'rhombusOccupancy', { cameraUuids: [{ id: CAMERA }] }, 'cameraUuids'],
	['an unknown time zone', 'rhombusCrossings', { timeZone: 'Nowhere/Land' }, 'timeZone'],
	['an unknown bucket size', 'rhombusCrossings', { bucketSize: 'HOURLY' }, 'bucketSize'],
	['a daily occupancy interval', 'rhombusOccupancy', { interval: 'DAILY' }, 'interval'],
	['a negative settle time', 'rhombusCrossings', { settleMinutes: -1 }, 'settleMinutes'],
	['a settle time with a unit', 'rhombusCrossings', { settleMinutes: '2 min' }, 'settleMinutes'],
	['0 buckets per poll', 'rhombusCrossings', { maxBucketsPerPoll: 0 }, 'maxBucketsPerPoll'],
	['100,000 buckets per poll', 'indivdLines', { maxBucketsPerPoll: 100000 }, 'maxBucketsPerPoll'],
	[
		'a backfill of 0 buckets',
		'rhombusCrossings',
		{ startFrom: 'backfill', backfillBuckets: 0 },
		'backfillBuckets',
	],
	['a threshold that is a word', 'rhombusCrossings', { emit: 'threshold', above: 'high' }, 'above'],
	[
		'a lower threshold above the upper one',
		'rhombusOccupancy',
		{ emit: 'threshold', above: 40, below: 50 },
		'below',
	],
	[
		'a negative reminder interval',
		'indivdZones',
		{ emit: 'threshold', above: 10, remindEveryMinutes: -5 },
		'remindEveryMinutes',
	],
	['an unknown Indivd event', 'indivdLines', { event: 'footfall' }, 'event'],
	['minute zone visitors', 'indivdZones', { granularity: 'minute' }, 'granularity'],
	['a location name', 'indivdLines', { locations: 'Stockholm' }, 'locations'],
	['two organisations', 'indivdLines', { organization: [1, 2] }, 'organization'],
	['a bounce threshold of -3', 'indivdZones', { bounceThreshold: -3 }, 'bounceThreshold'],
	['a fixed offset as time zone', 'indivdDropIn', { timeZone: '+01:00' }, 'timeZone'],
	['zones as a word', 'indivdDropIn', { zones: 'entrance' }, 'zones'],
	['an unknown start', 'rhombusCrossings', { startFrom: 'yesterday' }, 'startFrom'],
	['an unknown emit mode', 'indivdLines', { emit: 'sometimes' }, 'emit'],
	['a dedupe flag that is a string', 'rhombusCrossings', { dedupe: 'no' }, 'dedupe'],
];

async function expectTriggerRefused(what: TriggerBase, overrides: Parameters, parameter: string) {
	const trigger = triggerOf[what];
	const parameters = { ...triggerBase[what], ...overrides };
	sim.sim.faults.add({ kind: 'status', status: 418, times: Infinity });
	const names = namesOf(
		triggers[trigger].description,
		withDefaults(triggers[trigger].description, parameters),
		parameter,
	);
	for (const mode of ['manual', 'trigger'] as const) {
		const staticData: IDataObject = {};
		const { error } = await pollOnce(sim, trigger, parameters, staticData, mode);
		expect(sim.sim.log.entries()).toEqual([]);
		expect(staticData).toEqual({});
		const message = error?.message ?? '';
		expect(names.some((name) => message.includes(name))).toBe(true);
	}
}

describe('bad trigger parameters fail before any request and store nothing', () => {
	it.each(triggerCases)('%s (%s)', async (_what, what, overrides, parameter) => {
		await expectTriggerRefused(what, overrides, parameter);
	});
});
