import { DateTime } from 'luxon';
import { startSimulator } from '../../simulator/server.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import {
	base64ToBytes,
	DAY_MS,
	HOUR_MS,
	jpegSize,
	rhombus,
	rhombusHeaders,
	sum,
} from './simClient';
import type {
	ClipResponse,
	ClipsPage,
	CrossingCount,
	CrossingReport,
	FrameResponse,
	OccupancyReport,
} from './simClient';

const NOW = Date.UTC(2026, 2, 30, 14, 7, 30);
const CROSSING = '/api/report/getBatchThresholdCrossingCountReport';
const OCCUPANCY = '/api/report/getOccupancyCountsV2';
const FRAME = '/api/video/getExactFrameData';

let sim: Simulator;
let cams: Simulator['fixtures']['rhombus']['cameras'];

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
	cams = sim.fixtures.rhombus.cameras;
});

afterAll(async () => {
	await sim.close();
});

afterEach(() => {
	sim.setNow(null);
	sim.config.setCrossingShape('array');
	sim.config.setRhombusConventions({});
});

async function crossings(body: Record<string, unknown>): Promise<CrossingCount[]> {
	const res = await rhombus<CrossingReport>(sim, CROSSING, body);
	expect(res.status).toBe(200);
	expect(res.json.error).toBeFalsy();
	return res.json.crossingCounts ?? [];
}

function local(tz: string, iso: string): number {
	return DateTime.fromISO(iso, { zone: tz }).toMillis();
}

