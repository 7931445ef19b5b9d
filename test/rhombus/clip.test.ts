import type { IDataObject } from 'n8n-workflow';

import { clipProgressPolling } from '../../nodes/Rhombus/actions/clip/clips';
import clipOnline from '../fixtures/rhombus/clipWithProgress.json';
import clipOffline from '../fixtures/rhombus/clipWithProgress.offline.json';
import clipThumbnailRegion from '../fixtures/rhombus/clipWithProgress.thumbnailRegion.json';
import spliceNullable from '../fixtures/rhombus/splice.nullable.json';
import { binaryBytes, cameraLocator, requests, run, runFailure, useSimulator } from './helpers';

const rhombus = useSimulator();
const splice = '/api/video/spliceV3';
const progress = '/api/event/getClipWithProgress';
const clipStart = Date.UTC(2026, 2, 31, 9, 0, 0);
const defaultPollIntervalMs = clipProgressPolling.intervalMs;

beforeEach(() => {
	clipProgressPolling.intervalMs = 10;
});
afterAll(() => {
	clipProgressPolling.intervalMs = defaultPollIntervalMs;
});

function cameras() {
	return rhombus.sim.fixtures.rhombus.cameras;
}

function createParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'clip',
		operation: 'create',
		cameraUuid: cameraLocator(cameras()[0].uuid),
		startTime: new Date(clipStart).toISOString(),
		...overrides,
	};
}

async function createdClipUuid(overrides: IDataObject = {}): Promise<string> {
	const [item] = await run(rhombus, createParameters(overrides));
	rhombus.sim.log.clear();
	return item.json.clipUuid as string;
}

/** A clip the simulator seeded long ago: complete, with its video stored in us-west-2. */
async function seededClip(): Promise<IDataObject> {
	const [item] = await run(rhombus, {
		resource: 'clip',
		operation: 'getMany',
		limit: 1,
	});
	rhombus.sim.log.clear();
	return item.json;
}

function isMp4(video: Buffer): boolean {
	return video.subarray(4, 8).toString('latin1') === 'ftyp';
}

