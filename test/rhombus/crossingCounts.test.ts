import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import crossingNullable from '../fixtures/rhombus/crossingCounts.nullable.json';
import { fakeDateOnly } from '../helpers/clock';
import { NOW, requests, run, runFailure, useSimulator } from './helpers';

const rhombus = useSimulator();
const path = '/api/report/getBatchThresholdCrossingCountReport';

function cameras() {
	return rhombus.sim.fixtures.rhombus.cameras;
}

function parameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: [cameras()[0].uuid, cameras()[1].uuid],
		startTime: '2026-03-30T09:00:00',
		endTime: '2026-03-30T12:00:00',
		timeZone: 'Europe/Berlin',
		...overrides,
	};
}

interface RawCount {
	ingressCount: number;
	egressCount: number;
	timestampMs: number;
}

describe('Report → Get Crossing Counts', () => {
	it('asks for every camera in one request, with the times read in the chosen time zone', async () => {
		await run(
			rhombus,
			parameters({ bucketSize: 'QUARTER_HOUR', crossingObject: 'VEHICLE', dedupe: false }),
		);
		const sent = requests(rhombus);
		expect(sent).toHaveLength(1);
		expect(sent[0].path).toBe(path);
		expect(sent[0].method).toBe('POST');
		expect(sent[0].body).toEqual({
			deviceUuids: [cameras()[0].uuid, cameras()[1].uuid],
			startTimeMs: Date.UTC(2026, 2, 30, 7),
			endTimeMs: Date.UTC(2026, 2, 30, 10),
			timeZone: 'Europe/Berlin',
			bucketSize: 'QUARTER_HOUR',
			crossingObject: 'VEHICLE',
			dedupe: false,
		});
		expect(sent[0].headers).toMatchObject({
			'x-auth-apikey': rhombus.sim.fixtures.rhombus.apiKey,
			'x-auth-scheme': 'api-token',
			'content-type': expect.stringContaining('application/json'),
		});
	});

	it('sends the defaults: hourly buckets of humans, deduplicated', async () => {
		await run(rhombus, parameters());
		expect(requests(rhombus)[0].body).toMatchObject({
			bucketSize: 'HOUR',
			crossingObject: 'HUMAN',
			dedupe: true,
		});
	});

	it('reads cameras given by an expression as a comma-separated string, as given', async () => {
		const ids = `${cameras()[0].uuid}.v0 , ${cameras()[2].uuid}`;
		await run(rhombus, parameters({ cameraUuids: ids }));
		expect(requests(rhombus)[0].body).toMatchObject({
			deviceUuids: [`${cameras()[0].uuid}.v0`, cameras()[2].uuid],
		});
	});

	it('takes the workflow time zone when Time Zone is empty, and accepts luxon DateTimes', async () => {
		const items = await run(
			rhombus,
			parameters({
				timeZone: '',
				startTime: DateTime.fromISO('2026-03-30T09:00:00', { zone: 'America/New_York' }),
				endTime: '2026-03-30T10:00:00',
			}),
			{ timezone: 'America/New_York' },
		);
		expect(requests(rhombus)[0].body).toMatchObject({
			startTimeMs: Date.UTC(2026, 2, 30, 13),
			endTimeMs: Date.UTC(2026, 2, 30, 14),
			timeZone: 'America/New_York',
		});
		expect(items[0].json).toMatchObject({
			timeZone: 'America/New_York',
			bucketStartLocal: '2026-03-30T09:00:00.000-04:00',
		});
	});

	describe('when Rhombus sums the cameras (documented array shape)', () => {
		it('gives one bucket item per period for the whole selection, with the counts Rhombus sent', async () => {
			const [raw] = await run(rhombus, parameters({ outputMode: 'raw' }));
			const counts = raw.json.crossingCounts as RawCount[];
			expect(counts).toHaveLength(3);

			rhombus.sim.log.clear();
			const items = await run(rhombus, parameters());
			const ids = [cameras()[0].uuid, cameras()[1].uuid].sort();
			expect(items.map((item) => item.json)).toEqual(
				counts.map((count, index) => ({
					source: 'rhombus',
					metric: 'crossingCounts',
					bucketKey: `rhombus:crossingCounts:cameras=${ids.join(',')}:hour:${new Date(count.timestampMs).toISOString()}`,
					bucketStart: new Date(Date.UTC(2026, 2, 30, 7 + index)).toISOString(),
					bucketEnd: new Date(Date.UTC(2026, 2, 30, 8 + index)).toISOString(),
					bucketStartLocal: `2026-03-30T${String(9 + index).padStart(2, '0')}:00:00.000+02:00`,
					timeZone: 'Europe/Berlin',
					granularity: 'hour',
					complete: true,
					cameraUuids: `${cameras()[0].uuid},${cameras()[1].uuid}`,
					ingress: count.ingressCount,
					egress: count.egressCount,
					net: count.ingressCount - count.egressCount,
				})),
			);
			expect(items.every((item) => (item.json.ingress as number) > 0)).toBe(true);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		});

		it('keys a selection the same way whatever the order or facet of the cameras', async () => {
			const [first] = await run(rhombus, parameters());
			const [second] = await run(
				rhombus,
				parameters({ cameraUuids: [`${cameras()[1].uuid}.v0`, cameras()[0].uuid] }),
			);
			expect(second.json.bucketKey).toBe(first.json.bucketKey);
		});
	});

	describe('says which buckets are final', () => {
		beforeAll(() => {
			fakeDateOnly();
			jest.setSystemTime(NOW);
		});
		afterAll(() => jest.useRealTimers());

		it('marks the hour that is still open, and the one that closed a minute ago, not complete', async () => {
			// NOW is 12:00 UTC; the 11:00 hour closed at 12:00 and is final from 12:02.
			jest.setSystemTime(NOW + 60_000);
			rhombus.sim.setNow(NOW + 60_000);
			const items = await run(
				rhombus,
				parameters({
					timeZone: 'UTC',
					startTime: '2026-04-01T09:00:00',
					endTime: '2026-04-01T13:00:00',
				}),
			);
			expect(items.map((item) => [item.json.bucketStart, item.json.complete])).toEqual([
				['2026-04-01T09:00:00.000Z', true],
				['2026-04-01T10:00:00.000Z', true],
				['2026-04-01T11:00:00.000Z', false],
				['2026-04-01T12:00:00.000Z', false],
			]);
		});
	});

	describe('keys what is counted, so other counts never overwrite human counts', () => {
		const key = async (overrides: IDataObject) =>
			(await run(rhombus, parameters({ cameraUuids: [cameras()[0].uuid], ...overrides })))[0].json
				.bucketKey;

		it('keeps the key of humans, deduplicated, as it was', async () => {
			expect(await key({})).toBe(
				`rhombus:crossingCounts:cameras=${cameras()[0].uuid}:hour:2026-03-30T07:00:00.000Z`,
			);
		});

		it.each([
			[{ crossingObject: 'VEHICLE' }, ';object=VEHICLE'],
			[{ dedupe: false }, ';dedupe=false'],
			[{ crossingObject: 'FACE', dedupe: false }, ';object=FACE;dedupe=false'],
		])('names %j in the key', async (overrides, part) => {
			expect(await key(overrides)).toBe(
				`rhombus:crossingCounts:cameras=${cameras()[0].uuid}${part}:hour:2026-03-30T07:00:00.000Z`,
			);
		});
	});

	describe('when Rhombus answers per device (map shape)', () => {
		beforeEach(() => rhombus.sim.config.setCrossingShape('map'));

		it('gives one bucket item per camera and period, matched to the requested cameras', async () => {
			const [raw] = await run(rhombus, parameters({ outputMode: 'raw' }));
			const byDevice = raw.json.deviceCrossingCounts as Record<string, RawCount[]>;

			const items = await run(
				rhombus,
				parameters({ cameraUuids: [`${cameras()[0].uuid}.v0`, cameras()[1].uuid] }),
			);
			expect(items).toHaveLength(6);
			const expected = [
				[cameras()[0].uuid, byDevice[cameras()[0].uuid]],
				[cameras()[1].uuid, byDevice[cameras()[1].uuid]],
			] as const;
			expect(items.map((item) => item.json)).toEqual(
				expected.flatMap(([uuid, counts]) =>
					counts.map((count) =>
						expect.objectContaining({
							cameraUuid: uuid,
							bucketKey: `rhombus:crossingCounts:camera=${uuid}:hour:${new Date(count.timestampMs).toISOString()}`,
							bucketStart: new Date(count.timestampMs).toISOString(),
							bucketEnd: new Date(count.timestampMs + 3_600_000).toISOString(),
							ingress: count.ingressCount,
							egress: count.egressCount,
							net: count.ingressCount - count.egressCount,
						}),
					),
				),
			);
			expect(items[0].json).not.toHaveProperty('cameraUuids');
		});

		it('counts a camera listed twice, with and without facet, once', async () => {
			const uuid = cameras()[0].uuid;
			const items = await run(rhombus, parameters({ cameraUuids: [uuid, `${uuid}.v0`] }));
			expect(items).toHaveLength(3);
			expect(new Set(items.map((item) => item.json.bucketKey)).size).toBe(3);
		});

		it('puts the warning of Rhombus on every item', async () => {
			const offline = cameras().find((camera) => !camera.online);
			const items = await run(
				rhombus,
				parameters({ cameraUuids: [cameras()[0].uuid, offline!.uuid] }),
			);
			expect(items).toHaveLength(6);
			for (const item of items) {
				expect(item.json.warning).toBe('1 device(s) offline; counts may be incomplete');
			}
		});
	});

	describe('with One Row per Camera', () => {
		const perCamera = (overrides: IDataObject = {}) =>
			parameters({ perCamera: true, ...overrides });
		const sent = () =>
			requests(rhombus, path).map((entry) => (entry.body as IDataObject).deviceUuids);

		it('asks each camera on its own when Rhombus adds the cameras up, and gives each its own rows', async () => {
			const summed = await run(rhombus, parameters());
			rhombus.sim.log.clear();
			const [first, second] = [cameras()[0].uuid, cameras()[1].uuid];
			const items = await run(rhombus, perCamera({ cameraUuids: [`${first}.v0`, second] }));
			expect(sent()).toEqual([[`${first}.v0`, second], [`${first}.v0`], [second]]);
			expect(items.map(({ json }) => [json.cameraUuid, json.bucketKey])).toEqual(
				[first, second].flatMap((uuid) =>
					summed.map(({ json }) => [
						uuid,
						`rhombus:crossingCounts:camera=${uuid}:hour:${String(json.bucketStart)}`,
					]),
				),
			);
			expect(items[0].json).not.toHaveProperty('cameraUuids');
			const ingressAt = (bucketStart: unknown) =>
				items
					.filter(({ json }) => json.bucketStart === bucketStart)
					.reduce((sum, { json }) => sum + (json.ingress as number), 0);
			for (const { json } of summed) expect(ingressAt(json.bucketStart)).toBe(json.ingress);
		});

		it('makes one request when Rhombus answers per device', async () => {
			rhombus.sim.config.setCrossingShape('map');
			const asAnswered = await run(rhombus, parameters());
			rhombus.sim.log.clear();
			const items = await run(rhombus, perCamera());
			expect(sent()).toHaveLength(1);
			expect(items.map((item) => item.json)).toEqual(asAnswered.map((item) => item.json));
		});

		it('makes one request for one camera, and keys its rows by that camera', async () => {
			const uuid = cameras()[0].uuid;
			const items = await run(rhombus, perCamera({ cameraUuids: [uuid, `${uuid}.v0`] }));
			expect(sent()).toHaveLength(1);
			expect(items).toHaveLength(3);
			for (const { json } of items) {
				expect(json.cameraUuid).toBe(uuid);
				expect(json.bucketKey).toContain(`:camera=${uuid}:`);
			}
		});

		it('gives every camera empty rows, not zeros, from one request when Rhombus sends no list', async () => {
			rhombus.sim.faults.add({ path, kind: 'schema', body: { crossingCounts: null } });
			const items = await run(rhombus, perCamera());
			expect(sent()).toHaveLength(1);
			expect(items.map(({ json }) => [json.cameraUuid, json.ingress])).toEqual([
				[cameras()[0].uuid, null],
				[cameras()[0].uuid, null],
				[cameras()[0].uuid, null],
				[cameras()[1].uuid, null],
				[cameras()[1].uuid, null],
				[cameras()[1].uuid, null],
			]);
			expect(items[0].json.warning).toBe(
				'Rhombus sent no crossingCounts (every bucket left empty)',
			);
		});

		it('is off by default, so several cameras stay one request and one row per bucket', async () => {
			const items = await run(rhombus, parameters());
			expect(sent()).toHaveLength(1);
			expect(items).toHaveLength(3);
			expect(items[0].json.cameraUuids).toBe(`${cameras()[0].uuid},${cameras()[1].uuid}`);
		});
	});

	describe('accepts every answer the spec allows, and says on each item what was missing', () => {
		const answer = (body: unknown) =>
			rhombus.sim.faults.add({ path, kind: 'schema', body, times: Infinity });
		const hour = (h: number) => new Date(Date.UTC(2026, 2, 30, h)).toISOString();

		it('leaves out a count without its time, and gives absent counts and the bucket it may belong to as empty, never 0', async () => {
			answer(crossingNullable);
			const items = await run(rhombus, parameters());
			expect(
				items.map(({ json }) => [json.bucketStart, json.ingress, json.egress, json.net]),
			).toEqual([
				[hour(7), 5, 3, 2],
				[hour(8), null, 1, null],
				[hour(9), null, null, null],
			]);
			for (const { json } of items) {
				expect(json.warning).toBe(
					'Counts of 1 device are delayed. Left out 1 crossingCounts rows without timestampMs (no bucket to put them in). 2 crossingCounts rows without ingressCount (left empty). 1 crossingCounts rows without egressCount (left empty)',
				);
			}
		});

		it('says the same of a per-device answer, naming the list the rows came in', async () => {
			const [first, second] = [cameras()[0].uuid, cameras()[1].uuid];
			answer({
				deviceCrossingCounts: {
					[first]: [{ ingressCount: 1, egressCount: 0, timestampMs: Date.UTC(2026, 2, 30, 7) }],
					[`${second}.v0`]: [
						{ ingressCount: 2, egressCount: 1, timestampMs: null },
						{ ingressCount: 3, egressCount: 1, timestampMs: Date.UTC(2026, 2, 30, 8) },
					],
				},
			});
			const items = await run(rhombus, parameters());
			expect(items.map(({ json }) => [json.cameraUuid, json.bucketStart, json.ingress])).toEqual([
				[first, hour(7), 1],
				[second, hour(7), null],
				[second, hour(8), 3],
				[second, hour(9), null],
			]);
			for (const { json } of items) {
				expect(json.warning).toBe(
					'Left out 1 deviceCrossingCounts rows without timestampMs (no bucket to put them in). 2 buckets without a row (left empty)',
				);
			}
		});

		it.each([
			['null', { crossingCounts: null, error: false }],
			['absent', { error: false }],
		])(
			'gives every bucket of the range empty, not 0, when crossingCounts is %s, saying Rhombus sent none',
			async (_how, body) => {
				answer(body);
				const items = await run(
					rhombus,
					parameters({ startTime: '2026-03-30T09:30:00', endTime: '2026-03-30T12:00:00' }),
				);
				const ids = [cameras()[0].uuid, cameras()[1].uuid];
				expect(items.map(({ json }) => json)).toEqual(
					[
						[`${hour(7).slice(0, 13)}:30:00.000Z`, hour(8), true],
						[hour(8), hour(9), false],
						[hour(9), hour(10), false],
					].map(([bucketStart, bucketEnd, partial]) =>
						expect.objectContaining({
							bucketStart,
							bucketEnd,
							...(partial ? { partial: true } : {}),
							cameraUuids: ids.join(','),
							ingress: null,
							egress: null,
							net: null,
							warning: 'Rhombus sent no crossingCounts (every bucket left empty)',
						}),
					),
				);
			},
		);

		it('keeps the warning of Rhombus before its own when crossingCounts is absent', async () => {
			answer({ warningMsg: 'Line crossing is not configured' });
			const items = await run(rhombus, parameters());
			expect(items).toHaveLength(3);
			expect(items[0].json.warning).toBe(
				'Line crossing is not configured. Rhombus sent no crossingCounts (every bucket left empty)',
			);
		});

		it('gives no items, and no warning, for an empty list: Rhombus said there is nothing', async () => {
			answer({ crossingCounts: [] });
			expect(await run(rhombus, parameters())).toEqual([]);
		});

		it('gives every bucket empty, not 0, saying so, when no count has a time', async () => {
			answer({ crossingCounts: [{ ingressCount: 1, timestampMs: null }, {}] });
			const items = await run(rhombus, parameters());
			expect(items.map(({ json }) => [json.bucketStart, json.ingress, json.warning])).toEqual(
				[hour(7), hour(8), hour(9)].map((start) => [
					start,
					null,
					'Left out 2 crossingCounts rows without timestampMs (no bucket to put them in). 3 buckets without a row (left empty)',
				]),
			);
		});

		it('gives such an answer untouched in raw mode', async () => {
			answer(crossingNullable);
			const [item] = await run(rhombus, parameters({ outputMode: 'raw' }));
			expect(item.json).toEqual(crossingNullable);
		});

		it('still refuses a time that is not a number, naming the endpoint and the row', async () => {
			answer({ crossingCounts: [{ ingressCount: 1, egressCount: 0, timestampMs: 'abc' }] });
			const error = await runFailure(rhombus, parameters());
			expect(error.message).toBe(
				`Rhombus returned an unexpected response from ${path} at crossingCounts[0].timestampMs: Expected number, received string`,
			);
		});
	});

	it('makes the day of the spring DST change in Berlin one 23-hour bucket', async () => {
		rhombus.sim.config.setCrossingShape('map');
		const items = await run(
			rhombus,
			parameters({
				cameraUuids: [cameras()[0].uuid],
				startTime: '2026-03-29',
				endTime: '2026-03-30',
				bucketSize: 'DAY',
			}),
		);
		expect(requests(rhombus)[0].body).toMatchObject({
			startTimeMs: Date.UTC(2026, 2, 28, 23),
			endTimeMs: Date.UTC(2026, 2, 29, 22),
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			bucketStart: '2026-03-28T23:00:00.000Z',
			bucketEnd: '2026-03-29T22:00:00.000Z',
			bucketStartLocal: '2026-03-29T00:00:00.000+01:00',
			granularity: 'day',
			// Its end does not follow from its start, so the key names both (docs/contract.md §6.2).
			bucketKey: `rhombus:crossingCounts:camera=${cameras()[0].uuid}:day:2026-03-28T23:00:00.000Z/2026-03-29T22:00:00.000Z`,
		});
	});

	it('starts weeks on Monday and ends months at the next month in the time zone', async () => {
		const week = await run(
			rhombus,
			parameters({ startTime: '2026-03-16', endTime: '2026-03-23', bucketSize: 'WEEK' }),
		);
		expect(week[0].json).toMatchObject({
			bucketStartLocal: '2026-03-16T00:00:00.000+01:00',
			bucketEnd: '2026-03-22T23:00:00.000Z',
			granularity: 'week',
		});
		const month = await run(
			rhombus,
			parameters({ startTime: '2026-03-01', endTime: '2026-04-01', bucketSize: 'MONTH' }),
		);
		expect(month[0].json).toMatchObject({
			bucketStart: '2026-02-28T23:00:00.000Z',
			bucketEnd: '2026-03-31T22:00:00.000Z',
			granularity: 'month',
		});
	});

	describe('cuts the buckets at the edges of a range that starts or ends inside one, marked partial', () => {
		const spans = (items: Array<{ json: IDataObject }>) =>
			items.map(({ json }) => [
				String(json.bucketStartLocal).slice(0, 16),
				DateTime.fromISO(String(json.bucketEnd), { zone: 'Europe/Berlin' }).toISO()!.slice(0, 16),
				json.partial ?? false,
			]);

		/** What Rhombus counted between two instants, as the sum of whole days or quarter hours. */
		async function ingressBetween(bucketSize: string, startTime: string, endTime: string) {
			const fine = await run(rhombus, parameters({ bucketSize, startTime, endTime }));
			return (from: unknown, to: unknown) =>
				fine
					.filter(
						({ json }) =>
							Date.parse(String(json.bucketStart)) >= Date.parse(String(from)) &&
							Date.parse(String(json.bucketEnd)) <= Date.parse(String(to)),
					)
					.reduce((sum, { json }) => sum + Number(json.ingress), 0);
		}

		it('weeks from a Wednesday to a Wednesday', async () => {
			const range = { startTime: '2026-03-04', endTime: '2026-03-18' };
			const items = await run(rhombus, parameters({ ...range, bucketSize: 'WEEK' }));
			expect(spans(items)).toEqual([
				['2026-03-04T00:00', '2026-03-09T00:00', true],
				['2026-03-09T00:00', '2026-03-16T00:00', false],
				['2026-03-16T00:00', '2026-03-18T00:00', true],
			]);
			const ids = [cameras()[0].uuid, cameras()[1].uuid].sort().join(',');
			expect(items[0].json.bucketKey).toBe(
				`rhombus:crossingCounts:cameras=${ids}:week:2026-03-03T23:00:00.000Z/2026-03-08T23:00:00.000Z`,
			);
			expect(items[1].json.bucketKey).toBe(
				`rhombus:crossingCounts:cameras=${ids}:week:2026-03-08T23:00:00.000Z`,
			);
			expect(Object.keys(items[0].json).indexOf('partial')).toBe(
				Object.keys(items[0].json).indexOf('granularity') + 1,
			);
			const truth = await ingressBetween('DAY', range.startTime, range.endTime);
			for (const { json } of items) {
				expect(json.ingress).toBe(truth(json.bucketStart, json.bucketEnd));
			}
		});

		it('months from 25 February to 10 March, each only its days inside the range', async () => {
			const range = { startTime: '2026-02-25', endTime: '2026-03-10' };
			const items = await run(rhombus, parameters({ ...range, bucketSize: 'MONTH' }));
			expect(spans(items)).toEqual([
				['2026-02-25T00:00', '2026-03-01T00:00', true],
				['2026-03-01T00:00', '2026-03-10T00:00', true],
			]);
			const truth = await ingressBetween('DAY', range.startTime, range.endTime);
			for (const { json } of items) {
				expect(json.ingress).toBe(truth(json.bucketStart, json.bucketEnd));
				expect(json.ingress).toBeGreaterThan(0);
			}
		});

		it('days from 09:00 to 18:00 the next day', async () => {
			const range = { startTime: '2026-03-30T09:00:00', endTime: '2026-03-31T18:00:00' };
			const items = await run(rhombus, parameters({ ...range, bucketSize: 'DAY' }));
			expect(spans(items)).toEqual([
				['2026-03-30T09:00', '2026-03-31T00:00', true],
				['2026-03-31T00:00', '2026-03-31T18:00', true],
			]);
			const truth = await ingressBetween('QUARTER_HOUR', range.startTime, range.endTime);
			for (const { json } of items) {
				expect(json.ingress).toBe(truth(json.bucketStart, json.bucketEnd));
			}
		});

		it('hours from 09:10 to 11:20', async () => {
			const items = await run(
				rhombus,
				parameters({ startTime: '2026-03-30T09:10:00', endTime: '2026-03-30T11:20:00' }),
			);
			expect(spans(items)).toEqual([
				['2026-03-30T09:10', '2026-03-30T10:00', true],
				['2026-03-30T10:00', '2026-03-30T11:00', false],
				['2026-03-30T11:00', '2026-03-30T11:20', true],
			]);
			const [whole] = await run(
				rhombus,
				parameters({ startTime: '2026-03-30T09:00:00', endTime: '2026-03-30T10:00:00' }),
			);
			expect(items[0].json.ingress).toBeLessThan(Number(whole.json.ingress));
		});
	});

	it('refuses a count outside the range on every calendar tried, naming the endpoint, the count and both readings', async () => {
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: {
				crossingCounts: [
					{ ingressCount: 1, egressCount: 0, timestampMs: Date.UTC(2026, 2, 30, 7) },
					{ ingressCount: 2, egressCount: 0, timestampMs: Date.UTC(2026, 2, 30, 12) },
				],
			},
		});
		const error = await runFailure(rhombus, parameters());
		expect(error.message).toBe(
			`Rhombus returned an unexpected response from ${path} at crossingCounts[1].timestampMs: the points fit no calendar tried (Europe/Berlin, UTC, America/Los_Angeles): read as bucket starts, crossingCounts[1].timestampMs 2026-03-30T12:00:00.000Z starts no bucket inside the requested range; read as times inside their buckets, crossingCounts[1].timestampMs 2026-03-30T12:00:00.000Z is outside the range, out of order, or in the bucket of the point before it`,
		);
	});

	it('gives the whole answer as one item in raw mode, without anything added', async () => {
		const items = await run(rhombus, parameters({ outputMode: 'raw' }));
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].json).sort()).toEqual(['crossingCounts', 'error']);
		expect(items[0].json.error).toBe(false);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	describe('refuses bad input before any request', () => {
		it.each([
			[{ cameraUuids: [] }, 'Camera Names or IDs: choose at least one camera [item 0]'],
			[{ cameraUuids: ' , ' }, 'Camera Names or IDs: choose at least one camera [item 0]'],
			[
				{ endTime: '2026-03-30T08:00:00' },
				'End Time: must be after Start Time (2026-03-30T08:00:00.000+02:00 is not after 2026-03-30T09:00:00.000+02:00) [item 0]',
			],
			[{ startTime: 'yesterday' }, /^Start Time: "yesterday" is not a date and time/],
			[{ endTime: '' }, /^End Time is empty/],
			[{ timeZone: 'Mars/Olympus' }, /^Time Zone: "Mars\/Olympus" is not a time zone/],
			[{ timeZone: '+02:00' }, /^Time Zone: "\+02:00" is a fixed UTC offset/],
			[{ bucketSize: 'YEAR' }, /^Bucket Size: "YEAR" is not one of/],
		])('%j', async (overrides, message) => {
			const error = await runFailure(rhombus, parameters(overrides));
			expect(error.message).toMatch(message);
			expect(requests(rhombus)).toHaveLength(0);
		});
	});
});