describe('camera and location lists', () => {
	it('lists cameras with 22-character ids, one offline', async () => {
		const res = await rhombus<{ cameraStates: Array<Record<string, unknown>> }>(
			sim,
			'/api/camera/getMinimalCameraStateList',
		);
		expect(res.status).toBe(200);
		const states = res.json.cameraStates;
		expect(states).toHaveLength(6);
		for (const c of states) {
			expect(c.uuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
			expect(c).toMatchObject({
				supportedFacets: ['v0', 'a0'],
				mummified: false,
				mediaRegion: 'us-west-2',
			});
		}
		expect(states.filter((c) => c.connectionStatus === 'RED')).toHaveLength(1);
		expect('error' in res.json).toBe(false);
	});

	it('lists locations with time zones', async () => {
		const res = await rhombus<{ locations: Array<{ name: string; tz: string; subLocations: [] }> }>(
			sim,
			'/api/location/getLocations',
		);
		expect(res.json.locations.map((l) => [l.name, l.tz])).toEqual([
			['HQ Berlin', 'Europe/Berlin'],
			['Store Los Angeles', 'America/Los_Angeles'],
			['Store Sydney', 'Australia/Sydney'],
		]);
		expect(res.json.locations[0].subLocations).toEqual([]);
	});

	it('lists occupancy-enabled cameras', async () => {
		const res = await rhombus<{ cameras: Array<{ uuid: string; deviceUuid: string }> }>(
			sim,
			'/api/camera/getOccupancyEnabledCameras',
		);
		const expected = cams.filter((c) => c.occupancyKeys.length > 0).map((c) => c.uuid);
		expect(res.json.cameras.map((c) => c.uuid)).toEqual(expected);
		expect(res.json.cameras[0].deviceUuid).toBe(`${expected[0]}.v0`);
	});

	it('has a camera for each capability combination', () => {
		expect(cams.some((c) => c.lineCrossing && c.online)).toBe(true);
		expect(cams.some((c) => c.occupancyKeys.length > 0)).toBe(true);
		expect(cams.some((c) => c.occupancyKeys.length > 1)).toBe(true);
		expect(cams.some((c) => !c.lineCrossing && c.occupancyKeys.length === 0)).toBe(true);
		expect(cams.some((c) => !c.online)).toBe(true);
	});
});

describe('getBatchThresholdCrossingCountReport', () => {
	const day = { startTimeMs: Date.UTC(2026, 2, 26), endTimeMs: Date.UTC(2026, 2, 27) };

	it('sums the requested devices per bucket (documented array shape)', async () => {
		const a = await crossings({ deviceUuids: [cams[0].uuid], ...day });
		const b = await crossings({ deviceUuids: [`${cams[1].uuid}.v0`], ...day });
		const both = await crossings({ deviceUuids: [cams[0].uuid, `${cams[1].uuid}.v0`], ...day });
		expect(both).toHaveLength(24);
		both.forEach((row, i) => {
			expect(row.timestampMs).toBe(day.startTimeMs + i * HOUR_MS);
			expect(row.ingressCount).toBe(a[i].ingressCount + b[i].ingressCount);
			expect(row.egressCount).toBe(a[i].egressCount + b[i].egressCount);
		});
		expect(sum(both.map((r) => r.ingressCount))).toBeGreaterThan(100);
	});

	it('has a night-and-day rhythm in local time', async () => {
		const berlin = await crossings({ deviceUuids: [cams[0].uuid], ...day });
		// 02:00 UTC is 03:00 in Berlin; 10:00 UTC is 11:00 late morning.
		expect(berlin[2].ingressCount).toBeLessThan(3);
		expect(berlin[10].ingressCount).toBeGreaterThan(20);
		const la = await crossings({ deviceUuids: [cams[1].uuid], ...day });
		// 10:00 UTC is 03:00 in Los Angeles.
		expect(la[10].ingressCount).toBeLessThan(3);
	});

	it('answers the map shape keyed by the ids as requested', async () => {
		sim.config.setCrossingShape('map');
		const ids = [cams[0].uuid, `${cams[1].uuid}.v0`];
		const res = await rhombus<CrossingReport>(sim, CROSSING, { deviceUuids: ids, ...day });
		expect(res.json.crossingCounts).toBeUndefined();
		expect(Object.keys(res.json.deviceCrossingCounts ?? {})).toEqual(ids);
		sim.config.setCrossingShape('array');
		const single = await crossings({ deviceUuids: [cams[0].uuid], ...day });
		expect(res.json.deviceCrossingCounts?.[ids[0]]).toEqual(single);
	});

	it('gives zeros for a camera without line crossing and smaller VEHICLE counts', async () => {
		const none = await crossings({ deviceUuids: [cams[4].uuid], ...day });
		expect(none).toHaveLength(24);
		expect(none.every((r) => r.ingressCount === 0 && r.egressCount === 0)).toBe(true);
		const human = await crossings({ deviceUuids: [cams[0].uuid], ...day, bucketSize: 'DAY' });
		const vehicle = await crossings({
			deviceUuids: [cams[0].uuid],
			...day,
			bucketSize: 'DAY',
			crossingObject: 'VEHICLE',
		});
		expect(vehicle[0].ingressCount).toBeLessThan(human[0].ingressCount / 5);
		const dup = await crossings({
			deviceUuids: [cams[0].uuid],
			...day,
			bucketSize: 'DAY',
			dedupe: false,
		});
		expect(dup[0].ingressCount).toBeGreaterThan(human[0].ingressCount);
	});

	it('warns when a requested device is offline', async () => {
		const res = await rhombus<CrossingReport>(sim, CROSSING, {
			deviceUuids: [cams[0].uuid, cams[5].uuid],
			startTimeMs: NOW - DAY_MS,
			endTimeMs: NOW,
		});
		expect(res.json.error).toBe(false);
		expect(res.json.warningMsg).toMatch(/offline/);
	});

	it.each([
		['no deviceUuids', { deviceUuids: null, startTimeMs: 0, endTimeMs: 1 }],
		['empty deviceUuids', { deviceUuids: [], startTimeMs: 0, endTimeMs: 1 }],
		['unknown device', { deviceUuids: ['AAAAAAAAAAAAAAAAAAAAAA'], startTimeMs: 0, endTimeMs: 1 }],
		['invalid time zone', { timeZone: 'Mars/Olympus', startTimeMs: 0, endTimeMs: 1 }],
		['start after end', { startTimeMs: 5, endTimeMs: 5 }],
		['invalid bucketSize', { bucketSize: 'FORTNIGHT', startTimeMs: 0, endTimeMs: 1 }],
	])('reports %s in band', async (_name, body) => {
		const res = await rhombus<CrossingReport>(sim, CROSSING, {
			deviceUuids: [cams[0].uuid],
			...body,
		});
		expect(res.status).toBe(200);
		expect(res.json.error).toBe(true);
		expect(typeof res.json.errorMsg).toBe('string');
		expect(res.json.crossingCounts).toBeUndefined();
	});

	it('makes four quarter hours add up to their hour, also in a half-hour zone', async () => {
		for (const timeZone of ['UTC', 'Asia/Kolkata']) {
			const body = { deviceUuids: [cams[0].uuid, cams[2].uuid], ...day, timeZone };
			const hours = await crossings({ ...body, bucketSize: 'HOUR' });
			const quarters = await crossings({ ...body, bucketSize: 'QUARTER_HOUR' });
			const whole = hours.filter(
				(h) => h.timestampMs >= day.startTimeMs && h.timestampMs + HOUR_MS <= day.endTimeMs,
			);
			expect(whole).toHaveLength(timeZone === 'UTC' ? 24 : 23);
			for (const h of whole) {
				const inside = quarters.filter(
					(q) => q.timestampMs >= h.timestampMs && q.timestampMs < h.timestampMs + HOUR_MS,
				);
				expect(inside).toHaveLength(4);
				expect(sum(inside.map((q) => q.ingressCount))).toBe(h.ingressCount);
				expect(sum(inside.map((q) => q.egressCount))).toBe(h.egressCount);
			}
		}
	});

	it.each([
		['Europe/Berlin', '2026-03-28', '2026-03-29', 23],
		['Europe/Berlin', '2025-10-25', '2025-10-26', 25],
		['Australia/Sydney', '2025-04-05', '2025-04-06', 25],
		['Australia/Sydney', '2025-10-04', '2025-10-05', 23],
	])(
		'aligns DAY buckets in %s around %s (DST day %s has %i h)',
		async (timeZone, before, dst, hours) => {
			const body = {
				deviceUuids: [cams[0].uuid, cams[2].uuid],
				startTimeMs: local(timeZone, before),
				endTimeMs: local(timeZone, before) + 3 * DAY_MS,
				timeZone,
			};
			const days = await crossings({ ...body, bucketSize: 'DAY' });
			expect(
				days.map((d) => DateTime.fromMillis(d.timestampMs, { zone: timeZone }).toISO()),
			).toEqual(
				days.map((d) =>
					DateTime.fromMillis(d.timestampMs, { zone: timeZone }).startOf('day').toISO(),
				),
			);
			const dstStart = local(timeZone, dst);
			const idx = days.findIndex((d) => d.timestampMs === dstStart);
			expect(idx).toBe(1);
			expect((days[idx + 1].timestampMs - dstStart) / HOUR_MS).toBe(hours);
			const hourly = await crossings({ ...body, bucketSize: 'HOUR' });
			const inside = hourly.filter(
				(h) => h.timestampMs >= dstStart && h.timestampMs < days[idx + 1].timestampMs,
			);
			expect(inside).toHaveLength(hours);
			expect(sum(inside.map((h) => h.ingressCount))).toBe(days[idx].ingressCount);
			expect(sum(inside.map((h) => h.egressCount))).toBe(days[idx].egressCount);
		},
	);

	it('starts the day after a skipped midnight at its own midnight (Havana, 8 March 2026)', async () => {
		const timeZone = 'America/Havana';
		const days = await crossings({
			deviceUuids: [cams[0].uuid],
			startTimeMs: local(timeZone, '2026-03-07'),
			endTimeMs: local(timeZone, '2026-03-10'),
			timeZone,
			bucketSize: 'DAY',
		});
		expect(days.map((d) => new Date(d.timestampMs).toISOString())).toEqual([
			'2026-03-07T05:00:00.000Z',
			// 00:00 does not exist that day: it starts at 01:00 (UTC-4).
			'2026-03-08T05:00:00.000Z',
			'2026-03-09T04:00:00.000Z',
		]);
	});

	it('starts weeks on Monday and months on the 1st in the requested zone', async () => {
		const timeZone = 'America/Los_Angeles';
		const body = {
			deviceUuids: [cams[1].uuid],
			startTimeMs: local(timeZone, '2025-12-01'),
			endTimeMs: local(timeZone, '2026-03-01'),
			timeZone,
		};
		const weeks = await crossings({ ...body, bucketSize: 'WEEK' });
		for (const w of weeks) {
			const dt = DateTime.fromMillis(w.timestampMs, { zone: timeZone });
			expect([dt.weekday, dt.hour, dt.minute]).toEqual([1, 0, 0]);
		}
		const months = await crossings({ ...body, bucketSize: 'MONTH' });
		expect(
			months.map((m) => DateTime.fromMillis(m.timestampMs, { zone: timeZone }).toISODate()),
		).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
		const days = await crossings({ ...body, bucketSize: 'DAY' });
		const january = days.filter(
			(d) => d.timestampMs >= months[1].timestampMs && d.timestampMs < months[2].timestampMs,
		);
		expect(january).toHaveLength(31);
		expect(sum(january.map((d) => d.ingressCount))).toBe(months[1].ingressCount);
	});

	it('counts only the part of an edge bucket inside the range, stamped with the bucket’s start', async () => {
		const deviceUuids = [cams[0].uuid];
		// 10:00 UTC is late morning in Berlin, when people cross.
		const hour = (h: number) => day.startTimeMs + (10 + h) * HOUR_MS;
		const start = hour(0) + 10 * 60000;
		const end = hour(2) + 20 * 60000;
		const rows = await crossings({ deviceUuids, startTimeMs: start, endTimeMs: end });
		expect(rows.map((r) => r.timestampMs)).toEqual([hour(0), hour(1), hour(2)]);
		const whole = await crossings({ deviceUuids, startTimeMs: hour(0), endTimeMs: hour(3) });
		const before = await crossings({ deviceUuids, startTimeMs: hour(0), endTimeMs: start });
		const after = await crossings({ deviceUuids, startTimeMs: end, endTimeMs: hour(3) });
		expect(rows[0].ingressCount).toBe(whole[0].ingressCount - before[0].ingressCount);
		expect(rows[1]).toEqual(whole[1]);
		expect(rows[2].ingressCount).toBe(whole[2].ingressCount - after[0].ingressCount);
		expect(before[0].ingressCount).toBeGreaterThan(0);
		expect(after[0].ingressCount).toBeGreaterThan(0);
	});

	it('cuts weeks and months to the range in the requested zone', async () => {
		const timeZone = 'Europe/Berlin';
		const body = {
			deviceUuids: [cams[0].uuid],
			startTimeMs: local(timeZone, '2026-02-25'),
			endTimeMs: local(timeZone, '2026-03-11'),
			timeZone,
		};
		const days = await crossings({ ...body, bucketSize: 'DAY' });
		const weeks = await crossings({ ...body, bucketSize: 'WEEK' });
		const months = await crossings({ ...body, bucketSize: 'MONTH' });
		expect(
			weeks.map((w) => DateTime.fromMillis(w.timestampMs, { zone: timeZone }).toISODate()),
		).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
		expect(
			months.map((m) => DateTime.fromMillis(m.timestampMs, { zone: timeZone }).toISODate()),
		).toEqual(['2026-02-01', '2026-03-01']);
		const between = (from: number, to: number) =>
			sum(
				days.filter((d) => d.timestampMs >= from && d.timestampMs < to).map((d) => d.ingressCount),
			);
		expect(weeks[0].ingressCount).toBe(between(body.startTimeMs, weeks[1].timestampMs));
		expect(weeks[2].ingressCount).toBe(between(weeks[2].timestampMs, body.endTimeMs));
		expect(months[0].ingressCount).toBe(between(body.startTimeMs, months[1].timestampMs));
		expect(months[1].ingressCount).toBe(between(months[1].timestampMs, body.endTimeMs));
	});

	it('makes the bucket containing now partial and stops there', async () => {
		const body = {
			deviceUuids: [cams[0].uuid, cams[2].uuid],
			startTimeMs: Date.UTC(2026, 2, 30, 12),
			endTimeMs: Date.UTC(2026, 2, 30, 18),
		};
		const hours = await crossings(body);
		const quarters = await crossings({ ...body, bucketSize: 'QUARTER_HOUR' });
		expect(hours.map((h) => h.timestampMs)).toEqual(
			[12, 13, 14].map((h) => Date.UTC(2026, 2, 30, h)),
		);
		expect(quarters[quarters.length - 1].timestampMs).toBe(Date.UTC(2026, 2, 30, 14));
		// 14:07:30: only the seven whole minutes 14:00-14:07 count so far.
		expect(hours[2].ingressCount).toBe(quarters[quarters.length - 1].ingressCount);
		sim.setNow(Date.UTC(2026, 2, 30, 14, 45));
		const later = await crossings(body);
		const laterQuarters = await crossings({ ...body, bucketSize: 'QUARTER_HOUR' });
		expect(later[2].ingressCount).toBeGreaterThanOrEqual(hours[2].ingressCount);
		expect(later[2].ingressCount).toBe(sum(laterQuarters.slice(-3).map((q) => q.ingressCount)));
		expect(later[1]).toEqual(hours[1]);
	});
});

describe('getOccupancyCountsV2', () => {
	const range = { startTimeMs: Date.UTC(2026, 2, 26, 6), endTimeMs: Date.UTC(2026, 2, 26, 12) };

	it('reports levels per local hour with one key per report type', async () => {
		const res = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			deviceUuid: `${cams[3].uuid}.v0`,
			...range,
			interval: 'HOURLY',
		});
		const points = res.json.timeSeriesDataPoints;
		expect(points).toHaveLength(6);
		expect(points[0]).toMatchObject({
			timestampMs: range.startTimeMs,
			dateLocal: '2026-03-26T07:00:00',
			dateUtc: '2026-03-26T06:00:00.000Z',
		});
		for (const p of points) {
			expect(Object.keys(p.eventCountMap).sort()).toEqual(['FACES', 'PEOPLE']);
			expect(Object.keys(p.approximateTimestampMsMap).sort()).toEqual(['FACES', 'PEOPLE']);
			expect(p.reportingDevicesMap.PEOPLE).toEqual([`${cams[3].uuid}.v0`]);
			const at = p.approximateTimestampMsMap.PEOPLE;
			expect(at).toBeGreaterThanOrEqual(p.timestampMs);
			expect(at).toBeLessThan(p.timestampMs + HOUR_MS);
		}
		expect(points[4].eventCountMap.PEOPLE).toBeGreaterThan(10);
	});

	it('takes the maximum of the finer levels, not the sum', async () => {
		const body = { deviceUuid: cams[0].uuid, ...range };
		const hourly = await rhombus<OccupancyReport>(sim, OCCUPANCY, { ...body, interval: 'HOURLY' });
		const minutely = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			...body,
			interval: 'MINUTELY',
		});
		const quarters = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			...body,
			interval: 'QUARTERHOURLY',
		});
		const whole = await rhombus<OccupancyReport>(sim, OCCUPANCY, body);
		expect(minutely.json.timeSeriesDataPoints).toHaveLength(360);
		expect(quarters.json.timeSeriesDataPoints).toHaveLength(24);
		for (const h of hourly.json.timeSeriesDataPoints) {
			const inside = minutely.json.timeSeriesDataPoints.filter(
				(m) => m.timestampMs >= h.timestampMs && m.timestampMs < h.timestampMs + HOUR_MS,
			);
			const max = Math.max(...inside.map((m) => m.eventCountMap.PEOPLE));
			expect(h.eventCountMap.PEOPLE).toBe(max);
			const first = inside.find((m) => m.eventCountMap.PEOPLE === max);
			expect(h.approximateTimestampMsMap.PEOPLE).toBe(first?.timestampMs);
		}
		expect(whole.json.timeSeriesDataPoints).toHaveLength(1);
		expect(whole.json.timeSeriesDataPoints[0].eventCountMap.PEOPLE).toBe(
			Math.max(...hourly.json.timeSeriesDataPoints.map((p) => p.eventCountMap.PEOPLE)),
		);
	});

	it('keeps a Berlin camera’s hours on its own clock when the range starts on a half hour', async () => {
		const body = {
			deviceUuid: cams[3].uuid,
			startTimeMs: range.startTimeMs + HOUR_MS / 2,
			endTimeMs: range.startTimeMs + 2.5 * HOUR_MS,
		};
		const hourly = await rhombus<OccupancyReport>(sim, OCCUPANCY, { ...body, interval: 'HOURLY' });
		const minutely = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			...body,
			interval: 'MINUTELY',
		});
		const points = hourly.json.timeSeriesDataPoints;
		expect(points.map((p) => p.timestampMs)).toEqual(
			[0, 1, 2].map((h) => range.startTimeMs + h * HOUR_MS),
		);
		// Each hour reports the highest level of its minutes inside the range.
		for (const [index, point] of points.entries()) {
			const from = Math.max(point.timestampMs, body.startTimeMs);
			const to = Math.min(point.timestampMs + HOUR_MS, body.endTimeMs);
			const inside = minutely.json.timeSeriesDataPoints.filter(
				(m) => m.timestampMs >= from && m.timestampMs < to,
			);
			expect(inside).toHaveLength(index === 1 ? 60 : 30);
			for (const key of ['FACES', 'PEOPLE']) {
				expect(point.eventCountMap[key]).toBe(Math.max(...inside.map((m) => m.eventCountMap[key])));
			}
		}
	});

	it('aligns DAILY buckets to the camera location (Sydney)', async () => {
		const res = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			deviceUuid: cams[2].uuid,
			startTimeMs: Date.UTC(2026, 2, 20),
			endTimeMs: Date.UTC(2026, 2, 25),
			interval: 'DAILY',
		});
		const points = res.json.timeSeriesDataPoints;
		// The range starts at 11:00 on 20 March in Sydney (UTC+11): that day is cut to the range.
		expect(points.map((p) => p.dateLocal.slice(0, 10))).toEqual([
			'2026-03-20',
			'2026-03-21',
			'2026-03-22',
			'2026-03-23',
			'2026-03-24',
			'2026-03-25',
		]);
		for (const p of points) {
			expect(p.dateLocal).toMatch(/T00:00:00$/);
			expect(p.timestampMs).toBe(local('Australia/Sydney', p.dateLocal));
		}
	});

	it('answers zeros for a camera without an occupancy region', async () => {
		const res = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			deviceUuid: cams[4].uuid,
			...range,
			interval: 'HOURLY',
		});
		expect(res.json.error).toBe(false);
		expect(res.json.timeSeriesDataPoints).toHaveLength(6);
		expect(
			res.json.timeSeriesDataPoints.every((p) => sum(Object.values(p.eventCountMap)) === 0),
		).toBe(true);
	});

	it.each([
		['unknown device', { deviceUuid: 'AAAAAAAAAAAAAAAAAAAAAA' }],
		['missing device', { deviceUuid: undefined }],
		['invalid interval', { interval: 'HOURISH' }],
		['empty range', { endTimeMs: range.startTimeMs }],
	])('reports %s in band', async (_name, extra) => {
		const res = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			deviceUuid: cams[0].uuid,
			...range,
			...extra,
		});
		expect(res.status).toBe(200);
		expect(res.json.error).toBe(true);
	});
});

