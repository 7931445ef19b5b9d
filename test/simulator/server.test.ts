import { startSimulator } from '../../simulator/server.cjs';
import type { Fault, LogEntry, Simulator } from '../../simulator/server.cjs';
import {
	DAY_MS,
	DROP_IN_RATE,
	HOUR_MS,
	indivd,
	LINE_CROSSES,
	rhombus,
	rhombusHeaders,
	ZONE_VISITORS,
} from './simClient';
import type { CrossingReport, ZoneVisitors } from './simClient';

const NOW = Date.UTC(2026, 2, 30, 14, 7, 30);
const CAMERAS = '/api/camera/getMinimalCameraStateList';
const CROSSING = '/api/report/getBatchThresholdCrossingCountReport';
const ZV_PARAMS = { start_date: '2026-03-02', end_date: '2026-03-03', zones: 201 };
const UNKNOWN_KEY = 'NOTAKEY'.padEnd(22, '0');

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ now: NOW, rateLimit: false });
});

afterAll(async () => {
	await sim.close();
});

afterEach(() => {
	sim.faults.clear();
	sim.log.clear();
});

function crossingBody() {
	return {
		deviceUuids: [sim.fixtures.rhombus.cameras[0].uuid],
		startTimeMs: NOW - DAY_MS,
		endTimeMs: NOW,
	};
}

