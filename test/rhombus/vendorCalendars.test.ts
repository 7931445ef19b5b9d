import type { IDataObject } from 'n8n-workflow';

import { instantOfDateText } from '../../nodes/Rhombus/metrics/occupancy';
import { cameraLocator, requests, run, runFailure, useSimulator } from './helpers';

// Rhombus documents neither the calendar its reports count on nor where a point's timestampMs
// sits in its bucket ("the representative timestamp for the interval"). Whichever the answer
// shows, the items carry the buckets Rhombus counted, named by the calendar they follow.

const rhombus = useSimulator();
const crossingPath = '/api/report/getBatchThresholdCrossingCountReport';
const occupancyPath = '/api/report/getOccupancyCountsV2';
const cameraList = '/api/camera/getMinimalCameraStateList';

/** "Berlin Lobby Entrance" (a counting line) and "Berlin Open Office" (people and faces). */
const lobby = () => rhombus.sim.fixtures.rhombus.cameras[0].uuid;
const office = () => rhombus.sim.fixtures.rhombus.cameras[3].uuid;

const crossings = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'report',
	operation: 'getCrossingCounts',
	cameraUuids: [lobby()],
	// 10 to 13 March in Berlin: 9 March 23:00 to 12 March 23:00 UTC.
	startTime: '2026-03-10',
	endTime: '2026-03-13',
	timeZone: 'Europe/Berlin',
	bucketSize: 'DAY',
	...overrides,
});

const occupancy = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'report',
	operation: 'getOccupancy',
	cameraUuid: cameraLocator(office()),
	startTime: '2026-03-10',
	endTime: '2026-03-13',
	timeZone: 'Europe/Berlin',
	interval: 'DAILY',
	...overrides,
});

async function items(parameters: IDataObject): Promise<IDataObject[]> {
	return (await run(rhombus, parameters)).map((item) => item.json);
}

const bounds = (list: IDataObject[]) =>
	list.map((item) => [item.bucketStart, item.bucketEnd, item.timeZone, item.partial ?? false]);

const numbers = (list: IDataObject[], fields: string[]) =>
	list.map((item) => [item.bucketStart, ...fields.map((field) => item[field])]);

describe('Get Crossing Counts on the calendar Rhombus answers on', () => {
	it('gives UTC days, named UTC, when Rhombus counts in UTC though Berlin was asked for', async () => {
		const asUtc = await items(
			crossings({
				timeZone: 'UTC',
				startTime: '2026-03-09T23:00:00',
				endTime: '2026-03-12T23:00:00',
			}),
		);
		rhombus.sim.config.setRhombusConventions({ calendar: 'utc' });
		const answered = await items(crossings());
		expect(bounds(answered)).toEqual([
			['2026-03-09T23:00:00.000Z', '2026-03-10T00:00:00.000Z', 'UTC', true],
			['2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z', 'UTC', false],
			['2026-03-11T00:00:00.000Z', '2026-03-12T00:00:00.000Z', 'UTC', false],
			['2026-03-12T00:00:00.000Z', '2026-03-12T23:00:00.000Z', 'UTC', true],
		]);
		expect(numbers(answered, ['ingress', 'egress'])).toEqual(numbers(asUtc, ['ingress', 'egress']));
		expect(answered[1].bucketStartLocal).toBe('2026-03-10T00:00:00.000+00:00');
	});

	it('asks for no camera list when the zone sent or UTC explains the answer', async () => {
		rhombus.sim.config.setRhombusConventions({ calendar: 'utc' });
		await items(crossings());
		expect(requests(rhombus).map((entry) => entry.path)).toEqual([crossingPath]);
	});

	it('gives the days of the cameras’ location when neither the zone sent nor UTC fits, after one look-up', async () => {
		rhombus.sim.config.setRhombusConventions({ calendar: 'location' });
		const answered = await items(
			crossings({
				timeZone: 'America/New_York',
				startTime: '2026-03-10T00:00:00+01:00',
				endTime: '2026-03-13T00:00:00+01:00',
			}),
		);
		expect(bounds(answered)).toEqual([
			['2026-03-09T23:00:00.000Z', '2026-03-10T23:00:00.000Z', 'Europe/Berlin', false],
			['2026-03-10T23:00:00.000Z', '2026-03-11T23:00:00.000Z', 'Europe/Berlin', false],
			['2026-03-11T23:00:00.000Z', '2026-03-12T23:00:00.000Z', 'Europe/Berlin', false],
		]);
		expect(requests(rhombus, cameraList)).toHaveLength(1);
	});

	it('gives weeks from Sunday when Rhombus’s weeks start on Sunday', async () => {
		rhombus.sim.config.setRhombusConventions({ weekStart: 'sunday' });
		const answered = await items(
			crossings({ bucketSize: 'WEEK', startTime: '2026-03-01', endTime: '2026-03-22' }),
		);
		expect(answered.map((item) => item.bucketStartLocal)).toEqual([
			'2026-03-01T00:00:00.000+01:00',
			'2026-03-08T00:00:00.000+01:00',
			'2026-03-15T00:00:00.000+01:00',
		]);
		expect(answered.every((item) => item.granularity === 'week' && !item.partial)).toBe(true);
	});

	it.each([
		['the middle', 'middle'],
		['the end', 'end'],
	] as const)(
		'gives the same buckets and counts when Rhombus stamps each at %s',
		async (_where, stamp) => {
			const hourly = crossings({
				bucketSize: 'HOUR',
				startTime: '2026-03-10T08:00:00',
				endTime: '2026-03-10T14:00:00',
			});
			const atStarts = await items(hourly);
			rhombus.sim.config.setRhombusConventions({ stamp });
			const answered = await items(hourly);
			expect(bounds(answered)).toEqual(bounds(atStarts));
			expect(numbers(answered, ['ingress', 'egress', 'net'])).toEqual(
				numbers(atStarts, ['ingress', 'egress', 'net']),
			);
			expect(answered.map((item) => item.bucketKey)).toEqual(
				atStarts.map((item) => item.bucketKey),
			);
		},
	);

	it('reads each camera of One Row per Camera on the calendar of the first answer', async () => {
		const two = crossings({
			cameraUuids: [lobby(), rhombus.sim.fixtures.rhombus.cameras[2].uuid],
			perCamera: true,
		});
		rhombus.sim.config.setRhombusConventions({ calendar: 'utc', stamp: 'middle' });
		const answered = await items(two);
		expect(answered).toHaveLength(8);
		expect(answered.every((item) => item.timeZone === 'UTC')).toBe(true);
		expect(new Set(answered.map((item) => item.bucketKey)).size).toBe(8);
	});
});