describe('conventions Rhombus does not document (rhombusConventions)', () => {
	const days = {
		startTimeMs: Date.UTC(2026, 2, 10),
		endTimeMs: Date.UTC(2026, 2, 12),
		timeZone: 'Europe/Berlin',
		bucketSize: 'DAY',
	};
	it('buckets in the zone asked for, stamped at starts, by default', async () => {
		const rows = await crossings({ ...days, deviceUuids: [cams[0].uuid] });
		expect(rows.map((row) => new Date(row.timestampMs).toISOString())).toEqual([
			'2026-03-09T23:00:00.000Z',
			'2026-03-10T23:00:00.000Z',
			'2026-03-11T23:00:00.000Z',
		]);
	});

	it.each([
		[{ calendar: 'utc' }, ['2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z']],
		[
			{ stamp: 'middle' },
			['2026-03-10T11:00:00.000Z', '2026-03-11T11:00:00.000Z', '2026-03-12T11:00:00.000Z'],
		],
		[
			{ stamp: 'end' },
			['2026-03-10T23:00:00.000Z', '2026-03-11T23:00:00.000Z', '2026-03-12T23:00:00.000Z'],
		],
		[{ calendar: 'utc', stamp: 'end' }, ['2026-03-11T00:00:00.000Z', '2026-03-12T00:00:00.000Z']],
	] as const)('stamps crossing-count days as %j', async (conventions, stamps) => {
		sim.config.setRhombusConventions(conventions);
		const rows = await crossings({ ...days, deviceUuids: [cams[0].uuid] });
		expect(rows.map((row) => new Date(row.timestampMs).toISOString())).toEqual(stamps);
	});

	it('starts weeks on Sunday with weekStart sunday', async () => {
		sim.config.setRhombusConventions({ weekStart: 'sunday' });
		const rows = await crossings({
			...days,
			deviceUuids: [cams[0].uuid],
			startTimeMs: Date.UTC(2026, 2, 1),
			endTimeMs: Date.UTC(2026, 2, 14),
			bucketSize: 'WEEK',
		});
		expect(rows.map((row) => new Date(row.timestampMs).toISOString())).toEqual([
			'2026-02-28T23:00:00.000Z',
			'2026-03-07T23:00:00.000Z',
		]);
	});

	it.each([
		['textOnly', ['dateLocal', 'dateUtc', 'eventCountMap']],
		['localOnly', ['dateLocal', 'eventCountMap']],
	] as const)(
		'gives occupancy points only their date texts with dates %s',
		async (dates, fields) => {
			sim.config.setRhombusConventions({ dates });
			const res = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
				deviceUuid: cams[3].uuid,
				startTimeMs: Date.UTC(2026, 2, 26, 6),
				endTimeMs: Date.UTC(2026, 2, 26, 8),
				interval: 'HOURLY',
			});
			const [point] = res.json.timeSeriesDataPoints;
			expect(
				Object.keys(point)
					.filter((key) => fields.includes(key as never))
					.sort(),
			).toEqual([...fields]);
			expect(point).not.toHaveProperty('timestampMs');
			expect(point.dateLocal).toBe('2026-03-26T07:00:00');
		},
	);

	it('counts occupancy days in UTC with calendar utc', async () => {
		sim.config.setRhombusConventions({ calendar: 'utc' });
		const res = await rhombus<OccupancyReport>(sim, OCCUPANCY, {
			deviceUuid: cams[3].uuid,
			startTimeMs: Date.UTC(2026, 2, 10),
			endTimeMs: Date.UTC(2026, 2, 12),
			interval: 'DAILY',
		});
		expect(res.json.timeSeriesDataPoints.map((p) => p.timestampMs)).toEqual([
			Date.UTC(2026, 2, 10),
			Date.UTC(2026, 2, 11),
		]);
	});

	it('refuses an unknown convention and keeps the ones in force', () => {
		sim.config.setRhombusConventions({ stamp: 'end' });
		expect(() => sim.config.setRhombusConventions({ stamp: 'late' as never })).toThrow(
			'invalid rhombusConventions.stamp',
		);
		expect(sim.config.get().rhombusConventions.stamp).toBe('end');
	});
});

