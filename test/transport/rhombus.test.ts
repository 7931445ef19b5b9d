import type { NodeApiError } from 'n8n-workflow';

import { rhombusApiRequest, rhombusMediaDownload } from '../../nodes/Rhombus/transport';
import type { Simulator } from '../../simulator/server.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import type { CredentialSet } from '../helpers/context';
import { createRequestContext, simulatorCredentials, simulatorSecrets } from '../helpers/context';

let sim: Simulator;
let credentials: CredentialSet;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
	credentials = simulatorCredentials(sim.url);
});
afterAll(async () => await sim.close());
beforeEach(() => {
	sim.faults.clear();
	sim.log.clear();
});

const cameras = '/api/camera/getMinimalCameraStateList';
const fastRetries = { timeoutMs: 2_000, maxTotalWaitMs: 10_000 };

function context(overrides: Record<string, string> = {}) {
	return createRequestContext({
		...credentials,
		rhombusApi: { ...credentials.rhombusApi, ...overrides },
	});
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the call to fail');
}

function requestsTo(path: string) {
	return sim.log.entries().filter((entry) => entry.path === path);
}

describe('Rhombus requests', () => {
	it('POSTs JSON with the key and scheme headers and returns the validated answer', async () => {
		const answer = await rhombusApiRequest(context(), cameras, {});
		expect(answer.cameraStates.length).toBeGreaterThan(0);
		const [request] = requestsTo(cameras);
		expect(request.method).toBe('POST');
		expect(request.body).toEqual({});
		expect(request.headers).toMatchObject({
			'x-auth-apikey': simulatorSecrets.rhombusKey,
			'x-auth-scheme': 'api-token',
			'content-type': expect.stringContaining('application/json'),
		});
		expect(request.headers['x-auth-org']).toBeUndefined();
	});

	it('sends the partner client org with a partner key', async () => {
		await rhombusApiRequest(
			context({
				apiKey: simulatorSecrets.partnerKey,
				authScheme: 'partner-api-token',
				partnerOrgUuid: simulatorSecrets.partnerOrg,
			}),
			cameras,
			{},
		);
		expect(requestsTo(cameras)[0].headers).toMatchObject({
			'x-auth-scheme': 'partner-api-token',
			'x-auth-org': simulatorSecrets.partnerOrg,
		});
	});

	it('turns an in-band error on HTTP 200 into an error carrying errorMsg', async () => {
		sim.faults.add({ path: cameras, kind: 'inBandError', errorMsg: 'Invalid camera filter' });
		const error = await failure(rhombusApiRequest(context(), cameras, {}));
		expect(error.message).toBe(`Rhombus rejected ${cameras}: Invalid camera filter`);
		expect(error.failure).toEqual({ cause: 'configuration-invalid' });
	});

	it('keeps warningMsg for the caller', async () => {
		const { cameraStates } = await rhombusApiRequest(context(), cameras, {});
		const offline = cameraStates.find((camera) => camera.connectionStatus === 'RED');
		const online = cameraStates.find((camera) => camera.connectionStatus === 'GREEN');
		const report = await rhombusApiRequest(
			context(),
			'/api/report/getBatchThresholdCrossingCountReport',
			{
				deviceUuids: [online!.uuid, offline!.uuid],
				startTimeMs: Date.UTC(2026, 10, 20, 8),
				endTimeMs: Date.UTC(2026, 10, 20, 10),
				bucketSize: 'HOUR',
				timeZone: 'UTC',
			},
		);
		expect(report.warningMsg).toMatch(/offline/);
	});
});

