import { parseResponse } from '../../nodes/shared/validation';
import type { RhombusEndpoint } from '../../nodes/Rhombus/transport/schemas';
import { rhombusSchema } from '../../nodes/Rhombus/transport/schemas';
import cameraStateList from '../fixtures/rhombus/cameraStateList.json';
import cameraStateListNullable from '../fixtures/rhombus/cameraStateList.nullable.json';
import clipWithProgress from '../fixtures/rhombus/clipWithProgress.json';
import clipOffline from '../fixtures/rhombus/clipWithProgress.offline.json';
import clipThumbnailRegion from '../fixtures/rhombus/clipWithProgress.thumbnailRegion.json';
import clipsWithProgress from '../fixtures/rhombus/clipsWithProgress.json';
import clipsNullable from '../fixtures/rhombus/clipsWithProgress.nullable.json';
import crossingArray from '../fixtures/rhombus/crossingCounts.array.json';
import crossingMap from '../fixtures/rhombus/crossingCounts.map.json';
import crossingNullable from '../fixtures/rhombus/crossingCounts.nullable.json';
import exactFrame from '../fixtures/rhombus/exactFrame.json';
import locations from '../fixtures/rhombus/locations.json';
import locationsNullable from '../fixtures/rhombus/locations.nullable.json';
import noFrame from '../fixtures/rhombus/noFrame.json';
import occupancy from '../fixtures/rhombus/occupancy.json';
import occupancyNullable from '../fixtures/rhombus/occupancy.nullable.json';
import splice from '../fixtures/rhombus/splice.json';
import spliceNullable from '../fixtures/rhombus/splice.nullable.json';

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

	it('reads a missing or null list as no list at all, which the metric fills with zeros', () => {
		expect(parse(batch, {}).report).toEqual({ kind: 'none' });
		expect(parse(batch, { crossingCounts: null }).report).toEqual({ kind: 'none' });
		expect(parse(batch, { crossingCounts: [] }).report).toEqual({ kind: 'aggregate', counts: [] });
	});

	it('accepts every field of a count as null or absent, as the spec allows, and keeps it so', () => {
		const { report } = parse(batch, crossingNullable);
		expect(report).toEqual({ kind: 'aggregate', counts: crossingNullable.crossingCounts });
		if (report.kind !== 'aggregate') return;
		// Such rows take the fast path: used as sent, not copied.
		report.counts.forEach((count, index) => {
			expect(count).toBe(crossingNullable.crossingCounts[index]);
		});
		expect(parse(batch, { crossingCounts: [{}] }).report).toEqual({
			kind: 'aggregate',
			counts: [{}],
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
		expect(mismatch(batch, { crossingCounts: [{ timestampMs: 'abc' }] })).toEqual({
			path: 'crossingCounts[0].timestampMs',
			problem: 'Expected number, received string',
		});
		expect(
			mismatch(batch, { crossingCounts: [{ ingressCount: -3, timestampMs: 1774911600000 }] }).path,
		).toBe('crossingCounts[0].ingressCount');
		expect(
			mismatch(batch, { crossingCounts: [{ egressCount: 1.5, timestampMs: 1774911600000 }] }).path,
		).toBe('crossingCounts[0].egressCount');
	});
});

