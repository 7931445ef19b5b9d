import { startSimulator } from '../../simulator/server.cjs';
import type { Simulator, VariantEdit } from '../../simulator/server.cjs';
import { startCli, tempFile } from './cli.cjs';
import type { ClipResponse, CrossingReport, OccupancyReport } from './simClient';
import { DAY_MS, HOUR_MS, indivd, rhombus, ZONE_VISITORS } from './simClient';

const NOW = Date.UTC(2026, 2, 30, 14, 7, 30);
const CROSSING = '/api/report/getBatchThresholdCrossingCountReport';
const OCCUPANCY = '/api/report/getOccupancyCountsV2';
const LOCATIONS = '/api/location/getLocations';
const SPLICE = '/api/video/spliceV3';
const PROGRESS = '/api/event/getClipWithProgress';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.variants.clear();
	sim.faults.clear();
	sim.log.clear();
});

const camera = () => sim.fixtures.rhombus.cameras[0].uuid;

/** Two whole hours, so both reports answer two rows. */
const START = Date.UTC(2026, 2, 30, 11);
const END = START + 2 * HOUR_MS;

function crossingBody() {
	return { deviceUuids: [camera()], startTimeMs: START, endTimeMs: END };
}

function occupancyBody() {
	return { deviceUuid: camera(), startTimeMs: START, endTimeMs: END, interval: 'HOURLY' };
}

async function crossings() {
	return (await rhombus<CrossingReport>(sim, CROSSING, crossingBody())).json;
}

