import type { IDataObject } from 'n8n-workflow';

import { cameraLocator, requests, run, runFailure, useSimulator } from './helpers';

const rhombus = useSimulator();
const path = '/api/report/getOccupancyCountsV2';

/** "Berlin Open Office": two occupancy regions, in Europe/Berlin. */
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
	it('asks for one camera and an hourly interval by default', async () => {
		await run(rhombus, parameters());
		const sent = requests(rhombus);
		expect(sent).toHaveLength(1);
		expect(sent[0].path).toBe(path);
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

	it('gives one item per interval: the sum of all regions as occupancy, and the map as sent', async () => {
		const [raw] = await run(rhombus, parameters({ outputMode: 'raw' }));
		const points = raw.json.timeSeriesDataPoints as RawPoint[];
		expect(points).toHaveLength(3);
		expect(Object.keys(points[0].eventCountMap).sort()).toEqual(['PEOPLE', 'PEOPLE_2']);

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
				cameraUuid: uuid,
				occupancy: point.eventCountMap.PEOPLE + point.eventCountMap.PEOPLE_2,
				eventCountMap: point.eventCountMap,
			})),
		);
		expect(items.some((item) => (item.json.occupancy as number) > 0)).toBe(true);
	});

	it.each([
		['MINUTELY', 'minute', 60_000],
		['QUARTERHOURLY', 'quarterHour', 900_000],
		['DAILY', 'day', 24 * 3_600_000],
	])('names the granularity of %s buckets %s', async (interval, granularity, length) => {
		const items = await run(
			rhombus,
			parameters({ interval, startTime: '2026-03-30T00:00:00', endTime: '2026-03-30T00:30:00' }),
		);
		expect(requests(rhombus)[0].body).toMatchObject({ interval });
		expect(items[0].json.granularity).toBe(granularity);
		const { bucketStart, bucketEnd } = items[0].json as { bucketStart: string; bucketEnd: string };
		expect(Date.parse(bucketEnd) - Date.parse(bucketStart)).toBe(length);
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

	it('never lets a bucket reach past the next one when the time zone is not the camera’s', async () => {
		const items = await run(rhombus, parameters({ timeZone: 'Asia/Kolkata', interval: 'HOURLY' }));
		expect(items.length).toBeGreaterThan(1);
		for (let index = 0; index + 1 < items.length; index++) {
			expect(Date.parse(items[index].json.bucketEnd as string)).toBeLessThanOrEqual(
				Date.parse(items[index + 1].json.bucketStart as string),
			);
		}
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
		expect(items[0].json.occupancy).toBe(map.PEOPLE + map.PEOPLE_2);
	});

	it('sends a camera ID entered with its facet as given and reports the camera without it', async () => {
		const uuid = officeCamera().uuid;
		const items = await run(
			rhombus,
			parameters({ cameraUuid: { __rl: true, mode: 'id', value: `${uuid}.v0` } }),
		);
		expect(requests(rhombus)[0].body).toMatchObject({ deviceUuid: `${uuid}.v0` });
		expect(items[0].json.cameraUuid).toBe(uuid);
		expect(items[0].json.bucketKey).toContain(`:camera=${uuid}:`);
	});

	it('keeps the warning of Rhombus and reads counts sent as text', async () => {
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
			occupancy: 7,
			eventCountMap: { PEOPLE: 4, DOOR: 3 },
			warning: 'Occupancy region changed during the range',
		});
	});

	it('gives no items when Rhombus has no data points', async () => {
		rhombus.sim.faults.add({ path, kind: 'schema', body: { timeSeriesDataPoints: null } });
		expect(await run(rhombus, parameters())).toEqual([]);
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
