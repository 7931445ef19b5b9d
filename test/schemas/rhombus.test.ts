import { parseResponse } from '../../nodes/shared/validation';
import type { RhombusEndpoint } from '../../nodes/Rhombus/transport/schemas';
import { rhombusSchema } from '../../nodes/Rhombus/transport/schemas';
import cameraStateList from '../fixtures/rhombus/cameraStateList.json';
import clipWithProgress from '../fixtures/rhombus/clipWithProgress.json';
import clipsWithProgress from '../fixtures/rhombus/clipsWithProgress.json';
import crossingArray from '../fixtures/rhombus/crossingCounts.array.json';
import crossingMap from '../fixtures/rhombus/crossingCounts.map.json';
import exactFrame from '../fixtures/rhombus/exactFrame.json';
import locations from '../fixtures/rhombus/locations.json';
import noFrame from '../fixtures/rhombus/noFrame.json';
import occupancy from '../fixtures/rhombus/occupancy.json';
import splice from '../fixtures/rhombus/splice.json';

function parse<E extends RhombusEndpoint>(endpoint: E, payload: unknown) {
	const result = parseResponse(rhombusSchema(endpoint), payload);
	if (!result.ok) throw new Error(`${result.mismatch.path}: ${result.mismatch.problem}`);
	return result.data;
}

function mismatch(endpoint: RhombusEndpoint, payload: unknown) {
	const result = parseResponse(rhombusSchema(endpoint), payload);
	if (result.ok) throw new Error('expected a mismatch');
	return result.mismatch;
}

const batch = '/api/report/getBatchThresholdCrossingCountReport';

describe('Rhombus crossing counts', () => {
	it('reads the documented array as counts summed over all requested devices', () => {
		const { report } = parse(batch, crossingArray);
		expect(report).toEqual({
			kind: 'aggregate',
			counts: [
				{ egressCount: 12, ingressCount: 19, timestampMs: 1774911600000 },
				{ egressCount: 25, ingressCount: 31, timestampMs: 1774915200000 },
			],
		});
	});

	it('reads the per-device map that Rhombus MCP parses, keyed as Rhombus sent it', () => {
		const { report, warningMsg } = parse(batch, crossingMap);
		expect(report.kind).toBe('perDevice');
		if (report.kind !== 'perDevice') return;
		expect(Object.keys(report.byDevice)).toEqual([
			'Xb7dQ2kLmN4pR8sT1vW3yZ.v0',
			'Hq2Jf9Lk3Mn5Pq7Rs9Tu1V',
		]);
		expect(report.byDevice.Hq2Jf9Lk3Mn5Pq7Rs9Tu1V[1]).toEqual({
			egressCount: 9,
			ingressCount: 14,
			timestampMs: 1774915200000,
		});
		expect(warningMsg).toBe('1 device(s) offline; counts may be incomplete');
	});

	it('reads a per-device map that arrives under crossingCounts', () => {
		const { report } = parse(batch, { crossingCounts: crossingMap.deviceCrossingCounts });
		expect(report.kind).toBe('perDevice');
	});

	it('treats a missing or null list as no buckets and missing counts as zero', () => {
		expect(parse(batch, {}).report).toEqual({ kind: 'aggregate', counts: [] });
		expect(parse(batch, { crossingCounts: null }).report).toEqual({
			kind: 'aggregate',
			counts: [],
		});
		expect(parse(batch, { crossingCounts: [{ timestampMs: 1774911600000 }] }).report).toEqual({
			kind: 'aggregate',
			counts: [{ ingressCount: 0, egressCount: 0, timestampMs: 1774911600000 }],
		});
	});

	it('names the first bad path when a count is not a number', () => {
		expect(
			mismatch(batch, {
				crossingCounts: [{ ingressCount: 1, egressCount: 'many', timestampMs: 5 }],
			}),
		).toEqual({ path: 'crossingCounts[0].egressCount', problem: expect.stringMatching(/number/i) });
	});

	it('refuses timestamps that cannot be a bucket and counts below zero', () => {
		expect(mismatch(batch, { crossingCounts: [{ timestampMs: 1 }] }).path).toBe(
			'crossingCounts[0].timestampMs',
		);
		expect(
			mismatch(batch, { crossingCounts: [{ ingressCount: -3, timestampMs: 1774911600000 }] }).path,
		).toBe('crossingCounts[0].ingressCount');
		expect(
			mismatch(batch, { crossingCounts: [{ egressCount: 1.5, timestampMs: 1774911600000 }] }).path,
		).toBe('crossingCounts[0].egressCount');
	});

	it('names the bucket when its timestamp is missing', () => {
		expect(mismatch(batch, { crossingCounts: [{ ingressCount: 1, egressCount: 2 }] }).path).toBe(
			'crossingCounts[0].timestampMs',
		);
	});
});