describe('Rhombus occupancy', () => {
	const endpoint = '/api/report/getOccupancyCountsV2';

	it('keeps eventCountMap with whatever keys Rhombus uses, numbers given as text included', () => {
		const { timeSeriesDataPoints } = parse(endpoint, occupancy);
		expect(timeSeriesDataPoints).toHaveLength(2);
		expect(timeSeriesDataPoints?.[1].eventCountMap).toEqual({ REGION_A: 9, REGION_B: 4 });
		expect(timeSeriesDataPoints?.[0].dateLocal).toBe('2026-03-31T01:00:00');
	});

	it('leaves an absent or null series as it came, for the metric to fill', () => {
		expect(parse(endpoint, { error: false }).timeSeriesDataPoints).toBeUndefined();
		expect(parse(endpoint, { timeSeriesDataPoints: null }).timeSeriesDataPoints).toBeNull();
	});

	it('accepts what the spec lets be null, and passes on the fields it does not read, whatever they hold', () => {
		const { timeSeriesDataPoints } = parse(endpoint, occupancyNullable);
		expect(timeSeriesDataPoints).toEqual(occupancyNullable.timeSeriesDataPoints);
		timeSeriesDataPoints?.forEach((point, index) => {
			expect(point).toBe(occupancyNullable.timeSeriesDataPoints[index]);
		});
		const anything = {
			timestampMs: 1774911600000,
			approximateTimestampMsMap: { PEOPLE: 'soon', OTHER: -1 },
			reportingDevicesMap: { PEOPLE: [null, 7] },
			dateLocal: 20260331,
		};
		expect(parse(endpoint, { timeSeriesDataPoints: [anything] }).timeSeriesDataPoints).toEqual([
			anything,
		]);
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

	it('rejects a count in eventCountMap that is not a whole number', () => {
		expect(
			mismatch(endpoint, {
				timeSeriesDataPoints: [{ timestampMs: 1774911600000, eventCountMap: { PEOPLE: -1 } }],
			}).path,
		).toBe('timeSeriesDataPoints[0].eventCountMap.PEOPLE');
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

	it('takes the clip id from clipUuidList when clipUuid is empty, skipping null items', () => {
		expect(parse('/api/video/spliceV3', splice).clipUuid).toBe('Cl1pUu1dAAAAAAAAAAAAAA');
		expect(parse('/api/video/spliceV3', spliceNullable).clipUuid).toBe('Cl1pUu1dAAAAAAAAAAAAAA');
		expect(parse('/api/video/spliceV3', { clipUuid: 'Abc' }).clipUuid).toBe('Abc');
	});

	it('rejects a splice answer without any clip id, naming clipUuid', () => {
		for (const answer of [{ clipUuidList: [] }, { clipUuid: null, clipUuidList: [null] }, {}]) {
			expect(mismatch('/api/video/spliceV3', answer)).toEqual({
				path: 'clipUuid',
				problem: 'Expected clipUuid or clipUuidList',
			});
		}
	});

	it('reads a clip with progress and keeps fields it does not model', () => {
		const { clip } = parse('/api/event/getClipWithProgress', clipWithProgress);
		expect(clip).toMatchObject({
			uuid: 'Cl1pUu1dAAAAAAAAAAAAAA',
			status: 'RENDERING',
			percentComplete: 75,
		});
		expect(clip?.clipLocation?.region).toBe('us-west-2');
		expect((clip as Record<string, unknown>).videoResolution).toEqual({
			height: 1080,
			width: 1920,
		});
	});

	it('accepts a clip whose uuid, locations and unread fields are null, as the spec allows', () => {
		expect(parse('/api/event/getClipWithProgress', clipOffline).clip).toEqual(clipOffline.clip);
		expect(parse('/api/event/getClipWithProgress', clipThumbnailRegion).clip).toEqual(
			clipThumbnailRegion.clip,
		);
	});

	it('leaves an absent or null clip for the operation to report as not found', () => {
		expect(parse('/api/event/getClipWithProgress', { error: false }).clip).toBeUndefined();
		expect(parse('/api/event/getClipWithProgress', { clip: null }).clip).toBeNull();
	});

	it('reads a page of clips with its next page token', () => {
		const page = parse('/api/event/getClipsWithProgress', clipsWithProgress);
		expect(page.savedClips.map((clip) => clip.status)).toEqual(['RENDERING', 'COMPLETE']);
		expect(page.pageToken).toBe('eyJvZmZzZXQiOjJ9');
		expect(parse('/api/event/getClipsWithProgress', { savedClips: null }).savedClips).toEqual([]);
	});

	it('reads a page holding clips without uuid and with nulls in fields it does not read', () => {
		const page = parse('/api/event/getClipsWithProgress', clipsNullable);
		expect(page.savedClips).toEqual(clipsNullable.savedClips);
		expect(page.pageToken).toBeNull();
	});

	it('reads cameras and locations', () => {
		const cameras = parse('/api/camera/getMinimalCameraStateList', cameraStateList).cameraStates;
		expect(cameras.map((camera) => camera.name)).toEqual(['Lobby Entrance', 'Loading Dock']);
		const list = parse('/api/location/getLocations', locations).locations;
		expect(list.map((location) => location.tz)).toEqual(['Europe/Berlin', 'America/Los_Angeles']);
	});

	it('reads cameras and locations without uuid, name or time zone, as the spec allows', () => {
		expect(
			parse('/api/camera/getMinimalCameraStateList', cameraStateListNullable).cameraStates,
		).toEqual(cameraStateListNullable.cameraStates);
		expect(parse('/api/location/getLocations', locationsNullable).locations).toEqual(
			locationsNullable.locations,
		);
	});

	it('names a camera whose uuid is not text', () => {
		expect(
			mismatch('/api/camera/getMinimalCameraStateList', { cameraStates: [{ uuid: 7 }] }).path,
		).toBe('cameraStates[0].uuid');
	});
});