describe('Rhombus authentication failures', () => {
	it('says which field to check on 401', async () => {
		const error = await failure(
			rhombusApiRequest(context({ apiKey: simulatorSecrets.wrongRhombusKey }), cameras, {}),
		);
		expect(error.message).toBe(
			'Rhombus did not accept the API key (HTTP 401) with the Authentication Scheme "API Token" and the Region "Custom"',
		);
		expect(error.description).toMatch(/API Key/);
		expect(error.httpCode).toBe('401');
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
	});

	it('explains scheme or role on 403 and does not retry', async () => {
		const error = await failure(
			rhombusApiRequest(
				context({ apiKey: simulatorSecrets.limitedKey }),
				'/api/report/getOccupancyCountsV2',
				{
					deviceUuid: 'x',
				},
			),
		);
		expect(error.message).toBe('Rhombus denied access (HTTP 403)');
		expect(error.description).toMatch(/role of the user who created the key/);
		expect(requestsTo('/api/report/getOccupancyCountsV2')).toHaveLength(1);
	});

	it('rejects a partner key sent with the standard scheme', async () => {
		const error = await failure(
			rhombusApiRequest(context({ apiKey: simulatorSecrets.partnerKey }), cameras, {}),
		);
		expect(error.httpCode).toBe('403');
		expect(error.description).toMatch(/Authentication Scheme/);
	});
});

describe('Rhombus rate limiting', () => {
	it('waits the Retry-After seconds and then succeeds', async () => {
		sim.faults.add({ path: cameras, kind: 'rateLimit', retryAfterSec: 1 });
		const started = Date.now();
		await rhombusApiRequest(context(), cameras, {}, { retry: fastRetries });
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
		expect(requestsTo(cameras).map((entry) => entry.status)).toEqual([429, 200]);
	});

	it('gives up after the allowed retries with a rate-limit failure and the wait asked for', async () => {
		sim.faults.add({ path: cameras, kind: 'rateLimit', retryAfterSec: 1, times: Infinity });
		const error = await failure(
			rhombusApiRequest(context(), cameras, {}, { retry: { ...fastRetries, rateLimitRetries: 2 } }),
		);
		expect(error.message).toBe('Rhombus is rate limiting requests (HTTP 429)');
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 1_000 });
		expect(requestsTo(cameras)).toHaveLength(3);
	});

	it('fails at once when Retry-After exceeds what the call may wait', async () => {
		sim.faults.add({ path: cameras, kind: 'rateLimit', retryAfterSec: 30 });
		const started = Date.now();
		const error = await failure(
			rhombusApiRequest(
				context(),
				cameras,
				{},
				{ retry: { ...fastRetries, maxTotalWaitMs: 5_000 } },
			),
		);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 30_000 });
		expect(requestsTo(cameras)).toHaveLength(1);
	});

	it('never repeats a clip creation, not even after a 429', async () => {
		sim.faults.add({ path: '/api/video/spliceV3', kind: 'rateLimit', retryAfterSec: 1 });
		const error = await failure(
			rhombusApiRequest(context(), '/api/video/spliceV3', {
				deviceUuids: ['x'],
				durationSec: 10,
			}),
		);
		expect(error.failure?.cause).toBe('rate-limited');
		expect(requestsTo('/api/video/spliceV3')).toHaveLength(1);
	});
});