describe('Rhombus occupancy', () => {
	const endpoint = '/api/report/getOccupancyCountsV2';

	it('keeps eventCountMap with whatever keys Rhombus uses, numbers given as text included', () => {
		const { timeSeriesDataPoints } = parse(endpoint, occupancy);
		expect(timeSeriesDataPoints).toHaveLength(2);
		expect(timeSeriesDataPoints[1].eventCountMap).toEqual({ REGION_A: 9, REGION_B: 4 });
		expect(timeSeriesDataPoints[0].dateLocal).toBe('2026-03-31T01:00:00');
	});

	it('treats an absent series as empty', () => {
		expect(parse(endpoint, { error: false }).timeSeriesDataPoints).toEqual([]);
	});

	it('rejects a timestamp given as a date string, naming the point', () => {
		const bad = {
			timeSeriesDataPoints: [occupancy.timeSeriesDataPoints[0], { timestampMs: '2026-03-31' }],
		};
		expect(mismatch(endpoint, bad)).toEqual({
			path: 'timeSeriesDataPoints[1].timestampMs',
			problem: expect.any(String),
		});
	});
});

describe('Rhombus frames, clips and lists', () => {
	it('reads a frame and a frame-less answer alike', () => {
		expect(parse('/api/video/getExactFrameData', exactFrame).frameData).toMatch(/^\/9j\//);
		expect(parse('/api/video/getExactFrameData', noFrame).frameData).toBeNull();
	});

	it('rejects frame data that is not base64', () => {
		expect(mismatch('/api/video/getExactFrameData', { frameData: '<html>' }).path).toBe(
			'frameData',
		);
	});

	it('takes the clip id from clipUuidList when clipUuid is empty', () => {
		expect(parse('/api/video/spliceV3', splice).clipUuid).toBe('Cl1pUu1dAAAAAAAAAAAAAA');
		expect(parse('/api/video/spliceV3', { clipUuid: 'Abc' }).clipUuid).toBe('Abc');
	});

	it('rejects a splice answer without any clip id', () => {
		expect(mismatch('/api/video/spliceV3', { clipUuidList: [] }).path).toBe('clipUuid');
	});

	it('reads a clip with progress and keeps fields it does not model', () => {
		const { clip } = parse('/api/event/getClipWithProgress', clipWithProgress);
		expect(clip).toMatchObject({
			uuid: 'Cl1pUu1dAAAAAAAAAAAAAA',
			status: 'RENDERING',
			percentComplete: 75,
		});
		expect(clip.clipLocation?.region).toBe('us-west-2');
		expect((clip as Record<string, unknown>).videoResolution).toEqual({
			height: 1080,
			width: 1920,
		});
	});

	it('requires the clip object', () => {
		expect(mismatch('/api/event/getClipWithProgress', { error: false }).path).toBe('clip');
	});

	it('reads a page of clips with its next page token', () => {
		const page = parse('/api/event/getClipsWithProgress', clipsWithProgress);
		expect(page.savedClips.map((clip) => clip.status)).toEqual(['RENDERING', 'COMPLETE']);
		expect(page.pageToken).toBe('eyJvZmZzZXQiOjJ9');
		expect(parse('/api/event/getClipsWithProgress', { savedClips: null }).savedClips).toEqual([]);
	});

	it('reads cameras and locations', () => {
		const cameras = parse('/api/camera/getMinimalCameraStateList', cameraStateList).cameraStates;
		expect(cameras.map((camera) => camera.name)).toEqual(['Lobby Entrance', 'Loading Dock']);
		const list = parse('/api/location/getLocations', locations).locations;
		expect(list.map((location) => location.tz)).toEqual(['Europe/Berlin', 'America/Los_Angeles']);
	});

	it('rejects a camera without uuid, naming it', () => {
		expect(
			mismatch('/api/camera/getMinimalCameraStateList', { cameraStates: [{ name: 'x' }] }).path,
		).toBe('cameraStates[0].uuid');
	});
});
