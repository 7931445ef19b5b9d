import type { IDataObject } from 'n8n-workflow';

import { clipProgressPolling } from '../../nodes/Rhombus/actions/clip/clips';
import clipOnline from '../fixtures/rhombus/clipWithProgress.json';
import clipOffline from '../fixtures/rhombus/clipWithProgress.offline.json';
import clipThumbnailRegion from '../fixtures/rhombus/clipWithProgress.thumbnailRegion.json';
import spliceNullable from '../fixtures/rhombus/splice.nullable.json';
import { fakeDateOnly } from '../helpers/clock';
import { binaryBytes, cameraLocator, requests, run, runFailure, useSimulator } from './helpers';

const rhombus = useSimulator();
const splice = '/api/video/spliceV3';
const progress = '/api/event/getClipWithProgress';
const presence = '/api/camera/getPresenceWindows';
const clipStart = Date.UTC(2026, 2, 31, 9, 0, 0);
const defaultPolling = { ...clipProgressPolling };

beforeEach(() => {
	clipProgressPolling.intervalMs = 10;
});
afterEach(() => {
	clipProgressPolling.newClipGraceMs = defaultPolling.newClipGraceMs;
	rhombus.sim.config.setClipVisibleAfterMs(0);
});
afterAll(() => {
	clipProgressPolling.intervalMs = defaultPolling.intervalMs;
});

function cameras() {
	return rhombus.sim.fixtures.rhombus.cameras;
}