async function control(method: string, path: string, body?: unknown) {
	const res = await fetch(`${sim.url}/__sim/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as unknown };
}

describe('variants: the normal answer', () => {
	it('is served unchanged while no variant is set, and again once the variants are cleared', async () => {
		const normal = await crossings();
		expect(sim.variants.list()).toEqual({});
		sim.variants.set('getBatchThresholdCrossingCountReport', { path: '', op: 'extra' });
		expect(await crossings()).not.toEqual(normal);
		sim.variants.clear();
		expect(await crossings()).toEqual(normal);
	});

	it('changes only the answers of its own kind', async () => {
		const normal = await rhombus<OccupancyReport>(sim, OCCUPANCY, occupancyBody());
		sim.variants.set('getBatchThresholdCrossingCountReport', {
			path: 'crossingCounts',
			op: 'empty',
		});
		expect((await rhombus(sim, OCCUPANCY, occupancyBody())).json).toEqual(normal.json);
		expect((await crossings()).crossingCounts).toEqual([]);
	});

	it('leaves HTTP error answers alone', async () => {
		sim.variants.set('zone_visitors', { path: '', op: 'set', value: { replaced: true } });
		const bad = await indivd(sim, ZONE_VISITORS, {
			start_date: 'yesterday',
			end_date: '2026-03-01',
		});
		expect(bad.status).toBe(400);
		expect(bad.text).toBe('');
		expect(sim.log.entries()[0].variant).toBeUndefined();
	});

	it('also varies in-band errors, which Rhombus answers with HTTP 200', async () => {
		sim.variants.set('getClipWithProgress', { path: '', op: 'extra' });
		const answer = await rhombus(sim, PROGRESS, { clipUuid: 'NoSuchClip000000000000' });
		expect(answer.json).toEqual({
			error: true,
			errorMsg: 'Clip not found',
			simulatorUnknownField: 'a field no contract names',
		});
	});

	it('is edited after it was computed, so a clip still renders over successive progress calls', async () => {
		const { clipUuid } = (
			await rhombus<{ clipUuid: string }>(sim, SPLICE, {
				deviceUuids: [`${camera()}.v0`],
				startTimeMillis: NOW - DAY_MS,
				durationSec: 30,
			})
		).json;
		sim.variants.set('getClipWithProgress', [
			{ path: 'clip.status', op: 'absent' },
			{ path: 'clip.clipLocation', op: 'null' },
		]);
		const answers: ClipResponse[] = [];
		for (let poll = 0; poll < 4; poll++) {
			answers.push((await rhombus<ClipResponse>(sim, PROGRESS, { clipUuid })).json);
		}
		expect(answers.map((a) => a.clip.percentComplete)).toEqual([0, 40, 80, 100]);
		for (const { clip } of answers) {
			expect(clip).not.toHaveProperty('status');
			expect(clip.clipLocation).toBeNull();
		}
	});

	it('records in the log which kind was varied and how many places each edit changed', async () => {
		sim.variants.set('getLocations', [
			{ path: 'locations[*].tz', op: 'null' },
			{ path: 'locations[0].noSuchField', op: 'absent' },
		]);
		await rhombus(sim, LOCATIONS);
		await rhombus(sim, CROSSING, crossingBody());
		const [locations, crossing] = sim.log.entries();
		expect(locations.variant).toEqual({ kind: 'getLocations', matched: [3, 0] });
		expect(crossing.variant).toBeUndefined();
	});
});

describe('variants: edits', () => {
	async function varied(edits: VariantEdit[]) {
		sim.variants.set('getBatchThresholdCrossingCountReport', edits);
		return await crossings();
	}

	it('null sets a field to null, creating it where its object lacks it', async () => {
		const report = await varied([
			{ path: 'crossingCounts[0].timestampMs', op: 'null' },
			{ path: 'warningMsg', op: 'null' },
		]);
		expect(report.crossingCounts?.[0].timestampMs).toBeNull();
		expect(report.crossingCounts?.[1].timestampMs).toEqual(expect.any(Number));
		expect(report.warningMsg).toBeNull();
	});

	it('absent removes a field, or takes an element out of its array', async () => {
		const normal = await crossings();
		const report = await varied([
			{ path: 'crossingCounts[*].egressCount', op: 'absent' },
			{ path: 'crossingCounts[0]', op: 'absent' },
			{ path: 'error', op: 'absent' },
		]);
		expect(report.crossingCounts).toEqual(
			normal.crossingCounts?.slice(1).map(({ ingressCount, timestampMs }) => ({
				ingressCount,
				timestampMs,
			})),
		);
		expect('error' in report).toBe(false);
	});

	it('extra adds an unknown field to an object, named and valued as asked', async () => {
		const report = await varied([
			{ path: '', op: 'extra' },
			{ path: 'crossingCounts[-1]', op: 'extra', key: 'confidence', value: { low: 0.2 } },
		]);
		expect(report.simulatorUnknownField).toBe('a field no contract names');
		expect(report.crossingCounts?.at(-1)).toMatchObject({ confidence: { low: 0.2 } });
		expect(report.crossingCounts?.[0]).not.toHaveProperty('confidence');
	});

	it('extra leaves empty objects empty, such as a comparison period nobody asked for', async () => {
		sim.variants.set('zone_visitors', [
			{ path: 'comparison', op: 'extra' },
			{ path: 'current', op: 'extra' },
		]);
		const answer = await indivd<{ current: object; comparison: object }>(sim, ZONE_VISITORS, {
			start_date: '2026-03-02',
			end_date: '2026-03-02',
		});
		expect(answer.json.comparison).toEqual({});
		expect(answer.json.current).toHaveProperty('simulatorUnknownField');
	});

	it('empty empties arrays, objects and strings', async () => {
		sim.variants.set('getOccupancyCountsV2', [
			{ path: 'timeSeriesDataPoints[*].eventCountMap', op: 'empty' },
			{ path: 'timeSeriesDataPoints[1].dateLocal', op: 'empty' },
		]);
		const { timeSeriesDataPoints } = (
			await rhombus<OccupancyReport>(sim, OCCUPANCY, occupancyBody())
		).json;
		expect(timeSeriesDataPoints.map((point) => point.eventCountMap)).toEqual([{}, {}]);
		expect(timeSeriesDataPoints[1].dateLocal).toBe('');
		expect((await varied([{ path: 'crossingCounts', op: 'empty' }])).crossingCounts).toEqual([]);
	});

	it('set replaces a value, or at the root the whole body', async () => {
		expect(
			(await varied([{ path: 'crossingCounts[1].ingressCount', op: 'set', value: '7' }]))
				.crossingCounts?.[1].ingressCount,
		).toBe('7');
		expect(await varied([{ path: '', op: 'set', value: { crossingCounts: null } }])).toEqual({
			crossingCounts: null,
		});
	});

	it('rename moves a field to another name in its object', async () => {
		const normal = await crossings();
		const report = await varied([
			{ path: 'crossingCounts[*].ingressCount', op: 'rename', key: 'in' },
		]);
		expect(report.crossingCounts?.map((row) => Object.keys(row))).toEqual(
			normal.crossingCounts?.map(() => ['egressCount', 'timestampMs', 'in']),
		);
		expect(report.crossingCounts?.map((row) => (row as unknown as { in: number }).in)).toEqual(
			normal.crossingCounts?.map((row) => row.ingressCount),
		);
	});

	it('reshapes containers: values, keyed, first and wrap', async () => {
		const normal = (await indivd<Record<string, { id: number }>>(sim, '/filters/locations')).json;
		const list = Object.values(normal);
		const shapes: Array<[VariantEdit[], unknown]> = [
			[[{ path: '', op: 'values' }], list],
			[
				[
					{ path: '', op: 'values' },
					{ path: '', op: 'first' },
				],
				list[0],
			],
			[
				[
					{ path: '', op: 'values' },
					{ path: '', op: 'wrap' },
				],
				{ results: list },
			],
			[
				[
					{ path: '', op: 'values' },
					{ path: '', op: 'keyed' },
				],
				normal,
			],
		];
		for (const [edits, expected] of shapes) {
			sim.variants.set('filters/locations', edits);
			expect((await indivd(sim, '/filters/locations')).json).toEqual(expected);
		}
		sim.variants.set('filters/locations', [
			{ path: '', op: 'values' },
			{ path: '', op: 'keyed', key: 'name' },
		]);
		expect(Object.keys((await indivd<object>(sim, '/filters/locations')).json)).toEqual(
			list.map((location) => (location as { name?: string }).name),
		);
	});

	it('addresses entries of a map by position, every entry, or a quoted key with dots', async () => {
		sim.config.setCrossingShape('map');
		const device = `${camera()}.v0`;
		const body = { ...crossingBody(), deviceUuids: [device, sim.fixtures.rhombus.cameras[1].uuid] };
		sim.variants.set('getBatchThresholdCrossingCountReport', [
			{ path: 'deviceCrossingCounts[1][0].timestampMs', op: 'absent' },
			{ path: `deviceCrossingCounts["${device}"]`, op: 'empty' },
			{ path: 'deviceCrossingCounts[*][-1]', op: 'extra' },
		]);
		try {
			const report = (await rhombus<CrossingReport>(sim, CROSSING, body)).json;
			const [first, second] = Object.values(report.deviceCrossingCounts ?? {});
			expect(first).toEqual([]);
			expect(second[0]).not.toHaveProperty('timestampMs');
			expect(second.at(-1)).toHaveProperty('simulatorUnknownField');
		} finally {
			sim.config.setCrossingShape('array');
		}
	});

	it('changes nothing where the path leads nowhere or the edit does not fit the value', async () => {
		const normal = await crossings();
		expect(
			await varied([
				{ path: 'crossingCounts[99].timestampMs', op: 'null' },
				{ path: 'nothing.here', op: 'set', value: 1 },
				{ path: 'crossingCounts[0].ingressCount', op: 'extra' },
				{ path: 'crossingCounts', op: 'values' },
			]),
		).toEqual(normal);
		expect(sim.log.entries().at(-1)?.variant?.matched).toEqual([0, 0, 0, 0]);
	});
});

describe('variants: control', () => {
	it('refuses unknown kinds and ops, bad paths, a set without value, a nameless rename, an absent body', () => {
		const kind = 'getLocations';
		expect(() => sim.variants.set('getEverything' as typeof kind, [])).toThrow(
			/unknown request kind/,
		);
		expect(() => sim.variants.set(kind, { path: '', op: 'shuffle' as 'set' })).toThrow(
			/unknown variant op/,
		);
		for (const path of ['a..b', 'a[', 'a[x]', '[0]b']) {
			expect(() => sim.variants.set(kind, { path, op: 'null' })).toThrow(/invalid variant path/);
		}
		expect(() => sim.variants.set(kind, { path: 'a', op: 'set' })).toThrow(/needs a value/);
		expect(() => sim.variants.set(kind, { path: 'a', op: 'rename' })).toThrow(/new name/);
		expect(() => sim.variants.set(kind, { path: '', op: 'absent' })).toThrow(/cannot be absent/);
		expect(sim.variants.list()).toEqual({});
	});

	it('are set, listed and cleared over HTTP, per kind or all at once, all or nothing', async () => {
		const edits = [{ path: 'locations[0].tz', op: 'absent' }];
		const set = await control('POST', 'variants', {
			getLocations: edits,
			line_crosses: [{ path: '', op: 'empty' }],
		});
		expect(set).toEqual({
			status: 200,
			json: { getLocations: edits, line_crosses: [{ path: '', op: 'empty' }] },
		});
		expect(
			(
				await indivd(sim, '/api/v1/rnd/insights/external/line_crosses/', {
					start_date: '2026-03-02',
					end_date: '2026-03-02',
				})
			).json,
		).toEqual([]);
		const refused = await control('POST', 'variants', {
			getLocations: [],
			getNothing: edits,
		});
		expect(refused.status).toBe(400);
		expect((await control('GET', 'variants')).json).toEqual({
			getLocations: edits,
			line_crosses: [{ path: '', op: 'empty' }],
		});
		expect((await control('DELETE', 'variants?kind=line_crosses')).json).toEqual({
			getLocations: edits,
		});
		await control('DELETE', 'variants');
		expect((await control('GET', 'variants')).json).toEqual({});
	});

	it('can be given at start-up', async () => {
		const started = await startSimulator({
			now: NOW,
			rateLimit: false,
			variants: { 'filters/zones': [{ path: '[*].name', op: 'absent' }] },
		});
		try {
			const zones = (await indivd<Array<{ name?: string }>>(started, '/filters/zones')).json;
			expect(zones.length).toBeGreaterThan(0);
			expect(zones.every((zone) => !('name' in zone))).toBe(true);
		} finally {
			await started.close();
		}
	});

	it('can be given on the command line, as JSON or as a file, and are named in the banner', async () => {
		const variants = { getMinimalCameraStateList: [{ path: 'cameraStates', op: 'empty' }] };
		for (const flag of [
			JSON.stringify(variants),
			tempFile('variants.json', JSON.stringify(variants)),
		]) {
			const cli = await startCli(['--variants', flag]);
			try {
				expect(cli.banner).toContain(
					'Variant of getMinimalCameraStateList: [{"path":"cameraStates","op":"empty"}]',
				);
				const answer = await fetch(`${cli.url}/api/camera/getMinimalCameraStateList`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-auth-apikey': sim.fixtures.rhombus.apiKey,
						'x-auth-scheme': 'api-token',
					},
					body: '{}',
				});
				expect(await answer.json()).toEqual({ cameraStates: [] });
			} finally {
				await cli.stop();
			}
		}
	});
});
