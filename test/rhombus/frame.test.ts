import type { IDataObject } from 'n8n-workflow';

import { simulatorSecrets } from '../helpers/context';
import {
	binaryBytes,
	cameraLocator,
	jpegDimensions,
	requests,
	run,
	runFailure,
	useSimulator,
	visibleText,
} from './helpers';

const rhombus = useSimulator();
const path = '/api/video/getExactFrameData';
const moment = Date.UTC(2026, 2, 30, 8, 15, 30);

function lobbyCamera() {
	return rhombus.sim.fixtures.rhombus.cameras[0];
}

function parameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'video',
		operation: 'getFrame',
		cameraUuid: cameraLocator(lobbyCamera().uuid),
		timestamp: new Date(moment).toISOString(),
		...overrides,
	};
}

describe('Video → Get Frame', () => {
	it('asks for the full frame and returns it as a JPEG file', async () => {
		const [item] = await run(rhombus, parameters());
		const sent = requests(rhombus);
		expect(sent).toHaveLength(1);
		expect(sent[0].path).toBe(path);
		expect(sent[0].body).toEqual({
			cameraUuid: lobbyCamera().uuid,
			timestampMs: moment,
			downscaleFactor: 1,
		});
		expect(sent[0].headers).toMatchObject({
			'x-auth-apikey': rhombus.sim.fixtures.rhombus.apiKey,
			'x-auth-scheme': 'api-token',
		});

		const jpeg = binaryBytes(item);
		expect(jpegDimensions(jpeg)).toEqual({ width: 320, height: 180 });
		expect(item.binary?.data).toMatchObject({
			mimeType: 'image/jpeg',
			fileName: `${lobbyCamera().uuid}-20260330T081530Z.jpg`,
			fileExtension: 'jpg',
			bytes: jpeg.length,
		});
		expect(item.json).toEqual({
			cameraUuid: lobbyCamera().uuid,
			timestamp: '2026-03-30T08:15:30.000Z',
			mimeType: 'image/jpeg',
			bytes: jpeg.length,
			responseMessage: 'Frame retrieved successfully',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('downscales and crops, sending the crop in permyriad', async () => {
		const [item] = await run(
			rhombus,
			parameters({ downscaleFactor: 2, crop: { x: 25, y: 10, width: 50, height: 50 } }),
		);
		expect(requests(rhombus)[0].body).toEqual({
			cameraUuid: lobbyCamera().uuid,
			timestampMs: moment,
			downscaleFactor: 2,
			permyriadCropX: 2500,
			permyriadCropY: 1000,
			permyriadCropWidth: 5000,
			permyriadCropHeight: 5000,
		});
		expect(jpegDimensions(binaryBytes(item))).toEqual({ width: 80, height: 45 });
	});

	it('rounds fractional percentages and sends all four crop edges once one is set', async () => {
		await run(rhombus, parameters({ crop: { x: 33.333, width: 66.667 } }));
		expect(requests(rhombus)[0].body).toMatchObject({
			permyriadCropX: 3333,
			permyriadCropY: 0,
			permyriadCropWidth: 6667,
			permyriadCropHeight: 10000,
		});
	});

	it('crops from one edge to the end of the frame when only that edge is set', async () => {
		const [item] = await run(rhombus, parameters({ crop: { y: 50 } }));
		expect(requests(rhombus)[0].body).toMatchObject({
			permyriadCropX: 0,
			permyriadCropY: 5000,
			permyriadCropWidth: 10000,
			permyriadCropHeight: 5000,
		});
		expect(jpegDimensions(binaryBytes(item))).toEqual({ width: 320, height: 90 });
	});

	it('sends no crop when no edge is set', async () => {
		await run(rhombus, parameters({ crop: {} }));
		expect(Object.keys(requests(rhombus)[0].body as IDataObject)).toEqual([
			'cameraUuid',
			'timestampMs',
			'downscaleFactor',
		]);
	});

	it.each([
		['image/png', 'png'],
		['image/webp', 'webp'],
		['image/gif', 'gif'],
		['application/octet-stream', 'bin'],
	])('names the file after the image type Rhombus sends: %s', async (mimeType, extension) => {
		const image = Buffer.from([1, 2, 3, 4]);
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: { frameData: image.toString('base64'), mimeType },
		});
		const [item] = await run(rhombus, parameters());
		expect(item.binary?.data).toMatchObject({
			mimeType,
			fileName: `${lobbyCamera().uuid}-20260330T081530Z.${extension}`,
			fileExtension: extension,
		});
		expect(item.json.mimeType).toBe(mimeType);
	});

	it('names the Authentication Scheme and the Region when Rhombus rejects the key, never the key', async () => {
		const credentials = {
			...rhombus.credentials,
			rhombusApi: {
				...rhombus.credentials.rhombusApi,
				apiKey: simulatorSecrets.wrongRhombusKey,
				authScheme: 'partner-api-token',
			},
		};
		const error = await runFailure({ ...rhombus, credentials }, parameters());
		expect(error.message).toBe(
			'Rhombus did not accept the API key (HTTP 401) with the Authentication Scheme "Partner API Token" and the Region "Custom"',
		);
		expect(error.description).toMatch(/API Key.*Authentication Scheme.*Region/);
		expect(visibleText(error)).not.toContain(simulatorSecrets.wrongRhombusKey);
	});

	it('reads a timestamp without offset in the workflow time zone and puts the file where asked', async () => {
		const [item] = await run(
			rhombus,
			parameters({ timestamp: '2026-03-30T10:15:30', binaryPropertyName: 'snapshot' }),
			{ timezone: 'Europe/Berlin' },
		);
		expect(requests(rhombus)[0].body).toMatchObject({ timestampMs: moment });
		expect(item.binary).toHaveProperty('snapshot');
		expect(item.binary).not.toHaveProperty('data');
	});

	it('keeps the warning of Rhombus and falls back to JPEG when no mime type is given', async () => {
		const image = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
		rhombus.sim.faults.add({
			path,
			kind: 'schema',
			body: { frameData: image.toString('base64'), warningMsg: 'Frame taken 2 s later' },
		});
		const [item] = await run(rhombus, parameters());
		expect(item.json).toMatchObject({
			mimeType: 'image/jpeg',
			bytes: 4,
			warning: 'Frame taken 2 s later',
		});
		expect(binaryBytes(item)).toEqual(image);
	});

	it.each([
		[
			'an offline camera',
			() => ({ cameraUuid: cameraLocator(rhombus.sim.fixtures.rhombus.cameras[5].uuid) }),
		],
		['a time in the future', () => ({ timestamp: '2026-04-02T00:00:00Z' })],
	])('fails clearly when there is no footage: %s', async (_, overrides) => {
		const values = overrides();
		const error = await runFailure(rhombus, parameters(values));
		const camera =
			'cameraUuid' in values ? (values.cameraUuid.value as string) : lobbyCamera().uuid;
		const time = 'timestamp' in values ? '2026-04-02T00:00:00.000Z' : '2026-03-30T08:15:30.000Z';
		expect(error.message).toBe(
			`No recorded footage for camera ${camera} at ${time} (Rhombus sent no frameData): the camera may have been offline or the time is outside its retention window`,
		);
		expect(error.description).toBe('Rhombus said: No frame available');
		expect(error.context.itemIndex).toBe(0);
	});

	it.each([
		['an empty answer', {}],
		['frameData null', { frameData: null, mimeType: null, responseMessage: null }],
	])('reads %s as no footage, as every field of the answer is optional', async (_, body) => {
		rhombus.sim.faults.add({ path, kind: 'schema', body });
		const error = await runFailure(rhombus, parameters());
		expect(error.message).toMatch(/^No recorded footage for camera /);
		expect(error.description).toBeUndefined();
	});

	describe('refuses bad input before any request', () => {
		it.each([
			[{ downscaleFactor: 0 }, 'Downscale Factor: 0 must be a whole number at least 1 [item 0]'],
			[
				{ downscaleFactor: 1.5 },
				'Downscale Factor: 1.5 must be a whole number at least 1 [item 0]',
			],
			[{ crop: { x: 120 } }, 'Crop X: 120 must be a percentage from 0 to 100 [item 0]'],
			[{ crop: { height: -5 } }, 'Crop Height: -5 must be a percentage from 0 to 100 [item 0]'],
			[
				{ crop: { x: 60, width: 50 } },
				'Crop Width: X + Width is 110, more than the whole frame (100) [item 0]',
			],
			[
				{ crop: { y: 30.5, height: 70 } },
				'Crop Height: Y + Height is 100.5, more than the whole frame (100) [item 0]',
			],
			[{ crop: { width: 0 } }, 'Crop Width: must be more than 0 [item 0]'],
			[{ timestamp: '' }, /^Timestamp is empty/],
			[{ binaryPropertyName: ' ' }, /^Put Output File in Field: enter a field name/],
			[{ cameraUuid: cameraLocator('  ') }, /^Camera: choose a camera/],
		])('%j', async (overrides, message) => {
			const error = await runFailure(rhombus, parameters(overrides));
			expect(error.message).toMatch(message);
			expect(requests(rhombus)).toHaveLength(0);
		});
	});
});