/** The camera that went offline at 2026-03-30T00:00Z: footage before then, none after. */
function offlineCamera() {
	return cameras().find((camera) => !camera.online)!;
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
	it('checks the footage, then sends the primary video of the camera once, kept in the Console, and returns the new clip ID', async () => {
		const items = await run(rhombus, createParameters());
		const sent = requests(rhombus);
		expect(sent.map((entry) => entry.path)).toEqual([presence, splice]);
		expect(sent[0].body).toEqual({
			cameraUuid: cameras()[0].uuid,
			startTimeSec: clipStart / 1000,
			durationSec: 60,
		});
		expect(sent[1].body).toEqual({
			deviceUuids: [`${cameras()[0].uuid}.v0`],
			startTimeMillis: clipStart,
			durationSec: 60,
			saveToConsole: true,
		});
		expect(sent[1].headers).toMatchObject({
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
		expect(requests(rhombus, presence)[0].body).toMatchObject({ cameraUuid: cameras()[1].uuid });
		expect(requests(rhombus, splice)[0].body).toEqual({
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
			presence,
			splice,
			progress,
			progress,
			progress,
			progress,
		]);
		const clipUuid = item.json.clipUuid as string;
		for (const entry of sent.slice(2)) expect(entry.body).toEqual({ clipUuid });
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
		const error = await runFailure(
			rhombus,
			createParameters({
				cameraUuid: cameraLocator(offlineCamera().uuid),
				startTime: '2026-03-29T09:00:00Z',
				waitForCompletion: true,
			}),
		);
		expect(error.message).toMatch(
			/^Clip [A-Za-z0-9_-]{22} will not complete: FAILED at 40%, Failed: camera offline$/,
		);
		expect(error.description).toMatch(/could not render the clip/);
		expect(requests(rhombus, splice)).toHaveLength(1);
	});

	it('times out after Wait Timeout with the last progress seen', async () => {
		clipProgressPolling.intervalMs = defaultPolling.intervalMs;
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

	it('waits for a new clip that Rhombus does not list yet, instead of calling it not found', async () => {
		rhombus.sim.config.setClipVisibleAfterMs(300);
		clipProgressPolling.newClipGraceMs = 10_000;
		const [item] = await run(rhombus, createParameters({ waitForCompletion: true }));
		expect(item.json).toMatchObject({ status: 'COMPLETE', percentComplete: 100 });
		// The simulator's 4 progress answers of a visible clip, after some without the clip.
		expect(requests(rhombus, progress).length).toBeGreaterThan(4);
	});

	it('says a new clip was not found once the grace period is over', async () => {
		rhombus.sim.config.setClipVisibleAfterMs(60_000);
		clipProgressPolling.newClipGraceMs = 1_000;
		const started = Date.now();
		const error = await runFailure(rhombus, createParameters({ waitForCompletion: true }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(990);
		expect(error.message).toMatch(/^Clip [A-Za-z0-9_-]{22} was not found$/);
		expect(error.description).toBe(
			'Rhombus still answered without the new clip 1 s after creating it. It may appear later: look for it with Clip → Get Many before creating it again.',
		);
		expect(requests(rhombus, splice)).toHaveLength(1);
	});

	it('ends the grace period for a new clip at Wait Timeout when that comes first', async () => {
		rhombus.sim.config.setClipVisibleAfterMs(60_000);
		const started = Date.now();
		const error = await runFailure(
			rhombus,
			createParameters({ waitForCompletion: true, waitTimeoutSec: 1 }),
		);
		expect(Date.now() - started).toBeLessThan(1_900);
		expect(error.message).toMatch(/^Clip [A-Za-z0-9_-]{22} was not found$/);
	});

	describe('footage', () => {
		const camera = () => offlineCamera().uuid;

		it('fails before creating a clip where the camera recorded nothing, naming Start Time and the gap', async () => {
			const error = await runFailure(
				rhombus,
				createParameters({ cameraUuid: cameraLocator(camera()), waitForCompletion: true }),
			);
			expect(error.message).toBe(
				`Start Time: camera ${camera()} has no recorded footage from 2026-03-31T09:00:00.000Z to 2026-03-31T09:01:00.000Z`,
			);
			expect(error.description).toMatch(/"VIDEO NOT AVAILABLE" frames, so none was created/);
			expect(error.context.itemIndex).toBe(0);
			expect(requests(rhombus).map((entry) => entry.path)).toEqual([presence]);
		});

		it('creates a clip that is partly without footage, and says which part in warning', async () => {
			const [item] = await run(
				rhombus,
				createParameters({
					cameraUuid: cameraLocator(`${camera()}.v0`),
					startTime: '2026-03-29T23:59:30Z',
				}),
			);
			expect(requests(rhombus, presence)[0].body).toEqual({
				cameraUuid: camera(),
				startTimeSec: Date.UTC(2026, 2, 29, 23, 59, 30) / 1000,
				durationSec: 60,
			});
			expect(requests(rhombus, splice)).toHaveLength(1);
			expect(item.json.warning).toBe(
				`Camera ${camera()} has no recorded footage from 2026-03-30T00:00:00.000Z to 2026-03-30T00:00:30.000Z: the clip shows "VIDEO NOT AVAILABLE" there`,
			);
		});

		it('keeps the partial-footage warning on the finished clip', async () => {
			rhombus.sim.faults.add({
				path: presence,
				kind: 'schema',
				body: {
					presenceWindows: {
						VideoCloud: [{ startSeconds: clipStart / 1000 + 30, durationSeconds: 30 }],
					},
				},
			});
			const [finished] = await run(rhombus, createParameters({ waitForCompletion: true }));
			expect(finished.json).toMatchObject({
				status: 'COMPLETE',
				warning: `Camera ${cameras()[0].uuid} has no recorded footage from 2026-03-31T09:00:00.000Z to 2026-03-31T09:00:30.000Z: the clip shows "VIDEO NOT AVAILABLE" there`,
			});
		});

		it('names every gap, and reads the other field names of a window', async () => {
			rhombus.sim.faults.add({
				path: presence,
				kind: 'schema',
				body: {
					presenceWindows: {
						VideoLocal: [
							{ startTimeSec: String(clipStart / 1000 + 10), endSec: clipStart / 1000 + 20 },
						],
						VideoCloud: null,
						SomethingElse: [{ startSec: clipStart / 1000 + 40, durationSec: 10 }],
					},
				},
			});
			const [item] = await run(rhombus, createParameters());
			expect(item.json.warning).toBe(
				`Camera ${cameras()[0].uuid} has no recorded footage from 2026-03-31T09:00:00.000Z to 2026-03-31T09:00:10.000Z and from 2026-03-31T09:00:20.000Z to 2026-03-31T09:00:40.000Z and from 2026-03-31T09:00:50.000Z to 2026-03-31T09:01:00.000Z: the clip shows "VIDEO NOT AVAILABLE" there`,
			);
		});

		it('ignores seams shorter than 2 s between windows', async () => {
			rhombus.sim.faults.add({
				path: presence,
				kind: 'schema',
				body: {
					presenceWindows: {
						VideoCloud: [
							{ startSeconds: clipStart / 1000 + 1, durationSeconds: 29 },
							{ startSeconds: clipStart / 1000 + 31, durationSeconds: 29 },
						],
					},
				},
			});
			const [item] = await run(rhombus, createParameters());
			expect(item.json).not.toHaveProperty('warning');
		});

		it.each([
			['the endpoint is not there (404)', { kind: 'status' as const, status: 404 }],
			['the endpoint fails (500), without repeating it', { kind: 'status' as const, status: 500 }],
			['an in-band error', { kind: 'inBandError' as const, errorMsg: 'Not supported' }],
			['an answer without presenceWindows', { kind: 'schema' as const, body: { error: false } }],
			[
				'a window without its start',
				{
					kind: 'schema' as const,
					body: { presenceWindows: { VideoCloud: [{ durationSeconds: 5 }] } },
				},
			],
		])(
			'creates the clip without a warning when the footage check says nothing: %s',
			async (_how, fault) => {
				rhombus.sim.faults.add({ path: presence, ...fault });
				const [item] = await run(
					rhombus,
					createParameters({ cameraUuid: cameraLocator(camera()) }),
				);
				expect(requests(rhombus).map((entry) => entry.path)).toEqual([presence, splice]);
				expect(item.json).not.toHaveProperty('warning');
			},
		);

		it('stops at a key Rhombus does not accept, before creating anything', async () => {
			rhombus.sim.faults.add({ path: presence, kind: 'status', status: 401 });
			const error = await runFailure(rhombus, createParameters());
			expect(error.message).toMatch(/^Rhombus did not accept the API key \(HTTP 401\)/);
			expect(requests(rhombus, splice)).toHaveLength(0);
		});

		it('does not judge the last two minutes, whose footage Rhombus may not report yet', async () => {
			// The camera went offline at 00:00; one minute later that is not known yet.
			fakeDateOnly();
			jest.setSystemTime(Date.UTC(2026, 2, 30, 0, 1, 0));
			try {
				const [item] = await run(
					rhombus,
					createParameters({
						cameraUuid: cameraLocator(camera()),
						startTime: '2026-03-29T23:59:30Z',
					}),
				);
				expect(requests(rhombus).map((entry) => entry.path)).toEqual([presence, splice]);
				expect(item.json).not.toHaveProperty('warning');
			} finally {
				jest.useRealTimers();
			}
		});
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
			'Rhombus answered without a clip for this ID. Check the Clip ID: Clip → Create returns it, and Clip → Get Many lists the saved clips. A clip created a moment ago can take a few seconds to appear: Clip → Create with Wait for Completion waits for it.',
		);
	});

	it('says at once that a clip is not found, even with Wait for Completion, so a wrong ID fails fast', async () => {
		rhombus.sim.config.setClipVisibleAfterMs(60_000);
		const clipUuid = await createdClipUuid();
		const error = await runFailure(rhombus, {
			resource: 'clip',
			operation: 'get',
			clipUuid,
			waitForCompletion: true,
		});
		expect(error.message).toBe(`Clip ${clipUuid} was not found`);
		expect(requests(rhombus, progress)).toHaveLength(1);
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
