import type { Simulator } from '../simulator/server.cjs';
import { startSimulator } from '../simulator/server.cjs';
import {
	authenticateRequest,
	runCredentialTest,
	simulatorCredentials,
	simulatorSecrets,
} from './helpers/context';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
});
afterAll(async () => await sim.close());
beforeEach(() => {
	sim.faults.clear();
	sim.log.clear();
});

const rhombus = (overrides: Record<string, string> = {}) => ({
	...simulatorCredentials(sim.url).rhombusApi,
	...overrides,
});

describe('Rhombus API credential', () => {
	it('sets the key and scheme headers and the region host', async () => {
		const us = await authenticateRequest('rhombusApi', rhombus({ region: 'us' }), {
			url: '/api/x',
		});
		expect(us.baseURL).toBe('https://api2.rhombussystems.com');
		expect(us.headers).toEqual({
			'x-auth-apikey': simulatorSecrets.rhombusKey,
			'x-auth-scheme': 'api-token',
		});
		const eu = await authenticateRequest('rhombusApi', rhombus({ region: 'eu' }), {
			url: '/api/x',
		});
		expect(eu.baseURL).toBe('https://api2.eu.rhombussystems.com');
	});

	it('sends x-auth-org only with the partner scheme', async () => {
		const partner = await authenticateRequest(
			'rhombusApi',
			rhombus({ authScheme: 'partner-api-token', partnerOrgUuid: ' ORG1 ' }),
			{ url: '/api/x' },
		);
		expect(partner.headers).toMatchObject({
			'x-auth-scheme': 'partner-api-token',
			'x-auth-org': 'ORG1',
		});
		const standard = await authenticateRequest('rhombusApi', rhombus({ partnerOrgUuid: 'ORG1' }), {
			url: '/x',
		});
		expect(standard.headers).not.toHaveProperty('x-auth-org');
	});

	it('uses a custom base URL without its trailing slash', async () => {
		const custom = await authenticateRequest('rhombusApi', rhombus({ baseUrl: `${sim.url}/` }), {
			url: '/x',
		});
		expect(custom.baseURL).toBe(sim.url);
	});

	it('passes its test with a good key by listing cameras', async () => {
		expect(await runCredentialTest('rhombusApi', rhombus())).toEqual({ status: 'OK' });
		const [request] = sim.log.entries();
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/camera/getMinimalCameraStateList',
			body: {},
		});
	});

	it('fails its test with a wrong key', async () => {
		expect(
			await runCredentialTest('rhombusApi', rhombus({ apiKey: simulatorSecrets.wrongRhombusKey })),
		).toMatchObject({
			status: 'Error',
		});
	});

	it('fails its test when Rhombus answers 200 with error: true', async () => {
		sim.faults.add({
			path: '/api/camera/getMinimalCameraStateList',
			kind: 'inBandError',
			errorMsg: 'nope',
		});
		expect(await runCredentialTest('rhombusApi', rhombus())).toEqual({
			status: 'Error',
			message: 'Rhombus answered with an error: check the API key, scheme and region',
		});
	});
});

describe('Indivd API credential', () => {
	const indivd = (overrides: Record<string, string> = {}) => ({
		...simulatorCredentials(sim.url).indivdApi,
		...overrides,
	});

	it('sends the token as Authorization: Token and defaults the base URL', async () => {
		const request = await authenticateRequest('indivdApi', indivd({ baseUrl: '' }), {
			url: '/filters/locations',
		});
		expect(request.headers).toEqual({ Authorization: `Token ${simulatorSecrets.indivdToken}` });
		expect(request.baseURL).toBe('https://api.indivd.com');
	});

	it('passes its test by listing locations and fails it with a wrong token', async () => {
		expect(await runCredentialTest('indivdApi', indivd())).toEqual({ status: 'OK' });
		expect(sim.log.entries()[0]).toMatchObject({ method: 'GET', path: '/filters/locations' });
		expect(
			await runCredentialTest('indivdApi', indivd({ token: simulatorSecrets.wrongIndivdToken })),
		).toMatchObject({
			status: 'Error',
		});
	});
});