describe('Clip → Create', () => {
	it('sends the primary video of the camera once, kept in the Console, and returns the new clip ID', async () => {
		const items = await run(rhombus, createParameters());
		const sent = requests(rhombus);
		expect(sent).toHaveLength(1);
		expect(sent[0].path).toBe(splice);
		expect(sent[0].body).toEqual({
			deviceUuids: [`${cameras()[0].uuid}.v0`],
			startTimeMillis: clipStart,
			durationSec: 60,
			saveToConsole: true,
		});
		expect(sent[0].headers).toMatchObject({
			'x-auth-apikey': rhombus.sim.fixtures.rhombus.apiKey,
			'x-auth-scheme': 'api-token',
		});
		const clipUuid = items[0].json.clipUuid as string;
		expect(clipUuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(items[0].json).toEqual({ clipUuid, clipUuidList: [clipUuid] });
	});

	it('sends title, description and duration, and keeps a facet given with the camera ID', async () => {
		await run(
			rhombus,
			createParameters({
				cameraUuid: { __rl: true, mode: 'id', value: `${cameras()[1].uuid}.v0` },
				startTime: '2026-03-31T11:00:00',
				durationSec: 3600,
				title: 'Delivery',
				description: 'Pallet at the back door',
			}),
			{ timezone: 'Europe/Berlin' },
		);
		expect(requests(rhombus)[0].body).toEqual({
			deviceUuids: [`${cameras()[1].uuid}.v0`],
			startTimeMillis: clipStart,
			durationSec: 3600,
			saveToConsole: true,
			title: 'Delivery',
			description: 'Pallet at the back door',
		});
	});

	it('waits until the clip is complete, asking for its progress until then', async () => {
		const [item] = await run(
			rhombus,
			createParameters({ waitForCompletion: true, title: 'Waited for' }),
		);
		const sent = requests(rhombus);
		expect(sent.map((entry) => entry.path)).toEqual([
			splice,
			progress,
			progress,
			progress,
			progress,
		]);
		const clipUuid = item.json.clipUuid as string;
		for (const entry of sent.slice(1)) expect(entry.body).toEqual({ clipUuid });
		expect(item.json).toMatchObject({
			clipUuid,
			uuid: clipUuid,
			status: 'COMPLETE',
			percentComplete: 100,
			title: 'Waited for',
			clipLocation: { region: rhombus.sim.fixtures.rhombus.mediaRegion },
		});
		expect(item.binary).toBeUndefined();
	});

	it('downloads the finished clip as an mp4 file when asked', async () => {
		const [item] = await run(
			rhombus,
			createParameters({ waitForCompletion: true, download: true, binaryPropertyName: 'video' }),
		);
		const clipUuid = item.json.clipUuid as string;
		const media = requests(rhombus).filter((entry) => entry.path.startsWith('/media/'));
		expect(media).toHaveLength(1);
		expect(media[0].method).toBe('GET');
		expect(media[0].path).toBe(
			`/media/metadata/${rhombus.sim.fixtures.rhombus.mediaRegion}/${clipUuid}.mp4`,
		);
		expect(media[0].headers).toMatchObject({
			'x-auth-apikey': rhombus.sim.fixtures.rhombus.apiKey,
			'x-auth-scheme': 'api-token',
		});
		const video = binaryBytes(item, 'video');
		expect(isMp4(video)).toBe(true);
		expect(video.length).toBe(item.json.byteCount);
		expect(item.binary?.video).toMatchObject({
			mimeType: 'video/mp4',
			fileName: `${clipUuid}.mp4`,
			bytes: video.length,
		});
	});

	it('fails when Rhombus gives up on the clip of an offline camera', async () => {
		const offline = cameras().find((camera) => !camera.online)!;
		const error = await runFailure(
			rhombus,
			createParameters({ cameraUuid: cameraLocator(offline.uuid), waitForCompletion: true }),
		);
		expect(error.message).toMatch(
			/^Clip [A-Za-z0-9_-]{22} will not complete: FAILED at 40%, Failed: camera offline$/,
		);
		expect(error.description).toMatch(/could not render the clip/);
		expect(requests(rhombus, splice)).toHaveLength(1);
	});

	it('times out after Wait Timeout with the last progress seen', async () => {
		clipProgressPolling.intervalMs = defaultPollIntervalMs;
		const started = Date.now();
		const error = await runFailure(
			rhombus,
			createParameters({ waitForCompletion: true, waitTimeoutSec: 1 }),
		);
		const elapsed = Date.now() - started;
		expect(error.message).toMatch(
			/^Clip [A-Za-z0-9_-]{22} was not complete after 1 s: RENDERING at (40|80)%, Processing video$/,
		);
		expect(error.description).toMatch(/Raise Wait Timeout/);
		expect(elapsed).toBeGreaterThanOrEqual(990);
		expect(elapsed).toBeLessThan(1_900);
		expect(requests(rhombus, progress).length).toBeLessThanOrEqual(3);
	});

	it('keeps waiting while the camera is OFFLINE, as Rhombus uploads the footage once it is back', async () => {
		rhombus.sim.faults.add({ path: progress, kind: 'schema', body: clipOffline, times: 2 });
		const [item] = await run(rhombus, createParameters({ waitForCompletion: true }));
		// Two OFFLINE answers, then the simulator's own progress to COMPLETE.
		expect(requests(rhombus, progress).map((entry) => entry.fault)).toEqual([
			'schema',
			'schema',
			undefined,
			undefined,
		]);
		expect(item.json).toMatchObject({ status: 'COMPLETE', percentComplete: 100 });
	});

	it('times out on a clip that stays OFFLINE, saying the camera is offline', async () => {
		rhombus.sim.faults.add({ path: progress, kind: 'schema', body: clipOffline, times: Infinity });
		const error = await runFailure(
			rhombus,
			createParameters({ waitForCompletion: true, waitTimeoutSec: 1 }),
		);
		expect(error.message).toMatch(
			/^Clip [A-Za-z0-9_-]{22} was not complete after 1 s: OFFLINE at 10%, Waiting for camera$/,
		);
		expect(error.description).toBe(
			'The camera is offline, so Rhombus uploads the footage once it is back online. Raise Wait Timeout, or fetch it later with Clip → Get and Wait for Completion.',
		);
	});

	it('fails at once when the clip is DELETED while waiting', async () => {
		rhombus.sim.faults.add({
			path: progress,
			kind: 'schema',
			body: { clip: { ...clipOffline.clip, status: 'DELETED', currentOperation: null } },
		});
		const error = await runFailure(rhombus, createParameters({ waitForCompletion: true }));
		expect(error.message).toMatch(/^Clip [A-Za-z0-9_-]{22} will not complete: DELETED at 10%$/);
		expect(error.description).toBe('The clip was deleted before it was complete.');
		expect(requests(rhombus, progress)).toHaveLength(1);
	});

	it('takes the first clip ID in clipUuidList when clipUuid is null, as Rhombus’s SDK does', async () => {
		rhombus.sim.faults.add({ path: splice, kind: 'schema', body: spliceNullable });
		const [item] = await run(rhombus, createParameters());
		expect(item.json).toEqual({
			clipUuid: 'Cl1pUu1dAAAAAAAAAAAAAA',
			clipUuidList: [null, 'Cl1pUu1dAAAAAAAAAAAAAA'],
		});
	});

	it('names clipUuid when the answer holds no clip ID at all', async () => {
		rhombus.sim.faults.add({
			path: splice,
			kind: 'schema',
			body: { clipUuid: null, clipUuidList: [null], error: false },
		});
		const error = await runFailure(rhombus, createParameters());
		expect(error.message).toBe(
			`Rhombus returned an unexpected response from ${splice} at clipUuid: Expected clipUuid or clipUuidList`,
		);
	});

	it('is never repeated automatically when Rhombus fails', async () => {
		rhombus.sim.faults.add({ path: splice, kind: 'status', status: 503 });
		const error = await runFailure(rhombus, createParameters());
		expect(error.message).toMatch(/HTTP 503/);
		expect(error.description).toMatch(/not repeated automatically/);
		expect(requests(rhombus, splice)).toHaveLength(1);
	});

	describe('refuses bad input before any request', () => {
		it.each([
			[
				{ durationSec: 0 },
				'Duration (Seconds): 0 must be a whole number between 1 and 3600 [item 0]',
			],
			[
				{ durationSec: 3601 },
				'Duration (Seconds): 3601 must be a whole number between 1 and 3600 [item 0]',
			],
			[
				{ durationSec: 2.5 },
				'Duration (Seconds): 2.5 must be a whole number between 1 and 3600 [item 0]',
			],
			[{ startTime: 'soon' }, /^Start Time: "soon" is not a date and time/],
			[
				{ waitForCompletion: true, waitTimeoutSec: 0 },
				'Wait Timeout (Seconds): 0 must be a whole number at least 1 [item 0]',
			],
			[
				{ waitForCompletion: true, download: true, binaryPropertyName: '' },
				/^Put Output File in Field: enter a field name/,
			],
			[{ cameraUuid: cameraLocator('') }, /^Camera: choose a camera/],
		])('%j', async (overrides, message) => {
			const error = await runFailure(rhombus, createParameters(overrides));
			expect(error.message).toMatch(message);
			expect(requests(rhombus)).toHaveLength(0);
		});
	});
});

describe('Clip → Get', () => {
	it('gets a clip with its progress in one request', async () => {
		const clipUuid = await createdClipUuid();
		const [item] = await run(rhombus, { resource: 'clip', operation: 'get', clipUuid });
		expect(requests(rhombus).map((entry) => [entry.path, entry.body])).toEqual([
			[progress, { clipUuid }],
		]);
		expect(item.json).toMatchObject({
			clipUuid,
			uuid: clipUuid,
			status: 'INITIATING',
			percentComplete: 0,
			deviceUuids: [`${cameras()[0].uuid}.v0`],
		});
	});

	it('waits for completion when asked', async () => {
		const clipUuid = await createdClipUuid();
		const [item] = await run(rhombus, {
			resource: 'clip',
			operation: 'get',
			clipUuid: ` ${clipUuid} `,
			waitForCompletion: true,
		});
		expect(requests(rhombus, progress)).toHaveLength(4);
		expect(item.json).toMatchObject({ clipUuid, status: 'COMPLETE', percentComplete: 100 });
	});

	it('passes on the reason Rhombus gives for an unknown clip', async () => {
		const error = await runFailure(rhombus, {
			resource: 'clip',
			operation: 'get',
			clipUuid: 'AAAAAAAAAAAAAAAAAAAAAA',
		});
		expect(error.message).toBe(`Rhombus rejected ${progress}: Clip not found`);
	});

	it.each([
		['absent', { error: false, warningMsg: null }],
		['null', { clip: null, error: false }],
	])('says a clip is not found when Rhombus answers with the clip %s', async (_how, body) => {
		rhombus.sim.faults.add({ path: progress, kind: 'schema', body });
		const error = await runFailure(rhombus, {
			resource: 'clip',
			operation: 'get',
			clipUuid: 'AAAAAAAAAAAAAAAAAAAAAA',
		});
		expect(error.message).toBe('Clip AAAAAAAAAAAAAAAAAAAAAA was not found');
		expect(error.description).toBe(
			'Rhombus answered without a clip for this ID. Check the Clip ID: Clip → Create returns it, and Clip → Get Many lists the saved clips.',
		);
	});

	it('gives the requested ID as clipUuid when the clip’s own uuid is null', async () => {
		rhombus.sim.faults.add({ path: progress, kind: 'schema', body: clipThumbnailRegion });
		const clipUuid = 'Cl1pUu1dCCCCCCCCCCCCCC';
		const [item] = await run(rhombus, { resource: 'clip', operation: 'get', clipUuid });
		expect(item.json).toEqual({
			...clipThumbnailRegion.clip,
			cameraUuid: null,
			startTime: null,
			createdAt: null,
			durationSec: null,
			clipUuid,
			warning: 'Clip metadata is being migrated',
		});
	});

	it('leads with title, camera, ISO times, duration, status and ID, then every field Rhombus sent', async () => {
		rhombus.sim.faults.add({ path: progress, kind: 'schema', body: clipOnline });
		const clipUuid = clipOnline.clip.uuid;
		const [item] = await run(rhombus, { resource: 'clip', operation: 'get', clipUuid });
		expect(item.json).toEqual({
			...clipOnline.clip,
			cameraUuid: 'Xb7dQ2kLmN4pR8sT1vW3yZ',
			startTime: '2026-03-30T23:00:00.000Z',
			createdAt: '2026-03-31T00:01:40.000Z',
			clipUuid,
		});
		expect(Object.keys(item.json).slice(0, 7)).toEqual([
			'title',
			'cameraUuid',
			'startTime',
			'createdAt',
			'durationSec',
			'status',
			'clipUuid',
		]);
	});

	it('names every camera of a clip once, without the video facet', async () => {
		rhombus.sim.faults.add({
			path: progress,
			kind: 'schema',
			body: {
				clip: {
					uuid: 'Cl1pUu1dAAAAAAAAAAAAAA',
					deviceUuid: 'Xb7dQ2kLmN4pR8sT1vW3yZ.v0',
					deviceUuids: ['Xb7dQ2kLmN4pR8sT1vW3yZ.v0', null, 'Yc8eR3lMnO5qS9tU2wX4zA.v0'],
				},
			},
		});
		const [item] = await run(rhombus, {
			resource: 'clip',
			operation: 'get',
			clipUuid: 'Cl1pUu1dAAAAAAAAAAAAAA',
		});
		expect(item.json.cameraUuid).toBe('Xb7dQ2kLmN4pR8sT1vW3yZ,Yc8eR3lMnO5qS9tU2wX4zA');
	});

	it('refuses an empty clip ID before any request', async () => {
		const error = await runFailure(rhombus, { resource: 'clip', operation: 'get', clipUuid: '' });
		expect(error.message).toBe('Clip ID: enter the ID of a saved clip [item 0]');
		expect(requests(rhombus)).toHaveLength(0);
	});
});

describe('Clip → Download', () => {
	it('downloads from the media host of the region given, with one request', async () => {
		const clip = await seededClip();
		const region = rhombus.sim.fixtures.rhombus.mediaRegion;
		const [item] = await run(rhombus, {
			resource: 'clip',
			operation: 'download',
			clipUuid: clip.clipUuid,
			region,
		});
		const sent = requests(rhombus);
		expect(sent.map((entry) => [entry.method, entry.path])).toEqual([
			['GET', `/media/metadata/${region}/${clip.clipUuid as string}.mp4`],
		]);
		const video = binaryBytes(item);
		expect(isMp4(video)).toBe(true);
		expect(video.length).toBe(clip.byteCount);
		expect(item.json).toEqual({
			clipUuid: clip.clipUuid,
			region,
			mimeType: 'video/mp4',
			bytes: video.length,
		});
		expect(item.binary?.data).toMatchObject({
			mimeType: 'video/mp4',
			fileName: `${clip.clipUuid as string}.mp4`,
		});
	});

	it('looks the region up when none is given', async () => {
		const clip = await seededClip();
		const [item] = await run(rhombus, {
			resource: 'clip',
			operation: 'download',
			clipUuid: clip.clipUuid,
		});
		expect(requests(rhombus).map((entry) => entry.path)).toEqual([
			progress,
			`/media/metadata/${rhombus.sim.fixtures.rhombus.mediaRegion}/${clip.clipUuid as string}.mp4`,
		]);
		expect(item.json.region).toBe(rhombus.sim.fixtures.rhombus.mediaRegion);
	});

	it('takes the region of the thumbnail when the clip has none, as Rhombus’s SDK does', async () => {
		const clip = await seededClip();
		rhombus.sim.faults.add({ path: progress, kind: 'schema', body: clipThumbnailRegion });
		const [item] = await run(rhombus, {
			resource: 'clip',
			operation: 'download',
			clipUuid: clip.clipUuid,
		});
		expect(requests(rhombus).map((entry) => entry.path)).toEqual([
			progress,
			`/media/metadata/us-west-2/${clip.clipUuid as string}.mp4`,
		]);
		expect(item.json.region).toBe('us-west-2');
	});

	it('names clipLocation.region when Rhombus gives no region at all', async () => {
		rhombus.sim.faults.add({
			path: progress,
			kind: 'schema',
			body: { clip: { ...clipOffline.clip, status: 'COMPLETE' } },
		});
		const error = await runFailure(rhombus, {
			resource: 'clip',
			operation: 'download',
			clipUuid: 'Cl1pUu1dCCCCCCCCCCCCCC',
		});
		expect(error.message).toBe(
			'Rhombus did not say where clip Cl1pUu1dCCCCCCCCCCCCCC is stored (clipLocation.region is missing)',
		);
		expect(requests(rhombus).map((entry) => entry.path)).toEqual([progress]);
	});

	it('says a clip is not ready instead of downloading it', async () => {
		const clipUuid = await createdClipUuid();
		const error = await runFailure(rhombus, { resource: 'clip', operation: 'download', clipUuid });
		expect(error.message).toBe(
			`Clip ${clipUuid} is not ready for download: INITIATING at 0%, Initiating`,
		);
		expect(requests(rhombus).map((entry) => entry.path)).toEqual([progress]);
	});

	it('names the clip when the media host has no video for it', async () => {
		const clipUuid = await createdClipUuid();
		const error = await runFailure(rhombus, {
			resource: 'clip',
			operation: 'download',
			clipUuid,
			region: 'eu-central-1',
		});
		expect(error.message).toMatch(/HTTP 404/);
		expect(error.message).toContain(clipUuid);
		expect(error.context.itemIndex).toBe(0);
	});
});