describe('Get Occupancy on the calendar Rhombus answers on', () => {
	it('gives UTC days for a Berlin camera when Rhombus counts its days in UTC', async () => {
		rhombus.sim.config.setRhombusConventions({ calendar: 'utc' });
		const answered = await items(occupancy());
		expect(bounds(answered)).toEqual([
			['2026-03-09T23:00:00.000Z', '2026-03-10T00:00:00.000Z', 'UTC', true],
			['2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z', 'UTC', false],
			['2026-03-11T00:00:00.000Z', '2026-03-12T00:00:00.000Z', 'UTC', false],
			['2026-03-12T00:00:00.000Z', '2026-03-12T23:00:00.000Z', 'UTC', true],
		]);
	});

	it.each([
		['stamped in the middle of each hour', { stamp: 'middle' }],
		['stamped at the end of each hour', { stamp: 'end' }],
		['with only dateUtc and dateLocal', { dates: 'textOnly' }],
		['with only dateLocal', { dates: 'localOnly' }],
	] as const)('gives the same hours and levels for points %s', async (_how, conventions) => {
		const hourly = occupancy({
			interval: 'HOURLY',
			startTime: '2026-03-10T08:00:00',
			endTime: '2026-03-10T12:00:00',
		});
		const atStarts = await items(hourly);
		rhombus.sim.config.setRhombusConventions(conventions);
		const answered = await items(hourly);
		expect(bounds(answered)).toEqual(bounds(atStarts));
		expect(numbers(answered, ['occupancy', 'eventCountMap'])).toEqual(
			numbers(atStarts, ['occupancy', 'eventCountMap']),
		);
		expect(answered.every((item) => item.warning === undefined)).toBe(true);
	});

	it('reads minutes sent with only dateLocal in the zone of the camera’s location, looked up once', async () => {
		const minutes = occupancy({
			interval: 'MINUTELY',
			startTime: '2026-03-10T08:00:00',
			endTime: '2026-03-10T08:05:00',
		});
		const atStarts = await items(minutes);
		expect(requests(rhombus, cameraList)).toHaveLength(0);
		rhombus.sim.log.clear();
		rhombus.sim.config.setRhombusConventions({ dates: 'localOnly' });
		const answered = await items(minutes);
		expect(bounds(answered)).toEqual(bounds(atStarts));
		expect(requests(rhombus, cameraList)).toHaveLength(1);
	});

	it('refuses a dateUtc that is no date, naming the endpoint and the point', async () => {
		rhombus.sim.faults.add({
			path: occupancyPath,
			kind: 'schema',
			body: { timeSeriesDataPoints: [{ dateUtc: 'yesterday', eventCountMap: { PEOPLE: 3 } }] },
		});
		const error = await runFailure(rhombus, occupancy({ interval: 'HOURLY' }));
		expect(error.message).toBe(
			`Rhombus returned an unexpected response from ${occupancyPath} at timeSeriesDataPoints[0].dateUtc: "yesterday" is no date between 2000 and 2100`,
		);
	});

	describe('occupancy is the PEOPLE count of eventCountMap, keyed by report type', () => {
		const answer = (eventCountMap: IDataObject) =>
			rhombus.sim.faults.add({
				path: occupancyPath,
				kind: 'schema',
				body: {
					timeSeriesDataPoints: [{ timestampMs: Date.UTC(2026, 2, 10, 7), eventCountMap }],
				},
			});
		const hour = () =>
			occupancy({
				interval: 'HOURLY',
				startTime: '2026-03-10T08:00:00',
				endTime: '2026-03-10T09:00:00',
			});

		it('reads a lone other type, saying so', async () => {
			answer({ VEHICLES: 6 });
			const [item] = await items(hour());
			expect(item).toMatchObject({
				occupancy: 6,
				eventCountMap: { VEHICLES: 6 },
				warning: '1 timeSeriesDataPoints rows without a PEOPLE count, read from VEHICLES',
			});
		});

		it('gives no number for several other types, never their sum', async () => {
			answer({ VEHICLES: 6, FACES: 2 });
			const [item] = await items(hour());
			expect(item.occupancy).toBeNull();
			expect(item.eventCountMap).toEqual({ VEHICLES: 6, FACES: 2 });
			expect(item.warning).toBe(
				'1 timeSeriesDataPoints rows without a PEOPLE count and several others (VEHICLES, FACES), so occupancy is null',
			);
		});

		it('gives no number for an empty map, never 0', async () => {
			answer({});
			const [item] = await items(hour());
			expect(item).toMatchObject({
				occupancy: null,
				eventCountMap: {},
				warning: '1 timeSeriesDataPoints rows with an empty eventCountMap (left empty)',
			});
		});

		it('keeps the whole map in raw output', async () => {
			answer({ PEOPLE: 4, FACES: 2 });
			const [raw] = await items({ ...hour(), outputMode: 'raw' });
			expect(raw.timeSeriesDataPoints).toEqual([
				{ timestampMs: Date.UTC(2026, 2, 10, 7), eventCountMap: { PEOPLE: 4, FACES: 2 } },
			]);
		});
	});
});