async function control(method: string, path: string, body?: unknown) {
	const res = await fetch(`${sim.url}/__sim/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as unknown };
}

describe('Rhombus authentication', () => {
	const challenge =
		'Bearer resource_metadata="https://api2.rhombussystems.com/.well-known/oauth-protected-resource"';

	it('answers 401 without a key or with an unknown key', async () => {
		for (const headers of [
			{ 'content-type': 'application/json', 'x-auth-scheme': 'api-token' },
			rhombusHeaders(sim, { 'x-auth-apikey': UNKNOWN_KEY }),
		]) {
			const res = await rhombus(sim, CAMERAS, {}, headers);
			expect(res.status).toBe(401);
			expect(res.json).toEqual({ authenticationFailed: true });
			expect(res.headers.get('www-authenticate')).toBe(challenge);
		}
	});

	type Rh = Simulator['fixtures']['rhombus'];
	it.each([
		['a wrong scheme', () => ({ 'x-auth-scheme': 'partner-api-token' })],
		['a missing scheme', () => ({ 'x-auth-scheme': '' })],
		[
			'a partner key without x-auth-org',
			(f: Rh) => ({ 'x-auth-apikey': f.partnerApiKey, 'x-auth-scheme': 'partner-api-token' }),
		],
		[
			'a partner key with a wrong x-auth-org',
			(f: Rh) => ({
				'x-auth-apikey': f.partnerApiKey,
				'x-auth-scheme': 'partner-api-token',
				'x-auth-org': f.orgUuid,
			}),
		],
		[
			'a partner key with the plain scheme',
			(f: Rh) => ({ 'x-auth-apikey': f.partnerApiKey, 'x-auth-org': f.partnerOrgUuid }),
		],
	])('answers 403 for %s', async (_name, overrides: (f: Rh) => Record<string, string>) => {
		const res = await rhombus(
			sim,
			CAMERAS,
			{},
			rhombusHeaders(sim, overrides(sim.fixtures.rhombus)),
		);
		expect(res.status).toBe(403);
		expect(res.json).toEqual({
			status: 403,
			error: 'Forbidden',
			timestamp: expect.any(Number),
			msg: 'Access Denied',
		});
	});

	it('lets the partner key see the same data with the client org header', async () => {
		const f = sim.fixtures.rhombus;
		const partner = rhombusHeaders(sim, {
			'x-auth-apikey': f.partnerApiKey,
			'x-auth-scheme': 'partner-api-token',
			'x-auth-org': f.partnerOrgUuid,
		});
		const a = await rhombus(sim, CROSSING, crossingBody(), partner);
		const b = await rhombus(sim, CROSSING, crossingBody());
		expect(a.status).toBe(200);
		expect(a.text).toBe(b.text);
	});

	it('denies reports and video to the limited role but allows lists', async () => {
		const limited = rhombusHeaders(sim, { 'x-auth-apikey': sim.fixtures.rhombus.limitedApiKey });
		expect((await rhombus(sim, CAMERAS, {}, limited)).status).toBe(200);
		expect((await rhombus(sim, '/api/location/getLocations', {}, limited)).status).toBe(200);
		const report = await rhombus(sim, CROSSING, crossingBody(), limited);
		expect(report.status).toBe(403);
		expect(report.json).toMatchObject({ msg: 'Access Denied' });
		const frame = await rhombus(sim, '/api/video/getExactFrameData', {}, limited);
		expect(frame.status).toBe(403);
	});
});

describe('Indivd authentication', () => {
	it.each([
		['no header', null],
		['an unknown token', 'nottherighttoken'],
	])('answers 401 with an empty body for %s', async (_name, token) => {
		const res = await indivd(sim, '/filters/locations', {}, token);
		expect(res.status).toBe(401);
		expect(res.text).toBe('');
		expect(res.headers.get('www-authenticate')).toBe('Token');
	});

	it.each([(t: string) => `Bearer ${t}`, () => 'Token', (t: string) => t])(
		'answers 401 to a malformed header (%#)',
		async (header) => {
			const authorization = header(sim.fixtures.indivd.token);
			const res = await fetch(`${sim.url}/filters/locations`, { headers: { authorization } });
			expect(res.status).toBe(401);
			expect(await res.text()).toBe('');
		},
	);
});

describe('rate limits', () => {
	let limited: Simulator;
	const retryAfter = (headers: Headers) => Number(headers.get('retry-after'));

	beforeAll(async () => {
		// A slow refill keeps the test independent of machine speed: Retry-After = ceil(20 s - elapsed).
		limited = await startSimulator({ now: NOW, rateLimit: { ratePerSec: 0.05, burst: 2 } });
	});

	afterAll(async () => {
		await limited.close();
	});

	it('throttles Rhombus per key with the documented text/plain 429', async () => {
		for (let i = 0; i < 3; i++) {
			const bad = await rhombus(
				limited,
				CAMERAS,
				{},
				rhombusHeaders(limited, { 'x-auth-apikey': UNKNOWN_KEY }),
			);
			expect(bad.status).toBe(401);
		}
		expect((await rhombus(limited, CAMERAS)).status).toBe(200);
		expect((await rhombus(limited, CAMERAS)).status).toBe(200);
		const res = await rhombus(limited, CAMERAS);
		expect(res.status).toBe(429);
		expect(res.headers.get('content-type')).toBe('text/plain');
		expect(res.text).toBe('Too many api requests. Enhance your calm.');
		expect(retryAfter(res.headers)).toBeGreaterThanOrEqual(18);
		expect(retryAfter(res.headers)).toBeLessThanOrEqual(20);
		const f = limited.fixtures.rhombus;
		const partner = rhombusHeaders(limited, {
			'x-auth-apikey': f.partnerApiKey,
			'x-auth-scheme': 'partner-api-token',
			'x-auth-org': f.partnerOrgUuid,
		});
		expect((await rhombus(limited, CAMERAS, {}, partner)).status).toBe(200);
	});

	it('throttles Indivd the Django REST framework way', async () => {
		expect((await indivd(limited, '/filters/zones')).status).toBe(200);
		expect((await indivd(limited, '/filters/zones')).status).toBe(200);
		const res = await indivd(limited, '/filters/zones');
		expect(res.status).toBe(429);
		const seconds = retryAfter(res.headers);
		expect(seconds).toBeGreaterThanOrEqual(18);
		expect(res.json).toEqual({
			detail: `Request was throttled. Expected available in ${seconds} seconds.`,
		});
	});

	it('can be reconfigured or switched off', async () => {
		limited.config.setRateLimit(false);
		for (let i = 0; i < 5; i++) expect((await rhombus(limited, CAMERAS)).status).toBe(200);
		limited.config.setRateLimit({ ratePerSec: 0.1, burst: 1 });
		expect((await rhombus(limited, CAMERAS)).status).toBe(200);
		const res = await rhombus(limited, CAMERAS);
		expect(retryAfter(res.headers)).toBeGreaterThanOrEqual(9);
		expect(retryAfter(res.headers)).toBeLessThanOrEqual(10);
	});
});

describe('faults', () => {
	it('answers status faults and counts down times', async () => {
		sim.faults.add({ vendor: 'rhombus', path: CROSSING, kind: 'status', status: 503, times: 2 });
		const first = await rhombus(sim, CROSSING, crossingBody());
		expect(first.status).toBe(503);
		expect(first.json).toMatchObject({ status: 503, error: 'Service Unavailable' });
		expect(sim.faults.list()).toEqual([expect.objectContaining({ kind: 'status', times: 1 })]);
		expect((await rhombus(sim, CROSSING, crossingBody())).status).toBe(503);
		expect((await rhombus(sim, CROSSING, crossingBody())).status).toBe(200);
		expect(sim.faults.list()).toEqual([]);
		sim.faults.add({ vendor: 'indivd', kind: 'status' });
		const ind = await indivd(sim, '/filters/zones');
		expect(ind.status).toBe(500);
		expect(ind.text).toBe('');
	});

	it('matches by vendor and path substring, only after authentication', async () => {
		sim.faults.add({ vendor: 'indivd', path: 'zone_visitors', kind: 'status', times: Infinity });
		expect((await rhombus(sim, CAMERAS)).status).toBe(200);
		expect((await indivd(sim, '/filters/zones')).status).toBe(200);
		expect((await indivd(sim, ZONE_VISITORS, ZV_PARAMS, null)).status).toBe(401);
		for (let i = 0; i < 3; i++)
			expect((await indivd(sim, ZONE_VISITORS, ZV_PARAMS)).status).toBe(500);
		expect(sim.faults.list()[0].times).toBe(Infinity);
	});

	it('imitates the vendor throttles', async () => {
		sim.faults.add({ vendor: 'rhombus', kind: 'rateLimit', retryAfterSec: 7 });
		sim.faults.add({ vendor: 'indivd', kind: 'rateLimit' });
		const r = await rhombus(sim, CAMERAS);
		expect([r.status, r.headers.get('retry-after'), r.text]).toEqual([
			429,
			'7',
			'Too many api requests. Enhance your calm.',
		]);
		const i = await indivd(sim, '/filters/zones');
		expect([i.status, i.headers.get('retry-after')]).toEqual([429, '1']);
		expect(i.json).toEqual({ detail: 'Request was throttled. Expected available in 1 second.' });
	});

	it('holds the socket on timeout until the client gives up', async () => {
		sim.faults.add({ kind: 'timeout' });
		await expect(
			fetch(`${sim.url}${CAMERAS}`, {
				method: 'POST',
				headers: rhombusHeaders(sim),
				body: '{}',
				signal: AbortSignal.timeout(300),
			}),
		).rejects.toThrow();
		const [entry] = sim.log.entries();
		expect(entry).toMatchObject({ status: 0, fault: 'timeout' });
		expect((await rhombus(sim, CAMERAS)).status).toBe(200);
	});

	it('sends malformed JSON', async () => {
		sim.faults.add({ kind: 'malformedJson', path: '/api/report/' });
		const res = await rhombus(sim, CROSSING, crossingBody());
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(() => JSON.parse(res.text)).toThrow();
		expect(res.text.startsWith('{"crossingCounts":[')).toBe(true);
	});

	it('answers in-band errors', async () => {
		sim.faults.add({ kind: 'inBandError', errorMsg: 'Report service unavailable' });
		const res = await rhombus(sim, CROSSING, crossingBody());
		expect([res.status, res.json]).toEqual([
			200,
			{ error: true, errorMsg: 'Report service unavailable' },
		]);
	});

	it('answers wrong types under the right keys', async () => {
		sim.faults.add({ kind: 'schema', vendor: 'rhombus' });
		const r = await rhombus<Record<string, Record<string, Record<string, unknown>>>>(
			sim,
			CROSSING,
			crossingBody(),
		);
		expect(r.status).toBe(200);
		expect(Array.isArray(r.json.crossingCounts)).toBe(false);
		expect(typeof r.json.crossingCounts['0'].timestampMs).toBe('string');
		expect(typeof r.json.crossingCounts['0'].ingressCount).toBe('string');
		sim.faults.add({ kind: 'schema', vendor: 'indivd' });
		const z = await indivd<{ current: { insights: Record<string, { visits: unknown }> } }>(
			sim,
			ZONE_VISITORS,
			ZV_PARAMS,
		);
		expect(Object.keys(z.json).sort()).toEqual(['comparison', 'current']);
		expect(Array.isArray(z.json.current.insights)).toBe(false);
		expect(typeof z.json.current.insights['0'].visits).toBe('string');
	});

	it('answers an HTML gateway error page', async () => {
		sim.faults.add({ kind: 'html' });
		const res = await indivd(sim, '/filters/zones');
		expect(res.status).toBe(502);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(res.text).toContain('502 Bad Gateway');
	});

	it('redirects to /elsewhere, which is a login page', async () => {
		sim.faults.add({ kind: 'redirect', times: 2 });
		const manual = await fetch(`${sim.url}${CAMERAS}`, {
			method: 'POST',
			headers: rhombusHeaders(sim),
			body: '{}',
			redirect: 'manual',
		});
		expect(manual.status).toBe(302);
		expect(manual.headers.get('location')).toBe('/elsewhere');
		const followed = await rhombus(sim, CAMERAS);
		expect(followed.status).toBe(200);
		expect(followed.headers.get('content-type')).toBe('text/html');
		expect(followed.json).toBeUndefined();
	});

	it('sends a huge but valid body', async () => {
		sim.faults.add({ kind: 'huge', vendor: 'indivd' });
		const res = await fetch(`${sim.url}${LINE_CROSSES}?start_date=2026-03-01&end_date=2026-03-01`, {
			headers: { authorization: `Token ${sim.fixtures.indivd.token}` },
		});
		expect(Number(res.headers.get('content-length'))).toBeGreaterThan(45e6);
		const text = await res.text();
		expect(text.length).toBe(Number(res.headers.get('content-length')));
		const rows = JSON.parse(text) as unknown[];
		expect(rows.length).toBeGreaterThan(500000);
	});

	it('truncates the body below its Content-Length', async () => {
		sim.faults.add({ kind: 'truncated' });
		const res = await fetch(`${sim.url}${CROSSING}`, {
			method: 'POST',
			headers: rhombusHeaders(sim),
			body: JSON.stringify(crossingBody()),
		});
		expect(res.status).toBe(200);
		await expect(res.text()).rejects.toThrow();
	});

	it('resets the connection', async () => {
		sim.faults.add({ kind: 'reset', vendor: 'indivd' });
		await expect(
			fetch(`${sim.url}/filters/zones`, {
				headers: { authorization: `Token ${sim.fixtures.indivd.token}` },
			}),
		).rejects.toThrow();
		expect(sim.log.entries()[0]).toMatchObject({ status: 0, fault: 'reset' });
		expect((await indivd(sim, '/filters/zones')).status).toBe(200);
	});

	it('rejects unknown fault kinds', () => {
		expect(() => sim.faults.add({ kind: 'gremlins' } as unknown as Fault)).toThrow(
			/unknown fault kind/,
		);
	});
});

describe('request log', () => {
	it('records vendor, method, path, query, headers, body and status', async () => {
		await rhombus(sim, `${CAMERAS}?trace=1`, { includeMummified: false });
		await indivd(sim, ZONE_VISITORS, ZV_PARAMS);
		await indivd(sim, '/filters/zones', {}, null);
		await fetch(`${sim.url}/somewhere`);
		await control('GET', 'health');
		const entries: LogEntry[] = sim.log.entries();
		expect(entries).toHaveLength(4);
		expect(entries[0]).toMatchObject({
			vendor: 'rhombus',
			method: 'POST',
			path: CAMERAS,
			query: { trace: '1' },
			body: { includeMummified: false },
			status: 200,
			at: NOW,
		});
		expect(entries[0].headers['x-auth-apikey']).toBe(sim.fixtures.rhombus.apiKey);
		expect(entries[0].headers['content-type']).toBe('application/json');
		expect(entries[1]).toMatchObject({
			vendor: 'indivd',
			method: 'GET',
			query: { start_date: '2026-03-02', end_date: '2026-03-03', zones: '201' },
			body: null,
			status: 200,
		});
		expect(entries[1].headers.authorization).toBe(`Token ${sim.fixtures.indivd.token}`);
		expect(entries[2]).toMatchObject({ vendor: 'indivd', status: 401 });
		expect(entries[3]).toMatchObject({ vendor: 'unknown', status: 404 });
		const overHttp = await control('GET', 'log');
		expect(overHttp.json).toEqual(JSON.parse(JSON.stringify(entries)));
		await control('DELETE', 'log');
		expect(sim.log.entries()).toEqual([]);
	});

	it('keeps raw text bodies that are not JSON', async () => {
		await rhombus(sim, CAMERAS, 'not json');
		expect(sim.log.entries()[0]).toMatchObject({ body: 'not json', status: 400 });
	});
});

describe('control API', () => {
	it('reports health and fixtures', async () => {
		expect((await control('GET', 'health')).json).toMatchObject({
			ok: true,
			now: NOW,
			seed: 42,
			cameras: 6,
		});
		expect((await control('GET', 'fixtures')).json).toEqual(
			JSON.parse(JSON.stringify(sim.fixtures)),
		);
	});

	it('adds, lists and clears faults', async () => {
		const added = await control('POST', 'faults', {
			vendor: 'rhombus',
			kind: 'status',
			status: 504,
			times: 'Infinity',
		});
		expect(added.status).toBe(201);
		expect((await rhombus(sim, CAMERAS)).status).toBe(504);
		expect((await control('GET', 'faults')).json).toEqual([
			{ vendor: 'rhombus', kind: 'status', status: 504, times: 'Infinity' },
		]);
		expect((await control('POST', 'faults', { kind: 'nope' })).status).toBe(400);
		await control('DELETE', 'faults');
		expect((await rhombus(sim, CAMERAS)).status).toBe(200);
	});

	it('sets the clock and the response shapes', async () => {
		const later = NOW + 3 * HOUR_MS;
		expect((await control('POST', 'now', { now: later })).json).toMatchObject({ now: later });
		expect(sim.now()).toBe(later);
		await control('POST', 'now', { now: null });
		expect(sim.now()).toBe(NOW);
		const cfg = await control('POST', 'config', { crossingShape: 'map', locationsShape: 'array' });
		expect(cfg.json).toMatchObject({
			crossingShape: 'map',
			locationsShape: 'array',
			rateLimit: false,
		});
		const r = await rhombus<CrossingReport>(sim, CROSSING, crossingBody());
		expect(Object.keys(r.json.deviceCrossingCounts ?? {})).toEqual(crossingBody().deviceUuids);
		expect(Array.isArray((await indivd(sim, '/filters/locations')).json)).toBe(true);
		expect((await control('POST', 'config', { crossingShape: 'triangle' })).status).toBe(400);
		await control('POST', 'config', { crossingShape: 'array', locationsShape: 'idMap' });
	});
});

describe('determinism and scale', () => {
	const requests: Array<(s: Simulator) => Promise<string>> = [
		async (s) =>
			(await rhombus(s, CROSSING, { ...crossingBody(), bucketSize: 'QUARTER_HOUR' })).text,
		async (s) =>
			(
				await rhombus(s, '/api/report/getOccupancyCountsV2', {
					deviceUuid: s.fixtures.rhombus.cameras[3].uuid,
					startTimeMs: NOW - DAY_MS,
					endTimeMs: NOW,
					interval: 'QUARTERHOURLY',
				})
			).text,
		async (s) =>
			(
				await rhombus(s, '/api/video/getExactFrameData', {
					cameraUuid: s.fixtures.rhombus.cameras[2].uuid,
					timestampMs: NOW - HOUR_MS,
				})
			).text,
		async (s) => (await rhombus(s, '/api/event/getClipsWithProgress', { pageSize: 50 })).text,
		async (s) =>
			(
				await indivd(s, LINE_CROSSES, {
					start_date: '2026-03-01',
					end_date: '2026-03-03',
					aggregate_by: 'minute',
				})
			).text,
		async (s) =>
			(await indivd(s, ZONE_VISITORS, { start_date: '2026-01-01', end_date: '2026-03-30' })).text,
		async (s) =>
			(await indivd(s, DROP_IN_RATE, { start_date: '2026-03-01', end_date: '2026-03-30' })).text,
	];

	it('answers byte-identical data for the same seed and clock, and different data for another seed', async () => {
		const again = await startSimulator({ now: NOW, rateLimit: false, seed: 42 });
		const other = await startSimulator({ now: NOW, rateLimit: false, seed: 7 });
		try {
			for (const request of requests) {
				const a = await request(sim);
				expect(a.length).toBeGreaterThan(100);
				expect(await request(again)).toBe(a);
			}
			expect(await requests[0](other)).not.toBe(await requests[0](sim));
			expect(await requests[5](other)).not.toBe(await requests[5](sim));
		} finally {
			await again.close();
			await other.close();
		}
	});

	it('serves 50 cameras and a year of hourly buckets for all of them quickly', async () => {
		const big = await startSimulator({ now: NOW, rateLimit: false, cameras: 50 });
		try {
			const list = await rhombus<{ cameraStates: Array<{ uuid: string }> }>(big, CAMERAS);
			expect(list.json.cameraStates).toHaveLength(50);
			const started = Date.now();
			const res = await rhombus<CrossingReport>(big, CROSSING, {
				deviceUuids: list.json.cameraStates.map((c) => c.uuid),
				startTimeMs: NOW - 365 * DAY_MS,
				endTimeMs: NOW,
				timeZone: 'Europe/Berlin',
			});
			expect(Date.now() - started).toBeLessThan(3000);
			expect(res.json.crossingCounts?.length).toBeGreaterThan(8700);
		} finally {
			await big.close();
		}
	});

	it('releases held sockets on close', async () => {
		const s = await startSimulator({ now: NOW });
		s.faults.add({ kind: 'timeout' });
		const pending = fetch(`${s.url}${CAMERAS}`, {
			method: 'POST',
			headers: rhombusHeaders(s),
			body: '{}',
		});
		const failed = expect(pending).rejects.toThrow();
		while (s.log.entries().length === 0) await fetch(`${s.url}/__sim/health`);
		await s.close();
		await failed;
	});

	it('only binds to loopback', async () => {
		await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
	});
});

describe('typed zone visitors (compile-time check of the declarations)', () => {
	it('exposes the config getter', async () => {
		const cfg = sim.config.get();
		expect(cfg).toEqual({
			crossingShape: 'array',
			locationsShape: 'idMap',
			rangeLimits: true,
			clipVisibleAfterMs: 0,
			capabilityEndpoints: true,
			rhombusConventions: { calendar: 'asked', stamp: 'start', weekStart: 'monday', dates: 'all' },
			rateLimit: false,
		});
		const z = await indivd<ZoneVisitors>(sim, ZONE_VISITORS, ZV_PARAMS);
		expect(z.json.current.insights.length).toBeGreaterThan(0);
	});
});