describe('getExactFrameData', () => {
	async function frame(body: Record<string, unknown>) {
		const res = await rhombus<FrameResponse>(sim, FRAME, body);
		expect(res.status).toBe(200);
		return res.json;
	}

	it('returns a real JPEG of the full frame', async () => {
		const json = await frame({ cameraUuid: `${cams[0].uuid}.v0`, timestampMs: NOW - HOUR_MS });
		expect(json).toMatchObject({
			mimeType: 'image/jpeg',
			responseMessage: 'Frame retrieved successfully',
		});
		const bytes = base64ToBytes(json.frameData ?? '');
		expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
		expect(jpegSize(bytes)).toEqual({ width: 320, height: 180 });
	});

	it('downscales and crops', async () => {
		const base = { cameraUuid: cams[0].uuid, timestampMs: NOW - HOUR_MS };
		const half = await frame({ ...base, downscaleFactor: 2 });
		expect(jpegSize(base64ToBytes(half.frameData ?? ''))).toEqual({ width: 160, height: 90 });
		const crop = await frame({
			...base,
			downscaleFactor: 2,
			permyriadCropX: 2500,
			permyriadCropY: 2500,
			permyriadCropWidth: 5000,
			permyriadCropHeight: 5000,
		});
		expect(jpegSize(base64ToBytes(crop.frameData ?? ''))).toEqual({ width: 80, height: 45 });
	});

	it('is deterministic per camera and time', async () => {
		const a = await frame({ cameraUuid: cams[0].uuid, timestampMs: NOW - HOUR_MS });
		const b = await frame({ cameraUuid: cams[0].uuid, timestampMs: NOW - HOUR_MS });
		const c = await frame({ cameraUuid: cams[0].uuid, timestampMs: NOW - HOUR_MS + 17000 });
		const d = await frame({ cameraUuid: cams[1].uuid, timestampMs: NOW - HOUR_MS });
		expect(a.frameData).toBe(b.frameData);
		expect(a.frameData).not.toBe(c.frameData);
		expect(a.frameData).not.toBe(d.frameData);
	});

	it.each([
		['the offline camera', 5, -HOUR_MS],
		['a time in the future', 0, HOUR_MS],
		['a time before the retention window', 0, -31 * DAY_MS],
	])('has no footage for %s', async (_name, cam, offset) => {
		const json = await frame({ cameraUuid: cams[cam].uuid, timestampMs: NOW + offset });
		expect(json.error).toBe(false);
		expect(json.frameData ?? null).toBeNull();
		expect(json.responseMessage).toBe('No frame available');
	});

	it.each([
		['downscaleFactor 0', { downscaleFactor: 0 }],
		['crop above 10000', { permyriadCropWidth: 10001 }],
		['negative crop', { permyriadCropX: -1 }],
		['unknown camera', { cameraUuid: 'AAAAAAAAAAAAAAAAAAAAAA' }],
	])('reports %s in band', async (_name, extra) => {
		const json = await frame({ cameraUuid: cams[0].uuid, timestampMs: NOW - HOUR_MS, ...extra });
		expect(json.error).toBe(true);
		expect(json.frameData).toBeUndefined();
	});
});

