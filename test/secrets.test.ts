import { indivdApiRequest } from '../nodes/Indivd/transport';
import { indivdPaths } from '../nodes/Indivd/transport/schemas';
import { rhombusApiRequest, rhombusMediaDownload } from '../nodes/Rhombus/transport';
import type { Fault, Simulator } from '../simulator/server.cjs';
import { startSimulator } from '../simulator/server.cjs';
import { createRequestContext, simulatorCredentials, simulatorSecrets } from './helpers/context';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => await sim.close());
beforeEach(() => sim.faults.clear());

const secrets = [
	simulatorSecrets.rhombusKey,
	simulatorSecrets.limitedKey,
	simulatorSecrets.indivdToken,
	simulatorSecrets.scopedIndivdToken,
	simulatorSecrets.wrongRhombusKey,
	simulatorSecrets.wrongIndivdToken,
];
const noRetries = { serverErrorRetries: 0, rateLimitRetries: 0, timeoutMs: 300 };
const cameras = '/api/camera/getMinimalCameraStateList';

function expectNoSecret(error: unknown) {
	const { message, description } = error as { message: string; description?: string };
	const serialised = JSON.stringify(error);
	for (const secret of secrets) {
		expect(message).not.toContain(secret);
		expect(description ?? '').not.toContain(secret);
		expect(serialised).not.toContain(secret);
		expect(String((error as Error).stack)).not.toContain(secret);
	}
}

async function caught(call: () => Promise<unknown>): Promise<unknown> {
	try {
		await call();
	} catch (error) {
		return error;
	}
	throw new Error('expected the call to fail');
}

function rhombus(apiKey = simulatorSecrets.rhombusKey) {
	const credentials = simulatorCredentials(sim.url);
	return createRequestContext({
		...credentials,
		rhombusApi: { ...credentials.rhombusApi, apiKey },
	});
}

function indivd(token = simulatorSecrets.indivdToken) {
	const credentials = simulatorCredentials(sim.url);
	return createRequestContext({ ...credentials, indivdApi: { ...credentials.indivdApi, token } });
}

const rhombusFaults: Array<[string, Fault]> = [
	['a 500', { kind: 'status', status: 500 }],
	['a 429', { kind: 'rateLimit', retryAfterSec: 1 }],
	['a timeout', { kind: 'timeout' }],
	['a dropped connection', { kind: 'reset' }],
	['malformed JSON', { kind: 'malformedJson' }],
	['a schema break', { kind: 'schema' }],
	['an in-band error', { kind: 'inBandError', errorMsg: 'Denied' }],
	['an HTML error page', { kind: 'html' }],
	['a redirect', { kind: 'redirect' }],
	[
		'a body that echoes the key',
		{ kind: 'status', status: 400, body: { msg: `bad key ${simulatorSecrets.rhombusKey}` } },
	],
];

describe('no error ever carries a secret', () => {
	it.each(rhombusFaults)('Rhombus answering with %s', async (_name, fault) => {
		sim.faults.add({ ...fault, path: cameras });
		expectNoSecret(
			await caught(() => rhombusApiRequest(rhombus(), cameras, {}, { retry: noRetries })),
		);
	});

	it('Rhombus rejecting the key (401) or its role (403)', async () => {
		expectNoSecret(
			await caught(() => rhombusApiRequest(rhombus(simulatorSecrets.wrongRhombusKey), cameras, {})),
		);
		expectNoSecret(
			await caught(() =>
				rhombusApiRequest(
					rhombus(simulatorSecrets.limitedKey),
					'/api/report/getOccupancyCountsV2',
					{},
				),
			),
		);
	});

	it('Rhombus media download failing', async () => {
		expectNoSecret(await caught(() => rhombusMediaDownload(rhombus(), 'us-west-2', 'NoSuchClip')));
	});

	it('Rhombus unreachable', async () => {
		const credentials = simulatorCredentials('http://127.0.0.1:9');
		const context = createRequestContext(credentials);
		expectNoSecret(
			await caught(() => rhombusApiRequest(context, cameras, {}, { retry: noRetries })),
		);
	});

	it.each<[string, Fault]>([
		['a 500', { kind: 'status', status: 500 }],
		['a 429', { kind: 'rateLimit', retryAfterSec: 1 }],
		['malformed JSON', { kind: 'malformedJson' }],
		['a schema break', { kind: 'schema' }],
		['a timeout', { kind: 'timeout' }],
	])('Indivd answering with %s', async (_name, fault) => {
		sim.faults.add({ ...fault, vendor: 'indivd' });
		const week = { start_date: '2026-11-09', end_date: '2026-11-15' };
		expectNoSecret(
			await caught(() =>
				indivdApiRequest(indivd(), indivdPaths.zoneVisitors, week, { retry: noRetries }),
			),
		);
	});

	it('Indivd rejecting the token (401), the scope (403) or the query (400)', async () => {
		expectNoSecret(
			await caught(() =>
				indivdApiRequest(indivd(simulatorSecrets.wrongIndivdToken), '/filters/zones'),
			),
		);
		expectNoSecret(
			await caught(() =>
				indivdApiRequest(indivd(simulatorSecrets.scopedIndivdToken), indivdPaths.lineCrosses, {
					start_date: '2026-11-01',
					end_date: '2026-11-02',
					location: 125,
				}),
			),
		);
		expectNoSecret(await caught(() => indivdApiRequest(indivd(), indivdPaths.lineCrosses, {})));
	});
});