describe('Rhombus server errors and broken answers', () => {
	it('retries a read after a 500 and succeeds', async () => {
		sim.faults.add({ path: cameras, kind: 'status', status: 500 });
		await rhombusApiRequest(context(), cameras, {}, { retry: fastRetries });
		expect(requestsTo(cameras).map((entry) => entry.status)).toEqual([500, 200]);
	});

	it('gives up on a read after the allowed retries as temporarily unavailable', async () => {
		sim.faults.add({ path: cameras, kind: 'status', status: 503, times: Infinity });
		const error = await failure(
			rhombusApiRequest(
				context(),
				cameras,
				{},
				{ retry: { ...fastRetries, serverErrorRetries: 1 } },
			),
		);
		expect(error.message).toMatch(/failed on the Rhombus side \(HTTP 503\)/);
		expect(error.failure).toEqual({ cause: 'temporarily-unavailable' });
		expect(requestsTo(cameras)).toHaveLength(2);
	});

	it('never repeats a clip creation after a 500 and says why', async () => {
		sim.faults.add({ path: '/api/video/spliceV3', kind: 'status', status: 500 });
		const error = await failure(
			rhombusApiRequest(context(), '/api/video/spliceV3', {
				deviceUuids: ['x'],
				durationSec: 10,
			}),
		);
		expect(error.description).toMatch(/not repeated automatically/);
		expect(requestsTo('/api/video/spliceV3')).toHaveLength(1);
	});

	it('reports a timeout after the configured time', async () => {
		sim.faults.add({ path: cameras, kind: 'timeout' });
		const error = await failure(
			rhombusApiRequest(
				context(),
				cameras,
				{},
				{
					retry: { timeoutMs: 300, serverErrorRetries: 0 },
				},
			),
		);
		expect(error.message).toBe(`Rhombus POST ${cameras} did not answer within 300 ms`);
		expect(error.failure).toEqual({ cause: 'temporarily-unavailable' });
	});

	it('reports a dropped connection', async () => {
		sim.faults.add({ path: cameras, kind: 'reset', times: Infinity });
		const error = await failure(
			rhombusApiRequest(context(), cameras, {}, { retry: { serverErrorRetries: 0 } }),
		);
		expect(error.message).toMatch(/could not be reached/);
	});

	it('rejects malformed JSON instead of passing text on', async () => {
		sim.faults.add({ path: cameras, kind: 'malformedJson' });
		const error = await failure(rhombusApiRequest(context(), cameras, {}));
		expect(error.message).toMatch(
			new RegExp(`^Rhombus answered ${cameras} with something that is not JSON`),
		);
	});

	it('rejects a payload that breaks the schema, naming endpoint and path', async () => {
		sim.faults.add({ path: cameras, kind: 'schema' });
		const error = await failure(rhombusApiRequest(context(), cameras, {}));
		expect(error.message).toMatch(
			new RegExp(`^Rhombus returned an unexpected response from ${cameras} at cameraStates`),
		);
		expect(error.failure).toEqual({ cause: 'node-defect' });
	});

	it('treats an HTML gateway page like the server error it is', async () => {
		sim.faults.add({ path: cameras, kind: 'html', times: Infinity });
		const error = await failure(
			rhombusApiRequest(
				context(),
				cameras,
				{},
				{ retry: { ...fastRetries, serverErrorRetries: 0 } },
			),
		);
		expect(error.httpCode).toBe('502');
		expect(error.message).not.toMatch(/<html/i);
	});
});

describe('Rhombus clip media', () => {
	it('downloads a finished clip as MP4 bytes from the media host with the key', async () => {
		const { cameraStates } = await rhombusApiRequest(context(), cameras, {});
		const camera = cameraStates.find((state) => state.connectionStatus === 'GREEN')!;
		const { clipUuid } = await rhombusApiRequest(context(), '/api/video/spliceV3', {
			deviceUuids: [`${camera.uuid}.v0`],
			startTimeMillis: Date.now() - 3_600_000,
			durationSec: 10,
		});
		let clip;
		do {
			({ clip } = await rhombusApiRequest(context(), '/api/event/getClipWithProgress', {
				clipUuid,
			}));
		} while (clip?.status !== 'COMPLETE');
		sim.log.clear();
		const bytes = await rhombusMediaDownload(context(), clip.clipLocation!.region!, clipUuid);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		const [request] = sim.log.entries();
		expect(request.path).toBe(`/media/metadata/${clip.clipLocation!.region}/${clipUuid}.mp4`);
		expect(request.headers['x-auth-apikey']).toBe(simulatorSecrets.rhombusKey);
	});

	it('names the clip when it cannot be downloaded', async () => {
		const error = await failure(rhombusMediaDownload(context(), 'us-west-2', 'NoSuchClip'));
		expect(error.httpCode).toBe('404');
	});
});
