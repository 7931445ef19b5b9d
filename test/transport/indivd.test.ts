import type { NodeApiError } from 'n8n-workflow';

import { indivdApiRequest } from '../../nodes/Indivd/transport';
import { indivdPaths } from '../../nodes/Indivd/transport/schemas';
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

function context(token = simulatorSecrets.indivdToken) {
	return createRequestContext({ ...credentials, indivdApi: { ...credentials.indivdApi, token } });
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the call to fail');
}

const week = { start_date: '2026-11-09', end_date: '2026-11-15' };

describe('Indivd requests', () => {
	it('GETs with the token header and the query, leaving out empty parameters', async () => {
		const rows = await indivdApiRequest(context(), indivdPaths.lineCrosses, {
			...week,
			aggregate_by: 'dayofmonth',
			location: 124,
			line_ids: '',
			category: undefined,
		});
		expect(rows.length).toBeGreaterThan(0);
		const [request] = sim.log.entries();
		expect(request.method).toBe('GET');
		expect(request.path).toBe(indivdPaths.lineCrosses);
		expect(request.query).toEqual({ ...week, aggregate_by: 'dayofmonth', location: '124' });
		expect(request.headers.authorization).toBe(`Token ${simulatorSecrets.indivdToken}`);
	});

	it('returns the filter lists normalised to arrays', async () => {
		const locations = await indivdApiRequest(context(), '/filters/locations');
		expect(locations.map((location) => location.id)).toEqual(
			expect.arrayContaining([124, 125, 126]),
		);
		sim.config.setLocationsShape('wrapped');
		try {
			expect(await indivdApiRequest(context(), '/filters/locations')).toHaveLength(
				locations.length,
			);
		} finally {
			sim.config.setLocationsShape('idMap');
		}
	});
});

describe('Indivd failures', () => {
	it('passes a 400 on with the endpoint named and without retrying', async () => {
		const error = await failure(
			indivdApiRequest(context(), indivdPaths.lineCrosses, { start_date: '2026-11-09' }),
		);
		expect(error.message).toBe(`Indivd GET ${indivdPaths.lineCrosses} was rejected (HTTP 400)`);
		expect(error.httpCode).toBe('400');
		expect(sim.log.entries()).toHaveLength(1);
	});

	it('says to check the token on 401', async () => {
		const error = await failure(
			indivdApiRequest(context(simulatorSecrets.wrongIndivdToken), '/filters/locations'),
		);
		expect(error.message).toBe('Indivd did not accept the API token (HTTP 401)');
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
	});

	it('explains a location outside the token scope on 403', async () => {
		const error = await failure(
			indivdApiRequest(context(simulatorSecrets.scopedIndivdToken), indivdPaths.lineCrosses, {
				...week,
				location: 125,
			}),
		);
		expect(error.message).toBe('Indivd refused access (HTTP 403)');
		expect(error.description).toMatch(/scope/);
		expect(error.failure).toEqual({ cause: 'configuration-invalid' });
	});

	it('honours Retry-After on a throttled request', async () => {
		sim.faults.add({ vendor: 'indivd', kind: 'rateLimit', retryAfterSec: 1 });
		const started = Date.now();
		await indivdApiRequest(context(), '/filters/zones');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
		expect(sim.log.entries().map((entry) => entry.status)).toEqual([429, 200]);
	});

	it('retries a 500 and reports the outage when it persists', async () => {
		sim.faults.add({ vendor: 'indivd', kind: 'status', status: 500, times: Infinity });
		const error = await failure(
			indivdApiRequest(context(), '/filters/zones', {}, { retry: { serverErrorRetries: 1 } }),
		);
		expect(error.message).toBe('Indivd GET /filters/zones failed on the Indivd side (HTTP 500)');
		expect(sim.log.entries()).toHaveLength(2);
	});

	it('rejects a schema-breaking payload naming the path', async () => {
		sim.faults.add({ vendor: 'indivd', path: indivdPaths.zoneVisitors, kind: 'schema' });
		const error = await failure(indivdApiRequest(context(), indivdPaths.zoneVisitors, week));
		expect(error.message).toMatch(
			new RegExp(
				`^Indivd returned an unexpected response from ${indivdPaths.zoneVisitors} at current`,
			),
		);
	});
});