describe('the date texts of a Java service', () => {
	it.each([
		['2026-11-12T08:00:00Z', 'Europe/Berlin', '2026-11-12T08:00:00.000Z'],
		['2026-11-12T08:00:00.250Z', 'Europe/Berlin', '2026-11-12T08:00:00.250Z'],
		['2026-11-12T08:00:00', 'UTC', '2026-11-12T08:00:00.000Z'],
		['2026-11-12T08:00:00', 'Europe/Berlin', '2026-11-12T07:00:00.000Z'],
		['2026-11-12 08:00:00', 'Europe/Berlin', '2026-11-12T07:00:00.000Z'],
		['2026-11-12 08:00:00.000', 'UTC', '2026-11-12T08:00:00.000Z'],
		['2026-11-12T08:00:00+01:00', 'UTC', '2026-11-12T07:00:00.000Z'],
		['2026-11-12T08:00:00-0530', 'UTC', '2026-11-12T13:30:00.000Z'],
		['2026-11-12T08:00', 'UTC', '2026-11-12T08:00:00.000Z'],
		['2026-03-29 02:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
	])('reads %s in %s as %s', (text, zone, iso) => {
		expect(new Date(instantOfDateText(text, zone) ?? Number.NaN).toISOString()).toBe(iso);
	});

	it.each(['yesterday', '2026-02-30T08:00:00Z', '2026-11-12T25:00:00', '1731398400000', ''])(
		'reads %j as no date',
		(text) => {
			expect(instantOfDateText(text, 'UTC')).toBeUndefined();
		},
	);
});