describe('clips', () => {
	async function progress(clipUuid: string) {
		const res = await rhombus<ClipResponse>(sim, '/api/event/getClipWithProgress', { clipUuid });
		expect(res.json.error).toBe(false);
		return res.json.clip;
	}

	function download(
		clipUuid: string,
		headers: Record<string, string> = rhombusHeaders(sim),
		region = 'us-west-2',
	) {
		return fetch(`${sim.url}/media/metadata/${region}/${clipUuid}.mp4`, { headers });
	}

	it('renders a spliced clip through its states and serves the mp4', async () => {
		const created = await rhombus(sim, '/api/video/spliceV3', {
			deviceUuids: [`${cams[0].uuid}.v0`],
			startTimeMillis: NOW - HOUR_MS,
			durationSec: 30,
			title: 'Test clip',
		});
		const clipUuid = created.json.clipUuid as string;
		expect(clipUuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(created.json.clipUuidList).toEqual([clipUuid]);
		expect((await download(clipUuid)).status).toBe(404);
		const seen = [];
		for (let i = 0; i < 5; i++) {
			const clip = await progress(clipUuid);
			seen.push([clip.status, clip.percentComplete]);
		}
		expect(seen).toEqual([
			['INITIATING', 0],
			['RENDERING', 40],
			['RENDERING', 80],
			['COMPLETE', 100],
			['COMPLETE', 100],
		]);
		const clip = await progress(clipUuid);
		expect(clip).toMatchObject({
			uuid: clipUuid,
			title: 'Test clip',
			durationSec: 30,
			timestampMs: NOW - HOUR_MS,
			createdAtMs: NOW,
			currentOperation: 'Complete',
			deviceUuid: `${cams[0].uuid}.v0`,
			clipLocation: { region: 'us-west-2' },
		});
		const res = await download(clipUuid);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('video/mp4');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
		expect(bytes.length).toBe(clip.byteCount);
		expect(String.fromCharCode(...bytes.subarray(4, 8))).toBe('ftyp');
		expect((await download(clipUuid, rhombusHeaders(sim), 'eu-west-1')).status).toBe(404);
		const limited = rhombusHeaders(sim, { 'x-auth-apikey': sim.fixtures.rhombus.limitedApiKey });
		expect((await download(clipUuid, limited)).status).toBe(403);
		expect((await download(clipUuid, { 'x-auth-scheme': 'api-token' })).status).toBe(401);
	});

	it('fails a clip of the offline camera', async () => {
		const created = await rhombus(sim, '/api/video/spliceV3', {
			deviceUuids: [cams[5].uuid],
			startTimeMillis: NOW - HOUR_MS,
			durationSec: 10,
		});
		const states = [];
		for (let i = 0; i < 4; i++)
			states.push((await progress(created.json.clipUuid as string)).status);
		expect(states).toEqual(['INITIATING', 'RENDERING', 'RENDERING', 'FAILED']);
	});

	it.each([0, 3601])('rejects durationSec %i in band', async (durationSec) => {
		const res = await rhombus(sim, '/api/video/spliceV3', {
			deviceUuids: [cams[0].uuid],
			startTimeMillis: NOW - HOUR_MS,
			durationSec,
		});
		expect(res.json.error).toBe(true);
	});

	it('reports an unknown clip in band', async () => {
		const res = await rhombus(sim, '/api/event/getClipWithProgress', {
			clipUuid: 'AAAAAAAAAAAAAAAAAAAAAA',
		});
		expect(res.json).toMatchObject({ error: true, errorMsg: 'Clip not found' });
	});

	it('pages through all saved clips newest first', async () => {
		const all = [];
		let pageToken: string | null = null;
		let pages = 0;
		do {
			const res: { json: ClipsPage } = await rhombus<ClipsPage>(
				sim,
				'/api/event/getClipsWithProgress',
				{
					pageSize: 100,
					...(pageToken ? { pageToken } : {}),
				},
			);
			expect(res.json.error).toBe(false);
			all.push(...res.json.savedClips);
			pageToken = res.json.pageToken;
			pages++;
		} while (pageToken && pages < 10);
		expect(pageToken).toBeNull();
		expect(all.length).toBeGreaterThanOrEqual(250);
		expect(pages).toBe(Math.ceil(all.length / 100));
		expect(new Set(all.map((c) => c.uuid)).size).toBe(all.length);
		const ts = all.map((c) => c.timestampMs);
		expect(ts).toEqual([...ts].sort((a, b) => b - a));
		expect(all.filter((c) => c.title === 'Test clip')).toHaveLength(1);
	});

	it('filters clips by device and time', async () => {
		const res = await rhombus<ClipsPage>(sim, '/api/event/getClipsWithProgress', {
			pageSize: 200,
			deviceUuidFilters: [`${cams[1].uuid}.v0`],
			timestampMsAfter: NOW - 10 * DAY_MS,
			timestampMsBefore: NOW - DAY_MS,
		});
		expect(res.json.savedClips.length).toBeGreaterThan(5);
		for (const c of res.json.savedClips) {
			expect(c.deviceUuids).toEqual([`${cams[1].uuid}.v0`]);
			expect(c.timestampMs).toBeGreaterThanOrEqual(NOW - 10 * DAY_MS);
			expect(c.timestampMs).toBeLessThan(NOW - DAY_MS);
			expect(c.status).toBe('COMPLETE');
		}
	});

	it.each([0, 201])('rejects pageSize %i in band', async (pageSize) => {
		const res = await rhombus(sim, '/api/event/getClipsWithProgress', { pageSize });
		expect(res.json.error).toBe(true);
	});
});

describe('request validation', () => {
	it('answers 405 to a GET', async () => {
		const res = await fetch(`${sim.url}/api/camera/getMinimalCameraStateList`, {
			headers: rhombusHeaders(sim),
		});
		expect(res.status).toBe(405);
	});

	it('answers 400 to a body that is not a JSON object', async () => {
		for (const body of ['{nope', '', '[1]']) {
			const res = await rhombus(sim, '/api/camera/getMinimalCameraStateList', body);
			expect(res.status).toBe(400);
			expect(res.json).toEqual({ msg: "JSON doesn't match expected object structure" });
		}
	});

	it('answers 400 when a field has the wrong type', async () => {
		const res = await rhombus(sim, CROSSING, {
			deviceUuids: cams[0].uuid,
			startTimeMs: 0,
			endTimeMs: 1,
		});
		expect(res.status).toBe(400);
	});

	it('answers 404 to an unknown operation and 415 without a JSON content type', async () => {
		expect((await rhombus(sim, '/api/camera/doesNotExist')).status).toBe(404);
		const res = await rhombus(
			sim,
			'/api/camera/getMinimalCameraStateList',
			{},
			{
				'x-auth-apikey': sim.fixtures.rhombus.apiKey,
				'x-auth-scheme': 'api-token',
			},
		);
		expect(res.status).toBe(415);
	});
});
