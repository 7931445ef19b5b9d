import type { IDataObject } from 'n8n-workflow';

import occupancyNullable from '../fixtures/rhombus/occupancy.nullable.json';
import {
	cameraLocator,
	levelOver,
	minuteLevels,
	requests,
	run,
	runFailure,
	useSimulator,
} from './helpers';

const rhombus = useSimulator();
const path = '/api/report/getOccupancyCountsV2';
const cameraList = '/api/camera/getMinimalCameraStateList';
const locationList = '/api/location/getLocations';
const hourMs = 3_600_000;

/** "Berlin Open Office": people and faces counted, in Europe/Berlin. */
function officeCamera() {
	return rhombus.sim.fixtures.rhombus.cameras[3];
}

function parameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'report',
		operation: 'getOccupancy',
		cameraUuid: cameraLocator(officeCamera().uuid),
		startTime: '2026-03-30T09:00:00',
		endTime: '2026-03-30T12:00:00',
		timeZone: 'Europe/Berlin',
		...overrides,
	};
}

interface RawPoint {
	timestampMs: number;
	eventCountMap: Record<string, number>;
}

describe('Report → Get Occupancy', () => {
	it('asks for one camera and an hourly interval by default, after reading where the camera is', async () => {
		await run(rhombus, parameters());
		const paths = requests(rhombus).map((entry) => entry.path);
		expect(paths.slice(0, 2).sort()).toEqual([cameraList, locationList]);
		expect(paths.slice(2)).toEqual([path]);
		const sent = requests(rhombus, path);
		expect(sent[0].body).toEqual({
			deviceUuid: officeCamera().uuid,
			startTimeMs: Date.UTC(2026, 2, 30, 7),
			endTimeMs: Date.UTC(2026, 2, 30, 10),
			interval: 'HOURLY',
		});
		expect(sent[0].headers).toMatchObject({
			'x-auth-apikey': rhombus.sim.fixtures.rhombus.apiKey,
			'x-auth-scheme': 'api-token',
		});
	});

	it('gives one item per interval: the PEOPLE count as occupancy, never added to another type, and the map as sent', async () => {
		const [raw] = await run(rhombus, parameters({ outputMode: 'raw' }));
		const points = raw.json.timeSeriesDataPoints as RawPoint[];
		expect(points).toHaveLength(3);
		expect(Object.keys(points[0].eventCountMap).sort()).toEqual(['FACES', 'PEOPLE']);

		const items = await run(rhombus, parameters());
		const uuid = officeCamera().uuid;
		expect(items.map((item) => item.json)).toEqual(
			points.map((point, index) => ({
				source: 'rhombus',
				metric: 'occupancy',
				bucketKey: `rhombus:occupancy:camera=${uuid}:hour:${new Date(point.timestampMs).toISOString()}`,
				bucketStart: new Date(Date.UTC(2026, 2, 30, 7 + index)).toISOString(),
				bucketEnd: new Date(Date.UTC(2026, 2, 30, 8 + index)).toISOString(),
				bucketStartLocal: `2026-03-30T${String(9 + index).padStart(2, '0')}:00:00.000+02:00`,
				timeZone: 'Europe/Berlin',
				granularity: 'hour',
				complete: true,
				cameraUuid: uuid,
				occupancy: point.eventCountMap.PEOPLE,
				eventCountMap: point.eventCountMap,
			})),
		);
		expect(items.some((item) => (item.json.occupancy as number) > 0)).toBe(true);
	});

	it.each([
		['MINUTELY', 'minute', 60_000, '2026-03-30T00:30:00'],
		['QUARTERHOURLY', 'quarterHour', 900_000, '2026-03-30T00:30:00'],
		['DAILY', 'day', 24 * hourMs, '2026-03-31T00:00:00'],
	])('names the granularity of %s buckets %s', async (interval, granularity, length, endTime) => {
		const items = await run(
			rhombus,
			parameters({ interval, startTime: '2026-03-30T00:00:00', endTime }),
		);
		expect(requests(rhombus, path)[0].body).toMatchObject({ interval });
		expect(items[0].json.granularity).toBe(granularity);
		expect(items[0].json).not.toHaveProperty('partial');
		const { bucketStart, bucketEnd } = items[0].json as { bucketStart: string; bucketEnd: string };
		expect(Date.parse(bucketEnd) - Date.parse(bucketStart)).toBe(length);
	});

	it('reads no camera list for minutes and quarter hours, whose edges every time zone shares', async () => {
		for (const interval of ['MINUTELY', 'QUARTERHOURLY', '']) {
			rhombus.sim.log.clear();
			await run(rhombus, parameters({ interval, timeZone: 'Asia/Kathmandu' }));
			expect(requests(rhombus).map((entry) => entry.path)).toEqual([path]);
		}
	});

	it('makes a daily bucket on the spring DST day 23 hours long', async () => {
		const items = await run(
			rhombus,
			parameters({ interval: 'DAILY', startTime: '2026-03-29', endTime: '2026-03-31' }),
		);
		expect(items.map((item) => [item.json.bucketStart, item.json.bucketEnd])).toEqual([
			['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
			['2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
		]);
	});

	describe('with a Time Zone other than the camera location’s (Berlin camera, Asia/Kolkata)', () => {
		// 14:00 to 18:00 in Kolkata is 08:30 to 12:30 UTC; Berlin (UTC+2) starts hours at :00 UTC.
		const kolkata = () =>
			parameters({
				timeZone: 'Asia/Kolkata',
				startTime: '2026-03-31T14:00:00',
				endTime: '2026-03-31T18:00:00',
			});
		const start = Date.parse('2026-03-31T08:30:00Z');
		const end = Date.parse('2026-03-31T12:30:00Z');

		it('gives Berlin’s hours, each whole and exactly once, labelled on Berlin’s calendar, which Rhombus counted on', async () => {
			const items = (await run(rhombus, kolkata())).map((item) => item.json);
			const uuid = officeCamera().uuid;
			expect(
				items.map((item) => [
					item.bucketStart,
					item.bucketEnd,
					item.bucketStartLocal,
					item.partial,
				]),
			).toEqual([
				[
					'2026-03-31T08:30:00.000Z',
					'2026-03-31T09:00:00.000Z',
					'2026-03-31T10:30:00.000+02:00',
					true,
				],
				[
					'2026-03-31T09:00:00.000Z',
					'2026-03-31T10:00:00.000Z',
					'2026-03-31T11:00:00.000+02:00',
					undefined,
				],
				[
					'2026-03-31T10:00:00.000Z',
					'2026-03-31T11:00:00.000Z',
					'2026-03-31T12:00:00.000+02:00',
					undefined,
				],
				[
					'2026-03-31T11:00:00.000Z',
					'2026-03-31T12:00:00.000Z',
					'2026-03-31T13:00:00.000+02:00',
					undefined,
				],
				[
					'2026-03-31T12:00:00.000Z',
					'2026-03-31T12:30:00.000Z',
					'2026-03-31T14:00:00.000+02:00',
					true,
				],
			]);
			expect(items.every((item) => item.granularity === 'hour')).toBe(true);
			expect(items.every((item) => item.timeZone === 'Europe/Berlin')).toBe(true);
			expect(items[1].bucketKey).toBe(
				`rhombus:occupancy:camera=${uuid}:hour:2026-03-31T09:00:00.000Z`,
			);
			expect(items[0].bucketKey).toBe(
				`rhombus:occupancy:camera=${uuid}:hour:2026-03-31T08:30:00.000Z/2026-03-31T09:00:00.000Z`,
			);

			const minutes = await minuteLevels(rhombus, uuid, start, end);
			for (const item of items) {
				const truth = levelOver(
					minutes,
					Date.parse(String(item.bucketStart)),
					Date.parse(String(item.bucketEnd)),
				);
				expect([item.bucketStart, item.occupancy, item.eventCountMap]).toEqual([
					item.bucketStart,
					truth.occupancy,
					truth.eventCountMap,
				]);
			}
			expect(items.some((item) => Number(item.occupancy) > 0)).toBe(true);
		});

		it('gives the days of Berlin, cut to a range of Kolkata days and marked partial', async () => {
			const items = (
				await run(rhombus, {
					...kolkata(),
					interval: 'DAILY',
					startTime: '2026-03-30',
					endTime: '2026-04-01',
				})
			).map((item) => item.json);
			expect(
				items.map((item) => [
					item.bucketStart,
					item.bucketEnd,
					item.bucketStartLocal,
					item.partial,
				]),
			).toEqual([
				// 29 March in Berlin from 00:00 Kolkata time (18:30 UTC) until Berlin's midnight.
				[
					'2026-03-29T18:30:00.000Z',
					'2026-03-29T22:00:00.000Z',
					'2026-03-29T20:30:00.000+02:00',
					true,
				],
				[
					'2026-03-29T22:00:00.000Z',
					'2026-03-30T22:00:00.000Z',
					'2026-03-30T00:00:00.000+02:00',
					undefined,
				],
				[
					'2026-03-30T22:00:00.000Z',
					'2026-03-31T18:30:00.000Z',
					'2026-03-31T00:00:00.000+02:00',
					true,
				],
			]);
			expect(items.every((item) => item.granularity === 'day')).toBe(true);
			const minutes = await minuteLevels(
				rhombus,
				officeCamera().uuid,
				Date.parse('2026-03-29T18:30:00Z'),
				Date.parse('2026-03-31T18:30:00Z'),
			);
			for (const item of items) {
				const truth = levelOver(
					minutes,
					Date.parse(String(item.bucketStart)),
					Date.parse(String(item.bucketEnd)),
				);
				expect(item.occupancy).toBe(truth.occupancy);
			}
		});

		it('looks the camera’s location up once per run, however many items', async () => {
			const lobby = rhombus.sim.fixtures.rhombus.cameras[0].uuid;
			const three = [{ json: {} }, { json: {} }, { json: {} }];
			const items = await run(
				rhombus,
				[
					kolkata(),
					{ ...kolkata(), cameraUuid: cameraLocator(lobby) },
					{ ...kolkata(), interval: 'WEEKLY', startTime: '2026-03-02', endTime: '2026-03-30' },
				],
				{ items: three },
			);
			expect(items.map((item) => item.pairedItem)).toContainEqual({ item: 2 });
			expect(requests(rhombus, cameraList)).toHaveLength(1);
			expect(requests(rhombus, locationList)).toHaveLength(1);
			expect(requests(rhombus, path)).toHaveLength(3);
		});
	});

	describe('reads the answer on its own calendar when Rhombus does not say where the camera is', () => {
		it('a camera whose location has no time zone: the days its answer shows, in Time Zone', async () => {
			const location = rhombus.sim.fixtures.rhombus.locations[0];
			rhombus.sim.faults.add({
				path: locationList,
				kind: 'schema',
				body: { locations: [{ uuid: location.uuid, name: location.name, tz: null }] },
			});
			const items = await run(
				rhombus,
				parameters({ interval: 'DAILY', startTime: '2026-03-30', endTime: '2026-04-01' }),
			);
			expect(items.map((item) => [item.json.bucketStart, item.json.timeZone])).toEqual([
				['2026-03-29T22:00:00.000Z', 'Europe/Berlin'],
				['2026-03-30T22:00:00.000Z', 'Europe/Berlin'],
			]);
		});

		it('a camera missing from the camera list: its UTC days, where Time Zone’s do not fit', async () => {
			rhombus.sim.faults.add({ path: cameraList, kind: 'schema', body: { cameraStates: [] } });
			rhombus.sim.config.setRhombusConventions({ calendar: 'utc' });
			const items = await run(
				rhombus,
				parameters({ interval: 'DAILY', startTime: '2026-03-30', endTime: '2026-04-01' }),
			);
			expect(items.map((item) => [item.json.bucketStart, item.json.timeZone])).toEqual([
				['2026-03-29T22:00:00.000Z', 'UTC'],
				['2026-03-30T00:00:00.000Z', 'UTC'],
				['2026-03-31T00:00:00.000Z', 'UTC'],
			]);
			expect(items[0].json.partial).toBe(true);
		});
	});

	it('looks past cameras and locations without uuid when finding the zone of the camera’s location', async () => {
		const camera = officeCamera();
		const location = rhombus.sim.fixtures.rhombus.locations.find(
			(candidate) => candidate.uuid === camera.locationUuid,
		)!;
		rhombus.sim.faults.add({
			path: cameraList,
			kind: 'schema',
			body: {
				cameraStates: [
					{ uuid: null, name: 'No ID', locationUuid: location.uuid },
					{ uuid: camera.uuid, name: null, locationUuid: location.uuid },
				],
			},
		});
		rhombus.sim.faults.add({
			path: locationList,
			kind: 'schema',
			body: {
				locations: [
					{ uuid: null, name: 'No ID', tz: 'Asia/Kolkata' },
					{ uuid: location.uuid, name: null, tz: location.tz },
				],
			},
		});
		const items = await run(rhombus, parameters());
		expect(items.map((item) => item.json.bucketStartLocal)).toEqual([
			'2026-03-30T09:00:00.000+02:00',
			'2026-03-30T10:00:00.000+02:00',
			'2026-03-30T11:00:00.000+02:00',
		]);
	});

	it('refuses an answer that puts two points in one hour of every calendar, naming the endpoint and both readings', async () => {
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: {
				timeSeriesDataPoints: [
					{ timestampMs: Date.UTC(2026, 2, 30, 7, 10), eventCountMap: { PEOPLE: 4 } },
					{ timestampMs: Date.UTC(2026, 2, 30, 7, 40), eventCountMap: { PEOPLE: 5 } },
				],
			},
		});
		const error = await runFailure(rhombus, parameters());
		expect(error.message).toBe(
			`Rhombus returned an unexpected response from ${path} at timeSeriesDataPoints[0].timestampMs: the points fit no calendar tried (Europe/Berlin, UTC): read as bucket starts, timeSeriesDataPoints[0].timestampMs 2026-03-30T07:10:00.000Z starts no bucket inside the requested range; read as times inside their buckets, timeSeriesDataPoints[1].timestampMs 2026-03-30T07:40:00.000Z is outside the range, out of order, or in the bucket of the point before it`,
		);
	});

	it('sends no interval for "None" and gives one total covering the whole range', async () => {
		const items = await run(rhombus, parameters({ interval: '' }));
		expect(requests(rhombus)[0].body).toEqual({
			deviceUuid: officeCamera().uuid,
			startTimeMs: Date.UTC(2026, 2, 30, 7),
			endTimeMs: Date.UTC(2026, 2, 30, 10),
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			granularity: 'total',
			bucketStart: '2026-03-30T07:00:00.000Z',
			bucketEnd: '2026-03-30T10:00:00.000Z',
			bucketKey: `rhombus:occupancy:camera=${officeCamera().uuid}:total:2026-03-30T07:00:00.000Z/2026-03-30T10:00:00.000Z`,
		});
		const map = items[0].json.eventCountMap as Record<string, number>;
		expect(items[0].json.occupancy).toBe(map.PEOPLE);
	});

	it('keys the totals of two ranges with the same start apart (a week and a month from 1 March)', async () => {
		const [week, month] = await run(
			rhombus,
			[
				parameters({ interval: '', startTime: '2026-03-01', endTime: '2026-03-08' }),
				parameters({ interval: '', startTime: '2026-03-01', endTime: '2026-04-01' }),
			],
			{ items: [{ json: {} }, { json: {} }] },
		);
		const uuid = officeCamera().uuid;
		expect(week.json.bucketKey).toBe(
			`rhombus:occupancy:camera=${uuid}:total:2026-02-28T23:00:00.000Z/2026-03-07T23:00:00.000Z`,
		);
		expect(month.json.bucketKey).toBe(
			`rhombus:occupancy:camera=${uuid}:total:2026-02-28T23:00:00.000Z/2026-03-31T22:00:00.000Z`,
		);
		expect(week.json.bucketStart).toBe(month.json.bucketStart);
		expect(month.json.occupancy).toBeGreaterThanOrEqual(Number(week.json.occupancy));
	});

	it('sends a camera ID entered with its facet as given and reports the camera without it', async () => {
		const uuid = officeCamera().uuid;
		const items = await run(
			rhombus,
			parameters({ cameraUuid: { __rl: true, mode: 'id', value: `${uuid}.v0` } }),
		);
		expect(requests(rhombus, path)[0].body).toMatchObject({ deviceUuid: `${uuid}.v0` });
		expect(items[0].json.cameraUuid).toBe(uuid);
		expect(items[0].json.bucketKey).toContain(`:camera=${uuid}:`);
	});

	it('keeps the warning of Rhombus, reads counts sent as text, and counts PEOPLE only', async () => {
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: {
				timeSeriesDataPoints: [
					{ timestampMs: Date.UTC(2026, 2, 30, 7), eventCountMap: { PEOPLE: '4', DOOR: 3 } },
				],
				warningMsg: 'Occupancy region changed during the range',
			},
		});
		const items = await run(rhombus, parameters());
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			occupancy: 4,
			eventCountMap: { PEOPLE: 4, DOOR: 3 },
			warning: 'Occupancy region changed during the range',
		});
	});

	describe('accepts every answer the spec allows, and says on each item what was missing', () => {
		const answer = (body: unknown) =>
			rhombus.sim.faults.add({ path, kind: 'schema', body, times: Infinity });
		const hour = (h: number) => new Date(Date.UTC(2026, 2, 30, h)).toISOString();

		it('leaves out a point without its time and gives absent counts as empty, never 0, ignoring the fields it does not read', async () => {
			answer(occupancyNullable);
			const items = await run(rhombus, parameters());
			expect(
				items.map(({ json }) => [json.bucketStart, json.occupancy, json.eventCountMap]),
			).toEqual([
				[hour(7), 4, { PEOPLE: 4, FACES: null }],
				[hour(8), null, null],
				[hour(9), 2, { PEOPLE: 2, FACES: 3 }],
			]);
			for (const { json } of items) {
				expect(json.warning).toBe(
					'Left out 1 timeSeriesDataPoints rows without timestampMs (no bucket to put them in). 1 timeSeriesDataPoints rows without eventCountMap (left empty)',
				);
			}
		});

		it('gives every interval empty, not 0, saying so, when no point has a time', async () => {
			answer({ timeSeriesDataPoints: [{ timestampMs: null, eventCountMap: { PEOPLE: 1 } }] });
			const items = await run(rhombus, parameters());
			expect(items.map(({ json }) => [json.bucketStart, json.occupancy, json.warning])).toEqual(
				[7, 8, 9].map((hour) => [
					new Date(Date.UTC(2026, 2, 30, hour)).toISOString(),
					null,
					'Left out 1 timeSeriesDataPoints rows without timestampMs (no bucket to put them in). 3 buckets without a row (left empty)',
				]),
			);
		});

		it('gives such an answer untouched in raw mode', async () => {
			answer(occupancyNullable);
			const [item] = await run(rhombus, parameters({ outputMode: 'raw' }));
			expect(item.json).toEqual(occupancyNullable);
		});

		it('needs no point time for one total, and says nothing was missing', async () => {
			answer({ timeSeriesDataPoints: [{ timestampMs: null, eventCountMap: { PEOPLE: 3 } }] });
			const [item] = await run(rhombus, parameters({ interval: '' }));
			expect(item.json).toMatchObject({ granularity: 'total', occupancy: 3 });
			expect(item.json).not.toHaveProperty('warning');
		});

		it.each([
			['null', { timeSeriesDataPoints: null }],
			['absent', {}],
		])(
			'gives every interval empty, not 0, when timeSeriesDataPoints is %s, saying Rhombus sent none',
			async (_how, body) => {
				answer(body);
				const items = await run(rhombus, parameters());
				expect(items.map(({ json }) => json)).toEqual(
					[7, 8, 9].map((h) =>
						expect.objectContaining({
							bucketStart: hour(h),
							occupancy: null,
							eventCountMap: null,
							warning: 'Rhombus sent no timeSeriesDataPoints (every bucket left empty)',
						}),
					),
				);
				const [total] = await run(rhombus, parameters({ interval: '' }));
				expect(total.json).toMatchObject({
					granularity: 'total',
					occupancy: null,
					warning: 'Rhombus sent no timeSeriesDataPoints (every bucket left empty)',
				});
			},
		);

		it('gives no items for an empty list: Rhombus said there is nothing', async () => {
			answer({ timeSeriesDataPoints: [] });
			expect(await run(rhombus, parameters())).toEqual([]);
		});
	});

	it('gives the answer as one item in raw mode', async () => {
		const items = await run(rhombus, parameters({ outputMode: 'raw' }));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ error: false });
		expect(items[0].json.timeSeriesDataPoints).toHaveLength(3);
	});

	describe('refuses bad input before any request', () => {
		it.each([
			[
				{ cameraUuid: cameraLocator('') },
				'Camera: choose a camera from the list or enter its ID [item 0]',
			],
			[
				{ startTime: '2026-03-30T12:00:00' },
				'End Time: must be after Start Time (2026-03-30T12:00:00.000+02:00 is not after 2026-03-30T12:00:00.000+02:00) [item 0]',
			],
			[{ interval: 'YEARLY' }, /^Interval: "YEARLY" is not one of "", "MINUTELY"/],
			[
				{ startTime: 1_700_000_000 },
				/^Start Time: "1700000000" is not a date and time\. A number must be epoch milliseconds/,
			],
		])('%j', async (overrides, message) => {
			const error = await runFailure(rhombus, parameters(overrides));
			expect(error.message).toMatch(message);
			expect(requests(rhombus)).toHaveLength(0);
		});
	});
});
